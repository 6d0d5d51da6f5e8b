//! Frozen record classes: one per node kind and per query or report result, converted from
//! the core's owned values. Enum values become their snake-case names (`reform`,
//! `in_progress` …), dates `datetime.date`, units the symbol as printed.

use std::collections::BTreeMap;

use pyo3::IntoPyObjectExt;
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyTuple};
use reformgraph::query::{
    CoLead as CoreCoLead, Hop as CoreHop, LeadRef, LeadRole, LedTask as CoreLedTask,
    SectionRef as CoreSectionRef, TargetSummary as CoreTargetSummary,
    TaskSummary as CoreTaskSummary, Workload as CoreWorkload,
};
use reformgraph::track::{
    ApplyReport as CoreApplyReport, Attainment as CoreAttainment, AttainmentClass, Counts,
    DepartmentRollup as CoreDepartmentRollup, Funnel as CoreFunnel, LagClass,
    SectionRollup as CoreSectionRollup, SelectionCheck as CoreSelectionCheck,
    TaskView as CoreTaskView,
};
use reformgraph::{
    Change, Event as CoreEvent, Evidence as CoreEvidence, Node, NodeData,
    Observation as CoreObservation, SectionLevel, SelectionSubject, SourceSpan as CoreSpan,
};

use crate::convert::{PyDateValue, date};

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

record! {
    /// Where in the source document a node came from: 1-based line, byte offsets.
    SourceSpan [line, start, end] {
        /// 1-based line number of the first line.
        line: u32,
        /// Byte offset of the first byte (UTF-8).
        start: u32,
        /// Byte offset one past the last byte.
        end: u32,
    }
}

fn span(s: Option<CoreSpan>) -> Option<SourceSpan> {
    s.map(|s| SourceSpan {
        line: s.line,
        start: s.start,
        end: s.end,
    })
}

record! {
    /// A plan document (实施方案, 意见 …).
    Plan [key, title] {
        /// Natural key (`shanxi-2013`).
        key: String,
        /// Full title, verbatim.
        title: String,
        /// Issuing body, if known.
        issuer: Option<String>,
        /// Document number such as 国发〔2019〕3号.
        document_number: Option<String>,
        /// Date of issue.
        issued_on: Option<PyDateValue>,
        /// First year covered.
        period_start: Option<u16>,
        /// Last year covered.
        period_end: Option<u16>,
        /// The higher-level plan this one implements.
        implements: Option<String>,
        /// Paragraphs before the first heading.
        preamble: Vec<String>,
        /// Where it sits in its source document.
        source: Option<SourceSpan>,
    }
}

record! {
    /// A part (一、) or category (（一）) heading.
    Section [key, level, number, title] {
        /// Natural key.
        key: String,
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
        source: Option<SourceSpan>,
    }
}

record! {
    /// A task: a reform, matter, research topic, option, safeguard measure …
    Task [key, role, title, deadline] {
        /// Natural key (`shanxi-2013/reform/5`).
        key: String,
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
        deadline: Option<PyDateValue>,
        /// Where it sits in its source document.
        source: Option<SourceSpan>,
    }
}

record! {
    /// A department, branch, government, enterprise or group.
    Organization [key, name, kind] {
        /// Natural key (`org/省环保厅`).
        key: String,
        /// The name as the plan prints it.
        name: String,
        /// `provincial_department`, `central_vertical_branch`, `government`, `enterprise`,
        /// `group` or `other`.
        kind: String,
        /// Other names it goes by.
        aliases: Vec<String>,
        /// Where it sits in its source document.
        source: Option<SourceSpan>,
    }
}

record! {
    /// An administrative area.
    Area [key, name, level] {
        /// Natural key (`area/孝义市`).
        key: String,
        /// Official name.
        name: String,
        /// `province`, `prefecture_city`, `county_level_city`, `county`, `district`, `other`.
        level: String,
        /// Short forms.
        aliases: Vec<String>,
        /// Where it sits in its source document.
        source: Option<SourceSpan>,
    }
}

record! {
    /// A measured quantity (城镇化率 …).
    Indicator [key, name, unit] {
        /// Natural key (`indicator/城镇化率`).
        key: String,
        /// Name as printed.
        name: String,
        /// Unit as printed (`%`, `个百分点`, `万亩`; empty for a pure number).
        unit: String,
        /// Where it sits in its source document.
        source: Option<SourceSpan>,
    }
}

