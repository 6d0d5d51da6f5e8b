//! Node kinds and their data.

use serde::{Deserialize, Serialize};

use super::{Date, Id, NodeId, NodeKey};

/// Where in the source document a node came from, so a user can cite the clause.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct SourceSpan {
    /// 1-based line number of the first line.
    pub line: u32,
    /// Byte offset of the first byte in the document (UTF-8).
    pub start: u32,
    /// Byte offset one past the last byte.
    pub end: u32,
}

/// The kind of a node. The discriminants are stored on disk (`kinds` index): never reorder.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[repr(u8)]
#[non_exhaustive]
pub enum NodeKind {
    /// A plan document ([`Plan`]).
    Plan = 1,
    /// A part or category heading ([`Section`]).
    Section = 2,
    /// A task of any role ([`Task`]).
    Task = 3,
    /// An organisation ([`Organization`]).
    Organization = 4,
    /// An administrative area ([`Area`]).
    Area = 5,
    /// A measured quantity ([`Indicator`]).
    Indicator = 6,
    /// A quantitative target ([`Target`]).
    Target = 7,
    /// A project ([`Project`]).
    Project = 8,
    /// A project portfolio ([`Portfolio`]).
    Portfolio = 9,
    /// A selection rule ([`SelectionRule`]).
    SelectionRule = 10,
}

impl NodeKind {
    /// Every kind, in discriminant order.
    pub const ALL: [NodeKind; 10] = [
        NodeKind::Plan,
        NodeKind::Section,
        NodeKind::Task,
        NodeKind::Organization,
        NodeKind::Area,
        NodeKind::Indicator,
        NodeKind::Target,
        NodeKind::Project,
        NodeKind::Portfolio,
        NodeKind::SelectionRule,
    ];

    /// The on-disk tag.
    pub fn tag(self) -> u8 {
        self as u8
    }

    /// The kind for an on-disk tag.
    pub fn from_tag(tag: u8) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.tag() == tag)
    }

    /// A lower-case English name (`task`, `organization`, …), used in JSON and the CLI.
    pub fn name(self) -> &'static str {
        match self {
            NodeKind::Plan => "plan",
            NodeKind::Section => "section",
            NodeKind::Task => "task",
            NodeKind::Organization => "organization",
            NodeKind::Area => "area",
            NodeKind::Indicator => "indicator",
            NodeKind::Target => "target",
            NodeKind::Project => "project",
            NodeKind::Portfolio => "portfolio",
            NodeKind::SelectionRule => "selection_rule",
        }
    }

    /// Parses [`NodeKind::name`].
    pub fn from_name(name: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.name() == name)
    }
}

impl std::fmt::Display for NodeKind {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name())
    }
}

/// A plan document: 实施方案, 意见, 总体方案 …
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Plan {
    /// Full title, verbatim.
    pub title: String,
    /// Issuing body (印发机关), if known.
    pub issuer: Option<String>,
    /// Document number such as 国发〔2019〕3号, if printed.
    pub document_number: Option<String>,
    /// Date of issue, if printed.
    pub issued_on: Option<Date>,
    /// First year the plan covers.
    pub period_start: Option<u16>,
    /// Last year the plan covers; targets without a stated deadline fall due at its end.
    pub period_end: Option<u16>,
    /// The higher-level plan this one implements (《总体方案》), verbatim.
    pub implements: Option<String>,
    /// The preamble paragraphs before the first heading.
    pub preamble: Vec<String>,
    /// Keys of tasks that a re-import removed while they had tracked history (allowed with
    /// `ImportOptions::allow_removals`): their events stay and `history KEY` reads them.
    #[serde(default)]
    pub retired: Vec<String>,
}

/// How deep a heading sits.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[non_exhaustive]
pub enum SectionLevel {
    /// A top-level part: 一、 二、 …
    Part,
    /// A category inside a part: （一） （二） …
    Category,
}

impl SectionLevel {
    /// The level's name: `part` or `category`.
    ///
    /// ```
    /// assert_eq!(reformgraph::SectionLevel::Category.name(), "category");
    /// ```
    pub fn name(self) -> &'static str {
        match self {
            SectionLevel::Part => "part",
            SectionLevel::Category => "category",
        }
    }
}

