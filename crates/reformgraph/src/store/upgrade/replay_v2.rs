//! Schema 2's timeline rules, frozen for the upgrade 1 → 2: how each event changes a task's
//! or project's state, over the frozen records. They are what `model::state` said when
//! schema 2 was made; the upgrade keeps them so that a schema-1 file gets a schema-2
//! timeline whatever tracking becomes (a later change of the rules is a later step, which
//! rebuilds the timeline by its own rules).

use super::super::records::common::DateV1;
use super::super::records::event_v1::{ChangeV1, EventV1, ProjectStageV1, TaskStatusV1};
use super::super::records::state_v1::{CheckpointV1, ProjectStateV1, TaskStateV1};

/// The lifecycle stages in order (a suspended or cancelled project is outside it).
const LIFECYCLE: [ProjectStageV1; 6] = [
    ProjectStageV1::Reserve,
    ProjectStageV1::Signed,
    ProjectStageV1::Landed,
    ProjectStageV1::Started,
    ProjectStageV1::UnderConstruction,
    ProjectStageV1::InOperation,
];

/// Whether the timeline keeps `e`: a task's status or deadline, a project's registration,
/// spec, withdrawal or stage.
pub(super) fn tracked(e: &EventV1) -> bool {
    is_task_event(e) || is_project_event(e)
}

fn is_task_event(e: &EventV1) -> bool {
    matches!(
        e.change,
        ChangeV1::TaskStatus { .. } | ChangeV1::TaskDeadline { .. }
    )
}

fn is_project_event(e: &EventV1) -> bool {
    matches!(
        e.change,
        ChangeV1::ProjectRegistered(_)
            | ChangeV1::ProjectAdjusted(_)
            | ChangeV1::ProjectWithdrawn
            | ChangeV1::ProjectStage { .. }
    )
}

/// The checkpoint after each event of a history (sorted in application order) that the
/// timeline keeps. A task's first state starts from `plan_deadline`.
pub(super) fn replay(
    plan_deadline: Option<DateV1>,
    history: &[EventV1],
) -> Vec<(&EventV1, CheckpointV1)> {
    let mut out: Vec<(&EventV1, CheckpointV1)> = Vec::new();
    for e in history {
        let before = out.last().map(|(_, c)| c);
        let next = if is_task_event(e) {
            let state = match before {
                Some(CheckpointV1::Task(s)) => Some(s.clone()),
                _ => None,
            };
            CheckpointV1::Task(apply_task(state, plan_deadline, e))
        } else if is_project_event(e) {
            let mut state = match before {
                Some(CheckpointV1::Project(s)) => s.clone(),
                _ => None,
            };
            apply_project(&mut state, e);
            CheckpointV1::Project(state)
        } else {
            continue;
        };
        out.push((e, next));
    }
    out
}

/// A task's state after a status or deadline event.
fn apply_task(
    state: Option<TaskStateV1>,
    plan_deadline: Option<DateV1>,
    e: &EventV1,
) -> TaskStateV1 {
    let mut s = state.unwrap_or(TaskStateV1 {
        status: TaskStatusV1::NotStarted,
        progress: 0.0,
        deadline: plan_deadline,
        note: None,
        last_event: None,
        last_update: None,
        last_actor: None,
    });
    match &e.change {
        ChangeV1::TaskStatus {
            status,
            progress,
            note,
        } => {
            s.status = *status;
            if let Some(p) = progress {
                s.progress = *p;
            } else if *status == TaskStatusV1::Completed {
                s.progress = 100.0;
            }
            if note.is_some() {
                s.note.clone_from(note);
            }
        }
        ChangeV1::TaskDeadline { deadline } => s.deadline = Some(*deadline),
        _ => {}
    }
    s.last_event = Some(e.id);
    s.last_update = Some(e.effective);
    s.last_actor = Some(e.actor.clone());
    s
}

/// A project's state after one of its events; a refused event (a stage change the
/// lifecycle does not allow, a change before the registration) leaves it as it was.
fn apply_project(state: &mut Option<ProjectStateV1>, e: &EventV1) {
    let applied = match (&e.change, state.as_mut()) {
        (ChangeV1::ProjectRegistered(spec), None) => {
            *state = Some(ProjectStateV1 {
                spec: spec.clone(),
                stage: ProjectStageV1::Reserve,
                resume_stage: None,
                withdrawn: false,
                last_event: None,
                last_update: None,
            });
            state.as_mut()
        }
        (ChangeV1::ProjectRegistered(spec) | ChangeV1::ProjectAdjusted(spec), Some(s)) => {
            s.spec = spec.clone();
            Some(s)
        }
        (ChangeV1::ProjectWithdrawn, Some(s)) => {
            s.withdrawn = true;
            Some(s)
        }
        (ChangeV1::ProjectStage { stage }, Some(s))
            if stage_allowed(s.stage, s.resume_stage, *stage) =>
        {
            if *stage == ProjectStageV1::Suspended {
                s.resume_stage = Some(s.stage);
            } else if s.stage == ProjectStageV1::Suspended {
                s.resume_stage = None;
            }
            s.stage = *stage;
            Some(s)
        }
        _ => None,
    };
    if let Some(s) = applied {
        s.last_event = Some(e.id);
        s.last_update = Some(e.effective);
    }
}

/// Whether a project at `from` (resuming to `resume` if suspended) may move to `to`:
/// forwards along the lifecycle, to a suspension or a cancellation from any stage that is
/// not final, and from a suspension back to the stage it left or a later one.
fn stage_allowed(from: ProjectStageV1, resume: Option<ProjectStageV1>, to: ProjectStageV1) -> bool {
    use ProjectStageV1::{Cancelled, InOperation, Suspended};
    let rank = |s: ProjectStageV1| LIFECYCLE.iter().position(|x| *x == s);
    if from == to {
        return false;
    }
    match (from, to) {
        (InOperation | Cancelled, _) => false,
        (_, Cancelled) => true,
        (Suspended, to) => {
            matches!((rank(to), resume.and_then(rank)), (Some(t), Some(r)) if t >= r)
        }
        (_, Suspended) => true,
        (from, to) => matches!((rank(from), rank(to)), (Some(f), Some(t)) if t > f),
    }
}

#[cfg(test)]
mod tests;