record! {
    /// A quantitative target on an indicator.
    Target [key, summary] {
        /// Natural key.
        key: String,
        /// The target compactly: `≥ 40%`, `−16% vs 2010`.
        summary: String,
        /// `at_least`, `reach`, `at_most`, `range`, `approximately`, `decrease_from_base`,
        /// `increase_from_base`, `above_reference`, `within_reference`.
        comparator: String,
        /// The target value (low end of a range).
        value: Option<f64>,
        /// The high end of a range.
        value_max: Option<f64>,
        /// Unit as printed.
        unit: String,
        /// Base year of change-against-base targets.
        base_year: Option<u16>,
        /// When the target falls due.
        deadline: Option<PyDateValue>,
        /// A yearly target.
        annual: bool,
        /// External reference (全国平均水平).
        reference: Option<String>,
        /// The clause as printed.
        wording: String,
        /// Where it sits in its source document.
        source: Option<SourceSpan>,
    }
}

record! {
    /// A project in a portfolio.
    Project [key, name] {
        /// Natural key.
        key: String,
        /// Name.
        name: String,
        /// Portfolio domain (产业转型 …).
        domain: Option<String>,
        /// Planned investment, 万元.
        investment_wan_yuan: Option<f64>,
        /// Free description.
        description: Option<String>,
        /// Where it sits in its source document.
        source: Option<SourceSpan>,
    }
}

record! {
    /// A project portfolio with a quota and lifecycle.
    Portfolio [key, name, quota] {
        /// Natural key.
        key: String,
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
        /// Domains and their focus lists: `(name, [focus, …])`.
        domains: Vec<(String, Vec<String>)>,
        /// The paragraph, verbatim.
        body: String,
        /// Where it sits in its source document.
        source: Option<SourceSpan>,
    }
}

record! {
    /// A rule such as "each city chooses at least 2 options a year".
    SelectionRule [key, subject, min_per_year, max_per_year] {
        /// Natural key.
        key: String,
        /// `cities`, `pilot_counties`, `provincial_departments`, `pilot_enterprises`.
        subject: String,
        /// Fewest choices a year.
        min_per_year: Option<u32>,
        /// Most choices a year.
        max_per_year: Option<u32>,
        /// The rule as printed.
        wording: String,
        /// Where it sits in its source document.
        source: Option<SourceSpan>,
    }
}

fn target_record(key: String, t: reformgraph::Target, source: Option<SourceSpan>) -> Target {
    Target {
        key,
        summary: t.summary(),
        comparator: t.comparator.name().to_owned(),
        value: t.value,
        value_max: t.value_max,
        unit: t.unit.symbol().to_owned(),
        base_year: t.base_year,
        deadline: date(t.deadline),
        annual: t.annual,
        reference: t.reference,
        wording: t.wording,
        source,
    }
}

