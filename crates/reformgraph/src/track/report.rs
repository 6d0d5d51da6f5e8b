//! Reading tracked state: task views with time-proportional lag, target attainment,
//! roll-ups, selection checks and the project funnel — each now or as of a date.

use std::collections::BTreeMap;

use serde::Serialize;

use super::state;
use crate::error::{Error, Result};
use crate::model::{
    Comparator, Date, Direction, EdgeLabel, Event, NodeData, NodeKind, Observation, ProjectStage,
    SelectionSubject, TaskState, TaskStatus, Unit,
};
use crate::query::{self, TaskFilter, TaskSummary};
use crate::store::GraphRead;

/// How far behind time-proportional progress (序时进度) a task may be, in percentage points,
/// before it turns yellow and red.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct LagThresholds {
    /// More than this behind is yellow.
    pub yellow: f64,
    /// More than this behind (or overdue) is red.
    pub red: f64,
}

impl Default for LagThresholds {
    fn default() -> Self {
        Self {
            yellow: 10.0,
            red: 25.0,
        }
    }
}

/// Red / yellow / green.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum LagClass {
    /// On or ahead of schedule, or closed.
    Green,
    /// Somewhat behind, or marked delayed.
    Yellow,
    /// Far behind, or overdue.
    Red,
}

/// A task with its tracked state as of a date.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TaskView {
    /// The task (key, role, number, title, category, leads).
    #[serde(flatten)]
    pub task: TaskSummary,
    /// Status.
    pub status: TaskStatus,
    /// Progress, %.
    pub progress: f64,
    /// Deadline in force.
    pub deadline: Option<Date>,
    /// Time-proportional progress expected by the as-of date, %.
    pub expected_progress: Option<f64>,
    /// Expected minus actual progress, percentage points (positive = behind).
    pub lag: Option<f64>,
    /// Red / yellow / green.
    pub class: LagClass,
    /// Past its deadline and not closed.
    pub overdue: bool,
    /// Latest progress note.
    pub note: Option<String>,
    /// When it was last updated.
    pub last_update: Option<Date>,
    /// By whom.
    pub last_actor: Option<String>,
    /// Annual sub-tasks: how many, how many completed, their mean progress.
    pub sub_tasks: Option<(u32, u32, f64)>,
    /// The date the view is for.
    pub as_of: Date,
}

fn plan_start<R: GraphRead + ?Sized>(r: &R, key: &str) -> Result<Option<Date>> {
    let plan_key = key.split('/').next().unwrap_or(key);
    Ok(match r.node_by_key(plan_key)?.map(|n| n.data) {
        Some(NodeData::Plan(p)) => p.period_start.and_then(|y| Date::new(y, 1, 1).ok()),
        _ => None,
    })
}

fn state_as_of<R: GraphRead + ?Sized>(
    r: &R,
    key: &str,
    as_of: Option<Date>,
) -> Result<Option<TaskState>> {
    match as_of {
        None => r.task_state(key),
        Some(d) => super::timeline::task_at(r, key, d),
    }
}

/// A task's state, lag and class as of a date (`None`: now, from the materialised state).
///
/// # Errors
/// [`Error::KeyNotFound`] / [`Error::WrongKind`] if `key` is not a task.
///
/// ```
/// use reformgraph::{Store, import::bundled, track::{self, LagClass, LagThresholds}};
/// let store = Store::in_memory()?;
/// bundled::import_shanxi_2013(&store)?;
/// let v = track::task_view(&store.read()?, "shanxi-2013/reform/1", Some("2016-01-01".parse()?), LagThresholds::default())?;
/// assert!(v.overdue && v.class == LagClass::Red);
/// # Ok::<(), reformgraph::Error>(())
/// ```
pub fn task_view<R: GraphRead + ?Sized>(
    r: &R,
    key: &str,
    as_of: Option<Date>,
    thresholds: LagThresholds,
) -> Result<TaskView> {
    let node = r.require(key)?;
    let summary = query::task_summary(r, node.id)?;
    view(r, summary, as_of, thresholds)
}

