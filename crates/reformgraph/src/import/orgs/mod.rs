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
//! of `kind.rs` (the level tables are in `level.rs`): a collective (各…, …有关部门, …各单位,
//! a list with 、) is a group; then a Party organ (市委, 党委, …委组织部), a court or procuratorate, a bank, an enterprise, a government
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

use crate::model::{AdminLevel, OrganizationKind};

mod fold;
#[cfg(test)]
mod fold_tests;
mod kind;
mod level;
#[cfg(test)]
mod tests;

use fold::*;
use kind::*;
use level::*;

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

// --- Helpers -------------------------------------------------------------------------------

pub(super) fn starts_with_any(s: &str, prefixes: &[&str]) -> bool {
    prefixes.iter().any(|p| s.starts_with(p))
}

pub(super) fn ends_with_any(s: &str, suffixes: &[&str]) -> bool {
    suffixes.iter().any(|p| s.ends_with(p))
}

pub(super) fn contains_any(s: &str, words: &[&str]) -> bool {
    words.iter().any(|w| s.contains(w))
}

/// `s` without its first matching prefix.
pub(super) fn strip_one<'a>(s: &'a str, prefixes: &[&str]) -> &'a str {
    prefixes.iter().find_map(|p| s.strip_prefix(p)).unwrap_or(s)
}

/// `s` without any run of matching prefixes (各相关单位 → 单位).
pub(super) fn strip_all<'a>(mut s: &'a str, prefixes: &[&str]) -> &'a str {
    while let Some(rest) = prefixes.iter().find_map(|p| s.strip_prefix(p)) {
        s = rest;
    }
    s
}