/// A node as its typed record.
pub fn node(py: Python<'_>, n: Node) -> PyResult<Py<PyAny>> {
    let key = n.key.to_string();
    let source = span(n.source);
    let obj = match n.data {
        NodeData::Plan(p) => Py::new(
            py,
            Plan {
                key,
                title: p.title,
                issuer: p.issuer,
                document_number: p.document_number,
                issued_on: date(p.issued_on),
                period_start: p.period_start,
                period_end: p.period_end,
                implements: p.implements,
                preamble: p.preamble,
                source,
            },
        )?
        .into_any(),
        NodeData::Section(s) => Py::new(
            py,
            Section {
                key,
                level: SectionLevel::name(s.level).to_owned(),
                number: s.number,
                ordinal: s.ordinal,
                title: s.title,
                paragraphs: s.paragraphs,
                source,
            },
        )?
        .into_any(),
        NodeData::Task(t) => Py::new(
            py,
            Task {
                key,
                role: t.role.name().to_owned(),
                number: t.number,
                ordinal: t.ordinal,
                title: t.title,
                body: t.body,
                responsibility: t.responsibility,
                deadline: date(t.deadline),
                source,
            },
        )?
        .into_any(),
        NodeData::Organization(o) => Py::new(
            py,
            Organization {
                key,
                name: o.name,
                kind: o.kind.name().to_owned(),
                aliases: o.aliases,
                source,
            },
        )?
        .into_any(),
        NodeData::Area(a) => Py::new(
            py,
            Area {
                key,
                name: a.name,
                level: a.level.name().to_owned(),
                aliases: a.aliases,
                source,
            },
        )?
        .into_any(),
        NodeData::Indicator(i) => Py::new(
            py,
            Indicator {
                key,
                name: i.name,
                unit: i.unit.symbol().to_owned(),
                source,
            },
        )?
        .into_any(),
        NodeData::Target(t) => Py::new(py, target_record(key, t, source))?.into_any(),
        NodeData::Project(p) => Py::new(
            py,
            Project {
                key,
                name: p.name,
                domain: p.domain,
                investment_wan_yuan: p.investment_wan_yuan,
                description: p.description,
                source,
            },
        )?
        .into_any(),
        NodeData::Portfolio(p) => Py::new(
            py,
            Portfolio {
                key,
                name: p.name,
                quota: p.quota,
                period_start: p.period_start,
                period_end: p.period_end,
                stages: p.stages,
                domains: p.domains.into_iter().map(|d| (d.name, d.focus)).collect(),
                body: p.body,
                source,
            },
        )?
        .into_any(),
        NodeData::SelectionRule(r) => Py::new(
            py,
            SelectionRule {
                key,
                subject: SelectionSubject::name(r.subject).to_owned(),
                min_per_year: r.min_per_year,
                max_per_year: r.max_per_year,
                wording: r.wording,
                source,
            },
        )?
        .into_any(),
        other => {
            return Err(crate::errors::invalid(format!(
                "{key} is a {}, which this version of the Python bindings cannot show; upgrade reformgraph",
                other.kind()
            )));
        }
    };
    Ok(obj)
}

record! {
    /// A section a task sits in.
    SectionRef [key, number, title] {
        /// Natural key.
        key: String,
        /// Number as printed.
        number: String,
        /// Title.
        title: String,
    }
}

impl From<CoreSectionRef> for SectionRef {
    fn from(s: CoreSectionRef) -> Self {
        Self {
            key: s.key,
            number: s.number,
            title: s.title,
        }
    }
}

record! {
    /// A lead organisation of a task.
    Lead [name, rank] {
        /// Natural key (`org/省环保厅`).
        key: String,
        /// The name as the plan prints it.
        name: String,
        /// Kind of organisation.
        kind: String,
        /// 1-based position in the responsibility clause (0 in lead counts).
        rank: u16,
    }
}

impl From<LeadRef> for Lead {
    fn from(l: LeadRef) -> Self {
        Self {
            key: l.key,
            name: l.name,
            kind: l.kind.name().to_owned(),
            rank: l.rank,
        }
    }
}

record! {
    /// A task with its part, category and leads.
    TaskSummary [key, title] {
        /// Natural key.
        key: String,
        /// Role name (`reform`, `matter` …).
        role: String,
        /// Number as printed.
        number: String,
        /// Title.
        title: String,
        /// The part (一、…) the task is in.
        part: Option<SectionRef>,
        /// The category ((一)…) the task is in, if any.
        category: Option<SectionRef>,
        /// Lead organisations in lead order.
        leads: Vec<Lead>,
        /// Deadline.
        deadline: Option<PyDateValue>,
    }
}

impl From<CoreTaskSummary> for TaskSummary {
    fn from(t: CoreTaskSummary) -> Self {
        Self {
            key: t.key,
            role: t.role.name().to_owned(),
            number: t.number,
            title: t.title,
            part: t.part.map(Into::into),
            category: t.category.map(Into::into),
            leads: t.leads.into_iter().map(Into::into).collect(),
            deadline: t.deadline.map(PyDateValue),
        }
    }
}

record! {
    /// A task as led by one organisation.
    LedTask [task, lead_role] {
        /// The task.
        task: TaskSummary,
        /// `sole`, `first` (of several) or `co`.
        lead_role: String,
    }
}

impl From<CoreLedTask> for LedTask {
    fn from(t: CoreLedTask) -> Self {
        Self {
            task: t.task.into(),
            lead_role: match t.lead_role {
                LeadRole::Sole => "sole",
                LeadRole::First => "first",
                LeadRole::Co => "co",
            }
            .to_owned(),
        }
    }
}

record! {
    /// A target with its indicator.
    TargetSummary [key, indicator, target] {
        /// Natural key.
        key: String,
        /// Indicator name, if linked.
        indicator: Option<String>,
        /// The target.
        target: Target,
    }
}

