//! Running the built `wijknet` binary; the vectors and their pattern rule come from the core's
//! test support.
#![allow(dead_code)]

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};

use serde_json::Value;

// The core's vector reading and pattern rule (tests/vectors/README.md), not a copy of them.
#[path = "../../../core/tests/support/vectors.rs"]
mod vectors;
#[allow(unused_imports)] // each test binary uses its part
pub use vectors::{cases, matches};

/// The repository root: the tool is run there, as the README's snippets are.
pub fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

/// What one run printed and how it ended.
#[derive(Debug)]
pub struct Run {
    /// The exit code (`None`: killed by a signal, which a test never expects).
    pub code: Option<i32>,
    pub stdout: String,
    pub stderr: String,
}

impl Run {
    /// stdout as JSON.
    pub fn json(&self) -> Value {
        serde_json::from_str(&self.stdout).unwrap_or_else(|e| panic!("stdout is not JSON ({e}): {self:?}"))
    }
}

/// Runs `wijknet ARGS` in the repository root, with `stdin` as its standard input.
pub fn wijknet_with(args: &[&str], stdin: &[u8]) -> Run {
    let mut child = Command::new(env!("CARGO_BIN_EXE_wijknet"))
        .args(args)
        .current_dir(root())
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the binary runs");
    let mut input = child.stdin.take().expect("piped");
    // The tool may exit before reading everything (a usage error): a broken pipe is fine.
    let _ = input.write_all(stdin);
    drop(input);
    let out = child.wait_with_output().expect("the binary ends");
    Run {
        code: out.status.code(),
        stdout: String::from_utf8(out.stdout).expect("UTF-8 stdout"),
        stderr: String::from_utf8(out.stderr).expect("UTF-8 stderr"),
    }
}

/// Runs `wijknet ARGS` with empty stdin.
pub fn wijknet(args: &[&str]) -> Run {
    wijknet_with(args, b"")
}

/// Writes `value` (a JSON value, or raw bytes for a string when `raw`) to a fresh file in the
/// test's scratch directory and gives its path.
pub fn scratch(name: &str, contents: &[u8]) -> String {
    static N: AtomicUsize = AtomicUsize::new(0);
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!("wijknet-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(format!("{}-{name}", N.fetch_add(1, Ordering::Relaxed)));
    std::fs::write(&path, contents).unwrap();
    path.to_str().unwrap().to_owned()
}

/// A JSON value in a scratch file.
pub fn scratch_json(name: &str, value: &Value) -> String {
    scratch(name, value.to_string().as_bytes())
}

/// The exit code of a core error code: its C number (the `--help` table).
pub fn exit_code_of(code: &str) -> i32 {
    wijknet::error::error_code(code).map(|c| c.number as i32).expect("a known code")
}
