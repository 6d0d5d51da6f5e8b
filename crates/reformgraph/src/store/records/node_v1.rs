//! Node records as schemas 1 and 2 wrote them (format byte 1). Frozen: the variant order and
//! every field list here are what those files hold, whatever the public types become.

use serde::Deserialize;

use super::super::read::NodeRecord;
use crate::model::{
    AdminLevel, Area, Date, DeadlineKind, Indicator, NodeData, NodeKey, Organization,
    OrganizationKind, Plan, Portfolio, Project, Section, SelectionRule, SourceSpan, Target, Task,
    TaskRole,
};

/// A node record of format 1.
#[derive(Debug, Deserialize)]
pub(crate) struct NodeRecordV1 {
    key: NodeKey,
    source: Option<SourceSpan>,
    data: NodeDataV1,
}

/// `NodeData` of format 1: the same variants in the same order; tasks and organisations had
/// fewer fields.
#[derive(Debug, Deserialize)]
enum NodeDataV1 {
    Plan(PlanV1),
    Section(Section),
    Task(TaskV1),
    Organization(OrganizationV1),
    Area(Area),
    Indicator(Indicator),
    Target(Target),
    Project(Project),
    Portfolio(Portfolio),
    SelectionRule(SelectionRule),
}

/// `Plan` of format 1.
#[derive(Debug, Deserialize)]
struct PlanV1 {
    title: String,
    issuer: Option<String>,
    document_number: Option<String>,
    issued_on: Option<Date>,
    period_start: Option<u16>,
    period_end: Option<u16>,
    implements: Option<String>,
    preamble: Vec<String>,
}

/// `Task` of format 1.
#[derive(Debug, Deserialize)]
struct TaskV1 {
    role: TaskRole,
    number: String,
    ordinal: u32,
    title: String,
    body: String,
    responsibility: Option<String>,
    deadline: Option<Date>,
}

/// `Organization` of format 1.
#[derive(Debug, Deserialize)]
struct OrganizationV1 {
    name: String,
    kind: OrganizationKind,
    aliases: Vec<String>,
}

impl From<NodeRecordV1> for NodeRecord {
    fn from(r: NodeRecordV1) -> Self {
        let data = match r.data {
            NodeDataV1::Plan(p) => NodeData::Plan(Plan {
                title: p.title,
                issuer: p.issuer,
                document_number: p.document_number,
                issued_on: p.issued_on,
                period_start: p.period_start,
                period_end: p.period_end,
                implements: p.implements,
                preamble: p.preamble,
                retired: Vec::new(),
            }),
            NodeDataV1::Section(x) => NodeData::Section(x),
            NodeDataV1::Task(t) => NodeData::Task(Task {
                role: t.role,
                number: t.number,
                ordinal: t.ordinal,
                title: t.title,
                body: t.body,
                responsibility: t.responsibility,
                deadline: t.deadline,
                // Schemas 1–2 only read the Shanxi plan, whose deadlines all came from its
                // period or a year in the text: a stated date when there is one.
                deadline_kind: if t.deadline.is_some() {
                    DeadlineKind::Date
                } else {
                    DeadlineKind::Unstated
                },
                deadline_text: None,
                leaders: Vec::new(),
            }),
            NodeDataV1::Organization(o) => NodeData::Organization(Organization {
                name: o.name,
                kind: o.kind,
                aliases: o.aliases,
                level: AdminLevel::Unknown,
            }),
            NodeDataV1::Area(x) => NodeData::Area(x),
            NodeDataV1::Indicator(x) => NodeData::Indicator(x),
            NodeDataV1::Target(x) => NodeData::Target(x),
            NodeDataV1::Project(x) => NodeData::Project(x),
            NodeDataV1::Portfolio(x) => NodeData::Portfolio(x),
            NodeDataV1::SelectionRule(x) => NodeData::SelectionRule(x),
        };
        NodeRecord {
            key: r.key,
            source: r.source,
            data,
        }
    }
}
