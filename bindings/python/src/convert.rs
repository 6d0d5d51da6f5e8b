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

fn one_of<T: Copy>(
    what: &str,
    s: &str,
    all: &[T],
    name: impl Fn(T) -> &'static str,
) -> PyResult<T> {
    all.iter().copied().find(|x| name(*x) == s).ok_or_else(|| {
        let names: Vec<&str> = all.iter().map(|x| name(*x)).collect();
        invalid(format!(
            "unknown {what} {s:?}; one of: {}",
            names.join(", ")
        ))
    })
}

/// A task role by name (`reform`, `matter` …).
pub fn role(s: &str) -> PyResult<TaskRole> {
    one_of("task role", s, &TaskRole::ALL, TaskRole::name)
}

/// A task status by name (`in_progress` …).
pub fn status(s: &str) -> PyResult<TaskStatus> {
    one_of("task status", s, &TaskStatus::ALL, TaskStatus::name)
}

/// A project stage by English or Chinese name.
pub fn stage(s: &str) -> PyResult<ProjectStage> {
    ProjectStage::parse(s).ok_or_else(|| {
        invalid(format!(
            "unknown project stage {s:?}; one of: reserve, signed, landed, started, \
             under_construction, in_operation, suspended, cancelled (or 储备 签约 落地 开工 建设 投产 暂停 取消)"
        ))
    })
}

/// A node kind by name (`task`, `organization` …).
pub fn kind(s: &str) -> PyResult<NodeKind> {
    one_of("node kind", s, &NodeKind::ALL, NodeKind::name)
}

/// An edge label by name (`leads`, `mentions` …).
pub fn label(s: &str) -> PyResult<EdgeLabel> {
    one_of("edge label", s, &EdgeLabel::ALL, EdgeLabel::name)
}

/// Edge labels by name (the core's reading, `query::edge_labels`).
pub fn labels(names: Vec<String>) -> PyResult<Vec<EdgeLabel>> {
    reformgraph::query::edge_labels(&names).py()
}

/// Directions for `out`, `in` or `both`.
pub fn directions(s: &str) -> PyResult<Vec<Direction>> {
    match s {
        "out" | "outgoing" => Ok(vec![Direction::Outgoing]),
        "in" | "incoming" => Ok(vec![Direction::Incoming]),
        "both" => Ok(vec![Direction::Outgoing, Direction::Incoming]),
        other => Err(invalid(format!(
            "unknown direction {other:?}; one of: out, in, both"
        ))),
    }
}

/// A `u16` year with the core's message when out of range of the type.
pub fn year(y: i64) -> PyResult<u16> {
    u16::try_from(y).map_err(|_| invalid(format!("invalid year {y}: expected 1900–2200")))
}
