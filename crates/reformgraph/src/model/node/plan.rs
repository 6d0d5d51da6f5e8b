//! The document's own nodes: the plan, its parts and categories, and its tasks.

use super::*;

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
