//! Python values to and from the core's JSON shapes, dates and instants.
//!
//! A Python dict handed to the binding is a JSON document written as Python values: it is turned
//! into a `serde_json::Value` (tracking the path of every value so a value JSON cannot hold is
//! reported where it is) and then written out and read by the core's own strict reader, so a dict
//! and the same JSON text give the same answer and the same errors.
//!
//! Paths are `$`-rooted as the core's (`$.care_types[0]`; a call's parameter is `$.now`), and no
//! message repeats a value: it says what was expected and names at most the Python type found. A
//! dict key is shown in a path only as the core shows map keys ([`crate::redact::member_path`]).

use std::path::PathBuf;

use chrono::{DateTime, NaiveDate, Utc};
use pyo3::exceptions::{PyFileNotFoundError, PyOSError, PyTypeError};
use pyo3::prelude::*;
use pyo3::types::{
    PyBool, PyByteArray, PyBytes, PyDate, PyDateTime, PyDict, PyFloat, PyInt, PyList, PyMapping, PyString, PyTuple,
};
use serde_json::{Map, Number, Value};

use crate::errors::{IntoPy, invalid, json};
use crate::redact::{item_path, member_path, param_path};

/// The name of a value's Python type, for messages that say what was found (never the value).
fn type_name(obj: &Bound<'_, PyAny>) -> String {
    obj.get_type().name().map(|n| n.to_string()).unwrap_or_default()
}

/// Why a Python text cannot become JSON text (it holds a lone surrogate), without the text.
const NOT_UTF8: &str = "expected text that UTF-8 can encode, found a str with a lone surrogate";

/// The text of a Python str argument. A str UTF-8 cannot encode is a `JsonError` at `path`
/// rather than Python's `UnicodeEncodeError`, whose `object` (and so its `repr`) holds the whole
/// text.
pub fn str_text<'a>(
    s: &'a Bound<'_, PyString>,
    document: &'static str,
    path: &str,
) -> Result<std::borrow::Cow<'a, str>, wijknet::Error> {
    s.to_cow().map_err(|_| json(document, path, NOT_UTF8))
}

/// The RFC 3339 text of an aware datetime; a naive one is refused with a clear reason. The
/// reasons never carry the datetime, nor what its `tzinfo` raised.
fn aware_datetime_text(dt: &Bound<'_, PyAny>) -> Result<String, String> {
    let failed = |_| "expected a timezone-aware datetime whose `utcoffset()` and `isoformat()` work".to_owned();
    let offset = dt.call_method0("utcoffset").map_err(failed)?;
    if offset.is_none() {
        return Err("expected a timezone-aware datetime, found a naive datetime (no tzinfo): give e.g. \
                    `datetime(..., tzinfo=timezone.utc)` or `ZoneInfo(\"Europe/Amsterdam\")`"
            .to_owned());
    }
    let text: String = dt.call_method0("isoformat").and_then(|t| t.extract()).map_err(failed)?;
    Ok(text)
}

/// Deepest nesting accepted, as serde_json's parser: it also stops a dict that contains itself
/// from recursing until the stack overflows.
const MAX_DEPTH: usize = 128;

/// Converts Python values (dict, list, tuple, str, int, float, bool, None, date, aware datetime)
/// to a JSON value. Errors are the core's JSON errors for `document`, with the `$`-rooted path
/// of the value (`path` is where `obj` is: `$` for a document, `$.name` for a parameter).
pub fn to_value(obj: &Bound<'_, PyAny>, document: &'static str, path: &str) -> Result<Value, wijknet::Error> {
    to_value_at(obj, document, path, 0)
}