impl From<CoreTargetSummary> for TargetSummary {
    fn from(t: CoreTargetSummary) -> Self {
        Self {
            target: target_record(t.key.clone(), t.target, None),
            key: t.key,
            indicator: t.indicator,
        }
    }
}

record! {
    /// Two organisations that lead tasks together.
    CoLead [a, b, tasks] {
        /// One organisation's key (the smaller).
        a: String,
        /// The other's key.
        b: String,
        /// Keys of the tasks they both lead.
        tasks: Vec<String>,
    }
}

impl From<CoreCoLead> for CoLead {
    fn from(c: CoreCoLead) -> Self {
        Self {
            a: c.a,
            b: c.b,
            tasks: c.tasks,
        }
    }
}

record! {
    /// Organisations × categories: tasks each organisation leads in each category.
    Workload [organizations, categories] {
        /// Row labels: organisation names, most tasks first.
        organizations: Vec<String>,
        /// Column labels: category titles, in document order.
        categories: Vec<String>,
        /// `counts[row][column]`.
        counts: Vec<Vec<u32>>,
        /// Row totals.
        totals: Vec<u32>,
    }
    frame = "workload_frame"
}

impl From<CoreWorkload> for Workload {
    fn from(w: CoreWorkload) -> Self {
        Self {
            organizations: w.organizations,
            categories: w.categories,
            counts: w.counts,
            totals: w.totals,
        }
    }
}

record! {
    /// One node of a path or neighbourhood.
    Hop [key, kind, depth, via] {
        /// Natural key of the node reached.
        key: String,
        /// Its kind.
        kind: String,
        /// Its title or name.
        label: String,
        /// Distance from the start.
        depth: u32,
        /// The edge label followed to reach it (None for the start).
        via: Option<String>,
        /// `outgoing` or `incoming`: how that edge was followed.
        direction: Option<String>,
    }
}

impl From<CoreHop> for Hop {
    fn from(h: CoreHop) -> Self {
        Self {
            key: h.key,
            kind: h.kind.name().to_owned(),
            label: h.label,
            depth: h.depth,
            via: h.via.map(|l| l.name().to_owned()),
            direction: h.direction.map(|d| d.name().to_owned()),
        }
    }
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
pub fn edge(source: String, kind: reformgraph::EdgeKind, target: String) -> Edge {
    use reformgraph::EdgeKind as K;
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

record! {
    /// A search hit.
    SearchHit [key, score, title] {
        /// Natural key.
        key: String,
        /// Kind name.
        kind: String,
        /// BM25 score; higher is better.
        score: f64,
        /// Title or name.
        title: String,
        /// About 60 characters around the first match, matches wrapped in 【】.
        snippet: String,
        /// Where the node sits in its source document.
        source: Option<SourceSpan>,
    }
}

impl From<reformgraph::search::SearchHit> for SearchHit {
    fn from(h: reformgraph::search::SearchHit) -> Self {
        Self {
            key: h.key,
            kind: h.kind.to_owned(),
            score: h.score,
            title: h.title,
            snippet: h.snippet,
            source: span(h.source),
        }
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

/// A change's fields as a dict; dates as `datetime.date`.
fn change_details<'py>(py: Python<'py>, c: &Change) -> PyResult<Py<PyDict>> {
    let d = PyDict::new(py);
    match c {
        Change::TaskStatus {
            status,
            progress,
            note,
        } => {
            d.set_item("status", status.name())?;
            d.set_item("progress", *progress)?;
            d.set_item("note", note.clone())?;
        }
        Change::TaskDeadline { deadline } => {
            d.set_item("deadline", PyDateValue(*deadline))?;
        }
        Change::SubTaskAdded {
            year,
            title,
            deadline,
            responsible,
        } => {
            d.set_item("year", *year)?;
            d.set_item("title", title.clone())?;
            d.set_item("deadline", PyDateValue(*deadline))?;
            d.set_item("responsible", responsible.clone())?;
        }
        Change::ProjectRegistered(s) | Change::ProjectAdjusted(s) => {
            d.set_item("name", s.name.clone())?;
            d.set_item("portfolio", s.portfolio.clone())?;
            d.set_item("domain", s.domain.clone())?;
            d.set_item("area", s.area.clone())?;
            d.set_item("investment_wan_yuan", s.investment_wan_yuan)?;
            d.set_item("responsible", s.responsible.clone())?;
            d.set_item("year", s.year)?;
        }
        Change::ProjectStage { stage } => {
            d.set_item("stage", stage.name())?;
        }
        Change::Observation {
            area,
            year,
            value,
            unit,
            source,
            reference,
        } => {
            d.set_item("area", area.clone())?;
            d.set_item("year", *year)?;
            d.set_item("value", *value)?;
            d.set_item("unit", unit.symbol())?;
            d.set_item("source", source.clone())?;
            d.set_item("reference", *reference)?;
        }
        Change::Selection {
            option,
            year,
            selected,
        } => {
            d.set_item("option", option.clone())?;
            d.set_item("year", *year)?;
            d.set_item("selected", *selected)?;
        }
        _ => {}
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
            ],
        )?
        .unbind())
    }
}

