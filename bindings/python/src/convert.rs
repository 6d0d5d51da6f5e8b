//! Conversions of small values: dates, enum names, edge labels, directions.

use pyo3::prelude::*;
use pyo3::types::{PyDate, PyDateAccess, PyString};
use reformgraph::{Date, Direction, EdgeLabel, NodeKind, ProjectStage, TaskRole, TaskStatus};

use crate::errors::{IntoPyResult, invalid};

/// A core [`Date`] that becomes a `datetime.date` in Python.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct PyDateValue(pub Date);

impl<'py> IntoPyObject<'py> for PyDateValue {
    type Target = PyDate;
    type Output = Bound<'py, PyDate>;
    type Error = PyErr;
    fn into_pyobject(self, py: Python<'py>) -> PyResult<Bound<'py, PyDate>> {
        PyDate::new(py, i32::from(self.0.year()), self.0.month(), self.0.day())
    }
}

impl<'py> IntoPyObject<'py> for &PyDateValue {
    type Target = PyDate;
    type Output = Bound<'py, PyDate>;
    type Error = PyErr;
    fn into_pyobject(self, py: Python<'py>) -> PyResult<Bound<'py, PyDate>> {
        (*self).into_pyobject(py)
    }
}

/// Reads a `datetime.date` (or `datetime.datetime`, whose date is taken) or an ISO
/// `YYYY-MM-DD` string into a core [`Date`]; the core checks the range.
pub fn extract_date(obj: &Bound<'_, PyAny>) -> PyResult<Date> {
    if obj.is_instance_of::<PyString>() {
        let s: String = obj.extract()?;
        return s.parse::<Date>().map_err(reformgraph::Error::from).py();
    }
    if let Ok(d) = obj.cast::<PyDate>() {
        let year = u16::try_from(d.get_year()).map_err(|_| {
            invalid(format!(
                "invalid date {}: year out of range (expected 1900-01-01 to 2200-12-31)",
                d.get_year()
            ))
        })?;
        return Date::new(year, d.get_month(), d.get_day())
            .map_err(reformgraph::Error::from)
            .py();
    }
    Err(invalid(format!(
        "expected a datetime.date or a 'YYYY-MM-DD' string, got {}",
        obj.get_type().name()?
    )))
}

/// [`extract_date`] for an optional argument.
pub fn opt_date(obj: Option<&Bound<'_, PyAny>>) -> PyResult<Option<Date>> {
    match obj {
        None => Ok(None),
        Some(o) if o.is_none() => Ok(None),
        Some(o) => extract_date(o).map(Some),
    }
}

use reformgraph::query::vocabulary;

/// A task role by name (`reform`, `matter` …): the core's reading.
pub fn role(s: &str) -> PyResult<TaskRole> {
    vocabulary::task_role(s).py()
}

/// A task status by name (`in_progress` …).
pub fn status(s: &str) -> PyResult<TaskStatus> {
    vocabulary::task_status(s).py()
}

/// A project stage by English or Chinese name.
pub fn stage(s: &str) -> PyResult<ProjectStage> {
    vocabulary::project_stage(s).py()
}

/// A node kind by name (`task`, `organization` …).
pub fn kind(s: &str) -> PyResult<NodeKind> {
    vocabulary::node_kind(s).py()
}

/// An edge label by name (`leads`, `mentions` …).
pub fn label(s: &str) -> PyResult<EdgeLabel> {
    vocabulary::edge_label(s).py()
}

/// Edge labels by name.
pub fn labels(names: Vec<String>) -> PyResult<Vec<EdgeLabel>> {
    vocabulary::edge_labels(&names).py()
}

/// Directions for `out`, `in` or `both`.
pub fn directions(s: &str) -> PyResult<Vec<Direction>> {
    vocabulary::directions(s).py()
}

/// A `u16` year with the core's message when out of range of the type.
pub fn year(y: i64) -> PyResult<u16> {
    u16::try_from(y).map_err(|_| invalid(format!("invalid year {y}: expected 1900–2200")))
}
