//! Who does the work and where: organisations with their kind and level, areas.

use super::*;

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
