//! What a 台账 (task ledger) holds, row by row, before it is laid out as a workbook: the
//! tasks an office keeps (principles and safeguards apart), their leads and co-operating
//! units, their state as of a date, the targets and projects of the same scope.

use std::collections::{BTreeMap, BTreeSet};

use crate::error::Result;
use crate::model::{Date, Direction, EdgeLabel, Evidence, NodeKind, ProjectState, TaskRole};
use crate::query::{self, TargetSummary, TaskFilter, TaskSummary};
use crate::store::GraphRead;
use crate::track::{self, Attainment, LagThresholds, TaskView};

/// What goes into a ledger.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct LedgerOptions {
    /// Only what this organisation is responsible for (key, name or alias), the way each
    /// department keeps its own ledger: the tasks it leads, their targets, the projects it
    /// is responsible for.
    pub organization: Option<String>,
    /// Only this plan's tasks (its key).
    pub plan: Option<String>,
    /// The state as of this date (default: today).
    pub as_of: Option<Date>,
    /// Lag thresholds for 红黄绿.
    pub thresholds: LagThresholds,
}

/// A ledger's contents.
#[derive(Debug, Clone, PartialEq)]
pub struct Ledger {
    /// The title: the plan's, when the ledger covers one plan.
    pub title: String,
    /// The date the ledger is for (截至).
    pub as_of: Date,
    /// The organisation's name, for a department's own ledger (填报单位).
    pub organization: Option<String>,
    /// The tasks, in document order, each annual sub-task right after its task.
    pub tasks: Vec<LedgerRow>,
    /// Principles (基本原则) and safeguard measures (保障措施): kept apart, since nobody
    /// reports progress on them.
    pub principles_and_safeguards: Vec<TaskSummary>,
    /// Targets with their attainment as of the date.
    pub targets: Vec<(TargetSummary, Attainment)>,
    /// Projects with their state as of the date, by key.
    pub projects: Vec<LedgerProject>,
}

/// One task's row.
#[derive(Debug, Clone, PartialEq)]
pub struct LedgerRow {
    /// 序号: the row's running number, from 1.
    pub serial: u32,
    /// The task's state as of the date.
    pub view: TaskView,
    /// 配合单位: the co-operating organisations' names.
    pub cooperating: Vec<String>,
    /// The evidence of the latest update (依据).
    pub evidence: Option<Evidence>,
    /// Days past the deadline, for an overdue task.
    pub days_overdue: Option<i64>,
}

impl LedgerRow {
    /// 牵头单位: the lead organisations' names in rank order, joined by 、.
    pub fn leads(&self) -> String {
        let names: Vec<&str> = self
            .view
            .task
            .leads
            .iter()
            .map(|l| l.name.as_str())
            .collect();
        names.join("、")
    }

    /// 进展情况: the latest note and the evidence it rests on.
    pub fn progress_report(&self) -> String {
        let mut out = self.view.note.clone().unwrap_or_default();
        if let Some(e) = &self.evidence {
            let parts: Vec<&str> = [&e.document_number, &e.link, &e.note]
                .into_iter()
                .flatten()
                .map(String::as_str)
                .collect();
            if !parts.is_empty() {
                out.push_str(&format!("（依据：{}）", parts.join("；")));
            }
        }
        out
    }
}

/// A project's row.
#[derive(Debug, Clone, PartialEq)]
pub struct LedgerProject {
    /// Natural key.
    pub key: String,
    /// The portfolio's title.
    pub portfolio: String,
    /// The area's name.
    pub area: Option<String>,
    /// The responsible organisation's name.
    pub responsible: Option<String>,
    /// State as of the date.
    pub state: ProjectState,
}

fn label<R: GraphRead + ?Sized>(r: &R, key: &str) -> Result<Option<String>> {
    Ok(r.node_by_key(key)?.map(|n| n.data.label().to_owned()))
}