/// A part or category heading with the paragraphs directly under it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Section {
    /// Depth of the heading.
    pub level: SectionLevel,
    /// The number as printed, without punctuation: `二`, `三`.
    pub number: String,
    /// The number as an integer (二 → 2).
    pub ordinal: u32,
    /// Heading text without number and trailing punctuation: 重大改革.
    pub title: String,
    /// Paragraphs that sit directly under the heading and are not tasks (objectives, preamble
    /// of a part), verbatim.
    pub paragraphs: Vec<String>,
}

/// What a task is, in the plan's own vocabulary.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[non_exhaustive]
pub enum TaskRole {
    /// 重大改革: a major reform.
    Reform,
    /// 重大事项: a major matter.
    Matter,
    /// 重大课题: a research topic.
    ResearchTopic,
    /// One of the options each city chooses from every year.
    CityTaskOption,
    /// One of the areas each pilot county chooses from every year.
    CountyPilotArea,
    /// One of the areas pilot enterprises innovate in.
    EnterpriseInnovationArea,
    /// A provincial department's yearly special reform (专项改革).
    DepartmentSpecialReform,
    /// 保障措施: a safeguard measure.
    SafeguardMeasure,
    /// 基本原则: a basic principle.
    Principle,
    /// A yearly sub-task of an annual action plan (年度行动计划), added by tracking.
    AnnualAction,
    /// A task of a plan whose headings name no particular role (重点任务, 工作任务): what
    /// most plans of the genre assign.
    Task,
}

impl TaskRole {
    /// Every role.
    pub const ALL: [TaskRole; 11] = [
        TaskRole::Reform,
        TaskRole::Matter,
        TaskRole::ResearchTopic,
        TaskRole::CityTaskOption,
        TaskRole::CountyPilotArea,
        TaskRole::EnterpriseInnovationArea,
        TaskRole::DepartmentSpecialReform,
        TaskRole::SafeguardMeasure,
        TaskRole::Principle,
        TaskRole::AnnualAction,
        TaskRole::Task,
    ];

    /// Snake-case English name used in keys, JSON and the CLI (`reform`, `matter`, …).
    pub fn name(self) -> &'static str {
        match self {
            TaskRole::Reform => "reform",
            TaskRole::Matter => "matter",
            TaskRole::ResearchTopic => "research_topic",
            TaskRole::CityTaskOption => "city_task_option",
            TaskRole::CountyPilotArea => "county_pilot_area",
            TaskRole::EnterpriseInnovationArea => "enterprise_innovation_area",
            TaskRole::DepartmentSpecialReform => "department_special_reform",
            TaskRole::SafeguardMeasure => "safeguard_measure",
            TaskRole::Principle => "principle",
            TaskRole::AnnualAction => "annual_action",
            TaskRole::Task => "task",
        }
    }

    /// Parses [`TaskRole::name`].
    pub fn from_name(name: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|r| r.name() == name)
    }

    /// The plan's own word for the role.
    pub fn name_zh(self) -> &'static str {
        match self {
            TaskRole::Reform => "重大改革",
            TaskRole::Matter => "重大事项",
            TaskRole::ResearchTopic => "重大课题",
            TaskRole::CityTaskOption => "各市改革任务",
            TaskRole::CountyPilotArea => "试点县试点领域",
            TaskRole::EnterpriseInnovationArea => "试点企业创新领域",
            TaskRole::DepartmentSpecialReform => "省直部门专项改革",
            TaskRole::SafeguardMeasure => "保障措施",
            TaskRole::Principle => "基本原则",
            TaskRole::AnnualAction => "年度行动计划任务",
            TaskRole::Task => "任务",
        }
    }
}

impl std::fmt::Display for TaskRole {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name())
    }
}

