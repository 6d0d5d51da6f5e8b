//! Pure state transitions: how one event changes a task's or project's derived state.
//! They live in the model (no storage) so that the store can rebuild its timeline when it
//! upgrades a file, and `track` applies the very same rules when events are recorded.

use super::{
    Change, Checkpoint, Date, Event, EventId, ProjectStage, ProjectState, TaskState, TaskStatus,
};

/// Applies one event to a task's state (events that are not about a task's status or
/// deadline leave it alone).
pub(crate) fn apply_task(state: &mut Option<TaskState>, plan_deadline: Option<Date>, e: &Event) {
    if !matches!(
        e.change,
        Change::TaskStatus { .. } | Change::TaskDeadline { .. }
    ) {
        return;
    }
    let s = state.get_or_insert(TaskState {
        status: TaskStatus::NotStarted,
        progress: 0.0,
        deadline: plan_deadline,
        note: None,
        last_event: None,
        last_update: None,
        last_actor: None,
    });
    match &e.change {
        Change::TaskStatus {
            status,
            progress,
            note,
        } => {
            s.status = *status;
            if let Some(p) = progress {
                s.progress = *p;
            } else if *status == TaskStatus::Completed {
                s.progress = 100.0;
            }
            if note.is_some() {
                s.note.clone_from(note);
            }
        }
        Change::TaskDeadline { deadline } => s.deadline = Some(*deadline),
        _ => {}
    }
    s.last_event = Some(e.id);
    s.last_update = Some(e.effective);
    s.last_actor = Some(e.actor.clone());
}

/// Why a stage change is not allowed, or `None` if it is.
pub(crate) fn stage_refusal(
    from: ProjectStage,
    resume: Option<ProjectStage>,
    to: ProjectStage,
) -> Option<String> {
    use ProjectStage::*;
    let rank = |s: ProjectStage| ProjectStage::LIFECYCLE.iter().position(|x| *x == s);
    if from == to {
        return Some(format!("the project is already at {}", to.name_zh()));
    }
    match (from, to) {
        (InOperation | Cancelled, _) => {
            Some(format!("{} is final: no stage follows it", from.name_zh()))
        }
        (_, Cancelled) => None,
        (Suspended, to) => match (rank(to), resume.and_then(rank)) {
            (Some(t), Some(r)) if t >= r => None,
            (Some(_), Some(_)) => Some(format!(
                "a suspended project resumes at {} or later, not at an earlier stage",
                resume.map_or("", ProjectStage::name_zh)
            )),
            _ => Some("a suspended project resumes at a lifecycle stage".into()),
        },
        (_, Suspended) => None,
        (from, to) => match (rank(from), rank(to)) {
            (Some(f), Some(t)) if t > f => None,
            _ => Some(format!(
                "{}→{} goes backwards; the lifecycle is 储备→签约→落地→开工→建设→投产",
                from.name_zh(),
                to.name_zh()
            )),
        },
    }
}

/// Applies one event to a project's state; returns why it was refused, if it was.
pub(crate) fn apply_project(state: &mut Option<ProjectState>, e: &Event) -> Option<String> {
    match (&e.change, state.as_mut()) {
        (Change::ProjectRegistered(spec), None) => {
            *state = Some(ProjectState {
                spec: spec.clone(),
                stage: ProjectStage::Reserve,
                resume_stage: None,
                withdrawn: false,
                last_event: Some(e.id),
                last_update: Some(e.effective),
            });
            None
        }
        (Change::ProjectRegistered(spec) | Change::ProjectAdjusted(spec), Some(s)) => {
            s.spec = spec.clone();
            s.last_event = Some(e.id);
            s.last_update = Some(e.effective);
            None
        }
        (Change::ProjectWithdrawn, Some(s)) => {
            s.withdrawn = true;
            s.last_event = Some(e.id);
            s.last_update = Some(e.effective);
            None
        }
        (Change::ProjectStage { stage }, Some(s)) => {
            let why = stage_refusal(s.stage, s.resume_stage, *stage);
            if why.is_none() {
                if *stage == ProjectStage::Suspended {
                    s.resume_stage = Some(s.stage);
                } else if s.stage == ProjectStage::Suspended {
                    s.resume_stage = None;
                }
                s.stage = *stage;
                s.last_event = Some(e.id);
                s.last_update = Some(e.effective);
            }
            why
        }
        (
            Change::ProjectAdjusted(_) | Change::ProjectWithdrawn | Change::ProjectStage { .. },
            None,
        ) => Some("the project is not registered yet".into()),
        _ => None,
    }
}

/// Which state an event changes, if it is one the timeline keeps.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Tracked {
    /// A task's status or deadline.
    Task,
    /// A project's registration, spec or stage.
    Project,
}

/// Whether the timeline keeps `e`.
pub(crate) fn tracked(e: &Event) -> Option<Tracked> {
    match e.change {
        Change::TaskStatus { .. } | Change::TaskDeadline { .. } => Some(Tracked::Task),
        Change::ProjectRegistered(_)
        | Change::ProjectAdjusted(_)
        | Change::ProjectWithdrawn
        | Change::ProjectStage { .. } => Some(Tracked::Project),
        _ => None,
    }
}

/// A project event refused where it falls in the order: the event and why.
pub(crate) type Refusal = (EventId, String);

/// The state after applying `e` to `before`, and the refusal if `e` is a project event
/// refused at that point; `None` if `e` is not an event the timeline keeps.
pub(crate) fn step(
    before: Option<Checkpoint>,
    plan_deadline: Option<Date>,
    e: &Event,
) -> Option<(Checkpoint, Option<Refusal>)> {
    Some(match tracked(e)? {
        Tracked::Task => {
            let mut s = match before {
                Some(Checkpoint::Task(s)) => Some(s),
                _ => None,
            };
            apply_task(&mut s, plan_deadline, e);
            match s {
                Some(s) => (Checkpoint::Task(s), None),
                // apply_task always creates a state for a task event; keep the type total.
                None => (Checkpoint::Project(None), None),
            }
        }
        Tracked::Project => {
            let mut s = match before {
                Some(Checkpoint::Project(s)) => s,
                _ => None,
            };
            let refused = apply_project(&mut s, e).map(|why| (e.id, why));
            (Checkpoint::Project(s), refused)
        }
    })
}

/// The checkpoint after each event of a history (sorted in application order) that the
/// timeline keeps, with the refusals on the way.
pub(crate) fn replay(
    plan_deadline: Option<Date>,
    history: &[Event],
) -> (Vec<(&Event, Checkpoint)>, Vec<Refusal>) {
    let mut out: Vec<(&Event, Checkpoint)> = Vec::new();
    let mut refused = Vec::new();
    for e in history {
        let before = out.last().map(|(_, c)| c.clone());
        if let Some((next, why)) = step(before, plan_deadline, e) {
            refused.extend(why);
            out.push((e, next));
        }
    }
    (out, refused)
}
