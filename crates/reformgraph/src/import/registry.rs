//! The registry of organisations and areas a plan names: who a responsibility clause means,
//! which county a task body talks about.
//!
//! Plans print short, inconsistent names (省发改委 one year, 省发展改革委 the next); the
//! registry maps every spelling to one canonical node so that re-imports and other plans
//! agree on `org/…` and `area/…` keys.

use std::collections::BTreeMap;

use crate::error::{Error, Result};
use crate::model::{Area, AreaLevel, Organization, OrganizationKind};

/// An area as registered: the node data plus the name of the area it lies in.
#[derive(Debug, Clone, PartialEq)]
pub struct RegisteredArea {
    /// The area as it becomes a node.
    pub area: Area,
    /// Official name of the enclosing area (a county's city, a city's province).
    pub parent: Option<String>,
}

/// Organisations and areas known by name and alias.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Registry {
    organizations: Vec<Organization>,
    areas: Vec<RegisteredArea>,
    org_names: BTreeMap<String, usize>,
    area_names: BTreeMap<String, usize>,
}

/// Normalises a name for lookup: no white space, full-width brackets. Plans mix `（集团）`
/// and `(集团)` for the same company.
pub(crate) fn normalize_name(name: &str) -> String {
    name.chars()
        .filter(|c| !c.is_whitespace())
        .map(|c| match c {
            '(' => '（',
            ')' => '）',
            other => other,
        })
        .collect()
}

fn area_level(name: &str) -> Option<AreaLevel> {
    Some(match name {
        "province" => AreaLevel::Province,
        "prefecture_city" => AreaLevel::PrefectureCity,
        "county_level_city" => AreaLevel::CountyLevelCity,
        "county" => AreaLevel::County,
        "district" => AreaLevel::District,
        "other" => AreaLevel::Other,
        _ => return None,
    })
}

fn tsv_error(file: &str, line: usize, reason: impl std::fmt::Display) -> Error {
    Error::Import {
        line: u32::try_from(line).ok(),
        reason: format!("{file} line {line}: {reason}"),
    }
}

/// Non-comment, non-blank lines with their 1-based numbers.
fn data_lines(text: &str) -> impl Iterator<Item = (usize, &str)> {
    text.lines()
        .enumerate()
        .map(|(i, l)| (i + 1, l.trim_end_matches('\r')))
        .filter(|(_, l)| !l.trim().is_empty() && !l.trim_start().starts_with('#'))
}

fn aliases(field: Option<&str>) -> Vec<String> {
    field
        .unwrap_or("")
        .split('|')
        .map(str::trim)
        .filter(|a| !a.is_empty())
        .map(str::to_owned)
        .collect()
}

impl Registry {
    /// An empty registry: every organisation in a lead clause is then registered on the fly
    /// with a guessed kind, and no area is recognised.
    ///
    /// ```
    /// let r = reformgraph::import::Registry::empty();
    /// assert!(r.organization("省发展改革委").is_none());
    /// ```
    pub fn empty() -> Self {
        Self::default()
    }

