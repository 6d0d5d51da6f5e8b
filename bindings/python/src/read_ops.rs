//! `Database`'s questions that answer with records (roll-ups, targets, leads, paths …),
//! emitted from the declarations both bindings share (`reformgraph_records::read_operations!`).
//! Each runs on a snapshot without the GIL; a list answer is a `ResultList`.

use pyo3::prelude::*;

use crate::db::{Database, result_list};
use crate::record_ops::PyArg;
use crate::types::{
    self, Attainment, Certificate, CoLead, DepartmentRollup, Funnel, Hop, Lead, LeadCount, LedTask,
    Observation, SectionRollup, SelectionCheck, TargetSummary, TaskSummary, TaskView, Workload,
};

/// How a read's answer reaches Python: a list as a `ResultList`, a record as itself,
/// nothing as `None`.
trait PyAnswer {
    fn answer(self, py: Python<'_>) -> PyResult<Py<PyAny>>;
}

impl<T: for<'py> IntoPyObject<'py>> PyAnswer for Vec<T> {
    fn answer(self, py: Python<'_>) -> PyResult<Py<PyAny>> {
        result_list(py, self)
    }
}

impl<T: PyAnswer> PyAnswer for Option<T> {
    fn answer(self, py: Python<'_>) -> PyResult<Py<PyAny>> {
        self.map_or_else(|| Ok(py.None()), |v| v.answer(py))
    }
}

macro_rules! one_record {
    ($($t:ty),*) => {$(
        impl PyAnswer for $t {
            fn answer(self, py: Python<'_>) -> PyResult<Py<PyAny>> {
                Ok(Py::new(py, self)?.into_any())
            }
        }
    )*};
}
one_record!(
    TaskSummary,
    TaskView,
    Workload,
    Attainment,
    Funnel,
    SelectionCheck
);

/// The emitter: one `#[pymethods]` block (pyo3's `multiple-pymethods`) with a method per
/// declared question, under its Python name.
macro_rules! py_read_methods {
    ($(
        $(#[$meta:meta])*
        $py:ident | $ffi:ident (
            $($arg:ident : $aty:ty),* ; $($opt:ident : $oty:ty = $odef:tt),*
        ) -> $answer:ty |$snap:pat_param| $body:block
    )*) => {
        #[pymethods]
        impl Database {
            $(
                $(#[$meta])*
                #[pyo3(signature = ($($arg,)* $($opt = $odef,)*))]
                fn $py(
                    &self,
                    py: Python<'_>,
                    $($arg: <$aty as PyArg>::Wire,)*
                    $($opt: <$oty as PyArg>::Wire,)*
                ) -> PyResult<Py<PyAny>> {
                    $(let $arg = <$aty as PyArg>::core(py, $arg)?;)*
                    $(let $opt = <$oty as PyArg>::core(py, $opt)?;)*
                    let found = self.read(py, move |$snap| $body)?;
                    types::cross::<_, $answer>(found)?.answer(py)
                }
            )*
        }
    };
}

reformgraph_records::read_operations!(py_read_methods);