/// A unit of work the plan assigns: a reform, a matter, a research topic, an option …
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Task {
    /// What kind of task this is.
    pub role: TaskRole,
    /// The number as printed (`20`, `三`), without punctuation.
    pub number: String,
    /// The number as an integer.
    pub ordinal: u32,
    /// Title: the text up to the first 。. Imported text is in the importer's canonical form
    /// (full-width punctuation, Simplified characters); the node's source span points at the
    /// verbatim wording.
    pub title: String,
    /// The full paragraph without the responsibility clause (canonical form, as the title).
    pub body: String,
    /// The responsibility clause, e.g. `牵头部门：省国土厅` (canonical form, as the title).
    pub responsibility: Option<String>,
    /// When the task is due, if the plan says or the plan period implies.
    pub deadline: Option<Date>,
    /// How the text states the deadline: [`DeadlineKind::Unstated`] when it does not (and
    /// `deadline`, if any, is the end of the plan's period).
    #[serde(default)]
    pub deadline_kind: DeadlineKind,
    /// The deadline's wording as printed (`2019年6月底前`, `年内持续推进`, `每年`).
    #[serde(default)]
    pub deadline_text: Option<String>,
    /// People named as responsible for the task (分管领导, 牵头负责领导): persons, not units.
    #[serde(default)]
    pub leaders: Vec<String>,
}

impl Default for Task {
    /// An empty task of role [`TaskRole::Task`], to be filled with struct update syntax.
    fn default() -> Self {
        Task {
            role: TaskRole::Task,
            number: String::new(),
            ordinal: 0,
            title: String::new(),
            body: String::new(),
            responsibility: None,
            deadline: None,
            deadline_kind: DeadlineKind::Unstated,
            deadline_text: None,
            leaders: Vec::new(),
        }
    }
}

/// How a plan states when a task is due.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[non_exhaustive]
pub enum DeadlineKind {
    /// The text states no deadline for the task.
    #[default]
    Unstated,
    /// A date (`2020年底前`, `2021年6月底前`, `到2020年`, `年内`): see [`Task::deadline`].
    Date,
    /// Ongoing work with no end date (`持续推进`, `长期坚持`).
    Continuous,
    /// Work repeated every year (`每年`).
    Yearly,
}

impl DeadlineKind {
    /// Snake-case name used in JSON and the CLI.
    pub fn name(self) -> &'static str {
        match self {
            DeadlineKind::Unstated => "unstated",
            DeadlineKind::Date => "date",
            DeadlineKind::Continuous => "continuous",
            DeadlineKind::Yearly => "yearly",
        }
    }

    /// Parses [`DeadlineKind::name`].
    pub fn from_name(name: &str) -> Option<Self> {
        [
            DeadlineKind::Unstated,
            DeadlineKind::Date,
            DeadlineKind::Continuous,
            DeadlineKind::Yearly,
        ]
        .into_iter()
        .find(|k| k.name() == name)
    }
}

/// What kind of body an organisation is.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[non_exhaustive]
pub enum OrganizationKind {
    /// A department of the provincial government (省直部门): 省环保厅, 省发展改革委 …
    ProvincialDepartment,
    /// A central-government branch in the province (垂直管理): 太原海关, 山西证监局 …
    CentralVerticalBranch,
    /// A people's government or its office: 大同市政府 …
    Government,
    /// An enterprise: 太原钢铁（集团）有限公司 …
    Enterprise,
    /// A collective such as 各相关部门: not one department.
    Group,
    /// Anything else.
    #[default]
    Other,
    /// A government department at a level other than the province's own (国家发展改革委,
    /// 市发改委, 区司法局): …部 …委 …厅 …局 …办 …署 …总社. See [`Organization::level`].
    Department,
    /// A court or procuratorate (最高人民法院, 市中级人民法院, …检察院).
    Judicial,
    /// A bank or a branch of the central bank (中国人民银行, 人行合肥中心支行, …行).
    Bank,
    /// A public institution: …中心, …院 (research institutes, academies), …站, 学校.
    Institution,
    /// A Party organ (市委, 党委, …部 of a Party committee such as 市委宣传部).
    PartyOrgan,
}

