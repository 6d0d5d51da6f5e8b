//! The project portfolio and the yearly selection rules.

use super::*;

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
