//! Roll-ups of task views by lead department and by section.

use std::collections::BTreeMap;

use serde::Serialize;

use super::tasks::{LagClass, LagThresholds, TaskView, counts_as_task, task_views};
use crate::error::Result;
use crate::model::Date;
use crate::query::TaskFilter;
use crate::store::GraphRead;

/// Counts over a set of task views.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Counts {
    /// Tasks.
    pub tasks: u32,
    /// By status name.
    pub by_status: BTreeMap<String, u32>,
    /// Overdue.
    pub overdue: u32,
    /// Red, yellow, green.
    pub red: u32,
    /// Yellow.
    pub yellow: u32,
    /// Green.
    pub green: u32,
    /// Mean progress, % (every task's progress is a percentage, so the mean is meaningful).
    pub mean_progress: f64,
}

impl Counts {
    fn add(&mut self, v: &TaskView) {
        self.tasks += 1;
        *self
            .by_status
            .entry(v.status.name().to_owned())
            .or_default() += 1;
        self.overdue += u32::from(v.overdue);
        match v.class {
            LagClass::Red => self.red += 1,
            LagClass::Yellow => self.yellow += 1,
            LagClass::Green => self.green += 1,
        }
        // Running mean.
        self.mean_progress += (v.progress - self.mean_progress) / f64::from(self.tasks);
    }
}

/// Tasks led by one organisation, counted.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DepartmentRollup {
    /// Organisation key.
    pub key: String,
    /// Name.
    pub name: String,
    /// Counts over the tasks it leads (any rank); annual sub-tasks count with their parent,
    /// projects are not tasks.
    #[serde(flatten)]
    pub counts: Counts,
}

/// Per organisation: tasks led, by status, overdue, red/yellow/green — most tasks first.
///
/// # Errors
/// Storage or decoding errors.
///
/// ```
/// use reformgraph::{Store, import::bundled, track::{self, LagThresholds}};
/// let store = Store::in_memory()?;
/// bundled::import_shanxi_2013(&store)?;
/// let r = track::department_rollup(&store.read()?, None, LagThresholds::default())?;
/// assert_eq!(r[0].name, "省发展改革委");
/// # Ok::<(), reformgraph::Error>(())
/// ```
pub fn department_rollup<R: GraphRead + ?Sized>(
    r: &R,
    as_of: Option<Date>,
    thresholds: LagThresholds,
) -> Result<Vec<DepartmentRollup>> {
    let views = task_views(r, &TaskFilter::default(), as_of, thresholds)?;
    let views: Vec<&TaskView> = views.iter().filter(|v| counts_as_task(v)).collect();
    let mut by_org: BTreeMap<String, DepartmentRollup> = BTreeMap::new();
    for v in views {
        for lead in &v.task.leads {
            by_org
                .entry(lead.key.clone())
                .or_insert_with(|| DepartmentRollup {
                    key: lead.key.clone(),
                    name: lead.name.clone(),
                    counts: Counts::default(),
                })
                .counts
                .add(v);
        }
    }
    let mut out: Vec<DepartmentRollup> = by_org.into_values().collect();
    out.sort_by(|a, b| {
        b.counts
            .tasks
            .cmp(&a.counts.tasks)
            .then_with(|| a.key.cmp(&b.key))
    });
    Ok(out)
}

/// Tasks of one category (or part), counted.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SectionRollup {
    /// Part title.
    pub part: String,
    /// Category title, if the tasks sit in one.
    pub category: Option<String>,
    /// Counts.
    #[serde(flatten)]
    pub counts: Counts,
}

/// Per category and part, in document order.
///
/// # Errors
/// Storage or decoding errors.
///
/// ```
/// use reformgraph::{Store, import::bundled, track::{self, LagThresholds}};
/// let store = Store::in_memory()?;
/// bundled::import_shanxi_2013(&store)?;
/// let r = track::category_rollup(&store.read()?, None, LagThresholds::default())?;
/// assert!(r.iter().any(|s| s.category.as_deref() == Some("生态修复")));
/// # Ok::<(), reformgraph::Error>(())
/// ```
pub fn category_rollup<R: GraphRead + ?Sized>(
    r: &R,
    as_of: Option<Date>,
    thresholds: LagThresholds,
) -> Result<Vec<SectionRollup>> {
    let views = task_views(r, &TaskFilter::default(), as_of, thresholds)?;
    let mut out: Vec<SectionRollup> = Vec::new();
    for v in views.iter().filter(|v| counts_as_task(v)) {
        let part = v
            .task
            .part
            .as_ref()
            .map(|p| p.title.clone())
            .unwrap_or_default();
        let category = v.task.category.as_ref().map(|c| c.title.clone());
        match out
            .iter_mut()
            .find(|s| s.part == part && s.category == category)
        {
            Some(s) => s.counts.add(v),
            None => {
                let mut counts = Counts::default();
                counts.add(v);
                out.push(SectionRollup {
                    part,
                    category,
                    counts,
                });
            }
        }
    }
    Ok(out)
}
