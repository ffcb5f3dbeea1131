//! Reading conformance vectors and comparing results with their patterns (see
//! `tests/vectors/README.md`).

use std::path::{Path, PathBuf};

use serde_json::Value;

/// The `tests/vectors` folder of the repository.
pub fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/vectors")
}

/// Every `*.json` case of a vectors subfolder, sorted by name.
pub fn cases(folder: &str) -> Vec<(String, Value)> {
    let dir = root().join(folder);
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .collect();
    files.sort();
    files
        .into_iter()
        .map(|p| {
            let text = std::fs::read_to_string(&p).unwrap();
            let v: Value = serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", p.display()));
            (p.file_name().unwrap().to_string_lossy().into_owned(), v)
        })
        .collect()
}

/// Whether `actual` matches the pattern `expected`; the error names the first mismatching path.
pub fn matches(expected: &Value, actual: &Value, path: &str) -> Result<(), String> {
    match (expected, actual) {
        (Value::Object(e), Value::Object(a)) => {
            for (k, ev) in e {
                let av = a.get(k).ok_or_else(|| format!("{path}.{k}: missing in actual"))?;
                matches(ev, av, &format!("{path}.{k}"))?;
            }
            Ok(())
        }
        (Value::Array(e), Value::Array(a)) => {
            if e.len() != a.len() {
                return Err(format!("{path}: expected {} elements, got {}: {}", e.len(), a.len(), actual));
            }
            e.iter().zip(a).enumerate().try_for_each(|(i, (ev, av))| matches(ev, av, &format!("{path}[{i}]")))
        }
        (Value::Number(e), Value::Number(a)) if e.as_f64() == a.as_f64() => Ok(()),
        (e, a) if e == a => Ok(()),
        (e, a) => Err(format!("{path}: expected {e}, got {a}")),
    }
}

/// The JSON form of an error, as vectors state it.
pub fn error_json(e: &wijknet::Error) -> Value {
    serde_json::json!({"code": e.code(), "message": e.to_string(), "problems": e.problems()})
}

#[test]
fn pattern_rules() {
    use serde_json::json;
    assert!(matches(&json!({"a": 1}), &json!({"a": 1.0, "b": 2}), "$").is_ok());
    assert!(matches(&json!({"a": [1, 2]}), &json!({"a": [1]}), "$").is_err());
    assert!(matches(&json!({"c": null}), &json!({}), "$").is_err());
    assert!(matches(&json!([{"x": "y"}]), &json!([{"x": "y", "z": 0}]), "$").is_ok());
    assert!(matches(&json!("a"), &json!("b"), "$").is_err());
}
