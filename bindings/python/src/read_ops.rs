//! `Database`'s questions that answer with records (roll-ups, targets, leads, paths …),
//! emitted from the declarations both bindings share (`reformgraph_records::read_operations!`).
//! Each runs on a snapshot without the GIL; a list answer is a `ResultList`.

use pyo3::prelude::*;

use crate::db::{Database, result_list};
use crate::record_ops::PyArg;
use crate::types::{
    self, Assessment, Attainment, Certificate, CoLead, DepartmentRollup, Funnel, Hop, Lead,
    LeadCount, LedTask, LedgerDiff, Observation, OverdueTask, SectionRollup, SelectionCheck,
    TargetSummary, TaskSummary, TaskView, Workload,
};

/// How a read's answer reaches Python: a list as a `ResultList`, a record as itself,
/// nothing as `None`.
pub(crate) trait PyAnswer {
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
    SelectionCheck,
    types::Event,
    types::ImportReport,
    types::ApplyReport,
    types::StoreInfo,
    Assessment,
    LedgerDiff,
    types::LedgerImport
);

/// A call that answers nothing returns None.
impl PyAnswer for () {
    fn answer(self, py: Python<'_>) -> PyResult<Py<PyAny>> {
        Ok(py.None())
    }
}

impl PyAnswer for bool {
    fn answer(self, py: Python<'_>) -> PyResult<Py<PyAny>> {
        Ok(pyo3::types::PyBool::new(py, self)
            .to_owned()
            .into_any()
            .unbind())
    }
}

/// The emitter of the questions (`read_operations!`) and of the calls on the store
/// (`store_operations!`): one `#[pymethods]` block (pyo3's `multiple-pymethods`) with a method
/// per declared operation, under its Python name, run by `Database::read` (on a snapshot
/// without the GIL) or `Database::write` (on the store, on a worker thread Ctrl-C cancels),
/// as the declarations say.
macro_rules! py_answer_methods {
    ($run:ident; $(
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
                #[allow(clippy::too_many_arguments)]
                fn $py(
                    &self,
                    py: Python<'_>,
                    $($arg: <$aty as PyArg>::Wire,)*
                    $($opt: <$oty as PyArg>::Wire,)*
                ) -> PyResult<Py<PyAny>> {
                    $(let $arg = <$aty as PyArg>::core(py, $arg)?;)*
                    $(let $opt = <$oty as PyArg>::core(py, $opt)?;)*
                    let found = self.$run(py, move |$snap| $body)?;
                    types::cross::<_, $answer>(found)?.answer(py)
                }
            )*
        }
    };
}
pub(crate) use py_answer_methods;

reformgraph_records::read_operations!(py_answer_methods);
