//! The one history engine: events are appended, slot winners advanced and derived state
//! (task and project state, observations, selections, timeline checkpoints) applied or
//! replayed here, for recorded and received events alike.

use super::checks::{check_effective, validate};
use super::clock::date_of_millis;
use super::input::EventInput;
use super::{access, id, keys, state, timeline};
use crate::error::{Error, Result};
use crate::model::{
    Change, Checkpoint, Edge, EdgeKind, EdgeLabel, Event, EventId, NodeKey, Project, Task, TaskRole,
};
use crate::store::{GraphRead, Store, WriteTx};

/// Whether `e` comes after the event `current` in application order.
fn later(tx: &WriteTx<'_>, e: &Event, current: Option<EventId>) -> Result<bool> {
    let Some(current) = current else {
        return Ok(true);
    };
    Ok(match tx.event(current)? {
        Some(c) => e.order_key() > c.order_key(),
        None => true,
    })
}

/// Moves the winners of `e`'s slot and of its subject forward if `e` is later. Returns
/// whether `e` is now the latest event of its subject — then its effect can be applied to
/// the materialised state directly, without replaying the history.
pub(crate) fn advance_slots(tx: &mut WriteTx<'_>, e: &Event) -> Result<bool> {
    if let Some(slot) = state::slot(e)
        && later(tx, e, tx.slot_winner(&slot)?)?
    {
        tx.set_slot_winner(&slot, e.id)?;
    }
    let subject = state::subject_slot(&e.subject);
    let latest = later(tx, e, tx.slot_winner(&subject)?)?;
    if latest {
        tx.set_slot_winner(&subject, e.id)?;
    }
    Ok(latest)
}

/// Validates and records one change in an open transaction; returns the stored event.
///
/// # Errors
/// [`Error::KeyNotFound`], [`Error::WrongKind`], [`Error::Invalid`],
/// [`Error::InvalidTransition`] for bad input (nothing is written); storage errors.
pub fn record_in(tx: &mut WriteTx<'_>, input: EventInput) -> Result<Event> {
    let input = input.resolve_names(tx)?;
    let allow_unusual_date = input.allow_unusual_date;
    let signer = input.signer.clone();
    // The store's clock, never the caller, says when a change was recorded.
    let recorded_at = tx.now_millis();
    let mut event = Event {
        id: id::new_event_id(recorded_at),
        recorded_at,
        effective: input
            .effective
            .unwrap_or_else(|| date_of_millis(recorded_at)),
        actor: input.actor,
        evidence: input.evidence,
        subject: input.subject,
        change: input.change,
        supersedes: None,
        seal: None,
    };
    event.supersedes = match state::slot(&event) {
        Some(slot) => tx.slot_winner(&slot)?,
        None => None,
    };
    // Signing first: in a store with an administrator key the certificate names the
    // person and organisation that validation and the access check then see.
    if let Some(key) = &signer {
        keys::sign_recorded(tx, &mut event, key)?;
    }
    validate(tx, &event, false)?;
    check_effective(tx, &event, allow_unusual_date)?;
    keys::admit(tx, &event)?;
    access::check(tx, &event)?;
    tx.append_event(&event)?;
    keys::advance_chain(tx, &event)?;
    let latest = advance_slots(tx, &event)?;
    if let Some(outcome) = timeline::insert(tx, &event)? {
        // Task and project state: the timeline replays only what follows the event.
        materialise(tx, &event.subject, outcome.latest)?;
    } else if latest {
        apply_latest(tx, &event)?;
    } else {
        // A back-dated change: recompute from the history.
        refresh(tx, &event)?;
    }
    Ok(event)
}

/// Validates and records one change in its own durable transaction.
///
/// # Errors
/// As [`record_in`]; on error nothing is written.
///
/// ```
/// use reformgraph::{Error, Store, TaskStatus, import::bundled, track::{self, EventInput}};
/// let store = Store::in_memory()?;
/// bundled::import_shanxi_2013(&store)?;
/// let bad = EventInput::task_status("shanxi-2013/reform/10", TaskStatus::InProgress, Some(140.0), "张三");
/// assert!(matches!(track::record(&store, bad), Err(Error::Invalid { .. })));
/// # Ok::<(), Error>(())
/// ```
pub fn record(store: &Store, input: EventInput) -> Result<Event> {
    let attempt = input.clone();
    store
        .write(|tx| record_in(tx, input))
        .map_err(|e| audit_refusal(store, &attempt, e))
}

