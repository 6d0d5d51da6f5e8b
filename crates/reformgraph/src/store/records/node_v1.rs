//! Node records as schemas 1 and 2 wrote them (format byte 1). Frozen: the variant order and
//! every field list here are what those files hold, whatever the public types become. The
//! layouts format 1 shares with format 2 are format 2's (`node_v2`), frozen as well.

use serde::Deserialize;

use super::super::read::NodeRecord;
use super::common::{DateV1, SourceSpanV1};
use super::mirror::{Thaw, Unfit};
use super::node_v2::{
    AreaV2, IndicatorV2, OrganizationKindV2, PortfolioV2, ProjectV2, SectionV2, SelectionRuleV2,
    TargetV2, TaskRoleV2,
};
use crate::model::{AdminLevel, DeadlineKind, NodeData, Organization, Plan, Task};

/// A node record of format 1.
#[derive(Debug, Deserialize)]
pub(crate) struct NodeRecordV1 {
    key: String,
    source: Option<SourceSpanV1>,
    data: NodeDataV1,
}

impl NodeRecordV1 {
    /// The deadline of a task node as the plan gave it (what a task's derived state starts
    /// from); `None` for other kinds.
    pub(crate) fn task_deadline(&self) -> Option<DateV1> {
        match &self.data {
            NodeDataV1::Task(t) => t.deadline,
            _ => None,
        }
    }
}

/// `NodeData` of format 1: the same variants in the same order as format 2; plans, tasks
/// and organisations had fewer fields.
#[derive(Debug, Deserialize)]
enum NodeDataV1 {
    Plan(PlanV1),
    Section(SectionV2),
    Task(TaskV1),
    Organization(OrganizationV1),
    Area(AreaV2),
    Indicator(IndicatorV2),
    Target(TargetV2),
    Project(ProjectV2),
    Portfolio(PortfolioV2),
    SelectionRule(SelectionRuleV2),
}

/// `Plan` of format 1.
#[derive(Debug, Deserialize)]
struct PlanV1 {
    title: String,
    issuer: Option<String>,
    document_number: Option<String>,
    issued_on: Option<DateV1>,
    period_start: Option<u16>,
    period_end: Option<u16>,
    implements: Option<String>,
    preamble: Vec<String>,
}

/// `Task` of format 1.
#[derive(Debug, Deserialize)]
struct TaskV1 {
    role: TaskRoleV2,
    number: String,
    ordinal: u32,
    title: String,
    body: String,
    responsibility: Option<String>,
    deadline: Option<DateV1>,
}

/// `Organization` of format 1.
#[derive(Debug, Deserialize)]
struct OrganizationV1 {
    name: String,
    kind: OrganizationKindV2,
    aliases: Vec<String>,
}

impl TryFrom<NodeRecordV1> for NodeRecord {
    type Error = Unfit;
    fn try_from(r: NodeRecordV1) -> Result<Self, Unfit> {
        let data = match r.data {
            NodeDataV1::Plan(p) => NodeData::Plan(Plan {
                title: p.title,
                issuer: p.issuer,
                document_number: p.document_number,
                issued_on: p.issued_on.thaw()?,
                period_start: p.period_start,
                period_end: p.period_end,
                implements: p.implements,
                preamble: p.preamble,
                retired: Vec::new(),
            }),
            NodeDataV1::Section(x) => NodeData::Section(x.try_into()?),
            NodeDataV1::Task(t) => NodeData::Task(Task {
                role: t.role.into(),
                number: t.number,
                ordinal: t.ordinal,
                title: t.title,
                body: t.body,
                responsibility: t.responsibility,
                deadline: t.deadline.thaw()?,
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
                kind: o.kind.into(),
                aliases: o.aliases,
                level: AdminLevel::Unknown,
            }),
            NodeDataV1::Area(x) => NodeData::Area(x.try_into()?),
            NodeDataV1::Indicator(x) => NodeData::Indicator(x.try_into()?),
            NodeDataV1::Target(x) => NodeData::Target(x.try_into()?),
            NodeDataV1::Project(x) => NodeData::Project(x.try_into()?),
            NodeDataV1::Portfolio(x) => NodeData::Portfolio(x.try_into()?),
            NodeDataV1::SelectionRule(x) => NodeData::SelectionRule(x.try_into()?),
        };
        Ok(NodeRecord {
            key: r.key.thaw()?,
            source: r.source.thaw()?,
            data,
        })
    }
}