fn view<R: GraphRead + ?Sized>(
    r: &R,
    task: TaskSummary,
    as_of: Option<Date>,
    thresholds: LagThresholds,
) -> Result<TaskView> {
    let plan_deadline = task.deadline;
    let state = state_as_of(r, &task.key, as_of)?;
    let day = as_of.unwrap_or_else(super::today);
    let (status, progress, deadline, note, last_update, last_actor) = match &state {
        Some(s) => (
            s.status,
            s.progress,
            s.deadline,
            s.note.clone(),
            s.last_update,
            s.last_actor.as_ref().map(|a| a.person.clone()),
        ),
        None => (TaskStatus::NotStarted, 0.0, plan_deadline, None, None, None),
    };
    let start = plan_start(r, &task.key)?;
    let expected = match (start, deadline) {
        (Some(s), Some(d)) if d > s => {
            let span = (d.days_since_epoch() - s.days_since_epoch()) as f64;
            let gone = (day.days_since_epoch() - s.days_since_epoch()) as f64;
            Some((gone / span).clamp(0.0, 1.0) * 100.0)
        }
        _ => None,
    };
    let overdue = !status.is_closed() && deadline.is_some_and(|d| d < day);
    let lag = expected.map(|e| e - progress);
    let class = if status.is_closed() {
        LagClass::Green
    } else if overdue || lag.is_some_and(|l| l > thresholds.red) {
        LagClass::Red
    } else if status == TaskStatus::Delayed || lag.is_some_and(|l| l > thresholds.yellow) {
        LagClass::Yellow
    } else {
        LagClass::Green
    };
    // Annual sub-tasks roll up into their parent.
    let mut sub = (0u32, 0u32, 0.0f64);
    for (_, child) in r.neighbors(task.id, Some(EdgeLabel::Contains), Direction::Outgoing)? {
        if let NodeData::Task(t) = &child.data
            && t.role == crate::model::TaskRole::AnnualAction
        {
            let s = state_as_of(r, child.key.as_str(), as_of)?;
            sub.0 += 1;
            if s.as_ref()
                .is_some_and(|s| s.status == TaskStatus::Completed)
            {
                sub.1 += 1;
            }
            sub.2 += s.map_or(0.0, |s| s.progress);
        }
    }
    let sub_tasks = (sub.0 > 0).then(|| (sub.0, sub.1, sub.2 / f64::from(sub.0)));
    Ok(TaskView {
        task,
        status,
        progress,
        deadline,
        expected_progress: expected,
        lag,
        class,
        overdue,
        note,
        last_update,
        last_actor,
        sub_tasks,
        as_of: day,
    })
}

/// [`task_view`] for every task a filter selects, in document order.
///
/// # Errors
/// As [`query::tasks`].
///
/// ```
/// use reformgraph::{Store, import::bundled, query::TaskFilter, track::{self, LagThresholds}};
/// let store = Store::in_memory()?;
/// bundled::import_shanxi_2013(&store)?;
/// let f = TaskFilter { lead: Some("省环保厅".into()), ..TaskFilter::default() };
/// assert_eq!(track::task_views(&store.read()?, &f, None, LagThresholds::default())?.len(), 12);
/// # Ok::<(), reformgraph::Error>(())
/// ```
pub fn task_views<R: GraphRead + ?Sized>(
    r: &R,
    filter: &TaskFilter,
    as_of: Option<Date>,
    thresholds: LagThresholds,
) -> Result<Vec<TaskView>> {
    query::tasks(r, filter)?
        .into_iter()
        .map(|t| view(r, t, as_of, thresholds))
        .collect()
}

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
    /// Counts over the tasks it leads (any rank).
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
    let mut by_org: BTreeMap<String, DepartmentRollup> = BTreeMap::new();
    for v in &views {
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
    for v in &views {
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

/// How a target stands, in the SDG progress classes of the observed ÷ required growth.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum AttainmentClass {
    /// Ratio ≥ 0.95, or attained.
    OnTrack,
    /// 0.60 ≤ ratio < 0.95.
    Progressing,
    /// 0 ≤ ratio < 0.60.
    Slow,
    /// Ratio < 0: moving away from the target.
    Regressing,
}

/// A target's attainment for one area.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Attainment {
    /// Target key.
    pub target: String,
    /// Indicator key.
    pub indicator: Option<String>,
    /// Area key assessed.
    pub area: Option<String>,
    /// The target, compactly (`≥ 40%`).
    pub summary: String,
    /// The value to reach (for change-against-base targets, base × (1 ∓ change)).
    pub target_value: Option<f64>,
    /// The baseline observation (the base year's for change targets, else the earliest).
    pub baseline: Option<Observation>,
    /// The latest observation.
    pub latest: Option<Observation>,
    /// Whether the latest value meets the target.
    pub attained: Option<bool>,
    /// Remaining distance to the target value, in its unit (0 when attained).
    pub distance: Option<f64>,
    /// How far the latest value trails the straight line from baseline to target at the
    /// deadline, in the indicator's unit (positive = behind).
    pub time_lag: Option<f64>,
    /// Observed ÷ required compound annual growth.
    pub growth_ratio: Option<f64>,
    /// Class of the growth ratio.
    pub class: Option<AttainmentClass>,
    /// The value at the deadline if the baseline → latest trend continues linearly.
    pub projected: Option<f64>,
    /// What could not be assessed and why (a missing baseline is reported, never guessed).
    pub notes: Vec<String>,
}