fn to_value_at(
    obj: &Bound<'_, PyAny>,
    document: &'static str,
    path: &str,
    depth: usize,
) -> Result<Value, wijknet::Error> {
    if depth > MAX_DEPTH {
        return Err(json(document, path, format!("nested more than {MAX_DEPTH} levels deep (or contains itself)")));
    }
    if let Ok(s) = obj.cast::<PyString>() {
        return s.to_cow().map(|s| Value::String(s.into_owned())).map_err(|_| json(document, path, NOT_UTF8));
    }
    if obj.is_none() {
        return Ok(Value::Null);
    }
    if let Ok(b) = obj.cast::<PyBool>() {
        return Ok(Value::Bool(b.is_true()));
    }
    if obj.is_instance_of::<PyInt>() {
        if let Ok(i) = obj.extract::<i64>() {
            return Ok(Value::Number(i.into()));
        }
        if let Ok(u) = obj.extract::<u64>() {
            return Ok(Value::Number(u.into()));
        }
        return Err(json(document, path, "number out of range: expected a whole number that fits in 64 bits"));
    }
    if let Ok(f) = obj.cast::<PyFloat>() {
        return Number::from_f64(f.value())
            .map(Value::Number)
            .ok_or_else(|| json(document, path, "expected a finite number, found NaN or an infinity"));
    }
    if let Ok(d) = obj.cast::<PyDict>() {
        let mut map = Map::with_capacity(d.len());
        for (k, v) in d.iter() {
            let Ok(k) = k.cast::<PyString>() else {
                return Err(json(document, path, format!("expected str keys, found a `{}` key", type_name(&k))));
            };
            let k = k.to_cow().map_err(|_| json(document, path, format!("{NOT_UTF8} as a key")))?;
            let child = member_path(path, &k);
            map.insert(k.into_owned(), to_value_at(&v, document, &child, depth + 1)?);
        }
        return Ok(Value::Object(map));
    }
    if obj.is_instance_of::<PyList>() || obj.is_instance_of::<PyTuple>() {
        let mut out = Vec::new();
        let unreadable = |_| json(document, path, "expected a list or tuple that can be iterated");
        for (i, item) in obj.try_iter().map_err(unreadable)?.enumerate() {
            let item = item.map_err(unreadable)?;
            out.push(to_value_at(&item, document, &item_path(path, i), depth + 1)?);
        }
        return Ok(Value::Array(out));
    }
    // datetime is a subclass of date: test it first.
    if obj.is_instance_of::<PyDateTime>() {
        return aware_datetime_text(obj).map(Value::String).map_err(|reason| json(document, path, reason));
    }
    if obj.is_instance_of::<PyDate>() {
        let text: String = obj
            .call_method0("isoformat")
            .and_then(|t| t.extract())
            .map_err(|_| json(document, path, "expected a date whose `isoformat()` works"))?;
        return Ok(Value::String(text));
    }
    if let Ok(m) = obj.cast::<PyMapping>() {
        // Other mappings (e.g. a MappingProxy or an OrderedDict subclass): copy into a dict.
        // What a broken mapping raises is not repeated: its message could quote anything.
        let unreadable = |_| json(document, path, "expected a mapping whose `items()` can be read");
        let d = PyDict::new(obj.py());
        for item in m.items().map_err(unreadable)?.iter() {
            let (k, v): (Bound<'_, PyAny>, Bound<'_, PyAny>) = item.extract().map_err(unreadable)?;
            d.set_item(k, v).map_err(unreadable)?;
        }
        return to_value_at(d.as_any(), document, path, depth);
    }
    Err(json(
        document,
        path,
        format!(
            "expected a JSON-like value (dict, list, str, int, float, bool, None, date, datetime), found a `{}`",
            type_name(obj)
        ),
    ))
}

/// Converts a JSON value to plain Python values (dict, list, str, int, float, bool, None).
pub fn from_value<'py>(py: Python<'py>, v: &Value) -> PyResult<Bound<'py, PyAny>> {
    Ok(match v {
        Value::Null => py.None().into_bound(py),
        Value::Bool(b) => PyBool::new(py, *b).to_owned().into_any(),
        Value::Number(n) => {
            if let Some(i) = n.as_i64() {
                i.into_pyobject(py)?.into_any()
            } else if let Some(u) = n.as_u64() {
                u.into_pyobject(py)?.into_any()
            } else {
                n.as_f64().unwrap_or(f64::NAN).into_pyobject(py)?.into_any()
            }
        }
        Value::String(s) => PyString::new(py, s).into_any(),
        Value::Array(a) => {
            let list = PyList::empty(py);
            for item in a {
                list.append(from_value(py, item)?)?;
            }
            list.into_any()
        }
        Value::Object(o) => {
            let d = PyDict::new(py);
            for (k, item) in o {
                d.set_item(k, from_value(py, item)?)?;
            }
            d.into_any()
        }
    })
}