/// The `access_refused` event that keeps a refusal in the history: who tried what on which
/// subject, and why it was refused. Recorded and received changes are logged alike.
pub(crate) fn refusal_event(
    recorded_at: i64,
    actor: &crate::model::Actor,
    evidence: &Option<crate::model::Evidence>,
    subject: &str,
    attempted: &str,
    reason: String,
) -> Event {
    Event {
        id: id::new_event_id(recorded_at),
        recorded_at,
        effective: date_of_millis(recorded_at),
        actor: actor.clone(),
        evidence: evidence.clone(),
        subject: subject.to_owned(),
        change: Change::AccessRefused {
            attempted: attempted.to_owned(),
            reason,
        },
        supersedes: None,
        seal: None,
    }
}

/// Appends a refusal event (it changes no derived state, only its slot winner), signed by
/// `signer` when there is one. In a store with an administrator key a refusal is the
/// refusing device's own signed event: without a key it is not logged (returns false).
pub(crate) fn log_refusal(
    tx: &mut WriteTx<'_>,
    event: &Event,
    signer: Option<&keys::SecretKey>,
) -> Result<bool> {
    let mut event = event.clone();
    let admitted = match signer {
        Some(key) => {
            keys::sign_recorded(tx, &mut event, key).and_then(|()| keys::admit(tx, &event))
        }
        None => keys::admit(tx, &event),
    };
    match admitted {
        // A key that may not sign (uncertified, revoked) cannot sign its refusal either.
        Err(Error::AccessDenied { .. }) => return Ok(false),
        other => other?,
    }
    tx.append_event(&event)?;
    keys::advance_chain(tx, &event)?;
    advance_slots(tx, &event)?;
    Ok(true)
}

/// Keeps a refused change in the history (its own small transaction; the refused one wrote
/// nothing) and returns the refusal.
fn audit_refusal(store: &Store, attempt: &EventInput, error: Error) -> Error {
    let Error::AccessDenied { reason, .. } = &error else {
        return error;
    };
    match store.write(|tx| {
        // The refusal names the organisation by its key, as every stored event does (the
        // attempt may have named it by a name or alias); one that does not resolve is left
        // out rather than stored as a name another device cannot read.
        let mut actor = attempt.actor.clone();
        actor.organization = match &actor.organization {
            Some(org) => crate::query::resolve(tx, crate::model::NodeKind::Organization, org)
                .ok()
                .map(|n| n.key.to_string()),
            None => None,
        };
        let event = refusal_event(
            tx.now_millis(),
            &actor,
            &attempt.evidence,
            &attempt.subject,
            attempt.change.name(),
            reason.clone(),
        );
        log_refusal(tx, &event, attempt.signer.as_ref())
    }) {
        Ok(_) => error,
        // The refusal stands either way; say that it could not be logged too.
        Err(log_error) => Error::invalid(
            "access",
            format!("{error} (and the refusal could not be logged: {log_error})"),
        ),
    }
}

/// Records many changes in one transaction (all or nothing).
///
/// # Errors
/// As [`record_in`] for the first bad input; then nothing is written.
///
/// ```
/// use reformgraph::{Store, TaskStatus, import::bundled, track::{self, EventInput}};
/// let store = Store::in_memory()?;
/// bundled::import_shanxi_2013(&store)?;
/// let inputs = (1..=3).map(|n| EventInput::task_status(format!("shanxi-2013/reform/{n}"), TaskStatus::InProgress, Some(10.0), "李四"));
/// assert_eq!(track::record_all(&store, inputs)?.len(), 3);
/// # Ok::<(), reformgraph::Error>(())
/// ```
pub fn record_all(
    store: &Store,
    inputs: impl IntoIterator<Item = EventInput>,
) -> Result<Vec<Event>> {
    let mut refused: Option<EventInput> = None;
    let result = store.write(|tx| {
        let mut out = Vec::new();
        for input in inputs {
            let attempt = input.clone();
            match record_in(tx, input) {
                Ok(e) => out.push(e),
                Err(e) => {
                    refused = Some(attempt);
                    return Err(e);
                }
            }
        }
        Ok(out)
    });
    match (result, refused) {
        (Err(e), Some(attempt)) => Err(audit_refusal(store, &attempt, e)),
        (r, _) => r,
    }
}

