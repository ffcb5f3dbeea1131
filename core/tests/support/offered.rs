//! Whether the names of a front door's operations exist in each language: the committed C header,
//! the Python stubs and the generated Kotlin. Included (`#[path]`) by core/tests/front_door.rs and
//! fhir/tests/front_door.rs; both crates sit one level below the repository root.

use std::path::PathBuf;

use wijknet::api::{Offer, Operation};

fn repo(path: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("..").join(path)
}

fn read(path: &str) -> String {
    std::fs::read_to_string(repo(path)).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// Checks that the README holds `table` between the line `begin` and the next
/// `<!-- end of front-door table -->`; with `WIJKNET_BLESS` set, writes it there instead.
pub fn readme_table(begin: &str, table: &str) {
    const END: &str = "<!-- end of front-door table -->";
    let readme = read("README.md");
    let start = readme.find(begin).expect("the README has the table's begin marker") + begin.len();
    let end = readme[start..].find(END).expect("the table's end marker") + start;
    if readme[start..end] != *table {
        if std::env::var_os("WIJKNET_BLESS").is_some() {
            let updated = format!("{}{table}{}", &readme[..start], &readme[end..]);
            std::fs::write(repo("README.md"), updated).expect("README written");
        } else {
            panic!("README.md's concept table after `{}` is stale: rerun its test with WIJKNET_BLESS=1", begin.trim());
        }
    }
}

fn names(o: Offer) -> Vec<&'static str> {
    match o {
        Offer::Named(n) => n.split(", ").collect(),
        Offer::Absent(why) => {
            assert!(why.len() > 20, "an absent operation needs a reason, not `{why}`");
            Vec::new()
        }
    }
}

/// The body of `class <name>` in a Python stub: from its line to the next top-level line.
fn python_class<'a>(stub: &'a str, class: &str) -> Option<&'a str> {
    let start = stub.find(&format!("\nclass {class}:"))? + 1;
    let rest = &stub[start..];
    let end = rest[1..].find("\nclass ").or_else(|| rest[1..].find("\ndef ")).map_or(rest.len(), |i| i + 1);
    Some(&rest[..end])
}

/// Every name of `operations` that its language does not offer, as `Language `name` (concept)`.
pub fn missing(operations: &[Operation]) -> Vec<String> {
    let header = read("include/wijknet.h");
    let stub = read("bindings/python/python/wijknet/_native.pyi");
    let kotlin = read("bindings/uniffi/kotlin/src/main/kotlin/nl/wijknet/wijknet_uniffi.kt");
    let mut missing = Vec::new();
    for o in operations {
        for c in names(o.c) {
            if !(header.contains(&format!(" {c}(")) || header.contains(&format!("#define {c} "))) {
                missing.push(format!("C `{c}` ({})", o.concept));
            }
        }
        for p in names(o.python) {
            let found = match p.split_once('.') {
                Some((class, method)) => {
                    python_class(&stub, class).is_some_and(|body| body.contains(&format!(" def {method}(")))
                }
                None => stub.contains(&format!("\ndef {p}(")),
            };
            if !found {
                missing.push(format!("Python `{p}` ({})", o.concept));
            }
        }
        for k in names(o.kotlin) {
            let (class, fun) = k.split_once('.').map_or((None, k), |(c, f)| (Some(c), f));
            let class_ok = class.is_none_or(|c| kotlin.contains(&format!("class {c}")));
            if !(class_ok && kotlin.contains(&format!("fun `{fun}`("))) {
                missing.push(format!("Kotlin `{k}` ({})", o.concept));
            }
        }
    }
    missing
}