/// An event record.
pub fn event(py: Python<'_>, e: CoreEvent) -> PyResult<Event> {
    Ok(Event {
        id: e.id.to_string(),
        recorded_at: e.recorded_at,
        effective: PyDateValue(e.effective),
        actor: e.actor.person,
        organization: e.actor.organization,
        evidence: e.evidence.map(Into::into),
        subject: e.subject,
        change: e.change.name().to_owned(),
        details: change_details(py, &e.change)?,
        supersedes: e.supersedes.map(|s| s.to_string()),
    })
}

record! {
    /// A task with its tracked state as of a date.
    TaskView [key, status, progress, lag_class, as_of] {
        /// Task key.
        key: String,
        /// The task (title, category, leads …).
        task: TaskSummary,
        /// `not_started`, `in_progress`, `completed`, `delayed`, `suspended`, `cancelled`.
        status: String,
        /// Progress, %.
        progress: f64,
        /// Deadline in force.
        deadline: Option<PyDateValue>,
        /// Time-proportional progress expected by the as-of date, %.
        expected_progress: Option<f64>,
        /// Expected minus actual progress, percentage points (positive = behind).
        lag: Option<f64>,
        /// `green`, `yellow` or `red`.
        lag_class: String,
        /// Past its deadline and not closed.
        overdue: bool,
        /// Latest progress note.
        note: Option<String>,
        /// When it was last updated.
        last_update: Option<PyDateValue>,
        /// By whom.
        last_actor: Option<String>,
        /// Its annual sub-tasks rolled up, if it has any.
        sub_tasks: Option<SubTaskRollup>,
        /// The effective date of a change recorded ahead (after the view's date), pending.
        pending: Option<PyDateValue>,
        /// The date the view is for.
        as_of: PyDateValue,
    }
}

record! {
    /// A task's annual sub-tasks (年度任务), rolled up.
    SubTaskRollup [count, completed, mean_progress] {
        /// How many sub-tasks.
        count: u32,
        /// How many of them are completed.
        completed: u32,
        /// Their mean progress, %.
        mean_progress: f64,
    }
}

fn lag_class(c: LagClass) -> &'static str {
    match c {
        LagClass::Green => "green",
        LagClass::Yellow => "yellow",
        LagClass::Red => "red",
    }
}

impl From<CoreTaskView> for TaskView {
    fn from(v: CoreTaskView) -> Self {
        Self {
            key: v.task.key.clone(),
            task: v.task.into(),
            status: v.status.name().to_owned(),
            progress: v.progress,
            deadline: date(v.deadline),
            expected_progress: v.expected_progress,
            lag: v.lag,
            lag_class: lag_class(v.class).to_owned(),
            overdue: v.overdue,
            note: v.note,
            last_update: date(v.last_update),
            last_actor: v.last_actor,
            sub_tasks: v.sub_tasks.map(|s| SubTaskRollup {
                count: s.count,
                completed: s.completed,
                mean_progress: s.mean_progress,
            }),
            pending: date(v.pending),
            as_of: PyDateValue(v.as_of),
        }
    }
}

record! {
    /// Tasks led by one organisation, counted.
    DepartmentRollup [name, tasks, overdue, red, yellow, green, mean_progress] {
        /// Organisation key.
        key: String,
        /// Name.
        name: String,
        /// Tasks it leads (any rank).
        tasks: u32,
        /// Tasks by status name.
        by_status: BTreeMap<String, u32>,
        /// Overdue tasks.
        overdue: u32,
        /// Red tasks.
        red: u32,
        /// Yellow tasks.
        yellow: u32,
        /// Green tasks.
        green: u32,
        /// Mean progress, %.
        mean_progress: f64,
    }
}