impl OrganizationKind {
    /// Snake-case name used in data files, JSON and the CLI.
    pub fn name(self) -> &'static str {
        match self {
            OrganizationKind::ProvincialDepartment => "provincial_department",
            OrganizationKind::CentralVerticalBranch => "central_vertical_branch",
            OrganizationKind::Government => "government",
            OrganizationKind::Enterprise => "enterprise",
            OrganizationKind::Group => "group",
            OrganizationKind::Other => "other",
            OrganizationKind::Department => "department",
            OrganizationKind::Judicial => "judicial",
            OrganizationKind::Bank => "bank",
            OrganizationKind::Institution => "institution",
            OrganizationKind::PartyOrgan => "party_organ",
        }
    }

    /// Parses [`OrganizationKind::name`].
    pub fn from_name(name: &str) -> Option<Self> {
        [
            OrganizationKind::ProvincialDepartment,
            OrganizationKind::CentralVerticalBranch,
            OrganizationKind::Government,
            OrganizationKind::Enterprise,
            OrganizationKind::Group,
            OrganizationKind::Other,
            OrganizationKind::Department,
            OrganizationKind::Judicial,
            OrganizationKind::Bank,
            OrganizationKind::Institution,
            OrganizationKind::PartyOrgan,
        ]
        .into_iter()
        .find(|k| k.name() == name)
    }
}

/// A department, branch, government, enterprise or group.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Organization {
    /// The name as the plan prints it: 省发展改革委.
    pub name: String,
    /// What kind of body it is.
    pub kind: OrganizationKind,
    /// Other names it goes by: 山西省发展和改革委员会, 省发改委 …
    pub aliases: Vec<String>,
    /// The level of government it belongs to, from its name's prefix and the issuer of the
    /// plan that named it ([`AdminLevel::Unknown`] when neither says).
    #[serde(default)]
    pub level: AdminLevel,
}

/// The level of government an organisation belongs to.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[non_exhaustive]
pub enum AdminLevel {
    /// Neither the name nor the plan says.
    #[default]
    Unknown,
    /// The central government (国务院, 国家…, …部).
    National,
    /// A province, autonomous region or municipality (省, 自治区, 直辖市).
    Provincial,
    /// A prefecture-level city (市, 州, 盟).
    City,
    /// A county, county-level city or district (县, 区, 旗).
    County,
    /// A township, town or sub-district (乡, 镇, 街道).
    Township,
}

impl AdminLevel {
    /// Snake-case name used in JSON and the CLI.
    pub fn name(self) -> &'static str {
        match self {
            AdminLevel::Unknown => "unknown",
            AdminLevel::National => "national",
            AdminLevel::Provincial => "provincial",
            AdminLevel::City => "city",
            AdminLevel::County => "county",
            AdminLevel::Township => "township",
        }
    }

    /// Parses [`AdminLevel::name`].
    pub fn from_name(name: &str) -> Option<Self> {
        [
            AdminLevel::Unknown,
            AdminLevel::National,
            AdminLevel::Provincial,
            AdminLevel::City,
            AdminLevel::County,
            AdminLevel::Township,
        ]
        .into_iter()
        .find(|k| k.name() == name)
    }
}

/// Administrative level of an area.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[non_exhaustive]
pub enum AreaLevel {
    /// A province: 山西省.
    Province,
    /// A prefecture-level city: 大同市.
    PrefectureCity,
    /// A county-level city: 孝义市.
    CountyLevelCity,
    /// A county: 灵丘县.
    County,
    /// A city district: 尖草坪区.
    District,
    /// Anything else (a region such as 太原都市圈).
    Other,
}

impl AreaLevel {
    /// Snake-case name.
    pub fn name(self) -> &'static str {
        match self {
            AreaLevel::Province => "province",
            AreaLevel::PrefectureCity => "prefecture_city",
            AreaLevel::CountyLevelCity => "county_level_city",
            AreaLevel::County => "county",
            AreaLevel::District => "district",
            AreaLevel::Other => "other",
        }
    }
}

/// An administrative area.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Area {
    /// Official name: 孝义市, 太原市尖草坪区.
    pub name: String,
    /// Administrative level.
    pub level: AreaLevel,
    /// Short forms the text uses: 孝义, 尖草坪区.
    pub aliases: Vec<String>,
}

/// The unit of a quantity.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[non_exhaustive]
pub enum Unit {
    /// A pure number.
    None,
    /// Percent (%).
    Percent,
    /// Percentage points: a difference of two percentages, never mixed with [`Unit::Percent`].
    PercentagePoints,
    /// Per mille (‰).
    Permille,
    /// Yuan (元).
    Yuan,
    /// A count (个, 户, 家 …), with the measure word as printed.
    Count(String),
    /// Any other unit, verbatim: 万亩, 万吨/年, 万千瓦.
    Other(String),
}