    /// Builds a registry from two tab-separated texts.
    ///
    /// `organizations` has the columns `name<TAB>kind<TAB>aliases`, `areas` has
    /// `name<TAB>level<TAB>parent<TAB>aliases`; aliases are separated by `|`, lines starting
    /// with `#` and blank lines are ignored. A parent must itself be listed.
    ///
    /// # Errors
    /// [`Error::Import`] naming the file and line when a line has too few columns, an unknown
    /// kind or level, an empty name, a name or alias already used by another entry, or an
    /// unknown parent.
    ///
    /// ```
    /// use reformgraph::import::Registry;
    /// let r = Registry::from_tsv(
    ///     "省环保厅\tprovincial_department\t山西省环境保护厅\n",
    ///     "山西省\tprovince\t\t山西\n孝义市\tcounty_level_city\t山西省\t孝义\n",
    /// )?;
    /// assert_eq!(r.organization("山西省环境保护厅").map(|o| o.name.as_str()), Some("省环保厅"));
    /// assert_eq!(r.area("孝义").and_then(|a| a.parent.as_deref()), Some("山西省"));
    /// assert!(Registry::from_tsv("省环保厅\tministry\t\n", "").is_err());
    /// # Ok::<(), reformgraph::Error>(())
    /// ```
    pub fn from_tsv(organizations: &str, areas: &str) -> Result<Registry> {
        let mut reg = Registry::default();
        for (n, line) in data_lines(organizations) {
            let mut cols = line.split('\t');
            let name = cols.next().map(str::trim).unwrap_or("");
            let kind = cols.next().map(str::trim);
            if name.is_empty() {
                return Err(tsv_error("organizations.tsv", n, "empty name"));
            }
            let Some(kind) = kind else {
                return Err(tsv_error(
                    "organizations.tsv",
                    n,
                    "expected name<TAB>kind<TAB>aliases",
                ));
            };
            let kind = OrganizationKind::from_name(kind).ok_or_else(|| {
                tsv_error(
                    "organizations.tsv",
                    n,
                    format!(
                        "unknown kind {kind:?} (expected provincial_department, central_vertical_branch, government, enterprise, group or other)"
                    ),
                )
            })?;
            let org = Organization {
                name: name.to_owned(),
                kind,
                aliases: aliases(cols.next()),
                ..Organization::default()
            };
            let idx = reg.organizations.len();
            for spelling in std::iter::once(&org.name).chain(org.aliases.iter()) {
                let key = normalize_name(spelling);
                match reg.org_names.get(&key) {
                    Some(&other) if other != idx => {
                        return Err(tsv_error(
                            "organizations.tsv",
                            n,
                            format!("name {spelling:?} is already used by another organisation"),
                        ));
                    }
                    _ => {
                        reg.org_names.insert(key, idx);
                    }
                }
            }
            reg.organizations.push(org);
        }
        let mut parents = Vec::new();
        for (n, line) in data_lines(areas) {
            let mut cols = line.split('\t');
            let name = cols.next().map(str::trim).unwrap_or("");
            let (Some(level), Some(parent)) = (cols.next().map(str::trim), cols.next()) else {
                return Err(tsv_error(
                    "areas.tsv",
                    n,
                    "expected name<TAB>level<TAB>parent<TAB>aliases",
                ));
            };
            if name.is_empty() {
                return Err(tsv_error("areas.tsv", n, "empty name"));
            }
            let level = area_level(level).ok_or_else(|| {
                tsv_error(
                    "areas.tsv",
                    n,
                    format!(
                        "unknown level {level:?} (expected province, prefecture_city, county_level_city, county, district or other)"
                    ),
                )
            })?;
            let parent = Some(parent.trim())
                .filter(|p| !p.is_empty())
                .map(str::to_owned);
            let area = Area {
                name: name.to_owned(),
                level,
                aliases: aliases(cols.next()),
            };
            let idx = reg.areas.len();
            for spelling in std::iter::once(&area.name).chain(area.aliases.iter()) {
                let key = normalize_name(spelling);
                match reg.area_names.get(&key) {
                    Some(&other) if other != idx => {
                        return Err(tsv_error(
                            "areas.tsv",
                            n,
                            format!("name {spelling:?} is already used by another area"),
                        ));
                    }
                    _ => {
                        reg.area_names.insert(key, idx);
                    }
                }
            }
            parents.push((n, parent.clone()));
            reg.areas.push(RegisteredArea { area, parent });
        }
        for (n, parent) in parents {
            if let Some(p) = parent
                && reg.area(&p).is_none()
            {
                return Err(tsv_error(
                    "areas.tsv",
                    n,
                    format!("parent {p:?} is not listed as an area"),
                ));
            }
        }
        Ok(reg)
    }

    /// The registry shipped for the Shanxi 2013 plan (`data/shanxi-2013/organizations.tsv`
    /// and `areas.tsv`, compiled in).
    ///
    /// # Errors
    /// [`Error::Import`] if the shipped files are malformed (a build defect; tests cover it).
    ///
    /// ```
    /// let r = reformgraph::import::Registry::shanxi()?;
    /// assert_eq!(r.organization("省发改委").map(|o| o.name.as_str()), Some("省发展改革委"));
    /// assert_eq!(r.area("霍州").map(|a| a.area.name.as_str()), Some("霍州市"));
    /// # Ok::<(), reformgraph::Error>(())
    /// ```
    pub fn shanxi() -> Result<Registry> {
        Self::from_tsv(
            include_str!("../../data/shanxi-2013/organizations.tsv"),
            include_str!("../../data/shanxi-2013/areas.tsv"),
        )
    }

    /// The organisation known by `name` (its printed name or any alias; white space and
    /// ASCII versus full-width brackets do not matter).
    ///
    /// ```
    /// let r = reformgraph::import::Registry::shanxi()?;
    /// assert_eq!(r.organization("中国人民银行太原中心支行").map(|o| o.name.as_str()), Some("人行太原中心支行"));
    /// # Ok::<(), reformgraph::Error>(())
    /// ```
    pub fn organization(&self, name: &str) -> Option<&Organization> {
        self.org_names
            .get(&normalize_name(name))
            .and_then(|&i| self.organizations.get(i))
    }

    /// The area known by `name` (official name or short form).
    ///
    /// ```
    /// let r = reformgraph::import::Registry::shanxi()?;
    /// assert_eq!(r.area("孝义").map(|a| a.area.name.as_str()), Some("孝义市"));
    /// # Ok::<(), reformgraph::Error>(())
    /// ```
    pub fn area(&self, name: &str) -> Option<&RegisteredArea> {
        self.area_names
            .get(&normalize_name(name))
            .and_then(|&i| self.areas.get(i))
    }

    /// Every organisation, in file order.
    ///
    /// ```
    /// let r = reformgraph::import::Registry::shanxi()?;
    /// assert!(r.organizations().iter().any(|o| o.name == "太原海关"));
    /// # Ok::<(), reformgraph::Error>(())
    /// ```
    pub fn organizations(&self) -> &[Organization] {
        &self.organizations
    }

    /// Every area, in file order.
    ///
    /// ```
    /// let r = reformgraph::import::Registry::shanxi()?;
    /// assert_eq!(r.areas().first().map(|a| a.area.name.as_str()), Some("山西省"));
    /// # Ok::<(), reformgraph::Error>(())
    /// ```
    pub fn areas(&self) -> &[RegisteredArea] {
        &self.areas
    }
}
