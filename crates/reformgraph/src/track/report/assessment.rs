//! 考核: the annual assessment of the units a plan holds to account (七、（六）实施考核评价 of
//! the Shanxi plan: "将转型综改重点任务纳入全省年度目标责任考核" for cities, pilot counties,
//! provincial departments and pilot enterprises), scored by a documented, configurable
//! rubric and ranked within each group.
//!
//! What each unit answers for:
//! - a **provincial department** (省直部门) and a **pilot enterprise** (试点企业): the tasks it
//!   leads, at any rank, and the targets of those tasks;
//! - a **city** (市) and a **pilot county** (试点县): the tasks its people's government leads
//!   (an organisation of kind government named for the area: 大同市人民政府, not a district's),
//!   their targets, and the yearly selections the plan's rules ask of it (六、: cities at
//!   least two of ten tasks a year, counties two of six).
//!
//! The rubric's four parts, each a share between 0 and 1, weighted
//! ([`AssessmentRubric::default`]: 40 / 30 / 20 / 10):
//! - **completion** (完成情况): the mean progress of its tasks on the assessment date (a
//!   completed task counts 100 %);
//! - **timeliness** (序时进度): its tasks against time-proportional progress — green 1,
//!   yellow ½, red (far behind or overdue) 0;
//! - **targets** (目标): the share of its tasks' measurable targets attained (a target with
//!   no observation is not counted either way);
//! - **selections** (选题): selected ÷ required by the rule for the year, at most 1.
//!
//! A part with nothing to measure (no tasks, no measurable target, no rule) is left out and
//! the others' weights are scaled up to the whole, so a unit is scored on what applies to
//! it; a unit with nothing at all to measure has no score and ranks last.

use serde::Serialize;

use super::selections::{report_year, selection_check};
use super::tasks::{LagClass, LagThresholds, counts_as_task, task_views};
use crate::error::{Error, Result};
use crate::model::{
    AreaLevel, Date, Direction, EdgeLabel, NodeData, NodeKind, OrganizationKind, TaskStatus,
};
use crate::query::{self, TaskFilter};
use crate::store::GraphRead;

/// The weights of the rubric's parts (any non-negative numbers; only their ratios matter).
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct AssessmentRubric {
    /// 完成情况: mean progress of the unit's tasks.
    pub completion: f64,
    /// 序时进度: its tasks against time-proportional progress.
    pub timeliness: f64,
    /// 目标: its tasks' measurable targets attained.
    pub targets: f64,
    /// 选题: the selections the plan's rules ask of it.
    pub selections: f64,
}

impl Default for AssessmentRubric {
    /// 40 completion, 30 timeliness, 20 targets, 10 selections.
    fn default() -> Self {
        Self {
            completion: 40.0,
            timeliness: 30.0,
            targets: 20.0,
            selections: 10.0,
        }
    }
}

impl AssessmentRubric {
    /// The default rubric with the weights given replaced, checked.
    ///
    /// # Errors
    /// [`Error::Invalid`] for a negative or non-finite weight, or weights that are all 0.
    ///
    /// ```
    /// use reformgraph::track::AssessmentRubric;
    /// assert_eq!(AssessmentRubric::given(None, None, Some(0.0), None)?.targets, 0.0);
    /// assert!(AssessmentRubric::given(Some(-1.0), None, None, None).is_err());
    /// # Ok::<(), reformgraph::Error>(())
    /// ```
    pub fn given(
        completion: Option<f64>,
        timeliness: Option<f64>,
        targets: Option<f64>,
        selections: Option<f64>,
    ) -> Result<Self> {
        let d = Self::default();
        let r = Self {
            completion: completion.unwrap_or(d.completion),
            timeliness: timeliness.unwrap_or(d.timeliness),
            targets: targets.unwrap_or(d.targets),
            selections: selections.unwrap_or(d.selections),
        };
        let w = [r.completion, r.timeliness, r.targets, r.selections];
        if w.iter().any(|x| !x.is_finite() || *x < 0.0) || w.iter().sum::<f64>() <= 0.0 {
            return Err(Error::invalid(
                "assessment weights",
                format!(
                    "completion {}, timeliness {}, targets {}, selections {}: each must be a finite number ≥ 0, not all 0",
                    r.completion, r.timeliness, r.targets, r.selections
                ),
            ));
        }
        Ok(r)
    }
}

