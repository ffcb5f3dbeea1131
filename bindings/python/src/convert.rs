//! Arguments (documents, dates, instants, postcodes, codes) and answers as Python values.
//!
//! A Python dict handed to the binding is a JSON document written as Python values: the core
//! reads it with its own strict reader through [`crate::de::PyValues`], so a dict and the same
//! JSON text give the same answer and the same errors.
//!
//! Paths are `$`-rooted as the core's (`$.care_types[0]`; a call's parameter is `$.now`), and no
//! message repeats a value: it says what was expected and names at most the Python type found.

use std::path::PathBuf;

use chrono::{DateTime, NaiveDate, Utc};
use pyo3::exceptions::{PyFileNotFoundError, PyOSError, PyTypeError};
use pyo3::prelude::*;
use pyo3::types::{PyBool, PyByteArray, PyBytes, PyDate, PyDateTime, PyDict, PyMapping, PyString};

use crate::de::{NOT_UTF8, PyValues, aware_datetime_text, type_name};
use crate::errors::{IntoPy, invalid, json};
use crate::redact::param_path;

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

/// A document handed over as a path (str or `os.PathLike` naming a file), JSON text (a str whose
/// first non-blank character is `{` or `[`), bytes, or a dict (or other mapping) of Python values.
#[derive(Debug)]
pub enum Source {
    /// Bytes to parse (JSON text).
    Bytes(Vec<u8>),
    /// A file to read (with the GIL released).
    File(PathBuf),
    /// Python values, read where they are (with the GIL held).
    Values,
}

impl Source {
    /// Classifies a `from_json` argument.
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
            return Ok(Source::Values);
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
}

/// Reads a document argument (path, JSON text, bytes or dict): a file is read and text parsed
/// with the GIL released; a dict is read where it is, by the core's reader over [`PyValues`].
pub fn load<'py, T: Send>(
    obj: &Bound<'py, PyAny>,
    document: &'static str,
    from_json: impl FnOnce(&[u8]) -> Result<T, wijknet::Error> + Send,
    from_values: impl FnOnce(PyValues<'py>) -> Result<T, wijknet::Error>,
) -> PyResult<T> {
    load_raw(obj, document, from_json, from_values)?.py_err(obj.py())
}

/// [`load`] of a document whose reading a `progress` argument follows (a tqdm bar or a callback,
/// see [`crate::progress::PyProgress`]); a dict is read without reports. The callback's own
/// exception is raised as it is.
pub fn load_with_progress<'py, T: Send>(
    obj: &Bound<'py, PyAny>,
    progress: Option<&Bound<'py, PyAny>>,
    document: &'static str,
    from_json: impl FnOnce(&[u8], &mut dyn wijknet::progress::Observer) -> Result<T, wijknet::Error> + Send,
    from_values: impl FnOnce(PyValues<'py>) -> Result<T, wijknet::Error>,
) -> PyResult<T> {
    let mut observer = crate::progress::PyProgress::new(progress)?;
    let loaded = load_raw(obj, document, |b| from_json(b, &mut observer), from_values)?;
    observer.answer(obj.py(), loaded)
}

/// [`load`] with the core's answer left as it is (only a bad argument or an unreadable file is
/// raised), for calls that decide themselves what to raise (a progress callback's exception).
pub fn load_raw<'py, T: Send>(
    obj: &Bound<'py, PyAny>,
    document: &'static str,
    from_json: impl FnOnce(&[u8]) -> Result<T, wijknet::Error> + Send,
    from_values: impl FnOnce(PyValues<'py>) -> Result<T, wijknet::Error>,
) -> PyResult<Result<T, wijknet::Error>> {
    let py = obj.py();
    let path = match Source::from_arg(obj, document)? {
        Source::Values => return Ok(from_values(PyValues::new(obj))),
        Source::Bytes(b) => return Ok(py.detach(|| from_json(&b))),
        Source::File(p) => p,
    };
    py.detach(move || std::fs::read(&path).map(|b| from_json(&b)).map_err(|e| (e, path))).map_err(io_error)
}

/// The argument of a request's `from_dict`: a dict (or other mapping), else a `TypeError`.
pub fn expect_mapping(obj: &Bound<'_, PyAny>) -> PyResult<()> {
    if obj.is_instance_of::<PyDict>() || obj.cast::<PyMapping>().is_ok() {
        return Ok(());
    }
    let ty = obj.get_type().name()?.to_string();
    Err(PyTypeError::new_err(format!("expected a dict, got `{ty}`")))
}

/// The argument of a request's `from_json`: str or bytes, else a `TypeError`.
pub fn expect_text(obj: &Bound<'_, PyAny>) -> PyResult<()> {
    if obj.is_instance_of::<PyString>() || obj.is_instance_of::<PyBytes>() {
        return Ok(());
    }
    let ty = obj.get_type().name()?.to_string();
    Err(PyTypeError::new_err(format!("expected str or bytes, got `{ty}`")))
}

/// A request or update argument: JSON text (str or bytes) or a dict (or other mapping). Anything
/// else is a `TypeError` ``{expected}, got `type` ``, `expected` saying what the call takes.
pub fn json_or_values<'py, T>(
    obj: &Bound<'py, PyAny>,
    document: &'static str,
    expected: &str,
    from_json: impl FnOnce(&[u8]) -> Result<T, wijknet::Error>,
    from_values: impl FnOnce(PyValues<'py>) -> Result<T, wijknet::Error>,
) -> PyResult<T> {
    let py = obj.py();
    let read = if let Ok(s) = obj.cast::<PyString>() {
        str_text(s, document, "$").and_then(|s| from_json(s.as_bytes()))
    } else if let Ok(b) = obj.cast::<PyBytes>() {
        from_json(b.as_bytes())
    } else if obj.is_instance_of::<PyDict>() || obj.cast::<PyMapping>().is_ok() {
        from_values(PyValues::new(obj))
    } else {
        let ty = obj.get_type().name()?.to_string();
        return Err(PyTypeError::new_err(format!("{expected}, got `{ty}`")));
    };
    read.py_err(py)
}