fn plan_area<R: GraphRead + ?Sized>(r: &R, target_key: &str) -> Result<Option<String>> {
    let plan_key = target_key.split('/').next().unwrap_or(target_key);
    let Some(plan) = r.node_by_key(plan_key)? else {
        return Ok(None);
    };
    Ok(
        r.neighbors(plan.id, Some(EdgeLabel::InArea), Direction::Outgoing)?
            .into_iter()
            .next()
            .map(|(_, n)| n.key.to_string()),
    )
}

fn observations_as_of<R: GraphRead + ?Sized>(
    r: &R,
    indicator: &str,
    area: &str,
    as_of: Option<Date>,
) -> Result<Vec<Observation>> {
    match as_of {
        None => r.observations(indicator, Some(area)),
        Some(d) => {
            let mut events: Vec<Event> = r
                .events_of(indicator)?
                .into_iter()
                .filter(|e| e.effective <= d)
                .collect();
            state::sort(&mut events);
            let mut slots: BTreeMap<(u16, bool), Observation> = BTreeMap::new();
            for e in &events {
                if let crate::model::Change::Observation {
                    area: a,
                    year,
                    reference,
                    ..
                } = &e.change
                    && a == area
                    && let Some(o) = state::observation(indicator, &events, a, *year, *reference)
                {
                    slots.insert((*year, *reference), o);
                }
            }
            Ok(slots.into_values().collect())
        }
    }
}

fn cagr(from: f64, to: f64, years: f64) -> Option<f64> {
    (from > 0.0 && to > 0.0 && years > 0.0).then(|| (to / from).powf(1.0 / years) - 1.0)
}