/// The groups of units assessed, each ranked on its own.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum AssessedGroup {
    /// 市: the prefecture-level cities of the plan's area.
    City,
    /// 省级试点县（市、区）: the pilot counties the plan designates.
    PilotCounty,
    /// 省直部门: the provincial departments that lead tasks.
    ProvincialDepartment,
    /// 省级试点企业: the pilot enterprises the plan designates.
    PilotEnterprise,
}

impl AssessedGroup {
    /// Snake-case name.
    pub fn name(self) -> &'static str {
        match self {
            AssessedGroup::City => "city",
            AssessedGroup::PilotCounty => "pilot_county",
            AssessedGroup::ProvincialDepartment => "provincial_department",
            AssessedGroup::PilotEnterprise => "pilot_enterprise",
        }
    }

    /// The name an assessment table prints: 市, 试点县, 省直部门, 试点企业.
    pub fn name_zh(self) -> &'static str {
        match self {
            AssessedGroup::City => "市",
            AssessedGroup::PilotCounty => "试点县",
            AssessedGroup::ProvincialDepartment => "省直部门",
            AssessedGroup::PilotEnterprise => "试点企业",
        }
    }
}

/// One unit's assessment.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AssessedUnit {
    /// Its group.
    pub group: AssessedGroup,
    /// Its key (`area/大同市`, `org/省环保厅`).
    pub key: String,
    /// Its name.
    pub name: String,
    /// The tasks it answers for.
    pub tasks: u32,
    /// Of those, completed on the assessment date.
    pub completed: u32,
    /// Of those, past their deadline and not closed.
    pub overdue: u32,
    /// Of those, red (far behind or overdue).
    pub red: u32,
    /// Its tasks' targets with an observation.
    pub targets_measured: u32,
    /// Of those, attained.
    pub targets_met: u32,
    /// The selections it made for the year, where a rule asks for some.
    pub selections_made: Option<u32>,
    /// The fewest the rule asks for.
    pub selections_required: Option<u32>,
    /// 完成情况, 0–1 (none: nothing to measure).
    pub completion: Option<f64>,
    /// 序时进度, 0–1.
    pub timeliness: Option<f64>,
    /// 目标, 0–1.
    pub targets: Option<f64>,
    /// 选题, 0–1.
    pub selections: Option<f64>,
    /// The weighted score, 0–100 (none: nothing to measure).
    pub score: Option<f64>,
    /// Its rank in its group, from 1 (ties share a rank; none: no score).
    pub rank: Option<u32>,
}

/// An assessment for a year.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Assessment {
    /// The year assessed.
    pub year: u16,
    /// The date the state is read on: the year's 31 December, or the as-of date when earlier.
    pub as_of: Date,
    /// The weights used.
    pub rubric: AssessmentRubric,
    /// The units, by group (cities, counties, departments, enterprises), best first.
    pub units: Vec<AssessedUnit>,
}

/// What to assess.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct AssessmentOptions {
    /// The year ([`report_year`] when `None`).
    pub year: Option<u16>,
    /// Read the state on this date, when it is before the year's end (an assessment
    /// in progress).
    pub as_of: Option<Date>,
    /// Only this plan's tasks and rules (key, name or alias).
    pub plan: Option<String>,
    /// The weights.
    pub rubric: AssessmentRubric,
    /// Lag thresholds for timeliness.
    pub thresholds: LagThresholds,
}

fn share(num: f64, den: usize) -> Option<f64> {
    (den > 0).then(|| num / den as f64)
}

