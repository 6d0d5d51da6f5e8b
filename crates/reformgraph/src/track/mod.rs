//! Tracking what happens after a plan is imported: task status and progress, project
//! stages, indicator observations, selections of options, annual sub-tasks — all as an
//! append-only history of [`Event`]s, with the current state kept materialised in the same
//! transaction.
//!
//! State is a pure function of the set of events (applied in [`Event::order_key`] order),
//! so devices that exchange events converge whatever order they receive them in.
//!
//! ```
//! use reformgraph::{GraphRead, Store, TaskStatus, import::bundled, track::{self, EventInput}};
//! let store = Store::in_memory()?;
//! bundled::import_shanxi_2013(&store)?;
//! let input = EventInput::task_status("shanxi-2013/reform/10", TaskStatus::InProgress, Some(40.0), "张三")
//!     .effective("2014-06-30".parse()?);
//! track::record(&store, input)?;
//! let state = store.read()?.task_state("shanxi-2013/reform/10")?.expect("recorded");
//! assert_eq!(state.progress, 40.0);
//! # Ok::<(), reformgraph::Error>(())
//! ```

mod access;
mod chain;
mod checks;
mod clock;
mod engine;
mod id;
mod input;
mod keys;
mod leads;
mod limits;
mod published;
mod report;
pub(crate) mod state;
mod sync;
pub(crate) mod timeline;

pub use access::{grant, grant_as, grants, revoke, revoke_as, set_access_enforced};
pub(crate) use checks::validate;
pub use clock::today;
pub(crate) use engine::{advance_slots, refresh};
pub use engine::{record, record_all, record_in};
pub use input::{EventInput, RecordedBy, indicator_unit, observation_unit};
pub use keys::{
    Certificate, SecretKey, certificate, certificates, certify, check_seal, event_hash, revoke_key,
    set_admin_key,
};
pub use leads::{Reassignment, record_reassignments};
pub use limits::{MAX_LINK_CHARS, MAX_NAME_CHARS, MAX_NOTE_CHARS, MAX_TITLE_CHARS};
pub use published::{
    PublishedFigure, published_figures, record_published, shanxi_2013_2015_figures,
};
pub(crate) use report::project_states_on;
pub use report::{
    AssessedGroup, AssessedUnit, Assessment, AssessmentOptions, AssessmentRubric, Attainment,
    AttainmentClass, AttainmentNote, Counts, DepartmentRollup, Funnel, LagClass, LagThresholds,
    OverdueTask, SectionRollup, SelectionCheck, SelectionViolation, StageCount, SubTaskRollup,
    SubjectSelection, TaskView, assessment, attainment, attainments, category_rollup,
    department_rollup, overdue, project_funnel, report_year, selection_check, task_view,
    task_views,
};
pub use sync::{
    ApplyReport, CHANGESET_FORMAT, Changeset, Conflict, Refusal, apply_changeset,
    apply_changeset_as, apply_events_in, apply_signed_in, export_changeset,
};
pub use timeline::replay_moved_deadlines;

use crate::error::Result;
use crate::model::{Change, EdgeLabel, Event, EventId, NodeData, NodeKind};
use crate::store::GraphRead;

/// The history of a node, in application order: by key (also of a task a re-import
/// removed, whose history stays), or by any name or alias `record` and `show` take
/// (城镇化率, 大同市, 省发改委).
///
/// # Errors
/// [`crate::Error::KeyNotFound`] (with close names) if the key or name names nothing and has no
/// events.
///
/// ```
/// use reformgraph::{Store, import::bundled, track};
/// let store = Store::in_memory()?;
/// bundled::import_shanxi_2013(&store)?;
/// assert!(track::history(&store.read()?, "shanxi-2013/reform/1")?.is_empty());
/// assert!(track::history(&store.read()?, "城镇化率")?.is_empty());
/// assert!(track::history(&store.read()?, "环保厅").is_err());
/// # Ok::<(), reformgraph::Error>(())
/// ```
pub fn history<R: GraphRead + ?Sized>(r: &R, key: &str) -> Result<Vec<Event>> {
    let mut events = r.events_of(key)?;
    if events.is_empty() && r.id_of(key)?.is_none() {
        let node = crate::query::resolve_any(r, key)?;
        events = r.events_of(node.key.as_str())?;
    }
    state::sort(&mut events);
    Ok(events)
}

/// The whole check `reformgraph verify` runs: the storage invariants ([`Store::verify`]),
/// then, if they hold, the derived state against a replay ([`verify_state`]) — a replay
/// over broken tables would only repeat their problems. Empty means healthy. Every
/// front-end (CLI, Python, Kotlin/Swift) asks this one function.
///
/// # Errors
/// Storage errors if the file cannot be read at all.
///
/// ```
/// use reformgraph::{Store, import::bundled, track};
/// let store = Store::in_memory()?;
/// bundled::import_shanxi_2013(&store)?;
/// assert!(track::verify(&store)?.is_empty());
/// # Ok::<(), reformgraph::Error>(())
/// ```
///
/// [`Store::verify`]: crate::Store::verify
pub fn verify(store: &crate::Store) -> Result<Vec<crate::store::Problem>> {
    let problems = store.verify()?;
    if !problems.is_empty() {
        return Ok(problems);
    }
    verify_state(&store.read()?)
}

