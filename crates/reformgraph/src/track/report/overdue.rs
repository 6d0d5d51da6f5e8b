//! 督办: the overdue tasks, organisation by organisation, with whom to chase (催办).

use std::collections::BTreeMap;

use serde::Serialize;

use super::tasks::{LagThresholds, task_views};
use crate::error::Result;
use crate::model::{Date, TaskStatus};
use crate::query::TaskFilter;
use crate::store::GraphRead;

/// A task past its deadline and not closed, with whom to chase.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct OverdueTask {
    /// The organisation to chase: the task's first lead (牵头单位) key, none when the plan
    /// names no lead (the plan's office chases those).
    pub organization: Option<String>,
    /// Its name.
    pub organization_name: Option<String>,
    /// The other lead organisations' names (共同牵头), in rank order.
    pub co_leads: Vec<String>,
    /// Task key.
    pub task: String,
    /// The task's number as printed.
    pub number: String,
    /// The task's title.
    pub title: String,
    /// The deadline in force.
    pub deadline: Date,
    /// Days past it on the report's date.
    pub days_late: u32,
    /// Status.
    pub status: TaskStatus,
    /// Progress, %.
    pub progress: f64,
    /// The latest progress note.
    pub note: Option<String>,
    /// When it was last updated (none: never).
    pub last_update: Option<Date>,
    /// Days since then on the report's date (none: never updated).
    pub days_since_update: Option<u32>,
    /// Who last updated it.
    pub last_actor: Option<String>,
    /// The date the report is for.
    pub as_of: Date,
}

fn days(from: Date, to: Date) -> u32 {
    u32::try_from(to.days_since_epoch() - from.days_since_epoch()).unwrap_or(0)
}

/// The tasks a filter selects that are past their deadline and neither completed nor
/// cancelled on a day (today when `None`), grouped by the organisation to chase: the
/// organisations with most overdue tasks first (then the one with the longest overdue),
/// each one's longest overdue first.
///
/// # Errors
/// As [`crate::query::tasks`]: an unknown organisation or plan in the filter.
///
/// ```
/// use reformgraph::{Store, import::bundled, query::TaskFilter, track};
/// let store = Store::in_memory()?;
/// bundled::import_shanxi_2013(&store)?;
/// let f = TaskFilter { lead: Some("省环保厅".into()), ..TaskFilter::default() };
/// let late = track::overdue(&store.read()?, &f, Some("2016-01-10".parse()?))?;
/// assert!(late.iter().all(|t| t.days_late > 0));
/// # Ok::<(), reformgraph::Error>(())
/// ```
pub fn overdue<R: GraphRead + ?Sized>(
    r: &R,
    filter: &TaskFilter,
    as_of: Option<Date>,
) -> Result<Vec<OverdueTask>> {
    let mut by_org: BTreeMap<Option<String>, Vec<OverdueTask>> = BTreeMap::new();
    for v in task_views(r, filter, as_of, LagThresholds::default())? {
        let Some(deadline) = v.deadline.filter(|_| v.overdue) else {
            continue;
        };
        let mut leads = v.task.leads.into_iter();
        let first = leads.next();
        let item = OverdueTask {
            organization: first.as_ref().map(|l| l.key.clone()),
            organization_name: first.map(|l| l.name),
            co_leads: leads.map(|l| l.name).collect(),
            task: v.task.key,
            number: v.task.number,
            title: v.task.title,
            deadline,
            days_late: days(deadline, v.as_of),
            status: v.status,
            progress: v.progress,
            note: v.note,
            last_update: v.last_update,
            days_since_update: v.last_update.map(|d| days(d, v.as_of)),
            last_actor: v.last_actor,
            as_of: v.as_of,
        };
        by_org
            .entry(item.organization.clone())
            .or_default()
            .push(item);
    }
    let mut groups: Vec<Vec<OverdueTask>> = by_org.into_values().collect();
    for g in &mut groups {
        // Stable: tasks equally late stay in document order.
        g.sort_by_key(|t| std::cmp::Reverse(t.days_late));
    }
    // Most overdue tasks first, then the longest overdue; organisations alike in both in
    // key order (the map's); tasks without a lead last.
    let unassigned = |g: &[OverdueTask]| g.first().is_some_and(|t| t.organization.is_none());
    let longest = |g: &[OverdueTask]| g.first().map_or(0, |t| t.days_late);
    groups.sort_by(|a, b| {
        unassigned(a)
            .cmp(&unassigned(b))
            .then(b.len().cmp(&a.len()))
            .then(longest(b).cmp(&longest(a)))
    });
    Ok(groups.into_iter().flatten().collect())
}