impl Unit {
    /// Parses a unit as printed: `%`, `个百分点` (or `pp`), `‰`, `元`, a measure word such as
    /// `个` or `户`, empty for a pure number; anything else is kept as [`Unit::Other`].
    ///
    /// ```
    /// use reformgraph::Unit;
    /// assert_eq!(Unit::parse("%"), Unit::Percent);
    /// assert_eq!(Unit::parse("户"), Unit::Count("户".into()));
    /// assert_eq!(Unit::parse("万亩"), Unit::Other("万亩".into()));
    /// ```
    pub fn parse(s: &str) -> Unit {
        match s.trim() {
            "" => Unit::None,
            "%" | "％" | "percent" => Unit::Percent,
            "个百分点" | "百分点" | "pp" => Unit::PercentagePoints,
            "‰" => Unit::Permille,
            "元" => Unit::Yuan,
            m @ ("个" | "户" | "家" | "项" | "所" | "座" | "人") => {
                Unit::Count(m.to_owned())
            }
            other => Unit::Other(other.to_owned()),
        }
    }

    /// The unit as printed.
    pub fn symbol(&self) -> &str {
        match self {
            Unit::None => "",
            Unit::Percent => "%",
            Unit::PercentagePoints => "个百分点",
            Unit::Permille => "‰",
            Unit::Yuan => "元",
            Unit::Count(s) | Unit::Other(s) => s,
        }
    }
}

/// A measured quantity: 服务业增加值比重, 城镇化率 …
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Indicator {
    /// Name as printed.
    pub name: String,
    /// The unit readings are taken in.
    pub unit: Unit,
}

/// How a target compares an indicator's value with the target value.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[non_exhaustive]
pub enum Comparator {
    /// 以上 / 不低于: at least the value.
    AtLeast,
    /// 达到 / 提高到: reach the value.
    Reach,
    /// 以下 / 不超过: at most the value.
    AtMost,
    /// A range 3%-5%: between [`Target::value`] and [`Target::value_max`].
    Range,
    /// 左右: approximately the value.
    Approximately,
    /// 比2010年降低16%: fall by the value relative to [`Target::base_year`].
    DecreaseFromBase,
    /// 比2010年提高: rise by the value relative to [`Target::base_year`].
    IncreaseFromBase,
    /// 高于全国平均水平: above an external reference, [`Target::reference`].
    AboveReference,
    /// 控制在国家确定的约束指标之内: within an external limit, [`Target::reference`].
    WithinReference,
}

impl Comparator {
    /// Snake-case name.
    pub fn name(self) -> &'static str {
        match self {
            Comparator::AtLeast => "at_least",
            Comparator::Reach => "reach",
            Comparator::AtMost => "at_most",
            Comparator::Range => "range",
            Comparator::Approximately => "approximately",
            Comparator::DecreaseFromBase => "decrease_from_base",
            Comparator::IncreaseFromBase => "increase_from_base",
            Comparator::AboveReference => "above_reference",
            Comparator::WithinReference => "within_reference",
        }
    }
}

/// A quantitative target on an indicator.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Target {
    /// How the value is compared.
    pub comparator: Comparator,
    /// The target value (the low end of a range); `None` for reference targets.
    pub value: Option<f64>,
    /// The high end of a [`Comparator::Range`].
    pub value_max: Option<f64>,
    /// Unit of the value.
    pub unit: Unit,
    /// Base year for change-against-base targets.
    pub base_year: Option<u16>,
    /// When the target falls due.
    pub deadline: Option<Date>,
    /// True for a yearly target (每年…).
    pub annual: bool,
    /// External reference for reference targets, verbatim: 全国平均水平.
    pub reference: Option<String>,
    /// The clause as printed.
    pub wording: String,
}