/// The keyword arguments given (not `None`) as a dict in a request's JSON shape, so they are
/// read, and their problems reported at `$.name`, exactly as a dict's (the `new` arm of `py_methods!`).
pub fn fields_dict<'py>(
    py: Python<'py>,
    fields: &[(&str, Option<&Bound<'py, PyAny>>)],
) -> PyResult<Bound<'py, PyDict>> {
    let d = PyDict::new(py);
    for (name, value) in fields {
        if let Some(v) = value.filter(|v| !v.is_none()) {
            d.set_item(PyString::intern(py, name), v)?;
        }
    }
    Ok(d)
}

/// The Python `OSError` subclass for a failed read, naming the file as Python does, unless the
/// "file name" cannot be one (a line break, or longer than any path) or looks like personal data
/// (text meant as a document or an id, mistaken for a path).
pub fn io_error((e, path): (std::io::Error, PathBuf)) -> PyErr {
    let name = path.display().to_string();
    let nameable = name.len() <= 4096 && !name.contains(['\n', '\r']) && !crate::redact::looks_personal(&name);
    let errno = e.raw_os_error().unwrap_or(0);
    let not_found = e.kind() == std::io::ErrorKind::NotFound;
    let message = if not_found { "no such file (and not JSON text either)".to_owned() } else { e.to_string() };
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
    if obj.is_instance_of::<PyDateTime>() {
        let reason = "expected a date, got a datetime: pass `.date()` (in the right time zone)";
        return Err(invalid(document, param_path(name), reason)).py_err(obj.py());
    }
    if obj.is_instance_of::<PyDate>() {
        return obj.extract::<NaiveDate>();
    }
    parsed_arg(obj, (document, name, "a date (datetime.date or `YYYY-MM-DD`)"), |s| {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").map_err(|_| "expected a date `YYYY-MM-DD`, found other text")
    })
}

/// An instant argument (parameter `name`): a timezone-aware `datetime.datetime` or RFC 3339
/// text. Naive datetimes are refused: the core never guesses a time zone. Problems are reported
/// at `$.name` and never repeat the instant.
pub fn instant_arg(obj: &Bound<'_, PyAny>, document: &'static str, name: &str) -> PyResult<DateTime<Utc>> {
    let rfc3339 =
        |s: &str, reason: &'static str| DateTime::parse_from_rfc3339(s).map(|d| d.to_utc()).map_err(|_| reason);
    if obj.is_instance_of::<PyDateTime>() {
        let path = param_path(name);
        let text = aware_datetime_text(obj).map_err(|reason| invalid(document, &path, reason)).py_err(obj.py())?;
        let reason = "expected a datetime with an RFC 3339 form (years 0 to 9999)";
        return rfc3339(&text, reason).map_err(|r| invalid(document, path, r)).py_err(obj.py());
    }
    parsed_arg(obj, (document, name, "a timezone-aware datetime or RFC 3339 text"), |s| {
        rfc3339(s, "expected an RFC 3339 instant such as `2026-11-20T08:00:00Z`, found other text")
    })
}

/// A text argument (parameter `name`, `what` it holds) read by `parse`, reported at `$.name`:
/// a value of another type as the type found, a refused text by `parse`'s reason.
fn parsed_arg<T, E: std::fmt::Display>(
    obj: &Bound<'_, PyAny>,
    (document, name, what): (&'static str, &str, &str),
    parse: impl FnOnce(&str) -> Result<T, E>,
) -> PyResult<T> {
    let path = &param_path(name);
    let read = match obj.cast::<PyString>() {
        Ok(s) => {
            str_text(s, document, path).and_then(|s| parse(&s).map_err(|e| invalid(document, path, e.to_string())))
        }
        Err(_) => Err(invalid(document, path, format!("expected {what}, found a `{}`", type_name(obj)))),
    };
    read.py_err(obj.py())
}

/// A postcode argument (parameter `name`: `"7511"` or `"7511AB"`), reported at `$.name`.
pub fn location_arg(obj: &Bound<'_, PyAny>, document: &'static str, name: &str) -> PyResult<wijknet::Location> {
    parsed_arg(obj, (document, name, "a postcode as str (PC4 `7511` or PC6 `7511AB`)"), wijknet::Location::parse)
}

/// A whole-number argument from 0 (parameter `name`: an int, never a bool), reported at `$.name`
/// as `expected` when it is anything else.
pub fn count_arg(obj: &Bound<'_, PyAny>, document: &'static str, name: &str, expected: &str) -> PyResult<u32> {
    match obj.extract::<u32>() {
        Ok(n) if !obj.is_instance_of::<PyBool>() => Ok(n),
        _ => Err(invalid(document, param_path(name), expected)).py_err(obj.py()),
    }
}

/// A code argument (parameter `name`) of a given kind, reported at `$.name`.
pub fn code_arg<T>(
    obj: &Bound<'_, PyAny>,
    document: &'static str,
    name: &str,
    parse: impl Fn(&str) -> Result<T, wijknet::UnknownCode>,
) -> PyResult<T> {
    parsed_arg(obj, (document, name, "a code (str)"), parse)
}