/// Checks that the materialised state equals a replay of the history: every task and
/// project state, every latest observation, every selection edge. [`Store::verify`]
/// checks the storage invariants; this checks the derived state on top of them.
///
/// # Errors
/// Storage or decoding errors.
///
/// ```
/// use reformgraph::{Store, TaskStatus, import::bundled, track::{self, EventInput}};
/// let store = Store::in_memory()?;
/// bundled::import_shanxi_2013(&store)?;
/// track::record(&store, EventInput::task_status("shanxi-2013/reform/1", TaskStatus::InProgress, Some(5.0), "张三"))?;
/// assert!(track::verify_state(&store.read()?)?.is_empty());
/// # Ok::<(), reformgraph::Error>(())
/// ```
pub fn verify_state<R: GraphRead + ?Sized>(r: &R) -> Result<Vec<crate::store::Problem>> {
    use std::collections::BTreeMap;
    let mut problems = Vec::new();
    let mut push = |table: &'static str, key: String, message: String| {
        problems.push(crate::store::Problem {
            table,
            key,
            message,
        });
    };
    // Keys of tasks removed by a re-import with their history kept (Plan::retired).
    let mut retired: std::collections::BTreeSet<String> = std::collections::BTreeSet::new();
    for id in r.ids_of_kind(crate::model::NodeKind::Plan)? {
        if let Some(crate::model::Node {
            data: NodeData::Plan(p),
            ..
        }) = r.node(id)?
        {
            retired.extend(p.retired);
        }
    }
    let mut by_subject: BTreeMap<String, Vec<Event>> = BTreeMap::new();
    for (_, e) in r.events_after(0, usize::MAX)? {
        by_subject.entry(e.subject.clone()).or_default().push(e);
    }
    for (subject, events) in &mut by_subject {
        state::sort(events);
        let node = r.node_by_key(subject)?;
        match node.as_ref().map(|n| n.kind()) {
            Some(NodeKind::Task) => {
                let plan_deadline = match node.map(|n| n.data) {
                    Some(NodeData::Task(t)) => t.deadline,
                    _ => None,
                };
                let want = state::task(plan_deadline, events);
                if r.task_state(subject)? != want {
                    push(
                        "task_state",
                        subject.clone(),
                        "differs from a replay of its events".into(),
                    );
                }
            }
            Some(NodeKind::Project) | None
                if events
                    .iter()
                    .any(|e| matches!(e.change, Change::ProjectRegistered(_))) =>
            {
                let (want, _) = state::project(events);
                if r.project_state(subject)? != want {
                    push(
                        "project_state",
                        subject.clone(),
                        "differs from a replay of its events".into(),
                    );
                }
            }
            Some(NodeKind::Indicator) => {
                let stored = r.observations(subject, None)?;
                let mut slots = std::collections::BTreeSet::new();
                for e in events.iter() {
                    if let Change::Observation {
                        area,
                        year,
                        reference,
                        ..
                    } = &e.change
                    {
                        slots.insert((area.clone(), *year, *reference));
                    }
                }
                for (area, year, reference) in slots {
                    let want = state::observation(subject, events, &area, year, reference);
                    let have = stored
                        .iter()
                        .find(|o| o.area == area && o.year == year && o.reference == reference);
                    if have != want.as_ref() {
                        push(
                            "observations",
                            format!("({subject}, {area}, {year})"),
                            "differs from a replay of its events".into(),
                        );
                    }
                }
            }
            Some(NodeKind::Area | NodeKind::Organization) => {
                let Some(from) = r.id_of(subject)? else {
                    continue;
                };
                let mut slots = std::collections::BTreeSet::new();
                for e in events.iter() {
                    if let Change::Selection { option, year, .. } = &e.change {
                        slots.insert((option.clone(), *year));
                    }
                }
                for (option, year) in slots {
                    let Some(to) = r.id_of(&option)? else {
                        continue;
                    };
                    let want = state::selected(events, &option, year);
                    let have = r
                        .edge(from, EdgeLabel::Selected, to, u32::from(year))?
                        .is_some();
                    if want != have {
                        push(
                            "adj_out",
                            format!("({subject} selected {option} in {year})"),
                            format!(
                                "edge {} but the events say {}",
                                if have { "present" } else { "absent" },
                                want
                            ),
                        );
                    }
                }
            }
            Some(_) => {}
            // A task a re-import removed with --allow-removals keeps its history.
            None if retired.contains(subject.as_str()) => {}
            // A key's certificate: about the key, not a node.
            None if subject.parse::<crate::model::PublicKey>().is_ok() => {}
            None => push(
                "events",
                subject.clone(),
                "events about a node that does not exist".into(),
            ),
        }
    }
    timeline::check(r, &by_subject, &mut push)?;
    let all: Vec<Event> = by_subject.values().flatten().cloned().collect();
    for (key, message) in chain::check_chains(r, &all)? {
        push("events", key, message);
    }
    for (key, _) in r.task_states()? {
        if !by_subject.contains_key(&key) {
            push("task_state", key, "a state without events".into());
        }
    }
    // Slot winners: the latest event of each slot and of each subject.
    let mut want: BTreeMap<String, EventId> = BTreeMap::new();
    for (subject, events) in &by_subject {
        for e in events {
            // `events` is sorted, so later events overwrite earlier ones.
            if let Some(slot) = state::slot(e) {
                want.insert(slot, e.id);
            }
            want.insert(state::subject_slot(subject), e.id);
        }
    }
    want.extend(chain::chain_heads(by_subject.values().flatten()));
    let have: BTreeMap<String, EventId> = r.slot_winners()?.into_iter().collect();
    if have != want {
        let wrong: Vec<String> = want
            .iter()
            .filter(|(k, v)| have.get(*k) != Some(v))
            .map(|(k, _)| k.clone())
            .chain(have.keys().filter(|k| !want.contains_key(*k)).cloned())
            .take(5)
            .collect();
        push(
            "slots",
            wrong.join(", "),
            "winners differ from the history".into(),
        );
    }
    Ok(problems)
}
