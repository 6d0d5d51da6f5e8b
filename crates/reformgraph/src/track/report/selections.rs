//! The yearly selections of cities and pilot counties against the plan's rules, and the
//! year a report is about when none is named.

use serde::Serialize;

use super::super::state;
use super::attainment::plan_area;
use crate::error::Result;
use crate::model::{Date, Direction, EdgeLabel, Event, NodeData, NodeKind, SelectionSubject};
use crate::store::GraphRead;

/// One subject's selections against a rule for a year.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SelectionViolation {
    /// The area or organisation key.
    pub subject: String,
    /// The rule key.
    pub rule: String,
    /// How many it selected.
    pub selected: u32,
    /// What the rule asks.
    pub message: String,
}

/// What one subject (a city, a pilot county …) selected for a year under one rule.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SubjectSelection {
    /// The area or organisation key.
    pub subject: String,
    /// The rule key.
    pub rule: String,
    /// The option keys it selected, sorted.
    pub options: Vec<String>,
}

/// Selections for a year, checked against the plan's rules.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SelectionCheck {
    /// The year.
    pub year: u16,
    /// Per subject and rule, what it selected.
    pub selections: Vec<SubjectSelection>,
    /// Subjects that break a rule.
    pub violations: Vec<SelectionViolation>,
}

/// The year a yearly report is about when the caller names none: the as-of day's year, else
/// this year — moved into the span of the plans' periods (a 2013–2015 plan read in 2026 is
/// reported for 2015), so every front-end reports the same year.
///
/// # Errors
/// Storage or decoding errors.
///
/// ```
/// use reformgraph::{Date, Store, import::bundled, track};
/// let store = Store::in_memory()?;
/// bundled::import_shanxi_2013(&store)?;
/// let snap = store.read()?;
/// assert_eq!(track::report_year(&snap, Some("2014-05-01".parse::<Date>()?))?, 2014);
/// assert_eq!(track::report_year(&snap, Some("2030-01-01".parse::<Date>()?))?, 2015);
/// # Ok::<(), reformgraph::Error>(())
/// ```
pub fn report_year<R: GraphRead + ?Sized>(r: &R, as_of: Option<Date>) -> Result<u16> {
    let year = as_of.unwrap_or_else(super::super::today).year();
    let plans = r.all::<crate::model::Plan>()?;
    let first = plans.iter().filter_map(|p| p.value.period_start).min();
    let last = plans.iter().filter_map(|p| p.value.period_end).max();
    Ok(match (first, last) {
        (_, Some(last)) if year > last => last,
        (Some(first), _) if year < first => first,
        _ => year,
    })
}

/// Checks every city and pilot county (the subjects of each selection rule) for `year`
/// ([`report_year`] when `None`): which options each selected, and who selected too few or
/// too many.
///
/// # Errors
/// Storage or decoding errors.
///
/// ```
/// use reformgraph::{Store, import::bundled, track};
/// let store = Store::in_memory()?;
/// bundled::import_shanxi_2013(&store)?;
/// let check = track::selection_check(&store.read()?, Some(2014), None)?;
/// assert_eq!(check.violations.len(), 22, "11 cities and 11 counties have chosen nothing yet");
/// # Ok::<(), reformgraph::Error>(())
/// ```
pub fn selection_check<R: GraphRead + ?Sized>(
    r: &R,
    year: Option<u16>,
    as_of: Option<Date>,
) -> Result<SelectionCheck> {
    let year = match year {
        Some(y) => y,
        None => report_year(r, as_of)?,
    };
    let mut out = SelectionCheck {
        year,
        selections: Vec::new(),
        violations: Vec::new(),
    };
    for rule in r.all::<crate::model::SelectionRule>()? {
        let options: Vec<String> = r
            .neighbors(
                rule.id.node(),
                Some(EdgeLabel::AppliesTo),
                Direction::Outgoing,
            )?
            .into_iter()
            .map(|(_, n)| n.key.to_string())
            .collect();
        if options.is_empty() {
            continue;
        }
        let plan_key = rule.key.segments().next().unwrap_or_default().to_owned();
        let Some(plan) = r.node_by_key(&plan_key)? else {
            continue;
        };
        let subjects: Vec<String> = match rule.value.subject {
            SelectionSubject::Cities => {
                let province = plan_area(r, rule.key.as_str())?;
                let mut cities = Vec::new();
                if let Some(p) = province.and_then(|p| r.id_of(&p).ok().flatten()) {
                    for (_, n) in r.neighbors(p, Some(EdgeLabel::InArea), Direction::Incoming)? {
                        if let NodeData::Area(a) = &n.data
                            && a.level == crate::model::AreaLevel::PrefectureCity
                        {
                            cities.push(n.key.to_string());
                        }
                    }
                }
                cities
            }
            SelectionSubject::PilotCounties => r
                .neighbors(
                    plan.id,
                    Some(EdgeLabel::DesignatedPilot),
                    Direction::Outgoing,
                )?
                .into_iter()
                .filter(|(_, n)| n.kind() == NodeKind::Area)
                .map(|(_, n)| n.key.to_string())
                .collect(),
            _ => Vec::new(),
        };
        for subject in subjects {
            let chosen: Vec<String> = match as_of {
                None => {
                    let Some(id) = r.id_of(&subject)? else {
                        continue;
                    };
                    r.neighbors(id, Some(EdgeLabel::Selected), Direction::Outgoing)?
                        .into_iter()
                        .filter(|(e, n)| {
                            e.kind.qualifier() == u32::from(year)
                                && options.iter().any(|o| o == n.key.as_str())
                        })
                        .map(|(_, n)| n.key.to_string())
                        .collect()
                }
                Some(d) => {
                    let mut events: Vec<Event> = r
                        .events_of(&subject)?
                        .into_iter()
                        .filter(|e| e.effective <= d)
                        .collect();
                    state::sort(&mut events);
                    options
                        .iter()
                        .filter(|o| state::selected(&events, o, year))
                        .cloned()
                        .collect()
                }
            };
            let n = u32::try_from(chosen.len()).unwrap_or(u32::MAX);
            let min = rule.value.min_per_year.unwrap_or(0);
            let max = rule.value.max_per_year;
            if n < min || max.is_some_and(|m| n > m) {
                let wanted = match max {
                    Some(m) if m == min => format!("exactly {m}"),
                    Some(m) => format!("{min} to {m}"),
                    None => format!("at least {min}"),
                };
                out.violations.push(SelectionViolation {
                    subject: subject.clone(),
                    rule: rule.key.to_string(),
                    selected: n,
                    message: format!("selected {n} in {year}; the rule asks {wanted} a year"),
                });
            }
            out.selections.push(SubjectSelection {
                subject,
                rule: rule.key.to_string(),
                options: chosen,
            });
        }
    }
    Ok(out)
}
