//! The importer's sixth stage: what a responsible unit's name says about the unit.
//!
//! Three pure functions, for names that arrive normalised (full-width `（）：，；`, Simplified
//! characters, see [`super::normalize`]):
//!
//! - [`issuer_level`]: the level of government of a plan's issuer (国务院办公厅 → national,
//!   武汉市蔡甸区人民政府办公室 → county);
//! - [`infer`]: the [`OrganizationKind`] and [`AdminLevel`] of a unit the registry does not know,
//!   from the form of its name and the issuer's level (省发展改革委 → provincial department,
//!   市直各单位 → a group at city level);
//! - [`canonical_name`]: one spelling for the many a body goes by (省发改委, 省发展和改革委员会
//!   → 省发展改革委), so that they give one node.
//!
//! # How a name is read
//!
//! The kind comes from the name's form, tried in this order, each table a `const` at the top
//! of this file: a collective (各…, …有关部门, …各单位, a list with 、) is a group; then a Party
//! organ (市委, 党委, …委组织部), a court or procuratorate, a bank, an enterprise, a government
//! (…政府, …管委会, a bare place name such as 荆州市), an institution (…中心, …院), a department
//! (…部 …委 …厅 …局 …办 …署 …办公室); anything else is [`OrganizationKind::Other`]. A
//! department at provincial level is an [`OrganizationKind::ProvincialDepartment`], as in
//! the Shanxi registry. [`OrganizationKind::CentralVerticalBranch`] is never inferred (合肥海关
//! is a department of unknown level): only a registry can say a body is one.
//!
//! The level comes from the name's prefix: 国务院 国家 中国 最高人民 全国 中央 → national; a
//! chain of place names, each ending in a level character (湖北省荆州市, 济南市钢城区, 省, 市,
//! 区), gives the level of its last link (the four municipalities 北京 天津 上海 重庆 are
//! provincial; a bare 市 in a county-level issuer's plan is that county-level city's own); a
//! name that starts with a department's function (财政部, 商务厅, 有关部门) belongs to the
//! issuer's level (a central-only form such as …部 or …总局 is national whatever the
//! issuer); anything else starts with a place name that does not say its level (荆州开发区,
//! 合肥海关) and is [`AdminLevel::Unknown`].
//!
//! # The folding rules are data
//!
//! [`canonical_name`] applies the substitution pairs of
//! `src/import/data/org_abbreviations.tsv`, compiled in and parsed once. Each line is
//! `long<TAB>short`: every occurrence of `long` becomes `short`, the longest `long` winning at
//! each position, and the passes repeat until the name no longer changes. To add a rule,
//! add a line under the group it belongs to (or a new `#` comment heading a new group), with
//! the official short name on the right, and run `cargo test -p reformgraph --lib
//! import::orgs`: the tests reject a line the parser would skip (not two fields, a field
//! with spaces, `short` equal to or containing `long`, a `long` given twice) and check that
//! folding stays idempotent over the table's own entries.

use std::collections::HashMap;
use std::sync::OnceLock;

use crate::model::{AdminLevel, OrganizationKind};

/// The folding rules (`long<TAB>short` lines, see the module documentation).
const ABBREVIATIONS_TSV: &str = include_str!("data/org_abbreviations.tsv");

/// At most this many folding passes; a name that has not settled by then is kept as
/// printed (no shipped rule needs more than three).
const MAX_FOLD_PASSES: usize = 8;

// --- The level a name's prefix gives -------------------------------------------------------

/// Prefixes of national bodies: 国务院办公厅, 国家发展改革委, 中国人民银行, 最高人民法院,
/// 全国总工会, 中央网信办, 中华全国供销合作总社.
const NATIONAL_PREFIXES: &[&str] = &[
    "国务院",
    "国家",
    "中华人民共和国",
    "中华全国",
    "中国",
    "最高人民",
    "全国",
    "中央",
    "中共中央",
    "党中央",
];

/// Party prefixes that stand before a place name (中共荆州市委 is 荆州市's Party committee):
/// skipped before reading the place chain (中共中央 then reads 中央…, national).
const PARTY_PREFIXES: &[&str] = &["中国共产党", "中共"];

/// National bodies whose branches carry the place after the parent's name (人行合肥中心支行,
/// 中国人民银行太原中心支行, 国家税务总局荆州市税务局): the level is read from what follows.
const BRANCH_PARENTS: &[&str] = &[
    "中国人民银行",
    "人民银行",
    "人行",
    "国家税务总局",
    "国家外汇管理局",
    "国家金融监督管理总局",
    "中国证券监督管理委员会",
    "中国银行保险监督管理委员会",
];

/// Words an unprefixed name starts with: a department's function (财政部, 商务厅, 科技局), a
/// body that needs no place (海关总署, 人民银行), a collective (部门, 单位) or a zone
/// (开发区管委会). Such a name belongs to the level of the plan's issuer.
const UNPREFIXED_HEADS: &[&str] = &[
    // Economy and planning.
    "发展改革",
    "发展和改革",
    "发改",
    "经济",
    "经信",
    "工信",
    "工业",
    "信息化",
    "商务",
    "外经贸",
    "贸易",
    "能源",
    "煤炭",
    "电力",
    "物价",
    "价格",
    "粮食",
    "物资",
    "统计",
    "审计",
    "国资",
    "国有资产",
    "财政",
    "税务",
    "国税",
    "地税",
    "金融",
    "人民银行",
    "银保监",
    "银监",
    "保监",
    "证监",
    "外汇",
    "海关",
    "市场监管",
    "市场监督",
    "工商",
    "质监",
    "质量",
    "食品药品",
    "药品",
    "药监",
    "知识产权",
    "供销",
    "邮政",
    "铁路",
    "民航",
    "烟草",
    // Society.
    "教育",
    "科技",
    "科学技术",
    "中科院",
    "社科院",
    "工程院",
    "民族",
    "宗教",
    "民政",
    "司法",
    "公安",
    "国家安全",
    "安全",
    "应急",
    "消防",
    "人力资源",
    "人社",
    "劳动",
    "社会保障",
    "社保",
    "医疗保障",
    "医保",
    "卫生",
    "卫健",
    "健康",
    "人口",
    "计生",
    "文化",
    "旅游",
    "文旅",
    "广电",
    "广播电视",
    "新闻出版",
    "体育",
    "退役军人",
    "信访",
    "档案",
    "保密",
    "侨务",
    "台办",
    "港澳",
    "外事",
    "网信",
    "气象",
    "地震",
    "人防",
    "移民",
    "扶贫",
    "乡村振兴",
    // Land, environment, building, transport, farming.
    "自然资源",
    "国土",
    "规划",
    "生态环境",
    "环境",
    "环保",
    "住房",
    "住建",
    "公积金",
    "城乡",
    "建设",
    "城管",
    "城市管理",
    "园林",
    "交通",
    "水利",
    "水务",
    "农业",
    "农村",
    "林业",
    "林草",
    "草原",
    "畜牧",
    "水产",
    "渔业",
    // Government and Party offices.
    "人民政府",
    "政府",
    "办公厅",
    "办公室",
    "机关",
    "国管局",
    "行政审批",
    "审批",
    "政务",
    "公共资源",
    "大数据",
    "法制",
    "监察",
    "编办",
    "机构编制",
    "党委",
    "党组",
    "纪委",
    "组织部",
    "宣传部",
    "统战部",
    "政法委",
    "中组部",
    "中宣部",
    "中联部",
    // Mass organisations.
    "总工会",
    "工会",
    "妇联",
    "共青团",
    "团委",
    "残联",
    "科协",
    "工商联",
    "文联",
    "红十字",
    "贸促会",
    // Collectives and zones.
    "部门",
    "单位",
    "直属机构",
    "开发区",
    "高新区",
    "经开区",
    "高新技术产业开发区",
    "保税区",
    "综合保税区",
    "自贸区",
];

/// Endings only central bodies have (财政部, 税务总局, 海关总署, 审计署, 供销合作总社,
/// 证监会): an unprefixed department with one is national whatever the issuer.
const CENTRAL_ONLY_SUFFIXES: &[&str] = &["部", "总局", "总署", "署", "总社", "监会"];

/// Whole names of central bodies that carry no national prefix in official short form.
const CENTRAL_ONLY_NAMES: &[&str] = &["人民银行", "中科院", "国管局", "中组部", "中宣部", "中联部"];