/// A document handed over as a path (str or `os.PathLike` naming a file), JSON text (a str whose
/// first non-blank character is `{` or `[`), bytes, or a dict of Python values.
#[derive(Debug)]
pub enum Source {
    /// Bytes to parse (JSON text).
    Bytes(Vec<u8>),
    /// A file to read (with the GIL released).
    File(PathBuf),
}

impl Source {
    /// Classifies a `from_json` argument. A dict becomes JSON bytes (so the core parses it with
    /// its usual paths and messages).
    pub fn from_arg(obj: &Bound<'_, PyAny>, document: &'static str) -> PyResult<Self> {
        let py = obj.py();
        if let Ok(s) = obj.cast::<PyString>() {
            let text = str_text(s, document, "$").py_err(py)?;
            // `[` too: an array is no document, but the core says so, where a file name made of
            // the text would repeat it in a `FileNotFoundError`.
            return Ok(
                if text.trim_start_matches(|c: char| c.is_whitespace() || c == '\u{feff}').starts_with(['{', '[']) {
                    Source::Bytes(text.as_bytes().to_vec())
                } else {
                    Source::File(PathBuf::from(text.as_ref()))
                },
            );
        }
        if let Ok(b) = obj.cast::<PyBytes>() {
            return Ok(Source::Bytes(b.as_bytes().to_vec()));
        }
        if let Ok(b) = obj.cast::<PyByteArray>() {
            return Ok(Source::Bytes(b.to_vec()));
        }
        if obj.is_instance_of::<PyDict>() {
            let value = to_value(obj, document, "$").py_err(py)?;
            return Ok(Source::Bytes(serde_json::to_vec(&value).expect("JSON values serialise")));
        }
        if obj.hasattr("__fspath__")? {
            let path: PathBuf = obj.extract()?;
            return Ok(Source::File(path));
        }
        let ty = obj.get_type().name()?.to_string();
        Err(PyTypeError::new_err(format!(
            "{document}: expected a path (str or os.PathLike), JSON text (str), bytes or a dict, got `{ty}`"
        )))
    }

    /// The bytes, reading the file if needed. Called with the GIL released.
    pub fn read(self) -> Result<Vec<u8>, (std::io::Error, PathBuf)> {
        match self {
            Source::Bytes(b) => Ok(b),
            Source::File(p) => std::fs::read(&p).map_err(|e| (e, p)),
        }
    }
}

/// The Python `OSError` subclass for a failed read, naming the file as Python does, unless the
/// "file name" cannot be one (a line break, or longer than any path) or looks like personal data
/// (text meant as a document or an id, mistaken for a path).
pub fn io_error((e, path): (std::io::Error, PathBuf)) -> PyErr {
    let name = path.display().to_string();
    let nameable = name.len() <= 4096 && !name.contains(['\n', '\r']) && !crate::redact::looks_personal(&name);
    let errno = e.raw_os_error().unwrap_or(0);
    let (not_found, message) = (
        e.kind() == std::io::ErrorKind::NotFound,
        if e.kind() == std::io::ErrorKind::NotFound {
            "no such file (and not JSON text either)".to_owned()
        } else {
            e.to_string()
        },
    );
    match (not_found, nameable) {
        (true, true) => PyFileNotFoundError::new_err((errno, message, name)),
        (true, false) => PyFileNotFoundError::new_err((errno, message)),
        (false, true) => PyOSError::new_err((errno, message, name)),
        (false, false) => PyOSError::new_err((errno, message)),
    }
}