impl From<CoreDepartmentRollup> for DepartmentRollup {
    fn from(r: CoreDepartmentRollup) -> Self {
        let Counts {
            tasks,
            by_status,
            overdue,
            red,
            yellow,
            green,
            mean_progress,
        } = r.counts;
        Self {
            key: r.key,
            name: r.name,
            tasks,
            by_status,
            overdue,
            red,
            yellow,
            green,
            mean_progress,
        }
    }
}

record! {
    /// Tasks of one category (or part), counted.
    SectionRollup [part, category, tasks, red, yellow, green, mean_progress] {
        /// Part title.
        part: String,
        /// Category title, if the tasks sit in one.
        category: Option<String>,
        /// Tasks.
        tasks: u32,
        /// Tasks by status name.
        by_status: BTreeMap<String, u32>,
        /// Overdue tasks.
        overdue: u32,
        /// Red tasks.
        red: u32,
        /// Yellow tasks.
        yellow: u32,
        /// Green tasks.
        green: u32,
        /// Mean progress, %.
        mean_progress: f64,
    }
}

impl From<CoreSectionRollup> for SectionRollup {
    fn from(r: CoreSectionRollup) -> Self {
        let Counts {
            tasks,
            by_status,
            overdue,
            red,
            yellow,
            green,
            mean_progress,
        } = r.counts;
        Self {
            part: r.part,
            category: r.category,
            tasks,
            by_status,
            overdue,
            red,
            yellow,
            green,
            mean_progress,
        }
    }
}

record! {
    /// The latest observation of an indicator for an area and year.
    Observation [indicator, area, year, value] {
        /// Indicator key.
        indicator: String,
        /// Area key.
        area: String,
        /// Year.
        year: u16,
        /// Value.
        value: f64,
        /// Unit as printed.
        unit: String,
        /// Where the figure comes from.
        source: Option<String>,
        /// The external reference value rather than the area's own.
        reference: bool,
        /// The event that recorded it.
        event: String,
        /// Its effective date.
        effective: PyDateValue,
    }
}

impl From<CoreObservation> for Observation {
    fn from(o: CoreObservation) -> Self {
        Self {
            indicator: o.indicator,
            area: o.area,
            year: o.year,
            value: o.value,
            unit: o.unit.symbol().to_owned(),
            source: o.source,
            reference: o.reference,
            event: o.event.to_string(),
            effective: PyDateValue(o.effective),
        }
    }
}

record! {
    /// A target's attainment for one area.
    Attainment [target, summary, attained, attainment_class] {
        /// Target key.
        target: String,
        /// Indicator key.
        indicator: Option<String>,
        /// Area key assessed.
        area: Option<String>,
        /// The target compactly (`≥ 40%`).
        summary: String,
        /// The value to reach.
        target_value: Option<f64>,
        /// The baseline observation.
        baseline: Option<Observation>,
        /// The latest observation.
        latest: Option<Observation>,
        /// Whether the latest value meets the target.
        attained: Option<bool>,
        /// Remaining distance to the target value (0 when attained).
        distance: Option<f64>,
        /// How far the latest value trails the straight line to the target (positive = behind).
        time_lag: Option<f64>,
        /// Observed ÷ required compound annual growth.
        growth_ratio: Option<f64>,
        /// `on_track`, `progressing`, `slow` or `regressing`.
        attainment_class: Option<String>,
        /// The value at the deadline if the trend continues linearly.
        projected: Option<f64>,
        /// What could not be assessed and why.
        notes: Vec<String>,
    }
}

impl From<CoreAttainment> for Attainment {
    fn from(a: CoreAttainment) -> Self {
        Self {
            target: a.target,
            indicator: a.indicator,
            area: a.area,
            summary: a.summary,
            target_value: a.target_value,
            baseline: a.baseline.map(Into::into),
            latest: a.latest.map(Into::into),
            attained: a.attained,
            distance: a.distance,
            time_lag: a.time_lag,
            growth_ratio: a.growth_ratio,
            attainment_class: a.class.map(|c| {
                match c {
                    AttainmentClass::OnTrack => "on_track",
                    AttainmentClass::Progressing => "progressing",
                    AttainmentClass::Slow => "slow",
                    AttainmentClass::Regressing => "regressing",
                }
                .to_owned()
            }),
            projected: a.projected,
            notes: a.notes,
        }
    }
}

