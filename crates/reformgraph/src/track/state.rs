//! Pure derivation of state from events: the same events give the same state, whatever
//! order they arrived in, because they are applied in [`Event::order_key`] order.

pub(crate) use crate::model::state::{apply_project, apply_task, stage_refusal};
use crate::model::{Change, Date, Event, EventId, Observation, ProjectState, TaskState};

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
        Change::AccessGranted { scope } | Change::GrantWithdrawn { scope } => {
            format!("{s}#grant#{scope}")
        }
        Change::LeadsAssigned { .. } => format!("{s}#leads"),
        Change::Observation {
            area,
            year,
            reference,
            ..
        } => format!("{s}#observation#{area}#{year}#{reference}"),
        Change::SubTaskAdded { .. }
        | Change::AccessRefused { .. }
        | Change::KeyCertified { .. }
        | Change::KeyRevoked { .. } => return None,
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

/// The task's state after `events` (sorted), starting from the plan's deadline; `None` if
/// no status or deadline event applies.
pub(crate) fn task(plan_deadline: Option<Date>, events: &[Event]) -> Option<TaskState> {
    let mut state = None;
    for e in events {
        apply_task(&mut state, plan_deadline, e);
    }
    state
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

/// Whether the latest grant event of `history` (sorted) on `scope` grants it.
pub(crate) fn granted(history: &[Event], scope: &str) -> bool {
    history
        .iter()
        .rev()
        .find_map(|e| match &e.change {
            Change::AccessGranted { scope: s } if s == scope => Some(true),
            Change::GrantWithdrawn { scope: s } if s == scope => Some(false),
            _ => None,
        })
        .unwrap_or(false)
}