impl Target {
    /// A compact statement of the target: `≥ 40%`, `3–5%`, `−16% vs 2010`, `≈ 20个`,
    /// `> 全国平均水平`, with `/yr` for yearly targets.
    ///
    /// ```
    /// use reformgraph::{Comparator, Target, Unit};
    /// let t = Target { comparator: Comparator::DecreaseFromBase, value: Some(16.0), value_max: None,
    ///     unit: Unit::Percent, base_year: Some(2010), deadline: None, annual: false,
    ///     reference: None, wording: String::new() };
    /// assert_eq!(t.summary(), "−16% vs 2010");
    /// ```
    pub fn summary(&self) -> String {
        fn num(v: f64) -> String {
            if v.fract() == 0.0 && v.abs() < 1e15 {
                format!("{v:.0}")
            } else {
                format!("{v}")
            }
        }
        let unit = self.unit.symbol();
        let v = self.value.map(num).unwrap_or_default();
        let reference = self.reference.as_deref().unwrap_or("");
        let base = self
            .base_year
            .map(|y| format!(" vs {y}"))
            .unwrap_or_default();
        let mut out = match self.comparator {
            Comparator::AtLeast => format!("≥ {v}{unit}"),
            Comparator::Reach => format!("= {v}{unit}"),
            Comparator::AtMost => format!("≤ {v}{unit}"),
            Comparator::Approximately => format!("≈ {v}{unit}"),
            Comparator::Range => {
                let hi = self.value_max.map(num).unwrap_or_default();
                format!("{v}–{hi}{unit}")
            }
            Comparator::DecreaseFromBase => format!("−{v}{unit}{base}"),
            Comparator::IncreaseFromBase => format!("+{v}{unit}{base}"),
            Comparator::AboveReference => format!("> {reference}"),
            Comparator::WithinReference => format!("≤ {reference}"),
        };
        if self.annual {
            out.push_str(" /yr");
        }
        out
    }
}

/// The stages of a project's life, 储备→签约→落地→开工→建设→投产, plus the two exits.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[non_exhaustive]
pub enum ProjectStage {
    /// 储备: in the reserve pool.
    Reserve,
    /// 签约: contract signed.
    Signed,
    /// 落地: site and approvals settled.
    Landed,
    /// 开工: construction started.
    Started,
    /// 建设: under construction.
    UnderConstruction,
    /// 投产: in operation.
    InOperation,
    /// 暂停: suspended.
    Suspended,
    /// 取消: cancelled.
    Cancelled,
}

impl ProjectStage {
    /// The six lifecycle stages in order.
    pub const LIFECYCLE: [ProjectStage; 6] = [
        ProjectStage::Reserve,
        ProjectStage::Signed,
        ProjectStage::Landed,
        ProjectStage::Started,
        ProjectStage::UnderConstruction,
        ProjectStage::InOperation,
    ];

    /// The plan's word for the stage.
    pub fn name_zh(self) -> &'static str {
        match self {
            ProjectStage::Reserve => "储备",
            ProjectStage::Signed => "签约",
            ProjectStage::Landed => "落地",
            ProjectStage::Started => "开工",
            ProjectStage::UnderConstruction => "建设",
            ProjectStage::InOperation => "投产",
            ProjectStage::Suspended => "暂停",
            ProjectStage::Cancelled => "取消",
        }
    }

    /// Snake-case English name: `reserve`, `signed`, `landed`, `started`,
    /// `under_construction`, `in_operation`, `suspended`, `cancelled`.
    pub fn name(self) -> &'static str {
        match self {
            ProjectStage::Reserve => "reserve",
            ProjectStage::Signed => "signed",
            ProjectStage::Landed => "landed",
            ProjectStage::Started => "started",
            ProjectStage::UnderConstruction => "under_construction",
            ProjectStage::InOperation => "in_operation",
            ProjectStage::Suspended => "suspended",
            ProjectStage::Cancelled => "cancelled",
        }
    }

    /// Parses either [`ProjectStage::name`] or [`ProjectStage::name_zh`].
    pub fn parse(s: &str) -> Option<Self> {
        Self::LIFECYCLE
            .into_iter()
            .chain([ProjectStage::Suspended, ProjectStage::Cancelled])
            .find(|st| st.name() == s || st.name_zh() == s)
    }

    /// Parses [`ProjectStage::name_zh`].
    pub fn from_name_zh(s: &str) -> Option<Self> {
        Self::LIFECYCLE
            .into_iter()
            .chain([ProjectStage::Suspended, ProjectStage::Cancelled])
            .find(|st| st.name_zh() == s)
    }
}