fn count(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

/// Whether a government organisation is the area's own people's government (or its office):
/// 太原市人民政府 governs 太原市, 太原市尖草坪区人民政府 does not (it is the district's).
fn governs(area: &str, organization: &str) -> bool {
    const SUFFIXES: [&str; 6] = [
        "人民政府",
        "政府",
        "人民政府办公厅",
        "人民政府办公室",
        "政府办公厅",
        "政府办公室",
    ];
    organization
        .strip_prefix(area)
        .is_some_and(|rest| SUFFIXES.contains(&rest))
}

/// A unit to assess: its group, key, name and the organisations whose tasks it answers for.
struct Unit {
    group: AssessedGroup,
    key: String,
    name: String,
    leads: Vec<String>,
}

/// The units of each group.
fn units<R: GraphRead + ?Sized>(r: &R, plans: &[String]) -> Result<Vec<Unit>> {
    let orgs = query::nodes_of_kind(r, NodeKind::Organization)?;
    let governments_of = |area: &str| -> Vec<String> {
        orgs.iter()
            .filter(|n| {
                matches!(&n.data, NodeData::Organization(o)
                    if o.kind == OrganizationKind::Government && governs(area, &o.name))
            })
            .map(|n| n.key.to_string())
            .collect()
    };
    let mut out = Vec::new();
    let mut seen = std::collections::BTreeSet::new();
    for plan in plans {
        let Some(p) = r.node_by_key(plan)? else {
            continue;
        };
        let province = r
            .neighbors(p.id, Some(EdgeLabel::InArea), Direction::Outgoing)?
            .into_iter()
            .next();
        if let Some((_, province)) = province {
            for (_, n) in r.neighbors(province.id, Some(EdgeLabel::InArea), Direction::Incoming)? {
                if let NodeData::Area(a) = &n.data
                    && a.level == AreaLevel::PrefectureCity
                    && seen.insert(n.key.to_string())
                {
                    out.push(Unit {
                        group: AssessedGroup::City,
                        key: n.key.to_string(),
                        name: a.name.clone(),
                        leads: governments_of(&a.name),
                    });
                }
            }
        }
        for (_, n) in r.neighbors(p.id, Some(EdgeLabel::DesignatedPilot), Direction::Outgoing)? {
            if !seen.insert(n.key.to_string()) {
                continue;
            }
            match &n.data {
                NodeData::Area(a) => out.push(Unit {
                    group: AssessedGroup::PilotCounty,
                    key: n.key.to_string(),
                    name: a.name.clone(),
                    leads: governments_of(&a.name),
                }),
                NodeData::Organization(o) => out.push(Unit {
                    group: AssessedGroup::PilotEnterprise,
                    key: n.key.to_string(),
                    name: o.name.clone(),
                    leads: vec![n.key.to_string()],
                }),
                _ => {}
            }
        }
    }
    for n in &orgs {
        if let NodeData::Organization(o) = &n.data
            && o.kind == OrganizationKind::ProvincialDepartment
            && !seen.contains(n.key.as_str())
        {
            out.push(Unit {
                group: AssessedGroup::ProvincialDepartment,
                key: n.key.to_string(),
                name: o.name.clone(),
                leads: vec![n.key.to_string()],
            });
        }
    }
    Ok(out)
}

/// Scores and ranks every assessed unit for a year (see the module docs for the rubric).
///
/// # Errors
/// [`Error::KeyNotFound`] for an unknown plan; as [`AssessmentRubric::given`] is checked
/// by its caller; storage errors.
///
/// ```
/// use reformgraph::{Store, import::bundled, track::{self, AssessedGroup, AssessmentOptions}};
/// let store = Store::in_memory()?;
/// bundled::import_shanxi_2013(&store)?;
/// let a = track::assessment(&store.read()?, &AssessmentOptions { year: Some(2014), ..Default::default() })?;
/// assert_eq!(a.units.iter().filter(|u| u.group == AssessedGroup::PilotCounty).count(), 11);
/// # Ok::<(), reformgraph::Error>(())
/// ```
pub fn assessment<R: GraphRead + ?Sized>(r: &R, options: &AssessmentOptions) -> Result<Assessment> {
    let year = match options.year {
        Some(y) => y,
        None => report_year(r, options.as_of)?,
    };
    let end = Date::end_of_year(year)?;
    let day = options.as_of.filter(|d| *d < end).unwrap_or(end);
    let plans: Vec<String> = match &options.plan {
        Some(p) => vec![query::resolve(r, NodeKind::Plan, p)?.key.to_string()],
        None => query::nodes_of_kind(r, NodeKind::Plan)?
            .into_iter()
            .map(|n| n.key.to_string())
            .collect(),
    };
    let check = selection_check(r, Some(year), Some(day))?;
    let rules = r.all::<crate::model::SelectionRule>()?;
    let w = options.rubric;
    let mut out = Vec::new();
    for Unit {
        group,
        key,
        name,
        leads,
    } in units(r, &plans)?
    {
        let mut views = Vec::new();
        for lead in &leads {
            let filter = TaskFilter {
                lead: Some(lead.clone()),
                plan: options.plan.as_ref().and(plans.first().cloned()),
                ..TaskFilter::default()
            };
            for v in task_views(r, &filter, Some(day), options.thresholds)? {
                if counts_as_task(&v)
                    && !views
                        .iter()
                        .any(|x: &super::TaskView| x.task.key == v.task.key)
                {
                    views.push(v);
                }
            }
        }
        if group == AssessedGroup::ProvincialDepartment && views.is_empty() {
            // A department that leads nothing in the plan has nothing to be assessed on.
            continue;
        }
        let (mut measured, mut met) = (0usize, 0usize);
        let mut seen_targets = std::collections::BTreeSet::new();
        for v in &views {
            for t in query::targets_of(r, &v.task.key)? {
                if !seen_targets.insert(t.key.clone()) {
                    continue;
                }
                match super::attainment(r, &t.key, None, Some(day))?.attained {
                    Some(true) => {
                        measured += 1;
                        met += 1;
                    }
                    Some(false) => measured += 1,
                    None => {}
                }
            }
        }
        let made: Vec<u32> = check
            .selections
            .iter()
            .filter(|s| s.subject == key)
            .map(|s| count(s.options.len()))
            .collect();
        let required: Option<u32> = check
            .selections
            .iter()
            .filter(|s| s.subject == key)
            .filter_map(|s| rules.iter().find(|x| x.key.as_str() == s.rule))
            .map(|rule| rule.value.min_per_year.unwrap_or(0))
            .reduce(|a, b| a + b);
        let selections_made = (!made.is_empty()).then(|| made.iter().sum::<u32>());
        let selections = match (selections_made, required) {
            (Some(m), Some(req)) if req > 0 => Some((f64::from(m) / f64::from(req)).min(1.0)),
            (Some(_), Some(_)) => Some(1.0),
            _ => None,
        };
        let progress: f64 = views.iter().map(|v| v.progress / 100.0).sum();
        let on_time: f64 = views
            .iter()
            .map(|v| match v.class {
                LagClass::Green => 1.0,
                LagClass::Yellow => 0.5,
                LagClass::Red => 0.0,
            })
            .sum();
        let completion = share(progress, views.len());
        let timeliness = share(on_time, views.len());
        let targets = share(met as f64, measured);
        let parts = [
            (completion, w.completion),
            (timeliness, w.timeliness),
            (targets, w.targets),
            (selections, w.selections),
        ];
        let weight: f64 = parts
            .iter()
            .filter(|(c, _)| c.is_some())
            .map(|(_, w)| w)
            .sum();
        let score = (weight > 0.0).then(|| {
            100.0
                * parts
                    .iter()
                    .filter_map(|(c, w)| c.map(|c| c * w))
                    .sum::<f64>()
                / weight
        });
        out.push(AssessedUnit {
            group,
            key,
            name,
            tasks: count(views.len()),
            completed: count(
                views
                    .iter()
                    .filter(|v| v.status == TaskStatus::Completed)
                    .count(),
            ),
            overdue: count(views.iter().filter(|v| v.overdue).count()),
            red: count(views.iter().filter(|v| v.class == LagClass::Red).count()),
            targets_measured: count(measured),
            targets_met: count(met),
            selections_made,
            selections_required: required,
            completion,
            timeliness,
            targets,
            selections,
            score,
            rank: None,
        });
    }
    rank(&mut out);
    Ok(Assessment {
        year,
        as_of: day,
        rubric: w,
        units: out,
    })
}

/// Orders each group best first (no score last, then by name) and numbers it; equal
/// scores share a rank.
fn rank(units: &mut [AssessedUnit]) {
    units.sort_by(|a, b| {
        a.group
            .cmp(&b.group)
            .then_with(|| match (a.score, b.score) {
                (Some(x), Some(y)) => y.total_cmp(&x),
                (Some(_), None) => std::cmp::Ordering::Less,
                (None, Some(_)) => std::cmp::Ordering::Greater,
                (None, None) => std::cmp::Ordering::Equal,
            })
            .then_with(|| a.name.cmp(&b.name))
    });
    let mut i = 0;
    while i < units.len() {
        let group = units[i].group;
        let mut position = 0u32;
        let mut last: Option<(f64, u32)> = None;
        while i < units.len() && units[i].group == group {
            position += 1;
            units[i].rank = units[i].score.map(|s| match last {
                Some((prev, r)) if (prev - s).abs() < 1e-9 => r,
                _ => position,
            });
            if let (Some(s), Some(r)) = (units[i].score, units[i].rank) {
                last = Some((s, r));
            }
            i += 1;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::governs;

    #[test]
    fn a_city_answers_for_its_own_government_not_its_districts() {
        assert!(governs("太原市", "太原市人民政府"));
        assert!(governs("大同市", "大同市政府"));
        assert!(!governs("太原市", "太原市尖草坪区人民政府"));
        assert!(!governs("太原市", "太原市发展改革委"));
    }
}
