//! Frozen record classes: one per node kind and per query or report result, converted from
//! the core's owned values. Enum values become their snake-case names (`reform`,
//! `in_progress` …), dates `datetime.date`, units the symbol as printed.

use std::collections::BTreeMap;

use pyo3::IntoPyObjectExt;
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyTuple};
use reformgraph::{
    Change, Date, Event as CoreEvent, Evidence as CoreEvidence, FieldValue, Node, NodeData,
};
use reformgraph_records::{Cross, Unmapped};

use crate::convert::PyDateValue;

// The shared records' vocabulary, as Python sees it: dates are `datetime.date`, maps dicts,
// statuses, lag classes and stages their snake-case names.
type Day = PyDateValue;
type Map<K, V> = BTreeMap<K, V>;
type TaskStatus = String;
type LagClass = String;
type ProjectStage = String;

impl Cross<PyDateValue> for Date {
    fn cross(self) -> Result<PyDateValue, Unmapped> {
        Ok(PyDateValue(self))
    }
}

/// A core value as its Python record (or list of records).
///
/// # Errors
///
/// A core enum variant this build does not know: upgrade the bindings.
pub fn cross<T: Cross<U>, U>(value: T) -> PyResult<U> {
    value.cross().map_err(|u| {
        crate::errors::invalid(format!(
            "a {} named {:?}, which this version of the Python bindings cannot show; upgrade reformgraph",
            u.what, u.name
        ))
    })
}

