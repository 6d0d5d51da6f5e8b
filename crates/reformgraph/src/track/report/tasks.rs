//! Task views: status, deadline and time-proportional lag (序时进度), now or as of a date.

use serde::Serialize;

use crate::error::{Error, Result};
use crate::model::{Date, Direction, EdgeLabel, NodeData, TaskState, TaskStatus};
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

impl LagThresholds {
    /// The thresholds given, each defaulting to [`LagThresholds::default`]'s (10 and 25
    /// points): what every front-end passes on from its optional `yellow` and `red`.
    ///
    /// # Errors
    /// [`Error::Invalid`] unless both are finite, not negative, and yellow ≤ red.
    ///
    /// ```
    /// use reformgraph::track::LagThresholds;
    /// assert_eq!(LagThresholds::given(None, Some(30.0))?, LagThresholds { yellow: 10.0, red: 30.0 });
    /// assert!(LagThresholds::given(Some(40.0), None).is_err(), "yellow above the default red");
    /// # Ok::<(), reformgraph::Error>(())
    /// ```
    pub fn given(yellow: Option<f64>, red: Option<f64>) -> Result<Self> {
        let d = Self::default();
        let t = Self {
            yellow: yellow.unwrap_or(d.yellow),
            red: red.unwrap_or(d.red),
        };
        let fine = |v: f64| v.is_finite() && v >= 0.0;
        if !(fine(t.yellow) && fine(t.red) && t.yellow <= t.red) {
            return Err(Error::invalid(
                "lag thresholds",
                format!(
                    "yellow {} and red {} must be finite percentage points, not negative, with yellow ≤ red",
                    t.yellow, t.red
                ),
            ));
        }
        Ok(t)
    }
}

/// Whether a view counts as a task of its own in the roll-ups and the assessment: an annual
/// sub-task (年度任务) counts with its parent, whose view rolls it up, so "tasks led" means
/// the same number in every report (the workload, the departments, the assessment).
pub(crate) fn counts_as_task(v: &TaskView) -> bool {
    v.task.role != crate::model::TaskRole::AnnualAction
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

impl LagClass {
    /// The name in JSON and the bindings: `green`, `yellow` or `red`.
    pub fn name(self) -> &'static str {
        match self {
            Self::Green => "green",
            Self::Yellow => "yellow",
            Self::Red => "red",
        }
    }

    /// The Chinese name a 台账 prints in its 红黄绿 column: 绿, 黄 or 红.
    pub fn name_zh(self) -> &'static str {
        match self {
            Self::Green => "绿",
            Self::Yellow => "黄",
            Self::Red => "红",
        }
    }
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
    /// The event of that update (its evidence is the update's).
    pub last_event: Option<crate::model::EventId>,
    /// Its annual sub-tasks rolled up, if it has any.
    pub sub_tasks: Option<SubTaskRollup>,
    /// The effective date of the task's latest change when it is after the view's date: a
    /// change recorded ahead, pending (not counted in this view).
    pub pending: Option<Date>,
    /// The date the view is for.
    pub as_of: Date,
}

/// A task's annual sub-tasks (年度任务), rolled up.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct SubTaskRollup {
    /// How many sub-tasks.
    pub count: u32,
    /// How many of them are completed.
    pub completed: u32,
    /// Their mean progress, %.
    pub mean_progress: f64,
}

fn plan_start<R: GraphRead + ?Sized>(r: &R, key: &str) -> Result<Option<Date>> {
    let plan_key = key.split('/').next().unwrap_or(key);
    Ok(match r.node_by_key(plan_key)?.map(|n| n.data) {
        Some(NodeData::Plan(p)) => p.period_start.and_then(|y| Date::new(y, 1, 1).ok()),
        _ => None,
    })
}

/// A task's state on `day`, and the effective date of its latest change if that is later
/// (a change recorded ahead: pending, not counted yet). "Now" is today, so a report without
/// a date and one as of today agree.
fn state_on<R: GraphRead + ?Sized>(
    r: &R,
    key: &str,
    day: Date,
) -> Result<(Option<TaskState>, Option<Date>)> {
    match r.task_state(key)? {
        Some(latest) if latest.last_update.is_some_and(|d| d > day) => Ok((
            super::super::timeline::task_at(r, key, day)?,
            latest.last_update,
        )),
        latest => Ok((latest, None)),
    }
}

/// A task's state, lag and class as of a date (`None`: today).
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
    let day = as_of.unwrap_or_else(super::super::today);
    let (state, pending) = state_on(r, &task.key, day)?;
    let (status, progress, deadline, note, last_update, last_actor, last_event) = match &state {
        Some(s) => (
            s.status,
            s.progress,
            s.deadline,
            s.note.clone(),
            s.last_update,
            s.last_actor.as_ref().map(|a| a.person.clone()),
            s.last_event,
        ),
        None => (
            TaskStatus::NotStarted,
            0.0,
            plan_deadline,
            None,
            None,
            None,
            None,
        ),
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
            let (s, _) = state_on(r, child.key.as_str(), day)?;
            sub.0 += 1;
            if s.as_ref()
                .is_some_and(|s| s.status == TaskStatus::Completed)
            {
                sub.1 += 1;
            }
            sub.2 += s.map_or(0.0, |s| s.progress);
        }
    }
    let sub_tasks = (sub.0 > 0).then(|| SubTaskRollup {
        count: sub.0,
        completed: sub.1,
        mean_progress: sub.2 / f64::from(sub.0),
    });
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
        last_event,
        sub_tasks,
        pending,
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