/// Gathers a ledger.
///
/// # Errors
/// [`crate::Error::KeyNotFound`] / [`crate::Error::NameNotFound`] for an unknown
/// organisation or plan; storage errors.
///
/// ```
/// use reformgraph::{Store, export::{self, LedgerOptions}, import::bundled};
/// let store = Store::in_memory()?;
/// bundled::import_shanxi_2013(&store)?;
/// let opts = LedgerOptions { organization: Some("省环保厅".into()), ..LedgerOptions::default() };
/// let ledger = export::ledger(&store.read()?, &opts)?;
/// assert_eq!(ledger.tasks.len(), 12);
/// assert_eq!(ledger.tasks[0].serial, 1);
/// # Ok::<(), reformgraph::Error>(())
/// ```
pub fn ledger<R: GraphRead + ?Sized>(r: &R, options: &LedgerOptions) -> Result<Ledger> {
    let day = options.as_of.unwrap_or_else(track::today);
    let org = match &options.organization {
        Some(o) => Some(query::resolve(r, NodeKind::Organization, o)?),
        None => None,
    };
    let plan = match &options.plan {
        Some(p) => Some(query::resolve(r, NodeKind::Plan, p)?.key.to_string()),
        None => None,
    };
    let filter = TaskFilter {
        lead: org.as_ref().map(|o| o.key.to_string()),
        plan: plan.clone(),
        ..TaskFilter::default()
    };
    let views = track::task_views(r, &filter, Some(day), options.thresholds)?;
    let (kept, apart): (Vec<TaskView>, Vec<TaskView>) = views.into_iter().partition(|v| {
        !matches!(
            v.task.role,
            TaskRole::Principle | TaskRole::SafeguardMeasure
        )
    });
    let mut tasks = Vec::with_capacity(kept.len());
    for view in sub_tasks_after_parents(kept) {
        let cooperating = r
            .neighbors(
                view.task.id,
                Some(EdgeLabel::Cooperates),
                Direction::Incoming,
            )?
            .into_iter()
            .map(|(_, n)| n.data.label().to_owned())
            .collect();
        let evidence = match view.last_event {
            Some(id) => r.event(id)?.and_then(|e| e.evidence),
            None => None,
        };
        let days_overdue = view
            .deadline
            .filter(|_| view.overdue)
            .map(|d| day.days_since_epoch() - d.days_since_epoch());
        tasks.push(LedgerRow {
            serial: u32::try_from(tasks.len() + 1).unwrap_or(u32::MAX),
            view,
            cooperating,
            evidence,
            days_overdue,
        });
    }
    let plans: BTreeSet<&str> = tasks
        .iter()
        .map(|t| t.view.task.key.split('/').next().unwrap_or_default())
        .collect();
    let title = match (&plan, plans.len()) {
        (Some(p), _) => label(r, p)?,
        (None, 1) => match plans.first() {
            Some(p) => label(r, p)?,
            None => None,
        },
        _ => None,
    }
    .unwrap_or_default();

    let targets = match &org {
        None => query::all_targets(r)?
            .into_iter()
            .filter(|t| plan.as_ref().is_none_or(|p| in_plan(&t.key, p)))
            .collect(),
        // A department's ledger: the targets of the tasks it leads.
        Some(_) => {
            let mut seen = BTreeSet::new();
            let mut out = Vec::new();
            for row in &tasks {
                for t in query::targets_of(r, &row.view.task.key)? {
                    if seen.insert(t.key.clone()) {
                        out.push(t);
                    }
                }
            }
            out
        }
    };
    let targets = targets
        .into_iter()
        .map(|t| {
            let a = track::attainment(r, &t.key, None, Some(day))?;
            Ok((t, a))
        })
        .collect::<Result<Vec<_>>>()?;

    let mut projects = Vec::new();
    for (key, state) in track::project_states_on(r, day)? {
        if r.node_by_key(&key)?.is_none()
            || org
                .as_ref()
                .is_some_and(|o| state.spec.responsible.as_deref() != Some(o.key.as_str()))
            || plan.as_ref().is_some_and(|p| !in_plan(&key, p))
        {
            continue;
        }
        projects.push(LedgerProject {
            portfolio: label(r, &state.spec.portfolio)?
                .unwrap_or_else(|| state.spec.portfolio.clone()),
            area: match &state.spec.area {
                Some(a) => label(r, a)?,
                None => None,
            },
            responsible: match &state.spec.responsible {
                Some(o) => label(r, o)?,
                None => None,
            },
            key,
            state,
        });
    }
    Ok(Ledger {
        title,
        as_of: day,
        organization: org.map(|o| o.data.label().to_owned()),
        tasks,
        principles_and_safeguards: apart.into_iter().map(|v| v.task).collect(),
        targets,
        projects,
    })
}

fn in_plan(key: &str, plan: &str) -> bool {
    key.strip_prefix(plan)
        .is_some_and(|rest| rest.starts_with('/'))
}

/// Document order puts annual sub-tasks (年度任务) after every other task; a ledger lists
/// each right under its task (its key is `TASK/annual/YEAR/EVENT`), in year order.
fn sub_tasks_after_parents(views: Vec<TaskView>) -> Vec<TaskView> {
    let mut subs: BTreeMap<String, Vec<TaskView>> = BTreeMap::new();
    let mut tops = Vec::with_capacity(views.len());
    for v in views {
        match v.task.key.split_once("/annual/") {
            Some((parent, _)) if v.task.role == TaskRole::AnnualAction => {
                subs.entry(parent.to_owned()).or_default().push(v);
            }
            _ => tops.push(v),
        }
    }
    let mut out = Vec::with_capacity(tops.len() + subs.len());
    for top in tops {
        let mine = subs.remove(&top.task.key);
        out.push(top);
        if let Some(mut group) = mine {
            group.sort_by(|a, b| a.task.number.cmp(&b.task.number));
            out.extend(group);
        }
    }
    // Sub-tasks whose task the filter left out (another organisation leads it).
    out.extend(subs.into_values().flatten());
    out
}