/// Declares a frozen record class with read-only attributes, `repr`, equality, `_asdict()`
/// and `_fields`.
macro_rules! record {
    (
        $(#[$meta:meta])*
        $name:ident [$($repr:ident),*] {
            $( $(#[$fmeta:meta])* $field:ident : $ty:ty ),* $(,)?
        }
        $(frame = $frame:literal)?
    ) => {
        $(#[$meta])*
        #[pyclass(frozen, get_all, eq, module = "reformgraph._reformgraph")]
        #[derive(Debug, Clone, PartialEq)]
        pub struct $name {
            $( $(#[$fmeta])* pub $field: $ty, )*
        }

        #[pymethods]
        impl $name {
            fn __repr__(&self, py: Python<'_>) -> PyResult<String> {
                let parts: Vec<String> = vec![$(
                    format!(
                        "{}={}",
                        stringify!($repr),
                        self.$repr.clone().into_bound_py_any(py)?.repr()?
                    )
                ),*];
                Ok(format!("{}({})", stringify!($name), parts.join(", ")))
            }

            /// The attributes as a dict (nested records stay records).
            fn _asdict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
                let d = PyDict::new(py);
                $( d.set_item(stringify!($field), self.$field.clone())?; )*
                Ok(d)
            }

            /// The attribute names, in order.
            #[classattr]
            fn _fields(py: Python<'_>) -> PyResult<Py<PyTuple>> {
                Ok(PyTuple::new(py, [$(stringify!($field)),*])?.unbind())
            }

            $(
            /// This result as a pandas DataFrame (pandas is imported on first use).
            fn to_pandas<'py>(slf: &Bound<'py, Self>) -> PyResult<Bound<'py, PyAny>> {
                slf.py().import("reformgraph._frames")?.getattr($frame)?.call1((slf,))
            }
            )?
        }
    };
}

/// The emitter for `reformgraph_records::shared_records!`: each shared record as a
/// [`record!`] class.
macro_rules! py_records {
    ($( $(#[$meta:meta])* $name:ident [$($repr:ident),*] $(frame = $frame:literal)? { $($body:tt)* } )*) => {
        $( record! { $(#[$meta])* $name [$($repr),*] { $($body)* } $(frame = $frame)? } )*
    };
}

reformgraph_records::shared_records!(py_records);

reformgraph_records::records! { py_records;

    /// A portfolio domain (产业转型 …) and what it focuses on.
    PortfolioDomain (d: reformgraph::PortfolioDomain) [name, focus] {
        /// The domain as printed.
        name: String,
        /// Its focus list, verbatim.
        focus: Vec<String>,
    }

    /// A plan document (实施方案, 意见 …).
    Plan (t.1: (String, reformgraph::Plan, Option<reformgraph::SourceSpan>)) [key, title] {
        /// Natural key (`shanxi-2013`).
        key: String = t.0,
        /// Full title, verbatim.
        title: String,
        /// Issuing body, if known.
        issuer: Option<String>,
        /// Document number such as 国发〔2019〕3号.
        document_number: Option<String>,
        /// Date of issue.
        issued_on: Option<Day>,
        /// First year covered.
        period_start: Option<u16>,
        /// Last year covered.
        period_end: Option<u16>,
        /// The higher-level plan this one implements.
        implements: Option<String>,
        /// Paragraphs before the first heading.
        preamble: Vec<String>,
        /// Where it sits in its source document.
        source: Option<SourceSpan> = t.2,
    }

    /// A part (一、) or category (（一）) heading.
    Section (t.1: (String, reformgraph::Section, Option<reformgraph::SourceSpan>)) [key, level, number, title] {
        /// Natural key.
        key: String = t.0,
        /// `part` or `category`.
        level: String,
        /// The number as printed (`二`).
        number: String,
        /// The number as an integer.
        ordinal: u32,
        /// Heading text.
        title: String,
        /// Paragraphs directly under the heading, verbatim.
        paragraphs: Vec<String>,
        /// Where it sits in its source document.
        source: Option<SourceSpan> = t.2,
    }

    /// A task: a reform, matter, research topic, option, safeguard measure …
    Task (t.1: (String, reformgraph::Task, Option<reformgraph::SourceSpan>)) [key, role, title, deadline] {
        /// Natural key (`shanxi-2013/reform/5`).
        key: String = t.0,
        /// Role name: `reform`, `matter`, `research_topic`, `city_task_option`,
        /// `county_pilot_area`, `enterprise_innovation_area`, `department_special_reform`,
        /// `safeguard_measure`, `principle`, `annual_action`.
        role: String,
        /// The number as printed.
        number: String,
        /// The number as an integer.
        ordinal: u32,
        /// Title: the text up to the first 。
        title: String,
        /// The full paragraph, without the responsibility clause.
        body: String,
        /// The responsibility clause verbatim (`牵头部门：省国土厅`).
        responsibility: Option<String>,
        /// When the task is due.
        deadline: Option<Day>,
        /// Where it sits in its source document.
        source: Option<SourceSpan> = t.2,
    }

    /// A department, branch, government, enterprise or group.
    Organization (t.1: (String, reformgraph::Organization, Option<reformgraph::SourceSpan>)) [key, name, kind] {
        /// Natural key (`org/省环保厅`).
        key: String = t.0,
        /// The name as the plan prints it.
        name: String,
        /// `provincial_department`, `central_vertical_branch`, `government`, `enterprise`,
        /// `group` or `other`.
        kind: String,
        /// Other names it goes by.
        aliases: Vec<String>,
        /// Where it sits in its source document.
        source: Option<SourceSpan> = t.2,
    }

    /// An administrative area.
    Area (t.1: (String, reformgraph::Area, Option<reformgraph::SourceSpan>)) [key, name, level] {
        /// Natural key (`area/孝义市`).
        key: String = t.0,
        /// Official name.
        name: String,
        /// `province`, `prefecture_city`, `county_level_city`, `county`, `district`, `other`.
        level: String,
        /// Short forms.
        aliases: Vec<String>,
        /// Where it sits in its source document.
        source: Option<SourceSpan> = t.2,
    }

    /// A measured quantity (城镇化率 …).
    Indicator (t.1: (String, reformgraph::Indicator, Option<reformgraph::SourceSpan>)) [key, name, unit] {
        /// Natural key (`indicator/城镇化率`).
        key: String = t.0,
        /// Name as printed.
        name: String,
        /// Unit as printed (`%`, `个百分点`, `万亩`; empty for a pure number).
        unit: String,
        /// Where it sits in its source document.
        source: Option<SourceSpan> = t.2,
    }

    /// A project in a portfolio.
    Project (t.1: (String, reformgraph::Project, Option<reformgraph::SourceSpan>)) [key, name] {
        /// Natural key.
        key: String = t.0,
        /// Name.
        name: String,
        /// Portfolio domain (产业转型 …).
        domain: Option<String>,
        /// Planned investment, 万元.
        investment_wan_yuan: Option<f64>,
        /// Free description.
        description: Option<String>,
        /// Where it sits in its source document.
        source: Option<SourceSpan> = t.2,
    }

    /// A project portfolio with a quota and lifecycle.
    Portfolio (t.1: (String, reformgraph::Portfolio, Option<reformgraph::SourceSpan>)) [key, name, quota] {
        /// Natural key.
        key: String = t.0,
        /// Name.
        name: String,
        /// How many projects the plan calls for.
        quota: Option<u32>,
        /// First year.
        period_start: Option<u16>,
        /// Last year.
        period_end: Option<u16>,
        /// Lifecycle stages as printed.
        stages: Vec<String>,
        /// Domains and their focus lists.
        domains: Vec<PortfolioDomain>,
        /// The paragraph, verbatim.
        body: String,
        /// Where it sits in its source document.
        source: Option<SourceSpan> = t.2,
    }

    /// A rule such as "each city chooses at least 2 options a year".
    SelectionRule (t.1: (String, reformgraph::SelectionRule, Option<reformgraph::SourceSpan>)) [key, subject, min_per_year, max_per_year] {
        /// Natural key.
        key: String = t.0,
        /// `cities`, `pilot_counties`, `provincial_departments`, `pilot_enterprises`.
        subject: String,
        /// Fewest choices a year.
        min_per_year: Option<u32>,
        /// Most choices a year.
        max_per_year: Option<u32>,
        /// The rule as printed.
        wording: String,
        /// Where it sits in its source document.
        source: Option<SourceSpan> = t.2,
    }
}

/// A node as its typed record.
pub fn node(py: Python<'_>, n: Node) -> PyResult<Py<PyAny>> {
    let (key, source) = (n.key.to_string(), n.source);
    macro_rules! typed {
        ($data:expr, $($kind:ident),*) => {
            match $data {
                $( NodeData::$kind(v) => Py::new(py, cross::<_, $kind>((key, v, source))?)?.into_any(), )*
                other => {
                    return Err(crate::errors::invalid(format!(
                        "{key} is a {}, which this version of the Python bindings cannot show; upgrade reformgraph",
                        other.kind()
                    )));
                }
            }
        };
    }
    Ok(typed!(
        n.data,
        Plan,
        Section,
        Task,
        Organization,
        Area,
        Indicator,
        Target,
        Project,
        Portfolio,
        SelectionRule
    ))
}

record! {
    /// An edge between two nodes, by key.
    Edge [source, label, target] {
        /// Key of the node the edge starts at.
        source: String,
        /// Label: `contains`, `leads`, `cooperates`, `mentions`, `has_target`,
        /// `measured_by`, `in_area`, `same_as`, `designated_pilot`, `selected`,
        /// `in_portfolio`, `applies_to`.
        label: String,
        /// Key of the node it ends at.
        target: String,
        /// Position among siblings (`contains`).
        order: Option<u32>,
        /// Position in the responsibility clause (`leads`).
        rank: Option<u16>,
        /// Year of a selection (`selected`).
        year: Option<u16>,
    }
}

/// An edge record from a core edge kind and the two keys.
pub fn edge(e: reformgraph::query::KeyedEdge) -> Edge {
    use reformgraph::EdgeKind as K;
    let reformgraph::query::KeyedEdge {
        source,
        kind,
        target,
    } = e;
    let (order, rank, year) = match kind {
        K::Contains { order } => (Some(order), None, None),
        K::Leads { rank } => (None, Some(rank), None),
        K::Selected { year } => (None, None, Some(year)),
        _ => (None, None, None),
    };
    Edge {
        source,
        label: kind.label().name().to_owned(),
        target,
        order,
        rank,
        year,
    }
}

/// Evidence a change rests on. Pass one to the `record_…` methods.
///
/// >>> import reformgraph
/// >>> reformgraph.Evidence(document_number="晋政办发〔2014〕12号")
/// Evidence(document_number='晋政办发〔2014〕12号', link=None, note=None)
#[pyclass(
    frozen,
    get_all,
    eq,
    from_py_object,
    module = "reformgraph._reformgraph"
)]
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Evidence {
    /// A document number.
    pub document_number: Option<String>,
    /// A link.
    pub link: Option<String>,
    /// A free note.
    pub note: Option<String>,
}

#[pymethods]
impl Evidence {
    #[new]
    #[pyo3(signature = (document_number=None, link=None, note=None))]
    fn new(document_number: Option<String>, link: Option<String>, note: Option<String>) -> Self {
        Self {
            document_number,
            link,
            note,
        }
    }

    fn __repr__(&self, py: Python<'_>) -> PyResult<String> {
        let r = |v: &Option<String>| -> PyResult<String> {
            Ok(v.clone().into_pyobject(py)?.into_any().repr()?.to_string())
        };
        Ok(format!(
            "Evidence(document_number={}, link={}, note={})",
            r(&self.document_number)?,
            r(&self.link)?,
            r(&self.note)?
        ))
    }
}

impl From<CoreEvidence> for Evidence {
    fn from(e: CoreEvidence) -> Self {
        Self {
            document_number: e.document_number,
            link: e.link,
            note: e.note,
        }
    }
}

impl From<Evidence> for CoreEvidence {
    fn from(e: Evidence) -> Self {
        Self {
            document_number: e.document_number,
            link: e.link,
            note: e.note,
        }
    }
}

/// A change's fields (the core's list, `Change::fields`) as a dict; dates as
/// `datetime.date`, a missing value `None`.
fn change_details<'py>(py: Python<'py>, c: &Change) -> PyResult<Py<PyDict>> {
    let d = PyDict::new(py);
    for (name, value) in c.fields() {
        let value = match value {
            FieldValue::Text(t) => t.into_bound_py_any(py)?,
            FieldValue::Number(n) => n.into_bound_py_any(py)?,
            FieldValue::Year(y) => y.into_bound_py_any(py)?,
            FieldValue::Flag(b) => b.into_bound_py_any(py)?,
            FieldValue::Day(day) => PyDateValue(day).into_bound_py_any(py)?,
            FieldValue::Texts(t) => t.into_bound_py_any(py)?,
            // `Missing`, and a kind of value added to the core later, show as None.
            _ => py.None().into_bound(py),
        };
        d.set_item(name, value)?;
    }
    Ok(d.unbind())
}

/// One entry of the append-only history.
#[pyclass(frozen, get_all, module = "reformgraph._reformgraph")]
#[derive(Debug)]
pub struct Event {
    /// Globally unique id (a UUIDv7 string).
    pub id: String,
    /// When it was recorded: milliseconds since the Unix epoch (UTC).
    pub recorded_at: i64,
    /// The date the change takes effect.
    pub effective: PyDateValue,
    /// Who recorded it.
    pub actor: String,
    /// Their organisation's key, if given.
    pub organization: Option<String>,
    /// What the change rests on.
    pub evidence: Option<Evidence>,
    /// Natural key of the node changed.
    pub subject: String,
    /// The kind of change: `task_status`, `task_deadline`, `sub_task_added`,
    /// `project_registered`, `project_adjusted`, `project_withdrawn`, `project_stage`,
    /// `observation`, `selection`.
    pub change: String,
    /// The change's fields (`status`, `progress`, `value` …).
    pub details: Py<PyDict>,
    /// The event that was current for the same thing when this one was recorded.
    pub supersedes: Option<String>,
    /// The public key that signed it (`ed25519:…`), if it is signed.
    pub signer: Option<String>,
}

#[pymethods]
impl Event {
    fn __repr__(&self, py: Python<'_>) -> PyResult<String> {
        Ok(format!(
            "Event(subject={}, change={}, effective={}, details={})",
            self.subject.clone().into_pyobject(py)?.repr()?,
            self.change.clone().into_pyobject(py)?.repr()?,
            self.effective.into_pyobject(py)?.repr()?,
            self.details.bind(py).repr()?,
        ))
    }

    fn __eq__(&self, other: &Bound<'_, PyAny>) -> bool {
        other.cast::<Event>().is_ok_and(|o| o.get().id == self.id)
    }

    fn __hash__(&self) -> u64 {
        use std::hash::{Hash, Hasher};
        let mut h = std::collections::hash_map::DefaultHasher::new();
        self.id.hash(&mut h);
        h.finish()
    }

    /// The attributes as a dict.
    fn _asdict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        let d = PyDict::new(py);
        d.set_item("id", &self.id)?;
        d.set_item("recorded_at", self.recorded_at)?;
        d.set_item("effective", self.effective)?;
        d.set_item("actor", &self.actor)?;
        d.set_item("organization", self.organization.clone())?;
        d.set_item("evidence", self.evidence.clone())?;
        d.set_item("subject", &self.subject)?;
        d.set_item("change", &self.change)?;
        d.set_item("details", self.details.bind(py).copy()?)?;
        d.set_item("supersedes", self.supersedes.clone())?;
        d.set_item("signer", self.signer.clone())?;
        Ok(d)
    }

    /// The attribute names, in order.
    #[classattr]
    fn _fields(py: Python<'_>) -> PyResult<Py<PyTuple>> {
        Ok(PyTuple::new(
            py,
            [
                "id",
                "recorded_at",
                "effective",
                "actor",
                "organization",
                "evidence",
                "subject",
                "change",
                "details",
                "supersedes",
                "signer",
            ],
        )?
        .unbind())
    }
}

/// An event as its record. (Building its `details` dict needs the interpreter: the
/// conversion attaches to it, which is immediate on the thread that calls it.)
impl Cross<Event> for CoreEvent {
    fn cross(self) -> Result<Event, Unmapped> {
        let e = self;
        let details =
            Python::attach(|py| change_details(py, &e.change)).map_err(|err| Unmapped {
                what: "change",
                name: format!("{} ({err})", e.change.name()),
            })?;
        Ok(Event {
            id: e.id.to_string(),
            recorded_at: e.recorded_at,
            effective: PyDateValue(e.effective),
            actor: e.actor.person,
            organization: e.actor.organization,
            evidence: e.evidence.map(Into::into),
            subject: e.subject,
            change: e.change.name().to_owned(),
            details,
            supersedes: e.supersedes.map(|s| s.to_string()),
            signer: e.seal.map(|s| s.signer.to_string()),
        })
    }
}