/// A date argument (parameter `name`): `datetime.date` (not a datetime) or `YYYY-MM-DD` text.
/// Problems are reported at `$.name` and never repeat the date (it may be a date of birth).
pub fn date_arg(obj: &Bound<'_, PyAny>, document: &'static str, name: &str) -> PyResult<NaiveDate> {
    let py = obj.py();
    let path = &param_path(name);
    if obj.is_instance_of::<PyDateTime>() {
        return Err(invalid(
            document,
            path,
            "expected a date, got a datetime: pass `.date()` (in the right time zone)",
        ))
        .py_err(py);
    }
    if obj.is_instance_of::<PyDate>() {
        return obj.extract::<NaiveDate>();
    }
    if let Ok(s) = obj.cast::<PyString>() {
        let s = str_text(s, document, path).py_err(py)?;
        return NaiveDate::parse_from_str(&s, "%Y-%m-%d")
            .map_err(|_| invalid(document, path, "expected a date `YYYY-MM-DD`, found other text"))
            .py_err(py);
    }
    let ty = type_name(obj);
    Err(invalid(document, path, format!("expected a date (datetime.date or `YYYY-MM-DD`), found a `{ty}`"))).py_err(py)
}

/// An instant argument (parameter `name`): a timezone-aware `datetime.datetime` or RFC 3339
/// text. Naive datetimes are refused: the core never guesses a time zone. Problems are reported
/// at `$.name` and never repeat the instant.
pub fn instant_arg(obj: &Bound<'_, PyAny>, document: &'static str, name: &str) -> PyResult<DateTime<Utc>> {
    let py = obj.py();
    let path = &param_path(name);
    if let Ok(s) = obj.cast::<PyString>() {
        let s = str_text(s, document, path).py_err(py)?;
        return DateTime::parse_from_rfc3339(&s)
            .map(|d| d.with_timezone(&Utc))
            .map_err(|_| {
                invalid(document, path, "expected an RFC 3339 instant such as `2026-11-20T08:00:00Z`, found other text")
            })
            .py_err(py);
    }
    if obj.is_instance_of::<PyDateTime>() {
        let text = aware_datetime_text(obj).map_err(|reason| invalid(document, path, reason)).py_err(py)?;
        return DateTime::parse_from_rfc3339(&text)
            .map(|d| d.with_timezone(&Utc))
            .map_err(|_| invalid(document, path, "expected a datetime with an RFC 3339 form (years 0 to 9999)"))
            .py_err(py);
    }
    let ty = type_name(obj);
    Err(invalid(document, path, format!("expected a timezone-aware datetime or RFC 3339 text, found a `{ty}`")))
        .py_err(py)
}

/// A postcode argument (parameter `name`: `"7511"` or `"7511AB"`), reported at `$.name`.
pub fn location_arg(obj: &Bound<'_, PyAny>, document: &'static str, name: &str) -> PyResult<wijknet::Location> {
    let py = obj.py();
    let path = &param_path(name);
    let Ok(s) = obj.cast::<PyString>() else {
        let ty = type_name(obj);
        return Err(invalid(
            document,
            path,
            format!("expected a postcode as str (PC4 `7511` or PC6 `7511AB`), found a `{ty}`"),
        ))
        .py_err(py);
    };
    let s = str_text(s, document, path).py_err(py)?;
    wijknet::Location::parse(&s).map_err(|e| invalid(document, path, e.to_string())).py_err(py)
}

/// A code argument (parameter `name`) of a given kind, reported at `$.name`.
pub fn code_arg<T>(
    obj: &Bound<'_, PyAny>,
    document: &'static str,
    name: &str,
    parse: impl Fn(&str) -> Result<T, wijknet::UnknownCode>,
) -> PyResult<T> {
    let py = obj.py();
    let path = &param_path(name);
    let Ok(s) = obj.cast::<PyString>() else {
        let ty = type_name(obj);
        return Err(invalid(document, path, format!("expected a code (str), found a `{ty}`"))).py_err(py);
    };
    let s = str_text(s, document, path).py_err(py)?;
    parse(&s).map_err(|e| invalid(document, path, e.to_string())).py_err(py)
}

/// Python `date` for a chrono date.
pub fn py_date<'py>(py: Python<'py>, d: NaiveDate) -> PyResult<Bound<'py, PyAny>> {
    Ok(d.into_pyobject(py)?.into_any())
}

/// Aware Python `datetime` (UTC) for a chrono instant.
pub fn py_instant<'py>(py: Python<'py>, t: DateTime<Utc>) -> PyResult<Bound<'py, PyAny>> {
    Ok(t.into_pyobject(py)?.into_any())
}