record! {
    /// A subject that selected too few or too many options in a year.
    SelectionViolation [subject, selected, message] {
        /// Area or organisation key.
        subject: String,
        /// Rule key.
        rule: String,
        /// How many it selected.
        selected: u32,
        /// What the rule asks.
        message: String,
    }
}

record! {
    /// Selections for a year, checked against the plan's rules.
    SelectionCheck [year, violations] {
        /// The year.
        year: u16,
        /// Per subject: (subject key, rule key, selected option keys).
        selections: Vec<(String, String, Vec<String>)>,
        /// Subjects that break a rule.
        violations: Vec<SelectionViolation>,
    }
    frame = "selections_frame"
}

impl From<CoreSelectionCheck> for SelectionCheck {
    fn from(c: CoreSelectionCheck) -> Self {
        Self {
            year: c.year,
            selections: c
                .selections
                .into_iter()
                .map(|s| (s.subject, s.rule, s.options))
                .collect(),
            violations: c
                .violations
                .into_iter()
                .map(|v| SelectionViolation {
                    subject: v.subject,
                    rule: v.rule,
                    selected: v.selected,
                    message: v.message,
                })
                .collect(),
        }
    }
}

record! {
    /// How many projects are at one stage.
    StageCount [stage, projects] {
        /// `reserve`, `signed`, `landed`, `started`, `under_construction`, `in_operation`,
        /// `suspended` or `cancelled`.
        stage: String,
        /// The stage as the plan names it: 储备, 签约, 落地, 开工, 建设, 投产, 暂停, 取消.
        name_zh: String,
        /// Projects at that stage.
        projects: u32,
    }
}

record! {
    /// A portfolio's projects by stage.
    Funnel [quota, total, withdrawn, stages] {
        /// The portfolio's quota, if the plan sets one.
        quota: Option<u32>,
        /// (stage, projects) in lifecycle order, then suspended and cancelled.
        stages: Vec<StageCount>,
        /// Projects registered (not withdrawn).
        total: u32,
        /// Withdrawn projects.
        withdrawn: u32,
    }
    frame = "funnel_frame"
}

impl From<CoreFunnel> for Funnel {
    fn from(f: CoreFunnel) -> Self {
        Self {
            quota: f.quota,
            stages: f
                .stages
                .into_iter()
                .map(|s| StageCount {
                    stage: s.stage.name().to_owned(),
                    name_zh: s.stage.name_zh().to_owned(),
                    projects: s.projects,
                })
                .collect(),
            total: f.total,
            withdrawn: f.withdrawn,
        }
    }
}

record! {
    /// Two events that changed the same thing without either seeing the other.
    Conflict [subject, change, kept, overridden] {
        /// The node changed.
        subject: String,
        /// What about it.
        change: String,
        /// The event whose value stands.
        kept: String,
        /// The event it overrides.
        overridden: String,
    }
}

record! {
    /// A received event without effect, and why.
    Refusal [event, reason] {
        /// The event id.
        event: String,
        /// Why, in words.
        reason: String,
    }
}

record! {
    /// What applying a changeset did.
    ApplyReport [applied, duplicates, conflicts, refused] {
        /// New events stored.
        applied: u32,
        /// Events this database already had.
        duplicates: u32,
        /// Concurrent changes, resolved.
        conflicts: Vec<Conflict>,
        /// Events without effect, and why: stage changes the merged history makes
        /// impossible (kept in the history), changes the access policy refuses and ids already
        /// here with other content (not stored).
        refused: Vec<Refusal>,
    }
}

impl From<CoreApplyReport> for ApplyReport {
    fn from(r: CoreApplyReport) -> Self {
        Self {
            applied: r.applied,
            duplicates: r.duplicates,
            conflicts: r
                .conflicts
                .into_iter()
                .map(|c| Conflict {
                    subject: c.subject,
                    change: c.change.to_owned(),
                    kept: c.kept.to_string(),
                    overridden: c.overridden.to_string(),
                })
                .collect(),
            refused: r
                .refused
                .into_iter()
                .map(|r| Refusal {
                    event: r.event.to_string(),
                    reason: r.reason,
                })
                .collect(),
        }
    }
}

