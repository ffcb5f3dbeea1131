//! The `progress=` argument of the long calls: a tqdm bar or a function, called from the core's
//! reports with the GIL taken back for the moment of the call.

use pyo3::prelude::*;
use wijknet::progress::{Flow, Observer, Progress};

use crate::errors::IntoPy;

enum Target {
    /// A tqdm-like bar (`reset(total=)`, `set_description()`, `update(n)`): one bar, reset at the
    /// start of every step, so it shows bytes while reading and events while replaying.
    Bar(Py<PyAny>),
    /// `f(step, done, total)`; returning `False` cancels.
    Call(Py<PyAny>),
}

/// The core's observer for a Python `progress=` argument (or none). An exception raised by the
/// callback (or a pending Ctrl-C) cancels the call and is what the call raises.
pub struct PyProgress {
    target: Option<Target>,
    shown: u64,
    error: Option<PyErr>,
}

impl PyProgress {
    /// Reads the argument: `None`, a tqdm-like bar, or a callable; anything else is a `TypeError`.
    pub fn new(arg: Option<&Bound<'_, PyAny>>) -> PyResult<Self> {
        let target = match arg {
            None => None,
            Some(a) if a.is_none() => None,
            Some(a) if a.hasattr("update")? && a.hasattr("reset")? => Some(Target::Bar(a.clone().unbind())),
            Some(a) if a.is_callable() => Some(Target::Call(a.clone().unbind())),
            Some(a) => {
                let ty = a.get_type().name()?.to_string();
                return Err(pyo3::exceptions::PyTypeError::new_err(format!(
                    "progress: expected a tqdm bar or a function (step, done, total), got `{ty}`"
                )));
            }
        };
        Ok(Self { target, ..Self::none() })
    }

    /// No reports (for calls made without a `progress=` argument).
    pub fn none() -> Self {
        Self { target: None, shown: 0, error: None }
    }

    /// A step's result as Python sees it: the callback's own exception when it raised one,
    /// else the core's answer (a cancel from the callback returning `False` is `CancelledError`).
    /// The observer stays usable for the call's next step.
    pub fn answer<T>(&mut self, py: Python<'_>, result: Result<T, wijknet::Error>) -> PyResult<T> {
        match self.take_error() {
            Some(e) => Err(e),
            None => result.py_err(py),
        }
    }

    /// The exception the callback raised, if it did.
    pub fn take_error(&mut self) -> Option<PyErr> {
        self.error.take()
    }

    fn call(&mut self, py: Python<'_>, p: Progress) -> PyResult<Flow> {
        py.check_signals()?;
        let step = p.step.code();
        match &self.target {
            None => Ok(Flow::Continue),
            Some(Target::Call(f)) => {
                let answer = f.bind(py).call1((step, p.done, p.total))?;
                // Only an explicit False cancels: a function returning nothing goes on.
                Ok(if answer.is_instance_of::<pyo3::types::PyBool>() && !answer.is_truthy()? {
                    Flow::Cancel
                } else {
                    Flow::Continue
                })
            }
            Some(Target::Bar(bar)) => {
                let bar = bar.bind(py);
                if p.done == 0 {
                    let kwargs = pyo3::types::PyDict::new(py);
                    kwargs.set_item("total", p.total)?;
                    bar.call_method("reset", (), Some(&kwargs))?;
                    bar.call_method1("set_description", (p.step.label_en(),))?;
                    self.shown = 0;
                }
                if p.done > self.shown {
                    bar.call_method1("update", (p.done - self.shown,))?;
                    self.shown = p.done;
                }
                Ok(Flow::Continue)
            }
        }
    }
}

impl Observer for PyProgress {
    fn report(&mut self, p: Progress) -> Flow {
        if self.target.is_none() {
            return Flow::Continue;
        }
        Python::attach(|py| match self.call(py, p) {
            Ok(flow) => flow,
            Err(e) => {
                self.error = Some(e);
                Flow::Cancel
            }
        })
    }
}