/// A project in a portfolio. The plan names none; projects are registered later.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Project {
    /// Project name.
    pub name: String,
    /// The portfolio domain it belongs to (产业转型 …).
    pub domain: Option<String>,
    /// Planned investment in 万元.
    pub investment_wan_yuan: Option<f64>,
    /// Free description.
    pub description: Option<String>,
}

/// A domain of a portfolio with its focus list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PortfolioDomain {
    /// Domain name: 产业转型.
    pub name: String,
    /// What projects in the domain focus on: 煤化工, 煤层气 …
    pub focus: Vec<String>,
}

/// A portfolio of projects with a quota and a lifecycle (四、重大项目).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Portfolio {
    /// Name: 省级重大项目.
    pub name: String,
    /// How many projects the plan calls for.
    pub quota: Option<u32>,
    /// First year.
    pub period_start: Option<u16>,
    /// Last year.
    pub period_end: Option<u16>,
    /// The lifecycle stages as printed, in order.
    pub stages: Vec<String>,
    /// Domains and their focus lists.
    pub domains: Vec<PortfolioDomain>,
    /// The paragraph, verbatim.
    pub body: String,
}

/// Who a selection rule binds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[non_exhaustive]
pub enum SelectionSubject {
    /// Every prefecture-level city.
    Cities,
    /// Every designated pilot county (市、区).
    PilotCounties,
    /// Every provincial department.
    ProvincialDepartments,
    /// Every designated pilot enterprise.
    PilotEnterprises,
}

impl SelectionSubject {
    /// Who the rule binds, as a name: `cities`, `pilot_counties`, `provincial_departments`,
    /// `pilot_enterprises`.
    ///
    /// ```
    /// assert_eq!(reformgraph::SelectionSubject::PilotCounties.name(), "pilot_counties");
    /// ```
    pub fn name(self) -> &'static str {
        match self {
            SelectionSubject::Cities => "cities",
            SelectionSubject::PilotCounties => "pilot_counties",
            SelectionSubject::ProvincialDepartments => "provincial_departments",
            SelectionSubject::PilotEnterprises => "pilot_enterprises",
        }
    }
}

/// A rule such as "each city chooses at least 2 of these a year".
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SelectionRule {
    /// Who the rule binds.
    pub subject: SelectionSubject,
    /// Fewest choices a year.
    pub min_per_year: Option<u32>,
    /// Most choices a year.
    pub max_per_year: Option<u32>,
    /// The rule as printed.
    pub wording: String,
}

/// The data of a node, one variant per [`NodeKind`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub enum NodeData {
    /// See [`Plan`].
    Plan(Plan),
    /// See [`Section`].
    Section(Section),
    /// See [`Task`].
    Task(Task),
    /// See [`Organization`].
    Organization(Organization),
    /// See [`Area`].
    Area(Area),
    /// See [`Indicator`].
    Indicator(Indicator),
    /// See [`Target`].
    Target(Target),
    /// See [`Project`].
    Project(Project),
    /// See [`Portfolio`].
    Portfolio(Portfolio),
    /// See [`SelectionRule`].
    SelectionRule(SelectionRule),
}

impl NodeData {
    /// The kind of the data.
    pub fn kind(&self) -> NodeKind {
        match self {
            NodeData::Plan(_) => NodeKind::Plan,
            NodeData::Section(_) => NodeKind::Section,
            NodeData::Task(_) => NodeKind::Task,
            NodeData::Organization(_) => NodeKind::Organization,
            NodeData::Area(_) => NodeKind::Area,
            NodeData::Indicator(_) => NodeKind::Indicator,
            NodeData::Target(_) => NodeKind::Target,
            NodeData::Project(_) => NodeKind::Project,
            NodeData::Portfolio(_) => NodeKind::Portfolio,
            NodeData::SelectionRule(_) => NodeKind::SelectionRule,
        }
    }

    /// The names a node can be found by: name and aliases of organisations and areas, the
    /// name of an indicator; none for other kinds (those are found by key or search).
    pub fn names(&self) -> Vec<&str> {
        let mut out: Vec<&str> = match self {
            NodeData::Organization(o) => std::iter::once(o.name.as_str())
                .chain(o.aliases.iter().map(String::as_str))
                .collect(),
            NodeData::Area(a) => std::iter::once(a.name.as_str())
                .chain(a.aliases.iter().map(String::as_str))
                .collect(),
            NodeData::Indicator(i) => vec![i.name.as_str()],
            _ => Vec::new(),
        };
        out.retain(|n| !n.is_empty());
        out.sort_unstable();
        out.dedup();
        out
    }