/// How a level character reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Marker {
    /// 省, 自治区, 特别行政区.
    Province,
    /// 市: a prefecture-level city, a municipality (北京市 …) or, bare in a county-level
    /// issuer's plan, the county-level city itself.
    Municipal,
    /// 州 after a name of two or more characters (恩施州, 凉山州) or bare; after one
    /// character it is part of a city's name (荆州, 杭州, 贵州).
    Prefecture,
    /// 盟, 自治州.
    City,
    /// 县, 区, 旗, 自治县, 自治旗, 县级市.
    County,
    /// 乡, 镇, 街道.
    Township,
}

/// Level characters that end a place name, longest first (自治区 before 区).
const LEVEL_MARKERS: &[(&str, Marker)] = &[
    ("特别行政区", Marker::Province),
    ("自治区", Marker::Province),
    ("自治州", Marker::City),
    ("自治县", Marker::County),
    ("自治旗", Marker::County),
    ("县级市", Marker::County),
    ("街道", Marker::Township),
    ("省", Marker::Province),
    ("市", Marker::Municipal),
    ("州", Marker::Prefecture),
    ("盟", Marker::City),
    ("县", Marker::County),
    ("区", Marker::County),
    ("旗", Marker::County),
    ("乡", Marker::Township),
    ("镇", Marker::Township),
];

/// Words in which a level character is not one, with the character's offset in the word:
/// 市场监管局, 城乡建设, 乡村振兴, 开发区 (a zone, not a district), 区域, 社区 …. A word
/// here must not end a real place name (山区 would break 立山区, 都市 成都市).
const NOT_LEVEL_WORDS: &[(&str, usize)] = &[
    ("市场", 0),
    ("市民", 0),
    ("市政公用", 0),
    ("市政工程", 0),
    ("市政管理", 0),
    ("市政设施", 0),
    ("城市管理", 1),
    ("城市建设", 1),
    ("城市规划", 1),
    ("超市", 1),
    ("上市", 1),
    ("区域", 0),
    ("县域", 0),
    ("镇域", 0),
    ("城乡", 1),
    ("乡村", 0),
    ("城镇", 1),
    ("社区", 1),
    ("小区", 1),
    ("园区", 1),
    ("景区", 1),
    ("片区", 1),
    ("辖区", 1),
    ("库区", 1),
    ("港区", 1),
    ("校区", 1),
    ("新区", 1),
    ("开发区", 2),
    ("高新区", 2),
    ("经开区", 2),
    ("示范区", 2),
    ("试验区", 2),
    ("保税区", 2),
    ("功能区", 2),
    ("合作区", 2),
    ("自贸区", 2),
    ("集聚区", 2),
    ("联盟", 1),
    ("红旗", 1),
    ("旗舰", 0),
];

/// What follows a 区 that names a zone's committee rather than a district (新城区管委会).
const ZONE_FOLLOWERS: &[&str] = &["管委会", "管理委员会", "党工委"];

/// The four municipalities directly under the central government: provincial level.
const MUNICIPALITIES: &[&str] = &["北京", "天津", "上海", "重庆"];

/// Names before 市 that mean the issuer's own city (市发改局, 全市, 本市).
const OWN_PLACE: &[&str] = &["", "全", "本", "我"];

/// A place name is at most this many characters before its level character
/// (克孜勒苏柯尔克孜 自治州).
const MAX_PLACE_CHARS: usize = 8;

/// Characters a place name never contains: once one is reached, the place chain has ended.
const PLACE_STOP_CHARS: &[char] = &[
    '局', '厅', '部', '委', '办', '署', '府', '院', '司', '室', '（', '）', '、', '，', '：', '；',
    '。', '〔', '〕',
];

// --- The kind a name's form gives ----------------------------------------------------------

/// Starts of a collective reference: 各县（市、区）人民政府, 有关部门, 相关县（市、区）政府,
/// 试点城市政府.
const GROUP_PREFIXES: &[&str] = &["各", "有关", "相关", "试点", "其他", "其它"];

/// Anywhere in a collective: 国务院各部门, 市直各单位, 全区经济运行各专班, 省级有关部门（单位）,
/// 县级以上人民政府, and a list of alternatives such as 县（市、区）.
const GROUP_INFIXES: &[&str] = &["各", "、", "有关", "相关", "以上"];

/// Endings of a collective: 有关部门, 相关部门, 有关单位, 省直部门, 直属机构, 重点企业.
const GROUP_SUFFIXES: &[&str] = &["部门", "单位", "机构", "企业"];

/// Starts of a Party organ: 中共中央办公厅, 中共荆州市委.
const PARTY_PREFIXES_KIND: &[&str] = &["中共", "中国共产党", "党中央"];

/// Anywhere in a Party organ: 党委, 党组, 党工委, 纪委 and the Party's departments
/// (市委组织部, 省委宣传部, 区委统战部, 市委政法委).
const PARTY_INFIXES: &[&str] = &[
    "党委",
    "党组",
    "党工委",
    "机关工委",
    "纪委",
    "纪律检查委员会",
    "组织部",
    "宣传部",
    "统战部",
    "统一战线工作部",
    "政法委",
    "老干部局",
    "中组部",
    "中宣部",
    "中联部",
];

/// Party committees by level (省委, 市委, 县委, 区委 …), when not the start of 委员会 nor a
/// Youth League committee (团市委).
const PARTY_COMMITTEES: &[&str] = &["省委", "市委", "县委", "区委", "州委", "盟委", "旗委"];

/// Endings of courts and procuratorates: 最高人民法院, 市中级人民法院, 区人民检察院.
const JUDICIAL_SUFFIXES: &[&str] = &["法院", "检察院", "检察分院", "法庭", "中院"];

/// Endings of banks: 中国人民银行, 人行合肥中心支行, 农业发展银行省分行, 农村信用社, and the
/// short names 农行 工行 建行 中行 交行.
const BANK_SUFFIXES: &[&str] = &[
    "银行",
    "支行",
    "分行",
    "信用社",
    "信用联社",
    "农信社",
    "农信联社",
    "农商行",
    "农行",
    "工行",
    "建行",
    "中行",
    "交行",
];

/// Endings of bank branches: the level is read after the bank's name (中国工商银行荆州分行).
const BANK_BRANCH_SUFFIXES: &[&str] = &["支行", "分行"];

/// Starts of banks: 人行 (the central bank's branches).
const BANK_PREFIXES: &[&str] = &["人行"];

/// Endings of enterprises: 荆州供电公司, 同煤集团, 太原钢铁厂, 国家电网, 律师事务所.
const ENTERPRISE_SUFFIXES: &[&str] = &["公司", "集团", "厂", "电网", "事务所"];

/// Anywhere in an enterprise's name: 太原钢铁（集团）有限公司.
const ENTERPRISE_INFIXES: &[&str] = &["有限公司", "有限责任公司", "（集团）"];

/// Whole names of governments: 国务院.
const GOVERNMENT_NAMES: &[&str] = &["国务院"];

/// Endings of governments and zone administrations: …人民政府, …政府 (but not
/// 政府办公室/政府办公厅, departments), …管委会, 街道办事处, 行政公署, 荆州开发区, 高新区.
const GOVERNMENT_SUFFIXES: &[&str] = &[
    "政府",
    "管委会",
    "区管理委员会",
    "办事处",
    "行政公署",
    "开发区",
    "高新区",
    "经开区",
    "新区",
    "园区",
    "示范区",
    "试验区",
    "保税区",
    "合作区",
    "自贸区",
];

/// Endings of public institutions: 省大数据中心, 中科院 (…院, but 国务院, 法院 and 检察院 are
/// read before), 研究所, 大学, 学校, 农技站, 图书馆.
const INSTITUTION_SUFFIXES: &[&str] = &[
    "中心",
    "研究所",
    "大学",
    "学校",
    "党校",
    "中学",
    "小学",
    "幼儿园",
    "电视台",
    "气象台",
    "交易所",
    "站",
    "馆",
    "院",
];

