//! `Database.record_*`: the recording methods, emitted from the declarations both bindings
//! share (`reformgraph_records::record_operations!`). Each takes the operation's arguments
//! (positional or keyword), then who records it as keywords (`actor=`, `org=`,
//! `effective=`, `evidence=`, `allow_unusual_date=`, `signer=`), and returns the `Event`.
//!
//! Every `record_*` method takes `effective` (default today). A date after today or before
//! the plan's period is refused unless `allow_unusual_date=True`; a change dated ahead is
//! then pending (`TaskView.pending`) until its date. The recording time is the database's
//! clock's, never the caller's.

use pyo3::prelude::*;
use reformgraph::{Date, ProjectStage, TaskStatus};

use crate::convert;
use crate::db::{Database, prov};
use crate::keys::SecretKey;
use crate::types::{self, Evidence};

/// How a core argument type arrives from Python, and how it becomes the core's value.
pub(crate) trait PyArg: Sized {
    /// What Python passes.
    type Wire;
    /// The core value, or the binding's `InvalidInputError`.
    fn core(py: Python<'_>, wire: Self::Wire) -> PyResult<Self>;
}

macro_rules! as_is {
    ($($t:ty),*) => {$(
        impl PyArg for $t {
            type Wire = $t;
            fn core(_: Python<'_>, wire: $t) -> PyResult<Self> {
                Ok(wire)
            }
        }
    )*};
}
as_is!(String, f64, bool, u32, Vec<String>);

/// Every `u16` argument is a year: a Python `int`, checked against the type's range here
/// and against the plausible years by the core.
impl PyArg for u16 {
    type Wire = i64;
    fn core(_: Python<'_>, wire: i64) -> PyResult<Self> {
        convert::year(wire)
    }
}

/// A `datetime.date`, `datetime.datetime` or `YYYY-MM-DD` text.
impl PyArg for Date {
    type Wire = Py<PyAny>;
    fn core(py: Python<'_>, wire: Py<PyAny>) -> PyResult<Self> {
        convert::extract_date(wire.bind(py))
    }
}

/// A status by name (`in_progress` …).
impl PyArg for TaskStatus {
    type Wire = String;
    fn core(_: Python<'_>, wire: String) -> PyResult<Self> {
        convert::status(&wire)
    }
}

/// A stage by English or Chinese name (`signed`, 签约 …).
impl PyArg for ProjectStage {
    type Wire = String;
    fn core(_: Python<'_>, wire: String) -> PyResult<Self> {
        convert::stage(&wire)
    }
}

impl<T: PyArg> PyArg for Option<T> {
    type Wire = Option<T::Wire>;
    fn core(py: Python<'_>, wire: Self::Wire) -> PyResult<Self> {
        wire.map(|w| T::core(py, w)).transpose()
    }
}

/// The emitter: one `#[pymethods]` block (pyo3's `multiple-pymethods`) with a method per
/// declared operation, under its Python name.
macro_rules! py_record_methods {
    ($(
        $(#[$meta:meta])*
        $py:ident | $ffi:ident (
            $($arg:ident : $aty:ty),* ; $($opt:ident : $oty:ty = $odef:tt),*
        ) |$snap:pat_param| $body:block
    )*) => {
        #[pymethods]
        impl Database {
            $(
                $(#[$meta])*
                #[pyo3(signature = ($($arg,)* $($opt = $odef,)* *, actor, org=None,
                    effective=None, evidence=None, allow_unusual_date=false, signer=None))]
                #[allow(clippy::too_many_arguments)]
                fn $py(
                    &self,
                    py: Python<'_>,
                    $($arg: <$aty as PyArg>::Wire,)*
                    $($opt: <$oty as PyArg>::Wire,)*
                    actor: String,
                    org: Option<String>,
                    effective: Option<&Bound<'_, PyAny>>,
                    evidence: Option<Evidence>,
                    allow_unusual_date: bool,
                    signer: Option<SecretKey>,
                ) -> PyResult<types::Event> {
                    $(let $arg = <$aty as PyArg>::core(py, $arg)?;)*
                    $(let $opt = <$oty as PyArg>::core(py, $opt)?;)*
                    let p = prov(actor, org, effective, evidence, allow_unusual_date, signer)?;
                    self.record_change(py, p, move |$snap| $body)
                }
            )*
        }
    };
}

reformgraph_records::record_operations!(py_record_methods);
