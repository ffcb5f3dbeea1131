//! Reading documents from files or stdin and loading them with the core, behind a progress bar
//! when someone watches (the national registry is 12 MB and takes a moment to index).

use std::io::Read;
use std::path::PathBuf;

use wijknet::Registry;
use wijknet::agreements::Agreements;
use wijknet::consent::ConsentStore;
use wijknet::limits::MAX_DOCUMENT_BYTES;

use crate::exit::Failure;
use crate::ui::Ui;

/// Files are read in steps of this size so the bar can move.
const CHUNK: usize = 1 << 20;

/// The bytes of a file, or of stdin for `-`. At most one byte more than the core accepts is
/// read, so a huge file costs no more memory than that and the core still refuses it with its
/// own size message.
pub fn bytes(ui: &Ui, path: &PathBuf, what: &str) -> Result<Vec<u8>, Failure> {
    let limit = MAX_DOCUMENT_BYTES as u64 + 1;
    let io = |error| Failure::Io { path: path.display().to_string(), error };
    if path.as_os_str() == "-" {
        let mut buf = Vec::new();
        std::io::stdin().lock().take(limit).read_to_end(&mut buf).map_err(io)?;
        return Ok(buf);
    }
    let file = std::fs::File::open(path).map_err(io)?;
    let len = file.metadata().map_err(io)?.len().min(limit);
    let bar = ui.byte_bar(len, &format!("reading {what}"));
    let mut reader = file.take(limit);
    let mut buf = Vec::with_capacity(len as usize);
    let mut chunk = vec![0u8; CHUNK];
    loop {
        let n = match reader.read(&mut chunk) {
            Ok(0) => break,
            Ok(n) => n,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(io(e)),
        };
        buf.extend_from_slice(&chunk[..n]);
        bar.inc(n as u64);
    }
    bar.finish_and_clear();
    Ok(buf)
}

/// Runs one core call behind a spinner.
pub fn with_spinner<T>(ui: &Ui, what: &str, f: impl FnOnce() -> T) -> T {
    let spinner = ui.spinner(what);
    let out = f();
    spinner.finish_and_clear();
    out
}

/// A registry document (`wijknet.registry/v1`).
pub fn registry(ui: &Ui, path: &PathBuf) -> Result<Registry, Failure> {
    let bytes = bytes(ui, path, "registry")?;
    Ok(with_spinner(ui, "loading registry", || Registry::from_json(&bytes))?)
}

/// An agreements document (`wijknet.agreements/v1`), checked against its registry.
pub fn agreements(ui: &Ui, path: &PathBuf, registry: &Registry) -> Result<Agreements, Failure> {
    let bytes = bytes(ui, path, "agreements")?;
    Ok(with_spinner(ui, "loading agreements", || Agreements::from_json(&bytes, registry))?)
}

/// A consent store document (`wijknet.consent/v1`).
pub fn consent_store(ui: &Ui, path: &PathBuf) -> Result<ConsentStore, Failure> {
    let bytes = bytes(ui, path, "consent store")?;
    Ok(with_spinner(ui, "loading consent store", || ConsentStore::from_json(&bytes))?)
}

/// Refuses two inputs that both read stdin: the second would get nothing.
pub fn one_stdin(paths: &[Option<&PathBuf>]) -> Result<(), Failure> {
    let n = paths.iter().flatten().filter(|p| p.as_os_str() == "-").count();
    if n > 1 {
        return Err(Failure::Usage("only one input can be read from stdin (`-`)".into()));
    }
    Ok(())
}

/// The registry and the agreements a question about the agreements needs (`check`, `on-call`,
/// `may-assess`): one declaration of the two options and one way to load them.
#[derive(Debug, clap::Args)]
pub struct AgreementDocs {
    /// The registry document.
    #[arg(long, value_name = "FILE")]
    pub registry: PathBuf,
    /// The agreements document (wijknet.agreements/v1).
    #[arg(long, value_name = "FILE")]
    pub agreements: PathBuf,
}

impl AgreementDocs {
    /// Both documents, the agreements checked against the registry.
    pub fn load(&self, ui: &Ui) -> Result<(Registry, Agreements), Failure> {
        one_stdin(&[Some(&self.registry), Some(&self.agreements)])?;
        let registry = registry(ui, &self.registry)?;
        let agreements = agreements(ui, &self.agreements, &registry)?;
        Ok((registry, agreements))
    }
}
