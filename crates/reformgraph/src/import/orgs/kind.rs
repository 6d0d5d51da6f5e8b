//! What the form of a name says about its kind: collectives, Party organs, courts, banks,
//! enterprises, governments, institutions, departments.

use super::*;

// --- The kind a name's form gives ----------------------------------------------------------

/// Starts of a collective reference: 各县（市、区）人民政府, 有关部门, 相关县（市、区）政府,
/// 试点城市政府.
pub(super) const GROUP_PREFIXES: &[&str] = &["各", "有关", "相关", "试点", "其他", "其它"];

/// Anywhere in a collective: 国务院各部门, 市直各单位, 全区经济运行各专班, 省级有关部门（单位）,
/// 县级以上人民政府, and a list of alternatives such as 县（市、区）.
pub(super) const GROUP_INFIXES: &[&str] = &["各", "、", "有关", "相关", "以上"];

/// Endings of a collective: 有关部门, 相关部门, 有关单位, 省直部门, 直属机构, 重点企业.
pub(super) const GROUP_SUFFIXES: &[&str] = &["部门", "单位", "机构", "企业"];

/// Starts of a Party organ: 中共中央办公厅, 中共荆州市委.
pub(super) const PARTY_PREFIXES_KIND: &[&str] = &["中共", "中国共产党", "党中央"];

/// Anywhere in a Party organ: 党委, 党组, 党工委, 纪委 and the Party's departments
/// (市委组织部, 省委宣传部, 区委统战部, 市委政法委).
pub(super) const PARTY_INFIXES: &[&str] = &[
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
pub(super) const PARTY_COMMITTEES: &[&str] =
    &["省委", "市委", "县委", "区委", "州委", "盟委", "旗委"];

/// Endings of courts and procuratorates: 最高人民法院, 市中级人民法院, 区人民检察院.
pub(super) const JUDICIAL_SUFFIXES: &[&str] = &["法院", "检察院", "检察分院", "法庭", "中院"];

/// Endings of banks: 中国人民银行, 人行合肥中心支行, 农业发展银行省分行, 农村信用社, and the
/// short names 农行 工行 建行 中行 交行.
pub(super) const BANK_SUFFIXES: &[&str] = &[
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
pub(super) const BANK_BRANCH_SUFFIXES: &[&str] = &["支行", "分行"];

/// Starts of banks: 人行 (the central bank's branches).
pub(super) const BANK_PREFIXES: &[&str] = &["人行"];

/// Endings of enterprises: 荆州供电公司, 同煤集团, 太原钢铁厂, 国家电网, 律师事务所.
pub(super) const ENTERPRISE_SUFFIXES: &[&str] = &["公司", "集团", "厂", "电网", "事务所"];

/// Anywhere in an enterprise's name: 太原钢铁（集团）有限公司.
pub(super) const ENTERPRISE_INFIXES: &[&str] = &["有限公司", "有限责任公司", "（集团）"];

/// Whole names of governments: 国务院.
pub(super) const GOVERNMENT_NAMES: &[&str] = &["国务院"];

/// Endings of governments and zone administrations: …人民政府, …政府 (but not
/// 政府办公室/政府办公厅, departments), …管委会, 街道办事处, 行政公署, 荆州开发区, 高新区.
pub(super) const GOVERNMENT_SUFFIXES: &[&str] = &[
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
pub(super) const INSTITUTION_SUFFIXES: &[&str] = &[
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
pub(super) const DEPARTMENT_SUFFIXES: &[&str] = &[
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

// --- Kinds ---------------------------------------------------------------------------------

pub(super) fn kind_of(name: &str) -> OrganizationKind {
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

pub(super) fn is_group(name: &str) -> bool {
    starts_with_any(name, GROUP_PREFIXES)
        || contains_any(name, GROUP_INFIXES)
        || ends_with_any(name, GROUP_SUFFIXES)
}

pub(super) fn is_party(name: &str) -> bool {
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

pub(super) fn is_government(name: &str) -> bool {
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
