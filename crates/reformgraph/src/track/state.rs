//! Pure derivation of state from events: the same events give the same state, whatever
//! order they arrived in, because they are applied in [`Event::order_key`] order.

use crate::model::{
    Change, Date, Event, EventId, Observation, ProjectStage, ProjectState, TaskState, TaskStatus,
};

/// What an event changes: events on the same slot compete, the last by order key wins.
pub(crate) fn slot(event: &Event) -> Option<String> {
    let s = &event.subject;
    Some(match &event.change {
        Change::TaskStatus { .. } => format!("{s}#status"),
        Change::TaskDeadline { .. } => format!("{s}#deadline"),
        Change::ProjectStage { .. } => format!("{s}#stage"),
        Change::ProjectRegistered(_) | Change::ProjectAdjusted(_) | Change::ProjectWithdrawn => {
            format!("{s}#spec")
        }
        Change::Selection { option, year, .. } => format!("{s}#selection#{option}#{year}"),
        Change::Observation {
            area,
            year,
            reference,
            ..
        } => format!("{s}#observation#{area}#{year}#{reference}"),
        Change::SubTaskAdded { .. } | Change::AccessRefused { .. } => return None,
    })
}

/// The slot that records the latest event of a whole subject: an event later than it can be
/// applied to the materialised state without replaying the history.
pub(crate) fn subject_slot(subject: &str) -> String {
    format!("{subject}#*")
}

/// Sorts events into application order.
pub(crate) fn sort(events: &mut [Event]) {
    events.sort_by_key(Event::order_key);
}

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

/// The task's state after `events` (sorted), starting from the plan's deadline; `None` if
/// no status or deadline event applies.
pub(crate) fn task(plan_deadline: Option<Date>, events: &[Event]) -> Option<TaskState> {
    let mut state = None;
    for e in events {
        apply_task(&mut state, plan_deadline, e);
    }
    state
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

/// A project's state after `events` (sorted), and the events refused in this order (an
/// event valid where it was recorded can be invalid once merged).
pub(crate) fn project(events: &[Event]) -> (Option<ProjectState>, Vec<(EventId, String)>) {
    let mut state = None;
    let mut refused = Vec::new();
    for e in events {
        if let Some(why) = apply_project(&mut state, e) {
            refused.push((e.id, why));
        }
    }
    (state, refused)
}

/// Whether the last selection event for `(option, year)` among `events` (sorted) selects.
pub(crate) fn selected(events: &[Event], option: &str, year: u16) -> bool {
    events
        .iter()
        .filter_map(|e| match &e.change {
            Change::Selection {
                option: o,
                year: y,
                selected,
            } if o == option && *y == year => Some(*selected),
            _ => None,
        })
        .next_back()
        .unwrap_or(false)
}

/// The winning observation for a slot among `events` (sorted).
pub(crate) fn observation(
    indicator: &str,
    events: &[Event],
    area: &str,
    year: u16,
    reference: bool,
) -> Option<Observation> {
    events.iter().rev().find_map(|e| match &e.change {
        Change::Observation {
            area: a,
            year: y,
            value,
            unit,
            source,
            reference: r,
        } if a == area && *y == year && *r == reference => Some(Observation {
            indicator: indicator.to_owned(),
            area: a.clone(),
            year: *y,
            value: *value,
            unit: unit.clone(),
            source: source.clone(),
            reference: *r,
            event: e.id,
            effective: e.effective,
        }),
        _ => None,
    })
}
