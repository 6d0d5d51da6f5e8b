//! Node records as schema 3 writes them (format byte 2). Frozen: every field list and
//! variant order here is what those records hold, whatever the public types become; a
//! change is a new format byte with this decoder kept. Format 1 (`node_v1`) shares every
//! layout here but the plan, task and organisation.

use serde::{Deserialize, Serialize};

use super::super::read::NodeRecord;
use super::common::{DateV1, SourceSpanV1, UnitV1};
use super::mirror::{Unfit, freeze_and_thaw, mirror_enum, mirror_struct};
use crate::model::{
    AdminLevel, Area, AreaLevel, Comparator, DeadlineKind, Indicator, NodeData, Organization,
    OrganizationKind, Plan, Portfolio, PortfolioDomain, Project, Section, SectionLevel,
    SelectionRule, SelectionSubject, Target, Task, TaskRole,
};

mirror_struct! {
    /// A node record of format 2 (the id is the table key).
    NodeRecordV2 <=> NodeRecord { key: String, source: Option<SourceSpanV1>, data: NodeDataV2 }
}

/// `NodeData` of format 2: one variant per node kind, in kind order.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub(crate) enum NodeDataV2 {
    Plan(PlanV2),
    Section(SectionV2),
    Task(TaskV2),
    Organization(OrganizationV2),
    Area(AreaV2),
    Indicator(IndicatorV2),
    Target(TargetV2),
    Project(ProjectV2),
    Portfolio(PortfolioV2),
    SelectionRule(SelectionRuleV2),
}

impl From<NodeData> for NodeDataV2 {
    fn from(data: NodeData) -> Self {
        match data {
            NodeData::Plan(x) => NodeDataV2::Plan(x.into()),
            NodeData::Section(x) => NodeDataV2::Section(x.into()),
            NodeData::Task(x) => NodeDataV2::Task(x.into()),
            NodeData::Organization(x) => NodeDataV2::Organization(x.into()),
            NodeData::Area(x) => NodeDataV2::Area(x.into()),
            NodeData::Indicator(x) => NodeDataV2::Indicator(x.into()),
            NodeData::Target(x) => NodeDataV2::Target(x.into()),
            NodeData::Project(x) => NodeDataV2::Project(x.into()),
            NodeData::Portfolio(x) => NodeDataV2::Portfolio(x.into()),
            NodeData::SelectionRule(x) => NodeDataV2::SelectionRule(x.into()),
        }
    }
}

impl TryFrom<NodeDataV2> for NodeData {
    type Error = Unfit;
    fn try_from(data: NodeDataV2) -> Result<Self, Unfit> {
        Ok(match data {
            NodeDataV2::Plan(x) => NodeData::Plan(x.try_into()?),
            NodeDataV2::Section(x) => NodeData::Section(x.try_into()?),
            NodeDataV2::Task(x) => NodeData::Task(x.try_into()?),
            NodeDataV2::Organization(x) => NodeData::Organization(x.try_into()?),
            NodeDataV2::Area(x) => NodeData::Area(x.try_into()?),
            NodeDataV2::Indicator(x) => NodeData::Indicator(x.try_into()?),
            NodeDataV2::Target(x) => NodeData::Target(x.try_into()?),
            NodeDataV2::Project(x) => NodeData::Project(x.try_into()?),
            NodeDataV2::Portfolio(x) => NodeData::Portfolio(x.try_into()?),
            NodeDataV2::SelectionRule(x) => NodeData::SelectionRule(x.try_into()?),
        })
    }
}

freeze_and_thaw!(NodeDataV2, NodeData);

mirror_struct! {
    /// `Plan` of format 2 (format 1 had no `retired`).
    PlanV2 <=> Plan {
        title: String,
        issuer: Option<String>,
        document_number: Option<String>,
        issued_on: Option<DateV1>,
        period_start: Option<u16>,
        period_end: Option<u16>,
        implements: Option<String>,
        preamble: Vec<String>,
        retired: Vec<String>,
    }
}

mirror_enum! {
    /// `SectionLevel`.
    SectionLevelV2 <=> SectionLevel { Part, Category }
}