/// Endings of government departments: 国家发展改革委, 农业农村部, 省商务厅, 市财政局,
/// 市政府金融办, 审计署, 供销合作总社, 区政府办公室, 合肥海关, 中国证监会, 市政府研究室,
/// 交警支队, and township offices (司法所, 派出所; 研究所 is read before, as an institution).
const DEPARTMENT_SUFFIXES: &[&str] = &[
    "办公室",
    "办公厅",
    "委员会",
    "管理局",
    "总局",
    "海关",
    "总社",
    "监会",
    "部",
    "委",
    "厅",
    "局",
    "办",
    "署",
    "室",
    "处",
    "支队",
    "大队",
    "所",
];

// --- API -------------------------------------------------------------------------------------

/// The level of government of a plan's issuer, from its name.
///
/// The last link of the place chain the name starts with decides (湖北省荆州市人民政府办公室 →
/// city, 武汉市蔡甸区人民政府办公室 → county; 北京市人民政府 is provincial, as are the other
/// municipalities); 国务院…, 国家…, 中共中央… and central departments (财政部, 海关总署,
/// 市场监管总局) are national. A county-level city cannot be told from its name
/// (滕州市人民政府办公室 reads as a city). [`AdminLevel::Unknown`] when the name says nothing.
///
/// ```
/// use reformgraph::AdminLevel;
/// use reformgraph::import::orgs::issuer_level;
/// assert_eq!(issuer_level("国务院办公厅"), AdminLevel::National);
/// assert_eq!(issuer_level("四川省发展和改革委员会"), AdminLevel::Provincial);
/// assert_eq!(issuer_level("北京市人民政府"), AdminLevel::Provincial);
/// assert_eq!(issuer_level("平顶山市人民政府办公室"), AdminLevel::City);
/// assert_eq!(issuer_level("济南市钢城区人民政府办公室"), AdminLevel::County);
/// assert_eq!(issuer_level("某某镇人民政府"), AdminLevel::Township);
/// assert_eq!(issuer_level("某某有限公司"), AdminLevel::Unknown);
/// ```
pub fn issuer_level(issuer: &str) -> AdminLevel {
    let issuer = issuer.trim();
    match prefix_of(issuer, AdminLevel::Unknown) {
        Prefix::National => AdminLevel::National,
        Prefix::Place(level) => level,
        Prefix::Unprefixed
            if contains_any(issuer, CENTRAL_ONLY_SUFFIXES)
                || starts_with_any(issuer, CENTRAL_ONLY_NAMES) =>
        {
            AdminLevel::National
        }
        Prefix::Unprefixed | Prefix::Unknown => AdminLevel::Unknown,
    }
}

/// The kind and level of an organisation the registry does not know, from the form of its
/// name and the level of the plan's issuer ([`issuer_level`]).
///
/// See the module documentation for the rules. A name with no prefix (财政部, 商务厅,
/// 有关部门) takes the issuer's level, except that a central-only form (…部, …总局, …署,
/// …总社, …监会) is national; a name that starts with a place name without a level
/// character (荆州开发区, 合肥海关) has [`AdminLevel::Unknown`].
///
/// ```
/// use reformgraph::{AdminLevel, OrganizationKind};
/// use reformgraph::import::orgs::infer;
/// assert_eq!(
///     infer("省发展改革委", AdminLevel::Provincial),
///     (OrganizationKind::ProvincialDepartment, AdminLevel::Provincial)
/// );
/// assert_eq!(infer("财政部", AdminLevel::National), (OrganizationKind::Department, AdminLevel::National));
/// assert_eq!(infer("市直各单位", AdminLevel::City), (OrganizationKind::Group, AdminLevel::City));
/// assert_eq!(infer("区政府办公室", AdminLevel::County), (OrganizationKind::Department, AdminLevel::County));
/// assert_eq!(infer("荆州供电公司", AdminLevel::City), (OrganizationKind::Enterprise, AdminLevel::Unknown));
/// ```
pub fn infer(name: &str, issuer: AdminLevel) -> (OrganizationKind, AdminLevel) {
    let name = name.trim();
    let kind = kind_of(name);
    let level = match prefix_of(name, issuer) {
        Prefix::National => AdminLevel::National,
        Prefix::Place(level) => level,
        Prefix::Unprefixed
            if CENTRAL_ONLY_NAMES.contains(&name)
                || (kind == OrganizationKind::Department
                    && ends_with_any(name, CENTRAL_ONLY_SUFFIXES)) =>
        {
            AdminLevel::National
        }
        Prefix::Unprefixed => issuer,
        Prefix::Unknown => AdminLevel::Unknown,
    };
    let kind = if kind == OrganizationKind::Department && level == AdminLevel::Provincial {
        OrganizationKind::ProvincialDepartment
    } else {
        kind
    };
    (kind, level)
}

/// One spelling for the many a body goes by: the folds of `org_abbreviations.tsv` (see the
/// module documentation), after dropping whitespace and turning `(` `)` into `（` `）` as
/// the registry does.
///
/// 发改委, 发展和改革委员会 → 发展改革委; 人社厅 → 人力资源社会保障厅; 住建局 →
/// 住房城乡建设局; 经济和信息化厅 → 经信厅; 工信部 → 工业和信息化部; 市场监督管理局 →
/// 市场监管局; 环境保护厅 → 环保厅; 卫健委 → 卫生健康委; 文旅局 → 文化和旅游局; 科学技术厅 →
/// 科技厅; 交通厅 → 交通运输厅; 人民政府 → 政府; 国务院国有资产监督管理委员会 → 国务院国资委.
/// Place names and prefixes are kept as printed. Folding is idempotent:
/// `canonical_name(&canonical_name(x)) == canonical_name(x)` for every `x`.
///
/// ```
/// use reformgraph::import::orgs::canonical_name;
/// assert_eq!(canonical_name("省发改委"), "省发展改革委");
/// assert_eq!(canonical_name("四川省发展和改革委员会"), "四川省发展改革委");
/// assert_eq!(canonical_name("区人民政府办公室"), canonical_name("区政府办公室"));
/// assert_eq!(canonical_name("工信部"), "工业和信息化部");
/// let once = canonical_name("省人社厅");
/// assert_eq!(canonical_name(&once), once);
/// ```
pub fn canonical_name(name: &str) -> String {
    settle(name).unwrap_or_else(|| name.to_owned())
}

// --- Levels --------------------------------------------------------------------------------

/// What a name's prefix says about its level.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Prefix {
    /// A national prefix (国务院, 国家 …).
    National,
    /// A place chain ending at this level.
    Place(AdminLevel),
    /// No prefix: the name starts with a department's function or a collective word.
    Unprefixed,
    /// A place name without a level character, or nothing recognisable.
    Unknown,
}

fn prefix_of(name: &str, issuer: AdminLevel) -> Prefix {
    // 中共中央… becomes 中央…, national; 中共荆州市委 becomes 荆州市委.
    let mut s = strip_one(strip_all(name, GROUP_PREFIXES), PARTY_PREFIXES);
    // A branch of a national body: read the level from what follows the parent's name.
    while let Some(rest) = BRANCH_PARENTS
        .iter()
        .find_map(|p| s.strip_prefix(p).filter(|r| !r.is_empty()))
    {
        s = rest;
    }
    if ends_with_any(s, BANK_BRANCH_SUFFIXES)
        && let Some(rest) = s
            .split_once("银行")
            .map(|(_, r)| r)
            .filter(|r| !r.is_empty())
    {
        s = rest;
    }
    if starts_with_any(s, NATIONAL_PREFIXES) {
        return Prefix::National;
    }
    let chars: Vec<char> = s.chars().collect();
    if let Some((_, level)) = place_chain(&chars, issuer) {
        return Prefix::Place(level);
    }
    if starts_with_any(s, UNPREFIXED_HEADS) {
        Prefix::Unprefixed
    } else {
        Prefix::Unknown
    }
}

/// The place chain at the start of `chars` (湖北省荆州市, 区, 各县 after 各 is stripped): where
/// it ends and the level of its last link.
fn place_chain(chars: &[char], issuer: AdminLevel) -> Option<(usize, AdminLevel)> {
    let mut found = None;
    let mut pos = 0;
    while let Some((end, level)) = next_place(chars, pos, issuer) {
        found = Some((end, level));
        pos = end;
    }
    found
}