/// A target's attainment for an area (default: the plan's area) as of a date.
///
/// # Errors
/// [`Error::KeyNotFound`] / [`Error::WrongKind`] if `target` is not a target;
/// [`Error::Invalid`] if observations are in another unit than the target.
///
/// ```
/// use reformgraph::{Store, Unit, import::bundled, track::{self, EventInput}};
/// let store = Store::in_memory()?;
/// bundled::import_shanxi_2013(&store)?;
/// for (year, v) in [(2012, 51.3), (2013, 52.6)] {
///     track::record(&store, EventInput::observation("indicator/城镇化率", "area/山西省", year, v, Unit::Percent, "统计局"))?;
/// }
/// let a = track::attainment(&store.read()?, "shanxi-2013/target/城镇化率", None, None)?;
/// assert_eq!(a.attained, Some(false));
/// assert!(a.projected.is_some());
/// # Ok::<(), reformgraph::Error>(())
/// ```
pub fn attainment<R: GraphRead + ?Sized>(
    r: &R,
    target: &str,
    area: Option<&str>,
    as_of: Option<Date>,
) -> Result<Attainment> {
    let node = r.require(target)?;
    let NodeData::Target(t) = &node.data else {
        return Err(Error::WrongKind {
            key: target.to_owned(),
            expected: NodeKind::Target,
            found: node.kind(),
        });
    };
    let indicator = r
        .neighbors(node.id, Some(EdgeLabel::MeasuredBy), Direction::Outgoing)?
        .into_iter()
        .next()
        .map(|(_, n)| n.key.to_string());
    let area = match area {
        Some(a) => Some(query::resolve(r, NodeKind::Area, a)?.key.to_string()),
        None => plan_area(r, target)?,
    };
    let mut out = Attainment {
        target: target.to_owned(),
        indicator: indicator.clone(),
        area: area.clone(),
        summary: t.summary(),
        target_value: None,
        baseline: None,
        latest: None,
        attained: None,
        distance: None,
        time_lag: None,
        growth_ratio: None,
        class: None,
        projected: None,
        notes: Vec::new(),
    };
    let (Some(indicator), Some(area)) = (indicator, area) else {
        out.notes
            .push("the target has no indicator or the plan no area to assess".into());
        return Ok(out);
    };
    let all = observations_as_of(r, &indicator, &area, as_of)?;
    let (own, refs): (Vec<Observation>, Vec<Observation>) =
        all.into_iter().partition(|o| !o.reference);
    let Some(latest) = own.iter().max_by_key(|o| o.year).cloned() else {
        out.notes
            .push(format!("no observation of {indicator} for {area} yet"));
        return Ok(out);
    };
    let relative = matches!(
        t.comparator,
        Comparator::DecreaseFromBase | Comparator::IncreaseFromBase
    );
    if relative {
        if t.unit != Unit::Percent {
            return Err(Error::invalid(
                "target unit",
                format!(
                    "a change against a base year is a percentage, not {:?}",
                    t.unit
                ),
            ));
        }
    } else if !matches!(
        t.comparator,
        Comparator::AboveReference | Comparator::WithinReference
    ) && t.unit != latest.unit
    {
        return Err(Error::invalid(
            "unit",
            format!(
                "the target is in {:?} but {indicator} is observed in {:?}; they cannot be compared",
                t.unit, latest.unit
            ),
        ));
    }
    let deadline_year = t.deadline.map(Date::year);
    let baseline = match (relative, t.base_year) {
        (true, Some(y)) => match own.iter().find(|o| o.year == y) {
            Some(b) => Some(b.clone()),
            None => {
                out.notes.push(format!(
                    "no {y} baseline observation of {indicator} for {area}: record it to assess this target"
                ));
                None
            }
        },
        (true, None) => {
            out.notes.push("the target has no base year".into());
            None
        }
        (false, _) => own
            .iter()
            .filter(|o| o.year < latest.year)
            .min_by_key(|o| o.year)
            .cloned(),
    };
    let v = t.value;
    let target_value = match t.comparator {
        Comparator::DecreaseFromBase => baseline
            .as_ref()
            .zip(v)
            .map(|(b, v)| b.value * (1.0 - v / 100.0)),
        Comparator::IncreaseFromBase => baseline
            .as_ref()
            .zip(v)
            .map(|(b, v)| b.value * (1.0 + v / 100.0)),
        Comparator::AboveReference | Comparator::WithinReference => refs
            .iter()
            .filter(|o| o.year <= latest.year)
            .max_by_key(|o| o.year)
            .map(|o| o.value),
        _ => v,
    };
    let x = latest.value;
    // Which way is better: up for "at least" targets, down for caps and decreases.
    let upward = !matches!(
        t.comparator,
        Comparator::AtMost | Comparator::DecreaseFromBase | Comparator::WithinReference
    );
    out.attained = match (t.comparator, target_value) {
        (Comparator::Approximately, Some(tv)) => Some((x - tv).abs() <= tv.abs() * 0.05),
        (Comparator::Range, Some(lo)) => Some(x >= lo && t.value_max.is_none_or(|hi| x <= hi)),
        (Comparator::AboveReference, Some(tv)) => Some(x > tv),
        (_, Some(tv)) if upward => Some(x >= tv),
        (_, Some(tv)) => Some(x <= tv),
        (_, None) => {
            if matches!(
                t.comparator,
                Comparator::AboveReference | Comparator::WithinReference
            ) {
                out.notes.push(format!(
                    "record the reference value ({}) as an observation with reference = true",
                    t.reference.as_deref().unwrap_or("the external reference")
                ));
            }
            None
        }
    };
    out.distance = target_value.map(|tv| {
        let gap = if upward { tv - x } else { x - tv };
        gap.max(0.0)
    });
    if let (Some(b), Some(tv), Some(dy)) = (&baseline, target_value, deadline_year) {
        let span = f64::from(dy) - f64::from(b.year);
        let gone = f64::from(latest.year) - f64::from(b.year);
        if span > 0.0 && gone > 0.0 {
            let expected = b.value + (tv - b.value) * (gone / span).min(1.0);
            out.time_lag = Some(if upward { expected - x } else { x - expected });
            out.projected = Some(b.value + (x - b.value) * span / gone);
            let observed = cagr(b.value, x, gone);
            let required = cagr(b.value, tv, span);
            if let (Some(o), Some(q)) = (observed, required)
                && q.abs() > f64::EPSILON
            {
                let ratio = o / q;
                out.growth_ratio = Some(ratio);
                out.class = Some(if ratio >= 0.95 {
                    AttainmentClass::OnTrack
                } else if ratio >= 0.60 {
                    AttainmentClass::Progressing
                } else if ratio >= 0.0 {
                    AttainmentClass::Slow
                } else {
                    AttainmentClass::Regressing
                });
            }
        }
    } else if !relative && baseline.is_none() {
        out.notes
            .push("one observation only: growth needs an earlier year too".into());
    }
    if out.attained == Some(true) {
        out.class = Some(AttainmentClass::OnTrack);
    }
    out.target_value = target_value;
    out.baseline = baseline;
    out.latest = Some(latest);
    Ok(out)
}

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

