//! Keeps the timeline of checkpoints (see `store::timeline`) for task and project events,
//! and reads states as of a date from it.
//!
//! An event recorded in order (the common case) costs one checkpoint write. A back-dated
//! event replays only the events after it, each from the checkpoint before, never the
//! whole history; an as-of read decodes the one checkpoint in force at the date.

use crate::error::{Error, Result};
use crate::model::NodeData;
use crate::model::state::{Refusal, Tracked, replay, step, tracked};
use crate::model::{Checkpoint, Date, Event, ProjectState, TaskState};
use crate::store::GraphRead;
use crate::store::WriteTx;
use crate::store::timeline::{TimelineRead, position};

/// The outcome of a timeline change: the subject's latest state and the project events
/// refused on the way (an event valid where it was recorded can be invalid once merged).
pub(crate) struct Outcome {
    pub(crate) latest: Checkpoint,
    pub(crate) refused: Vec<Refusal>,
}

/// Puts `e` (already appended to the history) into its subject's timeline and replays the
/// events after it, if any. Returns `None` if the timeline does not keep `e`.
pub(crate) fn insert(tx: &mut WriteTx<'_>, e: &Event) -> Result<Option<Outcome>> {
    let Some(kind) = tracked(e) else {
        return Ok(None);
    };
    let deadline = match kind {
        Tracked::Task => plan_deadline(tx, &e.subject)?,
        Tracked::Project => None,
    };
    let at = position(e);
    let before = tx.checkpoint_before(&e.subject, at)?;
    let Some((mut current, refused)) = step(before, deadline, e) else {
        return Ok(None);
    };
    let mut all_refused: Vec<Refusal> = refused.into_iter().collect();
    tx.put_checkpoint(e, &current)?;
    for id in tx.timeline_after(&e.subject, at)? {
        let later = tx.event(id)?.ok_or_else(|| Error::Corrupt {
            table: "timeline",
            key: format!("({}, {id})", e.subject),
            reason: "points at a missing event".into(),
        })?;
        let Some((next, refused)) = step(Some(current.clone()), deadline, &later) else {
            continue;
        };
        all_refused.extend(refused);
        tx.put_checkpoint(&later, &next)?;
        current = next;
    }
    Ok(Some(Outcome {
        latest: current,
        refused: all_refused,
    }))
}

/// The plan's deadline of a task: the state of a task's first event starts from it.
fn plan_deadline<R: GraphRead + ?Sized>(r: &R, task: &str) -> Result<Option<Date>> {
    Ok(match r.node_by_key(task)?.map(|n| n.data) {
        Some(NodeData::Task(t)) => t.deadline,
        _ => None,
    })
}

/// Rewrites a subject's timeline from its whole history (sorted in application order),
/// starting a task from its plan deadline. Returns `None` if no event of the history is one
/// the timeline keeps.
pub(crate) fn rebuild(
    tx: &mut WriteTx<'_>,
    subject: &str,
    history: &[Event],
) -> Result<Option<Outcome>> {
    let (checkpoints, refused) = replay(plan_deadline(tx, subject)?, history);
    tx.clear_timeline(subject)?;
    for (e, c) in &checkpoints {
        tx.put_checkpoint(e, c)?;
    }
    Ok(checkpoints
        .into_iter()
        .next_back()
        .map(|(_, latest)| Outcome { latest, refused }))
}

/// Replays the tracked tasks whose plan deadline this transaction moved (a re-import):
/// the state of a task's first event starts from that deadline, so its timeline and
/// materialised state are rebuilt from its history. Tasks without status or deadline
/// events need nothing. [`import::load`](crate::import::load) calls it; a program that
/// writes plan nodes itself calls it before its transaction commits (commit refuses a
/// tracked task whose moved deadline was not replayed).
///
/// # Errors
/// Storage or decoding errors.
pub fn replay_moved_deadlines(tx: &mut WriteTx<'_>) -> Result<()> {
    for task in tx.take_moved_deadlines() {
        let mut events = tx.events_of(&task)?;
        events.sort_by_key(Event::order_key);
        if let Some(Outcome {
            latest: Checkpoint::Task(latest),
            ..
        }) = rebuild(tx, &task, &events)?
        {
            tx.put_task_state(&task, Some(&latest))?;
        }
    }
    Ok(())
}

/// A task's state at the end of `date`, from its timeline.
pub(crate) fn task_at<R: GraphRead + ?Sized>(
    r: &R,
    task: &str,
    date: Date,
) -> Result<Option<TaskState>> {
    Ok(match r.checkpoint_at(task, date)? {
        Some(Checkpoint::Task(s)) => Some(s),
        _ => None,
    })
}

/// A project's state at the end of `date`, from its timeline.
pub(crate) fn project_at<R: GraphRead + ?Sized>(
    r: &R,
    project: &str,
    date: Date,
) -> Result<Option<ProjectState>> {
    Ok(match r.checkpoint_at(project, date)? {
        Some(Checkpoint::Project(s)) => s,
        _ => None,
    })
}

/// Checks every stored timeline against a replay of its subject's history (`events` maps
/// each subject to its events in application order); used by `verify_state`.
pub(crate) fn check<R: GraphRead + ?Sized>(
    r: &R,
    events: &std::collections::BTreeMap<String, Vec<Event>>,
    push: &mut dyn FnMut(&'static str, String, String),
) -> Result<()> {
    use std::collections::BTreeMap;
    type Stored = BTreeMap<String, Vec<(crate::store::timeline::Position, Checkpoint)>>;
    let mut stored: Stored = BTreeMap::new();
    for (subject, at, checkpoint) in r.timeline_all()? {
        match checkpoint {
            Ok(c) => stored.entry(subject).or_default().push((at, c)),
            Err(e) => push("timeline", format!("({subject}, {at:?})"), e.to_string()),
        }
    }
    for (subject, history) in events {
        let (checkpoints, _) = replay(plan_deadline(r, subject)?, history);
        let want: Vec<_> = checkpoints
            .into_iter()
            .map(|(e, c)| (position(e), c))
            .collect();
        let have = stored.remove(subject).unwrap_or_default();
        if have != want {
            push(
                "timeline",
                subject.clone(),
                format!(
                    "{} checkpoints differ from a replay of its {} events",
                    have.len(),
                    want.len()
                ),
            );
        }
    }
    for subject in stored.into_keys() {
        push("timeline", subject, "a timeline without events".into());
    }
    Ok(())
}