/// One link of a place chain starting at `start`: a name of at most [`MAX_PLACE_CHARS`]
/// characters and its level character.
fn next_place(chars: &[char], start: usize, issuer: AdminLevel) -> Option<(usize, AdminLevel)> {
    let mut i = start;
    while let Some(&c) = chars.get(i) {
        let name_len = i - start;
        if name_len > MAX_PLACE_CHARS {
            return None;
        }
        for &(text, marker) in LEVEL_MARKERS {
            if !starts_with_at(chars, i, text) || is_not_level(chars, i) {
                continue;
            }
            let end = i + text.chars().count();
            if marker == Marker::Prefecture && name_len == 1 {
                continue;
            }
            if text == "区" && ZONE_FOLLOWERS.iter().any(|f| starts_with_at(chars, end, f)) {
                continue;
            }
            let name: String = chars.get(start..i).unwrap_or_default().iter().collect();
            return Some((end, marker_level(marker, &name, issuer)));
        }
        if PLACE_STOP_CHARS.contains(&c) {
            return None;
        }
        i += 1;
    }
    None
}

fn marker_level(marker: Marker, name: &str, issuer: AdminLevel) -> AdminLevel {
    match marker {
        Marker::Province => AdminLevel::Provincial,
        Marker::Municipal if MUNICIPALITIES.contains(&name) => AdminLevel::Provincial,
        Marker::Municipal if OWN_PLACE.contains(&name) && issuer == AdminLevel::County => {
            AdminLevel::County
        }
        Marker::Municipal | Marker::Prefecture | Marker::City => AdminLevel::City,
        Marker::County => AdminLevel::County,
        Marker::Township => AdminLevel::Township,
    }
}

/// Whether the level character at `i` is part of a word of [`NOT_LEVEL_WORDS`].
fn is_not_level(chars: &[char], i: usize) -> bool {
    NOT_LEVEL_WORDS
        .iter()
        .any(|&(word, offset)| i >= offset && starts_with_at(chars, i - offset, word))
}

fn starts_with_at(chars: &[char], at: usize, word: &str) -> bool {
    word.chars()
        .enumerate()
        .all(|(k, wc)| chars.get(at + k) == Some(&wc))
}

// --- Kinds ---------------------------------------------------------------------------------

fn kind_of(name: &str) -> OrganizationKind {
    // A trailing note in brackets does not change the kind: 省级有关部门（单位）, 省林业局（省草原局）.
    let name = match name.strip_suffix('）').and_then(|n| n.rsplit_once('（')) {
        Some((head, _)) if !head.is_empty() => head,
        _ => name,
    };
    if is_group(name) {
        OrganizationKind::Group
    } else if is_party(name) {
        OrganizationKind::PartyOrgan
    } else if ends_with_any(name, JUDICIAL_SUFFIXES) {
        OrganizationKind::Judicial
    } else if ends_with_any(name, BANK_SUFFIXES) || starts_with_any(name, BANK_PREFIXES) {
        OrganizationKind::Bank
    } else if ends_with_any(name, ENTERPRISE_SUFFIXES) || contains_any(name, ENTERPRISE_INFIXES) {
        OrganizationKind::Enterprise
    } else if is_government(name) {
        OrganizationKind::Government
    } else if ends_with_any(name, INSTITUTION_SUFFIXES) {
        OrganizationKind::Institution
    } else if ends_with_any(name, DEPARTMENT_SUFFIXES) {
        OrganizationKind::Department
    } else {
        OrganizationKind::Other
    }
}

fn is_group(name: &str) -> bool {
    starts_with_any(name, GROUP_PREFIXES)
        || contains_any(name, GROUP_INFIXES)
        || ends_with_any(name, GROUP_SUFFIXES)
}

fn is_party(name: &str) -> bool {
    if starts_with_any(name, PARTY_PREFIXES_KIND) || contains_any(name, PARTY_INFIXES) {
        return true;
    }
    PARTY_COMMITTEES.iter().any(|c| {
        name.match_indices(c).any(|(i, m)| {
            !name.get(i + m.len()..).is_some_and(|r| r.starts_with('员'))
                && !name.get(..i).is_some_and(|l| l.ends_with('团'))
        })
    })
}

fn is_government(name: &str) -> bool {
    if GOVERNMENT_NAMES.iter().any(|g| name.ends_with(g))
        || ends_with_any(name, GOVERNMENT_SUFFIXES)
    {
        return true;
    }
    // A bare place name (荆州市, 蔡甸区, 某某街道) stands for its government.
    let chars: Vec<char> = name.chars().collect();
    !chars.is_empty()
        && place_chain(&chars, AdminLevel::Unknown).is_some_and(|(end, _)| end == chars.len())
}

// --- Folding -------------------------------------------------------------------------------

/// The parsed folding rules: for each first character, the `(long, short)` pairs that start
/// with it, longest `long` first.
struct FoldRules {
    by_first: HashMap<char, Vec<(String, String)>>,
}

impl FoldRules {
    fn new(rules: Vec<(String, String)>) -> Self {
        let mut by_first: HashMap<char, Vec<(String, String)>> = HashMap::new();
        for (long, short) in rules {
            if let Some(c) = long.chars().next() {
                by_first.entry(c).or_default().push((long, short));
            }
        }
        for list in by_first.values_mut() {
            list.sort_by(|a, b| b.0.len().cmp(&a.0.len()).then_with(|| a.0.cmp(&b.0)));
        }
        FoldRules { by_first }
    }

    /// The longest rule whose `long` starts `rest`.
    fn longest_at(&self, rest: &str) -> Option<&(String, String)> {
        let c = rest.chars().next()?;
        self.by_first
            .get(&c)?
            .iter()
            .find(|(long, _)| rest.starts_with(long.as_str()))
    }
}

/// The shipped rules, parsed once (malformed lines skipped).
fn fold_rules() -> &'static FoldRules {
    static RULES: OnceLock<FoldRules> = OnceLock::new();
    RULES.get_or_init(|| FoldRules::new(parse_rules(ABBREVIATIONS_TSV).0))
}

/// Parses `long<TAB>short` lines: the rules, and the 1-based numbers of the lines skipped as
/// malformed (not two non-empty fields, whitespace or `(` `)` in a field, `short` equal to or
/// containing `long`, or a `long` already given).
fn parse_rules(text: &str) -> (Vec<(String, String)>, Vec<usize>) {
    let mut rules: Vec<(String, String)> = Vec::new();
    let mut malformed = Vec::new();
    for (i, line) in text.lines().enumerate() {
        let line = line.trim_end_matches('\r');
        if line.trim().is_empty() || line.trim_start().starts_with('#') {
            continue;
        }
        let fields: Vec<&str> = line.split('\t').collect();
        let ok = match fields.as_slice() {
            [long, short] => {
                let clean = |f: &str| {
                    !f.is_empty() && !f.chars().any(|c| c.is_whitespace() || c == '(' || c == ')')
                };
                clean(long)
                    && clean(short)
                    && !short.contains(long)
                    && !rules.iter().any(|(l, _)| l == long)
            }
            _ => false,
        };
        match fields.as_slice() {
            [long, short] if ok => rules.push(((*long).to_owned(), (*short).to_owned())),
            _ => malformed.push(i + 1),
        }
    }
    (rules, malformed)
}

/// The fixpoint of [`fold_pass`] from `name`, if reached within [`MAX_FOLD_PASSES`].
///
/// Returning the name itself when it does not settle keeps [`canonical_name`] idempotent
/// whatever the table: its result is always either a fixpoint or a name that does not settle.
fn settle(name: &str) -> Option<String> {
    settle_with(name, fold_rules())
}

/// [`settle`] with the given rules.
fn settle_with(name: &str, rules: &FoldRules) -> Option<String> {
    let mut current = name.to_owned();
    for _ in 0..=MAX_FOLD_PASSES {
        let next = fold_pass(&current, rules);
        if next == current {
            return Some(current);
        }
        current = next;
    }
    None
}

/// One pass: drop whitespace, fold `(` `)`, then replace each longest match left to right.
fn fold_pass(name: &str, rules: &FoldRules) -> String {
    let pre: String = name
        .chars()
        .filter(|c| !c.is_whitespace())
        .map(|c| match c {
            '(' => '（',
            ')' => '）',
            other => other,
        })
        .collect();
    let mut out = String::with_capacity(pre.len());
    let mut i = 0;
    while let Some(rest) = pre.get(i..) {
        let Some(c) = rest.chars().next() else {
            break;
        };
        if let Some((long, short)) = rules.longest_at(rest) {
            out.push_str(short);
            i += long.len();
        } else {
            out.push(c);
            i += c.len_utf8();
        }
    }
    out
}