    /// The text the full-text index holds for this node: bodies, titles, wordings, names.
    /// Parts are joined by a newline so no word spans two of them.
    pub fn search_text(&self) -> String {
        let parts: Vec<&str> = match self {
            NodeData::Plan(p) => std::iter::once(p.title.as_str())
                .chain(p.preamble.iter().map(String::as_str))
                .collect(),
            NodeData::Section(s) => std::iter::once(s.title.as_str())
                .chain(s.paragraphs.iter().map(String::as_str))
                .collect(),
            NodeData::Task(t) => {
                let main = if t.body.is_empty() { &t.title } else { &t.body };
                std::iter::once(main.as_str())
                    .chain(t.responsibility.as_deref())
                    .collect()
            }
            NodeData::Target(t) => vec![t.wording.as_str()],
            NodeData::Portfolio(p) => vec![p.name.as_str(), p.body.as_str()],
            NodeData::SelectionRule(r) => vec![r.wording.as_str()],
            NodeData::Project(p) => std::iter::once(p.name.as_str())
                .chain(p.description.as_deref())
                .collect(),
            NodeData::Organization(_) | NodeData::Area(_) | NodeData::Indicator(_) => self.names(),
        };
        parts
            .into_iter()
            .filter(|p| !p.is_empty())
            .collect::<Vec<_>>()
            .join("\n")
    }

    /// A short human label: a title or name.
    pub fn label(&self) -> &str {
        match self {
            NodeData::Plan(p) => &p.title,
            NodeData::Section(s) => &s.title,
            NodeData::Task(t) => &t.title,
            NodeData::Organization(o) => &o.name,
            NodeData::Area(a) => &a.name,
            NodeData::Indicator(i) => &i.name,
            NodeData::Target(t) => &t.wording,
            NodeData::Project(p) => &p.name,
            NodeData::Portfolio(p) => &p.name,
            NodeData::SelectionRule(r) => &r.wording,
        }
    }
}

/// A node as stored: id, natural key, where it came from, and its data.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Node {
    /// File-local id.
    pub id: NodeId,
    /// Stable natural key.
    pub key: NodeKey,
    /// Source span in the document it was imported from, if any.
    pub source: Option<SourceSpan>,
    /// The typed data.
    pub data: NodeData,
}

impl Node {
    /// The node's kind.
    pub fn kind(&self) -> NodeKind {
        self.data.kind()
    }
}

/// A node whose kind is known statically.
#[derive(Debug, Clone, PartialEq)]
pub struct Record<T: NodeType> {
    /// Typed id.
    pub id: Id<T>,
    /// Stable natural key.
    pub key: NodeKey,
    /// Source span, if any.
    pub source: Option<SourceSpan>,
    /// The typed data.
    pub value: T,
}

/// Implemented by every node data type, linking it to its [`NodeKind`] and [`NodeData`]
/// variant. Sealed: the set of kinds is part of the file format.
pub trait NodeType: Sized + Clone + sealed::Sealed {
    /// The kind this type stores as.
    const KIND: NodeKind;
    /// Extracts the value if `data` is of this kind.
    fn from_data(data: NodeData) -> Option<Self>;
    /// Wraps the value.
    fn into_data(self) -> NodeData;
}

mod sealed {
    pub trait Sealed {}
}

macro_rules! node_type {
    ($($ty:ident),* $(,)?) => {$(
        impl sealed::Sealed for $ty {}
        impl NodeType for $ty {
            const KIND: NodeKind = NodeKind::$ty;
            fn from_data(data: NodeData) -> Option<Self> {
                match data {
                    NodeData::$ty(v) => Some(v),
                    _ => None,
                }
            }
            fn into_data(self) -> NodeData {
                NodeData::$ty(self)
            }
        }
        impl From<$ty> for NodeData {
            fn from(v: $ty) -> NodeData {
                NodeData::$ty(v)
            }
        }
    )*};
}

node_type!(
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
);