/// Selections for a year, checked against the plan's rules.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SelectionCheck {
    /// The year.
    pub year: u16,
    /// Per subject: (subject key, rule key, selected option keys).
    pub selections: Vec<(String, String, Vec<String>)>,
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
    let year = as_of.unwrap_or_else(super::today).year();
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
            out.selections.push((subject, rule.key.to_string(), chosen));
        }
    }
    Ok(out)
}

/// The project portfolio by stage.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Funnel {
    /// The portfolio's quota, if the plan sets one.
    pub quota: Option<u32>,
    /// Projects per stage, in lifecycle order, then suspended and cancelled.
    pub stages: Vec<(String, u32)>,
    /// Projects registered (not withdrawn).
    pub total: u32,
    /// Withdrawn projects.
    pub withdrawn: u32,
}

/// Counts the projects of a portfolio (key) by stage, optionally only those entering in
/// `year`, as of a date.
///
/// # Errors
/// [`Error::KeyNotFound`] if there is no such portfolio.
///
/// ```
/// use reformgraph::{Store, import::bundled, track};
/// let store = Store::in_memory()?;
/// bundled::import_shanxi_2013(&store)?;
/// let f = track::project_funnel(&store.read()?, "shanxi-2013/portfolio", None, None)?;
/// assert_eq!((f.quota, f.total), (Some(100), 0));
/// # Ok::<(), reformgraph::Error>(())
/// ```
pub fn project_funnel<R: GraphRead + ?Sized>(
    r: &R,
    portfolio: &str,
    year: Option<u16>,
    as_of: Option<Date>,
) -> Result<Funnel> {
    let node = r.require(portfolio)?;
    let NodeData::Portfolio(p) = &node.data else {
        return Err(Error::WrongKind {
            key: portfolio.to_owned(),
            expected: NodeKind::Portfolio,
            found: node.kind(),
        });
    };
    let mut counts: BTreeMap<ProjectStage, u32> = BTreeMap::new();
    let (mut total, mut withdrawn) = (0, 0);
    let states: Vec<crate::model::ProjectState> = match as_of {
        None => r.project_states()?.into_iter().map(|(_, s)| s).collect(),
        Some(d) => {
            let mut out = Vec::new();
            for rec in r.all::<crate::model::Project>()? {
                if let Some(s) = super::timeline::project_at(r, rec.key.as_str(), d)? {
                    out.push(s);
                }
            }
            out
        }
    };
    for s in states {
        if s.spec.portfolio != portfolio || year.is_some_and(|y| s.spec.year != y) {
            continue;
        }
        if s.withdrawn {
            withdrawn += 1;
            continue;
        }
        total += 1;
        *counts.entry(s.stage).or_default() += 1;
    }
    let stages = ProjectStage::LIFECYCLE
        .into_iter()
        .chain([ProjectStage::Suspended, ProjectStage::Cancelled])
        .map(|st| {
            (
                st.name_zh().to_owned(),
                counts.get(&st).copied().unwrap_or(0),
            )
        })
        .collect();
    Ok(Funnel {
        quota: p.quota,
        stages,
        total,
        withdrawn,
    })
}