/// Makes a task's or project's materialised state the timeline's latest checkpoint.
fn materialise(tx: &mut WriteTx<'_>, subject: &str, latest: Checkpoint) -> Result<()> {
    match latest {
        Checkpoint::Task(s) => tx.put_task_state(subject, Some(&s)),
        Checkpoint::Project(s) => {
            tx.put_project_state(subject, s.as_ref())?;
            match &s {
                Some(s) => sync_project(tx, subject, s),
                None => Ok(()),
            }
        }
    }
}

/// Applies an event that is the latest of its subject straight to the materialised state:
/// the same result as [`refresh`], without reading the history.
fn apply_latest(tx: &mut WriteTx<'_>, e: &Event) -> Result<()> {
    match &e.change {
        // The timeline keeps these (see `record_in`); a full refresh is the same result.
        Change::TaskStatus { .. }
        | Change::TaskDeadline { .. }
        | Change::ProjectRegistered(_)
        | Change::ProjectAdjusted(_)
        | Change::ProjectWithdrawn
        | Change::ProjectStage { .. } => refresh(tx, e).map(|_| ()),
        Change::Observation {
            area,
            year,
            reference,
            ..
        } => {
            if let Some(o) =
                state::observation(&e.subject, std::slice::from_ref(e), area, *year, *reference)
            {
                tx.put_observation(&o)?;
            }
            Ok(())
        }
        Change::Selection {
            option,
            year,
            selected,
        } => set_selection(tx, &e.subject, option, *year, *selected),
        Change::SubTaskAdded { .. } => refresh(tx, e).map(|_| ()),
        // Certificates and assignments are read from the history when they are needed.
        Change::AccessRefused { .. }
        | Change::KeyCertified { .. }
        | Change::KeyRevoked { .. }
        | Change::LeadsAssigned { .. } => Ok(()),
        Change::AccessGranted { scope } => set_grant(tx, &e.subject, scope, true),
        Change::GrantWithdrawn { scope } => set_grant(tx, &e.subject, scope, false),
    }
}

fn set_selection(
    tx: &mut WriteTx<'_>,
    subject: &str,
    option: &str,
    year: u16,
    on: bool,
) -> Result<()> {
    set_edge(tx, subject, EdgeKind::Selected { year }, option, on)
}

/// Adds or removes an edge between two nodes given by key (none if either is missing).
fn set_edge(tx: &mut WriteTx<'_>, from: &str, kind: EdgeKind, to: &str, on: bool) -> Result<()> {
    let (Some(from), Some(to)) = (tx.id_of(from)?, tx.id_of(to)?) else {
        return Ok(());
    };
    let edge = Edge::new(from, kind, to);
    if on {
        tx.add_edge(edge)?;
    } else {
        tx.remove_edge(&edge)?;
    }
    Ok(())
}

/// Adds or removes the `may_record` edge a grant event decides.
fn set_grant(tx: &mut WriteTx<'_>, organization: &str, scope: &str, on: bool) -> Result<()> {
    set_edge(tx, organization, EdgeKind::MayRecord, scope, on)
}