// --- Helpers -------------------------------------------------------------------------------

fn starts_with_any(s: &str, prefixes: &[&str]) -> bool {
    prefixes.iter().any(|p| s.starts_with(p))
}

fn ends_with_any(s: &str, suffixes: &[&str]) -> bool {
    suffixes.iter().any(|p| s.ends_with(p))
}

fn contains_any(s: &str, words: &[&str]) -> bool {
    words.iter().any(|w| s.contains(w))
}

/// `s` without its first matching prefix.
fn strip_one<'a>(s: &'a str, prefixes: &[&str]) -> &'a str {
    prefixes.iter().find_map(|p| s.strip_prefix(p)).unwrap_or(s)
}

/// `s` without any run of matching prefixes (各相关单位 → 单位).
fn strip_all<'a>(mut s: &'a str, prefixes: &[&str]) -> &'a str {
    while let Some(rest) = prefixes.iter().find_map(|p| s.strip_prefix(p)) {
        s = rest;
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    use crate::model::{AdminLevel as L, OrganizationKind as K};

    /// (name, issuer as printed, kind, level): units and issuers of data/corpus/*.txt.
    const CORPUS: &[(&str, &str, OrganizationKind, AdminLevel)] = &[
        // gov_2018_126 / gov_2018_128 / gov_2018_gzbg / gov_2020_06 (national).
        ("国家发展改革委", "国务院办公厅", K::Department, L::National),
        ("农业农村部", "国务院办公厅", K::Department, L::National),
        ("供销合作总社", "国务院办公厅", K::Department, L::National),
        ("最高人民法院", "国务院办公厅", K::Judicial, L::National),
        ("最高人民检察院", "国务院办公厅", K::Judicial, L::National),
        ("中国人民银行", "国务院办公厅", K::Bank, L::National),
        ("人民银行", "国务院办公厅", K::Bank, L::National),
        ("国家知识产权局", "国务院办公厅", K::Department, L::National),
        ("中国银保监会", "国务院办公厅", K::Department, L::National),
        ("银保监会", "国务院办公厅", K::Department, L::National),
        ("中国证监会", "国务院办公厅", K::Department, L::National),
        ("科技部", "国务院办公厅", K::Department, L::National),
        ("财政部", "国务院办公厅", K::Department, L::National),
        ("国务院国资委", "国务院办公厅", K::Department, L::National),
        ("中科院", "国务院办公厅", K::Institution, L::National),
        ("工业和信息化部", "国务院办公厅", K::Department, L::National),
        (
            "人力资源社会保障部",
            "国务院办公厅",
            K::Department,
            L::National,
        ),
        ("审计署", "国务院办公厅", K::Department, L::National),
        ("生态环境部", "国务院办公厅", K::Department, L::National),
        ("住房城乡建设部", "国务院办公厅", K::Department, L::National),
        ("国家卫生健康委", "国务院办公厅", K::Department, L::National),
        ("市场监管总局", "国务院办公厅", K::Department, L::National),
        ("税务总局", "国务院办公厅", K::Department, L::National),
        ("国管局", "国务院办公厅", K::Department, L::National),
        ("试点城市政府", "国务院办公厅", K::Group, L::City),
        ("退役军人事务部", "国务院", K::Department, L::National),
        ("国家粮食和物资储备局", "国务院", K::Department, L::National),
        ("有关部门", "国务院", K::Group, L::National),
        ("国务院各部门", "国务院", K::Group, L::National),
        // sichuan_2022 (province, issued by a department).
        (
            "省发展改革委",
            "四川省发展和改革委员会",
            K::ProvincialDepartment,
            L::Provincial,
        ),
        (
            "省市场监管局",
            "四川省发展和改革委员会",
            K::ProvincialDepartment,
            L::Provincial,
        ),
        (
            "商务厅",
            "四川省发展和改革委员会",
            K::ProvincialDepartment,
            L::Provincial,
        ),
        (
            "省大数据中心",
            "四川省发展和改革委员会",
            K::Institution,
            L::Provincial,
        ),
        (
            "相关市（州）人民政府",
            "四川省发展和改革委员会",
            K::Group,
            L::City,
        ),
        // guangdong_2021 / anhui_2022 (province).
        ("各地", "广东省人民政府", K::Group, L::Unknown),
        ("各部门", "广东省人民政府", K::Group, L::Provincial),
        ("省政府各部门", "安徽省人民政府", K::Group, L::Provincial),
        ("各直属机构", "安徽省人民政府", K::Group, L::Provincial),
        (
            "省经济和信息化厅",
            "安徽省人民政府",
            K::ProvincialDepartment,
            L::Provincial,
        ),
        (
            "省住房城乡建设厅",
            "安徽省人民政府",
            K::ProvincialDepartment,
            L::Provincial,
        ),
        (
            "省文化和旅游厅",
            "安徽省人民政府",
            K::ProvincialDepartment,
            L::Provincial,
        ),
        (
            "省林业局",
            "安徽省人民政府",
            K::ProvincialDepartment,
            L::Provincial,
        ),
        (
            "省税务局",
            "安徽省人民政府",
            K::ProvincialDepartment,
            L::Provincial,
        ),
        ("合肥海关", "安徽省人民政府", K::Department, L::Unknown),
        ("人行合肥中心支行", "安徽省人民政府", K::Bank, L::Unknown),
        // jingzhou_2009 / pingdingshan_2013 / jinhua_2011 / changsha_2012 / shaoxing (city).
        (
            "市发改委",
            "湖北省荆州市人民政府办公室",
            K::Department,
            L::City,
        ),
        (
            "市政府相关部门",
            "湖北省荆州市人民政府办公室",
            K::Group,
            L::City,
        ),
        (
            "各县市区政府",
            "湖北省荆州市人民政府办公室",
            K::Group,
            L::County,
        ),
        (
            "荆州开发区",
            "湖北省荆州市人民政府办公室",
            K::Government,
            L::Unknown,
        ),
        (
            "荆州供电公司",
            "湖北省荆州市人民政府办公室",
            K::Enterprise,
            L::Unknown,
        ),
        (
            "市人口和计生委",
            "湖北省荆州市人民政府办公室",
            K::Department,
            L::City,
        ),
        (
            "市工业和信息化局",
            "平顶山市人民政府办公室",
            K::Department,
            L::City,
        ),
        (
            "市政府金融办",
            "平顶山市人民政府办公室",
            K::Department,
            L::City,
        ),
        (
            "相关县（市、区）政府",
            "平顶山市人民政府办公室",
            K::Group,
            L::County,
        ),
        (
            "高新区管委会",
            "平顶山市人民政府办公室",
            K::Government,
            L::City,
        ),
        (
            "新城区管委会",
            "平顶山市人民政府办公室",
            K::Government,
            L::Unknown,
        ),
        ("平煤神马", "平顶山市人民政府办公室", K::Other, L::Unknown),
        (
            "各县（市、区）党委和政府",
            "金华市委、市政府",
            K::Group,
            L::County,
        ),
        (
            "金华经济技术开发区管委会",
            "金华市委、市政府",
            K::Government,
            L::Unknown,
        ),
        (
            "市财政（地税）局",
            "金华市委、市政府",
            K::Department,
            L::City,
        ),
        ("市政府办公厅", "长沙市人民政府", K::Department, L::City),
        ("市直各单位", "长沙市人民政府", K::Group, L::City),
        ("市发改委", "绍兴市人民政府", K::Department, L::City),
        // yuncheng_2017 / xianyang_2022 / tengzhou_2023 (city, as the names read).
        ("市直各有关单位", "运城市人民政府办公厅", K::Group, L::City),
        (
            "各县（市、区）人民政府",
            "运城市人民政府办公厅",
            K::Group,
            L::County,
        ),
        ("各开发区管委会", "运城市人民政府办公厅", K::Group, L::City),
        (
            "市行政审批制度改革工作领导小组办公室",
            "咸阳市",
            K::Department,
            L::City,
        ),
        ("市级各有关部门", "咸阳市", K::Group, L::City),
        ("市委组织部", "滕州市人民政府办公室", K::PartyOrgan, L::City),
        ("市科技局", "滕州市人民政府办公室", K::Department, L::City),
        // caidian_2023 / gangcheng_2021 / lishan_2023 (district).
        (
            "区发展和改革局",
            "武汉市蔡甸区人民政府办公室",
            K::Department,
            L::County,
        ),
        (
            "区科技和经信局",
            "武汉市蔡甸区人民政府办公室",
            K::Department,
            L::County,
        ),
        (
            "区政府办公室",
            "济南市钢城区人民政府办公室",
            K::Department,
            L::County,
        ),
        (
            "区政府有关部门",
            "济南市钢城区人民政府办公室",
            K::Group,
            L::County,
        ),
        (
            "各街道（功能区）",
            "济南市钢城区人民政府办公室",
            K::Group,
            L::Township,
        ),
        (
            "区行政审批服务局",
            "济南市钢城区人民政府办公室",
            K::Department,
            L::County,
        ),
        ("区发改局", "鞍山市立山区人民政府", K::Department, L::County),
        (
            "立山经济开发区",
            "鞍山市立山区人民政府",
            K::Government,
            L::Unknown,
        ),
        (
            "全区经济运行各专班",
            "鞍山市立山区人民政府",
            K::Group,
            L::County,
        ),
        ("各街道", "鞍山市立山区人民政府", K::Group, L::Township),
        ("区直各部门", "鞍山市立山区人民政府", K::Group, L::County),
        ("区市场局", "鞍山市立山区人民政府", K::Department, L::County),
        ("税务局", "鞍山市立山区人民政府", K::Department, L::County),
        ("各相关单位", "鞍山市立山区人民政府", K::Group, L::County),
    ];

    #[test]
    fn corpus_units_get_their_kind_and_level() {
        let mut wrong = Vec::new();
        for &(name, issuer, kind, level) in CORPUS {
            let got = infer(name, issuer_level(issuer));
            if got != (kind, level) {
                wrong.push(format!(
                    "{name} ({issuer}): got {got:?}, want {:?}",
                    (kind, level)
                ));
            }
        }
        assert!(wrong.is_empty(), "{}", wrong.join("\n"));
        assert!(CORPUS.len() >= 40);
    }

    #[test]
    fn issuers_of_the_corpus_get_their_level() {
        for (issuer, level) in [
            ("国务院办公厅", L::National),
            ("国务院", L::National),
            ("四川省发展和改革委员会", L::Provincial),
            ("广东省人民政府", L::Provincial),
            ("安徽省人民政府", L::Provincial),
            ("平顶山市人民政府办公室", L::City),
            ("金华市委、市政府", L::City),
            ("长沙市人民政府", L::City),
            ("绍兴市人民政府", L::City),
            ("湖北省荆州市人民政府办公室", L::City),
            ("荆州市人民政府办公室", L::City),
            ("运城市人民政府办公厅", L::City),
            ("咸阳市", L::City),
            ("滕州市人民政府办公室", L::City),
            ("武汉市蔡甸区人民政府办公室", L::County),
            ("区人民政府办公室", L::County),
            ("济南市钢城区人民政府办公室", L::County),
            ("鞍山市立山区人民政府", L::County),
            ("立山区人民政府", L::County),
        ] {
            assert_eq!(issuer_level(issuer), level, "{issuer}");
        }
    }

    #[test]
    fn municipalities_are_provincial_and_their_districts_county() {
        for m in [
            "北京市人民政府",
            "天津市人民政府",
            "上海市人民政府",
            "重庆市人民政府办公厅",
        ] {
            assert_eq!(issuer_level(m), L::Provincial, "{m}");
        }
        assert_eq!(issuer_level("北京市海淀区人民政府"), L::County);
        assert_eq!(issuer_level("重庆市巫山县人民政府"), L::County);
    }

    #[test]
    fn autonomous_areas_and_leagues_read_by_their_level_word() {
        assert_eq!(issuer_level("新疆维吾尔自治区人民政府"), L::Provincial);
        assert_eq!(
            issuer_level("广西壮族自治区发展和改革委员会"),
            L::Provincial
        );
        assert_eq!(issuer_level("香港特别行政区政府"), L::Provincial);
        assert_eq!(issuer_level("延边朝鲜族自治州人民政府"), L::City);
        assert_eq!(issuer_level("恩施州人民政府"), L::City);
        assert_eq!(issuer_level("锡林郭勒盟行政公署"), L::City);
        assert_eq!(issuer_level("长白朝鲜族自治县人民政府"), L::County);
        assert_eq!(issuer_level("鄂温克族自治旗人民政府"), L::County);
    }

    #[test]
    fn level_characters_inside_place_names_do_not_mislead() {
        // 州 after one character is part of the name; 乡 and 镇 open 萍乡, 乡宁, 镇江.
        assert_eq!(issuer_level("贵州省人民政府"), L::Provincial);
        assert_eq!(issuer_level("杭州市人民政府"), L::City);
        assert_eq!(issuer_level("萍乡市人民政府"), L::City);
        assert_eq!(issuer_level("镇江市人民政府"), L::City);
        assert_eq!(issuer_level("临汾市乡宁县人民政府"), L::County);
        assert_eq!(issuer_level("济南市市中区人民政府"), L::County);
        // Words that are not levels (山区, 都市, 红旗) must not cut real place names.
        assert_eq!(issuer_level("成都市人民政府"), L::City);
        assert_eq!(issuer_level("大连市中山区人民政府"), L::County);
        assert_eq!(issuer_level("新乡市红旗区人民政府"), L::County);
    }

    #[test]
    fn townships_and_subdistricts_are_township() {
        assert_eq!(issuer_level("蔡甸区某某街道办事处"), L::Township);
        assert_eq!(issuer_level("某某乡人民政府"), L::Township);
        assert_eq!(infer("各镇人民政府", L::County), (K::Group, L::Township));
        assert_eq!(infer("某某街道", L::County), (K::Government, L::Township));
    }

    #[test]
    fn central_issuers_without_a_national_prefix_are_national() {
        for i in [
            "财政部",
            "生态环境部办公厅",
            "海关总署",
            "市场监管总局",
            "中共中央办公厅",
            "人民银行",
        ] {
            assert_eq!(issuer_level(i), L::National, "{i}");
        }
        assert_eq!(issuer_level(""), L::Unknown);
        assert_eq!(issuer_level("某某有限公司"), L::Unknown);
        assert_eq!(issuer_level("税务局"), L::Unknown);
    }

    #[test]
    fn a_bare_city_in_a_county_level_plan_is_the_county_level_city() {
        assert_eq!(infer("市发改局", L::County), (K::Department, L::County));
        assert_eq!(infer("市发改局", L::City), (K::Department, L::City));
        assert_eq!(
            infer("济南市人民政府办公厅", L::County),
            (K::Department, L::City)
        );
    }

    #[test]
    fn unprefixed_names_take_the_issuers_level_but_ministries_stay_national() {
        assert_eq!(
            infer("商务厅", L::Provincial),
            (K::ProvincialDepartment, L::Provincial)
        );
        assert_eq!(infer("财政局", L::City), (K::Department, L::City));
        assert_eq!(infer("财政部", L::Provincial), (K::Department, L::National));
        assert_eq!(infer("海关总署", L::City), (K::Department, L::National));
        assert_eq!(infer("有关部门", L::County), (K::Group, L::County));
        assert_eq!(infer("组织部", L::City), (K::PartyOrgan, L::City));
        assert_eq!(infer("财政部", L::Unknown), (K::Department, L::National));
        assert_eq!(infer("商务厅", L::Unknown), (K::Department, L::Unknown));
    }

    #[test]
    fn a_place_name_without_a_level_character_leaves_the_level_unknown() {
        assert_eq!(
            infer("济南海关", L::Provincial),
            (K::Department, L::Unknown)
        );
        assert_eq!(infer("荆州市发改委", L::County), (K::Department, L::City));
        assert_eq!(infer("荆州县发改委", L::City), (K::Department, L::County));
        assert_eq!(infer("荆州区发改委", L::City), (K::Department, L::County));
    }

    #[test]
    fn branches_of_national_bodies_read_the_level_after_the_parent() {
        assert_eq!(
            infer("中国人民银行太原中心支行", L::Provincial),
            (K::Bank, L::Unknown)
        );
        assert_eq!(
            infer("中国人民银行荆州市中心支行", L::City),
            (K::Bank, L::City)
        );
        assert_eq!(
            infer("国家税务总局荆州市税务局", L::City),
            (K::Department, L::City)
        );
        assert_eq!(
            infer("国家外汇管理局山西省分局", L::Provincial).1,
            L::Provincial
        );
    }

    #[test]
    fn party_organs_are_recognised() {
        assert_eq!(
            infer("省委组织部", L::Provincial),
            (K::PartyOrgan, L::Provincial)
        );
        assert_eq!(infer("市委宣传部", L::City), (K::PartyOrgan, L::City));
        assert_eq!(infer("区委统战部", L::County), (K::PartyOrgan, L::County));
        assert_eq!(infer("县委", L::County), (K::PartyOrgan, L::County));
        assert_eq!(infer("中共荆州市委", L::City), (K::PartyOrgan, L::City));
        assert_eq!(
            infer("中共中央办公厅", L::National),
            (K::PartyOrgan, L::National)
        );
        assert_eq!(infer("街道党工委", L::County), (K::PartyOrgan, L::Township));
        // 委员会 is not a Party committee.
        assert_eq!(
            infer("市发展和改革委员会", L::City),
            (K::Department, L::City)
        );
    }

    #[test]
    fn governments_and_their_offices_are_told_apart() {
        assert_eq!(infer("国务院", L::National), (K::Government, L::National));
        assert_eq!(
            infer("国务院办公厅", L::National),
            (K::Department, L::National)
        );
        assert_eq!(
            infer("省人民政府", L::Provincial),
            (K::Government, L::Provincial)
        );
        assert_eq!(
            infer("省政府办公厅", L::Provincial),
            (K::ProvincialDepartment, L::Provincial)
        );
        assert_eq!(
            infer("区人民政府办公室", L::County),
            (K::Department, L::County)
        );
        assert_eq!(infer("荆州市", L::Provincial), (K::Government, L::City));
        assert_eq!(
            infer("某某街道办事处", L::County),
            (K::Government, L::Township)
        );
    }

    #[test]
    fn courts_banks_enterprises_and_institutions() {
        assert_eq!(infer("市中级人民法院", L::City), (K::Judicial, L::City));
        assert_eq!(infer("区人民检察院", L::County), (K::Judicial, L::County));
        assert_eq!(
            infer("太原钢铁（集团）有限公司", L::Provincial).0,
            K::Enterprise
        );
        assert_eq!(infer("同煤集团", L::Provincial).0, K::Enterprise);
        assert_eq!(
            infer("省农村信用社", L::Provincial),
            (K::Bank, L::Provincial)
        );
        assert_eq!(
            infer("省社科院", L::Provincial),
            (K::Institution, L::Provincial)
        );
        assert_eq!(infer("市农技站", L::City), (K::Institution, L::City));
        assert_eq!(
            infer("山西大学", L::Provincial),
            (K::Institution, L::Unknown)
        );
        assert_eq!(infer("市政务服务中心", L::City), (K::Institution, L::City));
    }

    #[test]
    fn collectives_with_a_note_or_a_range_are_groups() {
        assert_eq!(
            infer("省级有关部门（单位）", L::Provincial),
            (K::Group, L::Provincial)
        );
        assert_eq!(infer("县级以上人民政府", L::Provincial).0, K::Group);
        assert_eq!(
            infer("各省、自治区、直辖市人民政府", L::National),
            (K::Group, L::Provincial)
        );
        assert_eq!(infer("重点企业", L::City).0, K::Group);
        assert_eq!(
            infer("省林业局（省草原局）", L::Provincial).0,
            K::ProvincialDepartment
        );
    }

    #[test]
    fn bank_branches_police_units_and_township_offices() {
        assert_eq!(
            infer("中国工商银行荆州分行", L::City),
            (K::Bank, L::Unknown)
        );
        assert_eq!(infer("中国农业银行荆州市分行", L::City), (K::Bank, L::City));
        assert_eq!(infer("农行", L::County).0, K::Bank);
        assert_eq!(infer("市公安局交警支队", L::City), (K::Department, L::City));
        assert_eq!(infer("区司法所", L::County), (K::Department, L::County));
        assert_eq!(infer("某某律师事务所", L::City).0, K::Enterprise);
        assert_eq!(infer("中组部", L::City), (K::PartyOrgan, L::National));
        // A Youth League committee is not a Party committee.
        assert_ne!(infer("团市委", L::City).0, K::PartyOrgan);
    }

    #[test]
    fn folding_a_corpus_name_does_not_change_its_kind_or_level() {
        for &(name, issuer, _, _) in CORPUS {
            let issuer = issuer_level(issuer);
            let folded = canonical_name(name);
            assert_eq!(
                infer(&folded, issuer),
                infer(name, issuer),
                "{name} → {folded}"
            );
        }
    }

    #[test]
    fn departments_in_the_shanxi_registry_stay_provincial_departments() {
        let registry = include_str!("../../data/shanxi-2013/organizations.tsv");
        for line in registry
            .lines()
            .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        {
            let mut cols = line.split('\t');
            let (Some(name), Some(kind)) = (cols.next(), cols.next()) else {
                continue;
            };
            if kind == "provincial_department" {
                assert_eq!(
                    infer(name, L::Provincial),
                    (K::ProvincialDepartment, L::Provincial),
                    "{name}"
                );
            }
            // Every name the registry prints is already canonical.
            assert_eq!(canonical_name(name), name, "{name}");
        }
    }

    #[test]
    fn empty_and_odd_names_do_not_panic() {
        assert_eq!(infer("", L::City), (K::Other, L::Unknown));
        assert_eq!(infer("   ", L::City), (K::Other, L::Unknown));
        assert_eq!(infer("（）", L::City).0, K::Other);
        assert_eq!(issuer_level("市"), L::City);
        assert_eq!(canonical_name(""), "");
    }

    // --- canonical_name ---

    #[test]
    fn development_and_reform_spellings_fold_to_fazhan_gaige() {
        for v in [
            "发展和改革委员会",
            "发展改革委员会",
            "发展改革委",
            "发改委",
            "发展和改革委",
        ] {
            assert_eq!(canonical_name(v), "发展改革委", "{v}");
        }
        assert_eq!(canonical_name("国家发展和改革委员会"), "国家发展改革委");
        assert_eq!(canonical_name("四川省发展和改革委员会"), "四川省发展改革委");
        for v in ["区发展和改革局", "区发展改革局", "区发改局"] {
            assert_eq!(canonical_name(v), "区发展改革局", "{v}");
        }
    }

    #[test]
    fn human_resources_and_housing_spellings_fold() {
        for v in ["人力资源和社会保障部", "人力资源社会保障部", "人社部"] {
            assert_eq!(canonical_name(v), "人力资源社会保障部", "{v}");
        }
        assert_eq!(canonical_name("省人社厅"), "省人力资源社会保障厅");
        assert_eq!(canonical_name("市人社局"), "市人力资源社会保障局");
        assert_eq!(canonical_name("市人力社保局"), "市人力资源社会保障局");
        for v in ["住房和城乡建设部", "住房城乡建设部", "住建部"] {
            assert_eq!(canonical_name(v), "住房城乡建设部", "{v}");
        }
        assert_eq!(canonical_name("省住建厅"), "省住房城乡建设厅");
        assert_eq!(canonical_name("市住建局"), "市住房城乡建设局");
        assert_eq!(canonical_name("市劳动和社会保障局"), "市劳动保障局");
    }

    #[test]
    fn information_spellings_fold() {
        for v in [
            "省经济和信息化委员会",
            "省经济信息化委",
            "省经信委",
            "省经济和信息化委",
        ] {
            assert_eq!(canonical_name(v), "省经信委", "{v}");
        }
        assert_eq!(canonical_name("省经济和信息化厅"), "省经信厅");
        assert_eq!(canonical_name("区经济信息化局"), "区经信局");
        assert_eq!(canonical_name("区科技和经信局"), "区科技和经信局");
        for v in ["工业和信息化部", "工业信息化部", "工信部"] {
            assert_eq!(canonical_name(v), "工业和信息化部", "{v}");
        }
        assert_eq!(canonical_name("区工信局"), "区工业和信息化局");
        assert_eq!(canonical_name("市工业和信息化局"), "市工业和信息化局");
    }

    #[test]
    fn regulators_health_culture_and_land_spellings_fold() {
        assert_eq!(canonical_name("省市场监督管理局"), "省市场监管局");
        assert_eq!(canonical_name("区市场局"), "区市场监管局");
        assert_eq!(canonical_name("国家市场监督管理总局"), "市场监管总局");
        assert_eq!(canonical_name("市场监督管理总局"), "市场监管总局");
        assert_eq!(canonical_name("省环境保护厅"), "省环保厅");
        assert_eq!(canonical_name("市环境保护局"), "市环保局");
        for v in ["国家卫生健康委员会", "国家卫生健康委", "国家卫健委"] {
            assert_eq!(canonical_name(v), "国家卫生健康委", "{v}");
        }
        assert_eq!(canonical_name("省文旅厅"), "省文化和旅游厅");
        assert_eq!(canonical_name("市文旅局"), "市文化和旅游局");
        assert_eq!(canonical_name("市自然资源规划局"), "市自然资源和规划局");
        assert_eq!(canonical_name("省农业农村厅"), "省农业农村厅");
        assert_eq!(canonical_name("省农村农业厅"), "省农业农村厅");
        assert_eq!(canonical_name("省科学技术厅"), "省科技厅");
        assert_eq!(canonical_name("市科学技术局"), "市科技局");
        assert_eq!(canonical_name("省交通厅"), "省交通运输厅");
        assert_eq!(canonical_name("省交通运输厅"), "省交通运输厅");
        assert_eq!(canonical_name("市人口和计生委"), "市人口计生委");
        assert_eq!(canonical_name("市人口计生委"), "市人口计生委");
    }

    #[test]
    fn names_without_a_variant_are_kept() {
        for n in [
            "省财政厅",
            "省公安厅",
            "省教育厅",
            "省商务厅",
            "省水利厅",
            "省林业局",
            "市统计局",
            "省审计厅",
            "省司法厅",
            "生态环境部",
            "国家统计局",
            "荆州供电公司",
            "市委组织部",
            "最高人民法院",
        ] {
            assert_eq!(canonical_name(n), n);
        }
    }

    #[test]
    fn government_spellings_fold() {
        assert_eq!(canonical_name("省人民政府"), "省政府");
        assert_eq!(canonical_name("市人民政府"), "市政府");
        assert_eq!(canonical_name("区人民政府办公室"), "区政府办公室");
        assert_eq!(canonical_name("区政府办公室"), "区政府办公室");
        assert_eq!(canonical_name("省人民政府办公厅"), "省政府办公厅");
        assert_eq!(
            canonical_name("各县（市、区）人民政府"),
            "各县（市、区）政府"
        );
        assert_eq!(
            canonical_name("国务院国有资产监督管理委员会"),
            "国务院国资委"
        );
        assert_eq!(
            canonical_name("山西省人民政府国有资产监督管理委员会"),
            "山西省国资委"
        );
        assert_eq!(canonical_name("省政府国资委"), "省国资委");
        assert_eq!(canonical_name("开发区管理委员会"), "开发区管委会");
        assert_eq!(canonical_name("省人民政府金融工作办公室"), "省政府金融办");
    }

    #[test]
    fn national_bodies_fold_to_their_official_short_names() {
        assert_eq!(canonical_name("中国人民银行"), "人民银行");
        assert_eq!(canonical_name("中国银保监会"), "银保监会");
        assert_eq!(canonical_name("中国证券监督管理委员会"), "证监会");
        assert_eq!(canonical_name("中国科学院"), "中科院");
        assert_eq!(canonical_name("国家税务总局"), "税务总局");
        assert_eq!(canonical_name("国务院机关事务管理局"), "国管局");
        assert_eq!(canonical_name("中华全国供销合作总社"), "供销合作总社");
    }

    #[test]
    fn shanxi_aliases_fold_to_the_registry_name() {
        for (alias, name) in [
            ("省发改委", "省发展改革委"),
            ("省发展和改革委员会", "省发展改革委"),
            ("省经济和信息化委员会", "省经信委"),
            ("省环境保护厅", "省环保厅"),
            ("省人力资源和社会保障厅", "省人力资源社会保障厅"),
            ("省人社厅", "省人力资源社会保障厅"),
            ("省住房和城乡建设厅", "省住房城乡建设厅"),
            ("省住建厅", "省住房城乡建设厅"),
            ("省科学技术厅", "省科技厅"),
            ("省国土资源厅", "省国土厅"),
            ("省煤炭工业厅", "省煤炭厅"),
            ("省机构编制委员会办公室", "省编办"),
            ("省扶贫开发办公室", "省扶贫办"),
            ("省安全生产监督管理局", "省安监局"),
            ("省食品药品监督管理局", "省食品药品监管局"),
            ("省食药监局", "省食品药品监管局"),
        ] {
            assert_eq!(canonical_name(alias), name, "{alias}");
        }
    }

    #[test]
    fn whitespace_and_half_width_brackets_fold_as_in_the_registry() {
        assert_eq!(canonical_name(" 市政 府办 公厅 "), "市政府办公厅");
        assert_eq!(canonical_name("各县(市、区)人民政府"), "各县（市、区）政府");
    }

    #[test]
    fn the_shipped_table_has_no_malformed_line() {
        let (rules, malformed) = parse_rules(ABBREVIATIONS_TSV);
        assert!(malformed.is_empty(), "malformed lines: {malformed:?}");
        assert!(rules.len() > 50);
    }

    #[test]
    fn malformed_lines_are_skipped_not_fatal() {
        let text = "# comment\n\n甲乙\t甲\n只有一列\n三\t列\t多\n\t空\n空\t\n同\t同\n短\t短短\n有 空格\t有\n甲乙\t乙\n丙丁\t丙\r\n";
        let (rules, malformed) = parse_rules(text);
        assert_eq!(
            rules,
            vec![
                ("甲乙".to_owned(), "甲".to_owned()),
                ("丙丁".to_owned(), "丙".to_owned())
            ]
        );
        assert_eq!(malformed, vec![4, 5, 6, 7, 8, 9, 10, 11]);
    }

    #[test]
    fn every_rule_folds_to_a_settled_short_form() {
        let (rules, _) = parse_rules(ABBREVIATIONS_TSV);
        for (long, short) in &rules {
            let short_c = canonical_name(short);
            assert_eq!(canonical_name(long), short_c, "{long} → {short}");
            assert!(settle(long).is_some(), "{long} does not settle");
            assert_eq!(canonical_name(&short_c), short_c, "{short}");
        }
    }

    #[test]
    fn a_table_that_never_settles_keeps_the_name() {
        // Not constructible from the shipped table: exercise settle's guard directly.
        let rules = FoldRules::new(vec![
            ("甲".to_owned(), "乙".to_owned()),
            ("乙".to_owned(), "甲".to_owned()),
        ]);
        assert_eq!(fold_pass("甲", &rules), "乙");
        assert_eq!(settle_with("甲", &rules), None);
        assert_eq!(settle_with("丙", &rules).as_deref(), Some("丙"));
    }

    fn table_entries() -> Vec<String> {
        let (rules, _) = parse_rules(ABBREVIATIONS_TSV);
        rules.into_iter().flat_map(|(l, s)| [l, s]).collect()
    }

    proptest! {
        #[test]
        fn folding_is_idempotent_on_arbitrary_strings(s in any::<String>()) {
            let once = canonical_name(&s);
            prop_assert_eq!(canonical_name(&once), once);
        }

        #[test]
        fn folding_is_idempotent_on_glued_table_entries(
            parts in prop::collection::vec(
                prop_oneof![
                    prop::sample::select(table_entries()),
                    "[省市区县人民政府国家中华和委员会局厅部办改革发展信息化社保 ()]{0,3}",
                ],
                0..6,
            )
        ) {
            let s: String = parts.concat();
            let once = canonical_name(&s);
            prop_assert!(settle(&s).is_some(), "{} does not settle", s);
            prop_assert_eq!(canonical_name(&once), once);
        }

        #[test]
        fn inference_never_panics(s in any::<String>(), level in 0u8..6) {
            let issuer = [L::Unknown, L::National, L::Provincial, L::City, L::County, L::Township]
                [usize::from(level)];
            let _ = infer(&s, issuer);
            let _ = issuer_level(&s);
        }
    }
}