mirror_struct! {
    /// `Section`.
    SectionV2 <=> Section {
        level: SectionLevelV2,
        number: String,
        ordinal: u32,
        title: String,
        paragraphs: Vec<String>,
    }
}

mirror_enum! {
    /// `TaskRole`.
    TaskRoleV2 <=> TaskRole {
        Reform,
        Matter,
        ResearchTopic,
        CityTaskOption,
        CountyPilotArea,
        EnterpriseInnovationArea,
        DepartmentSpecialReform,
        SafeguardMeasure,
        Principle,
        AnnualAction,
        Task,
    }
}

mirror_struct! {
    /// `Task` of format 2 (format 1 ended at `deadline`).
    TaskV2 <=> Task {
        role: TaskRoleV2,
        number: String,
        ordinal: u32,
        title: String,
        body: String,
        responsibility: Option<String>,
        deadline: Option<DateV1>,
        deadline_kind: DeadlineKindV2,
        deadline_text: Option<String>,
        leaders: Vec<String>,
    }
}

mirror_enum! {
    /// `DeadlineKind`.
    DeadlineKindV2 <=> DeadlineKind { Unstated, Date, Continuous, Yearly }
}

mirror_enum! {
    /// `OrganizationKind`.
    OrganizationKindV2 <=> OrganizationKind {
        ProvincialDepartment,
        CentralVerticalBranch,
        Government,
        Enterprise,
        Group,
        Other,
        Department,
        Judicial,
        Bank,
        Institution,
        PartyOrgan,
    }
}

mirror_struct! {
    /// `Organization` of format 2 (format 1 had no `level`).
    OrganizationV2 <=> Organization {
        name: String,
        kind: OrganizationKindV2,
        aliases: Vec<String>,
        level: AdminLevelV2,
    }
}

mirror_enum! {
    /// `AdminLevel`.
    AdminLevelV2 <=> AdminLevel { Unknown, National, Provincial, City, County, Township }
}

mirror_enum! {
    /// `AreaLevel`.
    AreaLevelV2 <=> AreaLevel {
        Province,
        PrefectureCity,
        CountyLevelCity,
        County,
        District,
        Other,
    }
}

mirror_struct! {
    /// `Area`.
    AreaV2 <=> Area { name: String, level: AreaLevelV2, aliases: Vec<String> }
}

mirror_struct! {
    /// `Indicator`.
    IndicatorV2 <=> Indicator { name: String, unit: UnitV1 }
}

mirror_enum! {
    /// `Comparator`.
    ComparatorV2 <=> Comparator {
        AtLeast,
        Reach,
        AtMost,
        Range,
        Approximately,
        DecreaseFromBase,
        IncreaseFromBase,
        AboveReference,
        WithinReference,
    }
}

mirror_struct! {
    /// `Target`.
    TargetV2 <=> Target {
        comparator: ComparatorV2,
        value: Option<f64>,
        value_max: Option<f64>,
        unit: UnitV1,
        base_year: Option<u16>,
        deadline: Option<DateV1>,
        annual: bool,
        reference: Option<String>,
        wording: String,
    }
}

mirror_struct! {
    /// `Project`.
    ProjectV2 <=> Project {
        name: String,
        domain: Option<String>,
        investment_wan_yuan: Option<f64>,
        description: Option<String>,
    }
}

mirror_struct! {
    /// `PortfolioDomain`.
    PortfolioDomainV2 <=> PortfolioDomain { name: String, focus: Vec<String> }
}

mirror_struct! {
    /// `Portfolio`.
    PortfolioV2 <=> Portfolio {
        name: String,
        quota: Option<u32>,
        period_start: Option<u16>,
        period_end: Option<u16>,
        stages: Vec<String>,
        domains: Vec<PortfolioDomainV2>,
        body: String,
    }
}

mirror_enum! {
    /// `SelectionSubject`.
    SelectionSubjectV2 <=> SelectionSubject {
        Cities,
        PilotCounties,
        ProvincialDepartments,
        PilotEnterprises,
    }
}

mirror_struct! {
    /// `SelectionRule`.
    SelectionRuleV2 <=> SelectionRule {
        subject: SelectionSubjectV2,
        min_per_year: Option<u32>,
        max_per_year: Option<u32>,
        wording: String,
    }
}