/// Recomputes what `event` affects from the subject's whole history.
pub(crate) fn refresh(tx: &mut WriteTx<'_>, event: &Event) -> Result<Vec<super::Refusal>> {
    let mut history = tx.events_of(&event.subject)?;
    state::sort(&mut history);
    match &event.change {
        Change::AccessRefused { .. }
        | Change::KeyCertified { .. }
        | Change::KeyRevoked { .. }
        | Change::LeadsAssigned { .. } => Ok(Vec::new()),
        Change::AccessGranted { scope } | Change::GrantWithdrawn { scope } => {
            let on = state::granted(&history, scope);
            set_grant(tx, &event.subject, scope, on)?;
            Ok(Vec::new())
        }
        Change::TaskStatus { .. }
        | Change::TaskDeadline { .. }
        | Change::ProjectRegistered(_)
        | Change::ProjectAdjusted(_)
        | Change::ProjectWithdrawn
        | Change::ProjectStage { .. } => match timeline::rebuild(tx, &event.subject, &history)? {
            Some(outcome) => {
                materialise(tx, &event.subject, outcome.latest)?;
                Ok(outcome
                    .refused
                    .into_iter()
                    .map(|(event, reason)| super::Refusal { event, reason })
                    .collect())
            }
            None => Ok(Vec::new()),
        },
        Change::SubTaskAdded {
            year,
            title,
            deadline,
            responsible,
        } => {
            let parent = tx.require(&event.subject)?;
            let key = NodeKey::new(format!("{}/annual/{year}/{}", event.subject, event.id))?;
            let siblings = tx
                .edges(
                    parent.id,
                    Some(EdgeLabel::Contains),
                    crate::model::Direction::Outgoing,
                )?
                .len();
            let task = Task {
                role: TaskRole::AnnualAction,
                number: format!("{year}"),
                ordinal: u32::from(*year),
                title: title.clone(),
                body: title.clone(),
                responsibility: responsible.clone(),
                deadline: Some(*deadline),
                deadline_kind: crate::model::DeadlineKind::Date,
                ..Task::default()
            };
            let child = tx.upsert(key, task, None)?.id();
            let order = u32::try_from(siblings).unwrap_or(u32::MAX);
            if tx.edge(parent.id, EdgeLabel::Contains, child, 0)?.is_none() {
                tx.add_edge(Edge::new(parent.id, EdgeKind::Contains { order }, child))?;
            }
            if let Some(org) = responsible
                && let Some(org_id) = tx.id_of(org)?
            {
                tx.add_edge(Edge::new(org_id, EdgeKind::Leads { rank: 1 }, child))?;
            }
            Ok(Vec::new())
        }
        Change::Observation {
            area,
            year,
            reference,
            ..
        } => {
            if let Some(o) = state::observation(&event.subject, &history, area, *year, *reference) {
                tx.put_observation(&o)?;
            }
            Ok(Vec::new())
        }
        Change::Selection { option, year, .. } => {
            let on = state::selected(&history, option, *year);
            set_selection(tx, &event.subject, option, *year, on)?;
            Ok(Vec::new())
        }
    }
}

/// Makes the project's node and edges (portfolio, area, responsible organisation) match
/// its state.
fn sync_project(tx: &mut WriteTx<'_>, key: &str, state: &crate::model::ProjectState) -> Result<()> {
    let spec = &state.spec;
    let node_key = NodeKey::new(key)?;
    let id = tx
        .upsert(
            node_key,
            Project {
                name: spec.name.clone(),
                domain: spec.domain.clone(),
                investment_wan_yuan: spec.investment_wan_yuan,
                description: None,
            },
            None,
        )?
        .id();
    // Replace the project's links with those of its current spec.
    for label in [EdgeLabel::InPortfolio, EdgeLabel::InArea] {
        for e in tx.edges(id, Some(label), crate::model::Direction::Outgoing)? {
            tx.remove_edge(&e)?;
        }
    }
    for e in tx.edges(
        id,
        Some(EdgeLabel::Leads),
        crate::model::Direction::Incoming,
    )? {
        tx.remove_edge(&e)?;
    }
    let mut wanted = Vec::new();
    if !state.withdrawn
        && let Some(p) = tx.id_of(&spec.portfolio)?
    {
        wanted.push((id, EdgeKind::InPortfolio, p));
    }
    if let Some(a) = &spec.area
        && let Some(a) = tx.id_of(a)?
    {
        wanted.push((id, EdgeKind::InArea, a));
    }
    if let Some(o) = &spec.responsible
        && let Some(o) = tx.id_of(o)?
    {
        wanted.push((o, EdgeKind::Leads { rank: 1 }, id));
    }
    for (from, kind, to) in wanted {
        tx.add_edge(Edge::new(from, kind, to))?;
    }
    Ok(())
}