record! {
    /// A paragraph that did not become data, or a warning of the importer.
    Unparsed [line, reason] {
        /// 1-based line number.
        line: u32,
        /// The text (truncated to 200 characters).
        text: String,
        /// Why.
        reason: String,
    }
}

record! {
    /// What an import found and did.
    ImportReport [plan_key, created, updated, removed] {
        /// The plan's key.
        plan_key: String,
        /// Nodes per kind (`task`, `organization` …) and tasks per role (`task:reform` …).
        counts: BTreeMap<String, usize>,
        /// Edges per label.
        edge_counts: BTreeMap<String, usize>,
        /// Paragraphs that did not become data.
        unparsed: Vec<Unparsed>,
        /// Things the importer did that a reader should check.
        warnings: Vec<Unparsed>,
        /// Nodes created (0 when re-importing an identical document).
        created: usize,
        /// Nodes whose data changed.
        updated: usize,
        /// Nodes and edges the new version no longer has, removed.
        removed: usize,
        /// Every non-blank line by what it became (`task`, `section`, `preamble`,
        /// `metadata`, `table_header`, `unparsed`).
        lines: BTreeMap<String, usize>,
        /// Keys of tasks for which no responsible unit was found.
        tasks_without_units: Vec<String>,
        /// Clauses read with low confidence (unlabelled lists of units).
        low_confidence: Vec<Unparsed>,
        /// Tasks with tracked history the re-import removed (with `allow_removals=True`).
        removed_with_history: Vec<String>,
    }
}

impl From<reformgraph::import::ImportReport> for ImportReport {
    fn from(r: reformgraph::import::ImportReport) -> Self {
        let conv = |v: Vec<reformgraph::import::Unparsed>| {
            v.into_iter()
                .map(|u| Unparsed {
                    line: u.line,
                    text: u.text,
                    reason: u.reason,
                })
                .collect()
        };
        Self {
            plan_key: r.plan_key,
            counts: r.counts,
            edge_counts: r.edge_counts,
            unparsed: conv(r.unparsed),
            warnings: conv(r.warnings),
            created: r.created,
            updated: r.updated,
            removed: r.removed,
            lines: r.lines,
            tasks_without_units: r.tasks_without_units,
            low_confidence: conv(r.low_confidence),
            removed_with_history: r.removed_with_history,
        }
    }
}

record! {
    /// An organisation and how many tasks it leads.
    LeadCount [lead, tasks] {
        /// The organisation (rank 0: no single task's clause is meant).
        lead: Lead,
        /// Tasks it leads, as sole, first or co-lead.
        tasks: u32,
    }
}

impl From<reformgraph::query::LeadCount> for LeadCount {
    fn from(c: reformgraph::query::LeadCount) -> Self {
        Self {
            lead: c.lead.into(),
            tasks: c.tasks,
        }
    }
}

record! {
    /// Counts and facts about a database.
    StoreInfo [path, read_only, nodes, edges] {
        /// The file, or None in memory.
        path: Option<String>,
        /// Schema version of the file.
        schema_version: u32,
        /// Whether it was opened read-only.
        read_only: bool,
        /// Nodes per kind.
        nodes: BTreeMap<String, u64>,
        /// Total edges.
        edges: u64,
        /// File size in bytes (0 in memory).
        file_bytes: u64,
    }
}

impl From<reformgraph::StoreInfo> for StoreInfo {
    fn from(i: reformgraph::StoreInfo) -> Self {
        Self {
            path: i.path.map(|p| p.display().to_string()),
            schema_version: i.schema_version,
            read_only: i.read_only,
            nodes: i
                .nodes
                .into_iter()
                .map(|(k, n)| (k.name().to_owned(), n))
                .collect(),
            edges: i.edges,
            file_bytes: i.file_bytes,
        }
    }
}

record! {
    /// Something `verify()` found wrong.
    Problem [table, key, message] {
        /// The table the problem is in.
        table: String,
        /// The record's key, printed.
        key: String,
        /// What is wrong.
        message: String,
    }
}

impl From<reformgraph::Problem> for Problem {
    fn from(p: reformgraph::Problem) -> Self {
        Self {
            table: p.table.to_owned(),
            key: p.key,
            message: p.message,
        }
    }
}
