//! Exchanging events between devices: export what happened since a point as a changeset,
//! apply a changeset received. Applying the same changeset twice changes nothing;
//! concurrent changes to the same thing resolve by [`Event::order_key`] (the same on every
//! device) and are reported.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::engine::{log_refusal, refusal_event};
use super::{access, advance_slots, refresh, state, validate};
use crate::error::{Error, Result};
use crate::model::{Event, EventId};
use crate::store::{GraphRead, Store, WriteTx};

/// The changeset format this build writes and reads.
pub const CHANGESET_FORMAT: u32 = 1;

/// Events since a point of this store's log.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Changeset {
    /// Format version ([`CHANGESET_FORMAT`]).
    pub format: u32,
    /// The log position the changeset starts after.
    pub after: u64,
    /// The log position of its last event: pass it as `after` next time.
    pub through: u64,
    /// The events, in log order.
    pub events: Vec<Event>,
}

impl Changeset {
    /// The changeset as JSON (the exchange format).
    ///
    /// # Errors
    /// Only if serialisation fails, which it does not for these types.
    pub fn to_json(&self) -> Result<String> {
        serde_json::to_string_pretty(self)
            .map_err(|e| Error::invalid("changeset", format!("cannot be written as JSON: {e}")))
    }

    /// Reads a changeset from JSON.
    ///
    /// # Errors
    /// [`Error::Invalid`] if the JSON is malformed or of an unknown format version.
    ///
    /// ```
    /// use reformgraph::track::Changeset;
    /// assert!(Changeset::from_json("{}").is_err());
    /// ```
    pub fn from_json(json: &str) -> Result<Changeset> {
        let c: Changeset = serde_json::from_str(json)
            .map_err(|e| Error::invalid("changeset JSON", e.to_string()))?;
        if c.format != CHANGESET_FORMAT {
            return Err(Error::invalid(
                "changeset",
                format!(
                    "format {} is not {CHANGESET_FORMAT}; upgrade reformgraph on this device",
                    c.format
                ),
            ));
        }
        Ok(c)
    }
}

/// Two events that changed the same thing without either seeing the other.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Conflict {
    /// The node changed.
    pub subject: String,
    /// What about it (status, stage, a selection, an observation …).
    pub change: &'static str,
    /// The event whose value stands (the later by order key).
    pub kept: EventId,
    /// The event it overrides.
    pub overridden: EventId,
}

/// What applying a changeset did.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct ApplyReport {
    /// New events stored.
    pub applied: u32,
    /// Events this store already had (the same id and the same content).
    pub duplicates: u32,
    /// Concurrent changes, resolved.
    pub conflicts: Vec<Conflict>,
    /// Events without effect, with the reason: stage changes that the merged history makes
    /// impossible (kept in the history), and events the access policy refuses (not stored;
    /// an `access_refused` event keeps the refusal, as for a refused `record`), and events
    /// whose id is already here with other content (the copy here is kept).
    pub refused: Vec<Refusal>,
}

/// An event a store received and did not take into effect, and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Refusal {
    /// The event.
    pub event: EventId,
    /// Why, in words.
    pub reason: String,
}

/// Events recorded or received after log position `after` (0 for everything), at most
/// `limit`.
///
/// # Errors
/// Storage or decoding errors.
///
/// ```
/// use reformgraph::{Store, track};
/// let c = track::export_changeset(&Store::in_memory()?.read()?, 0, 1000)?;
/// assert!(c.events.is_empty());
/// assert_eq!(c.through, 0);
/// # Ok::<(), reformgraph::Error>(())
/// ```
pub fn export_changeset<R: GraphRead + ?Sized>(
    r: &R,
    after: u64,
    limit: usize,
) -> Result<Changeset> {
    let page = r.events_after(after, limit)?;
    let through = page.last().map_or(after, |(seq, _)| *seq);
    Ok(Changeset {
        format: CHANGESET_FORMAT,
        after,
        through,
        events: page.into_iter().map(|(_, e)| e).collect(),
    })
}

/// Applies a changeset in one transaction: new events are validated and stored, the state
/// they touch is recomputed from the merged history.
///
/// # Errors
/// [`Error::KeyNotFound`] and friends if an event names a node this store lacks (import the
/// same plan first); then nothing is written.
///
/// ```
/// use reformgraph::{Store, TaskStatus, import::bundled, track::{self, EventInput}};
/// let phone = Store::in_memory()?;
/// let office = Store::in_memory()?;
/// bundled::import_shanxi_2013(&phone)?;
/// bundled::import_shanxi_2013(&office)?;
/// track::record(&phone, EventInput::task_status("shanxi-2013/matter/7", TaskStatus::InProgress, Some(30.0), "王五"))?;
/// let changes = track::export_changeset(&phone.read()?, 0, 1000)?;
/// assert_eq!(track::apply_changeset(&office, &changes)?.applied, 1);
/// assert_eq!(track::apply_changeset(&office, &changes)?.duplicates, 1);
/// # Ok::<(), reformgraph::Error>(())
/// ```
pub fn apply_changeset(store: &Store, changes: &Changeset) -> Result<ApplyReport> {
    store.write(|tx| apply_events_in(tx, changes.events.clone()))
}

/// [`apply_changeset`] on a device with a key: in a store with an administrator key the
/// refusals it keeps in the history are its own events, signed by `device` (without a key
/// they are reported, not kept).
///
/// # Errors
/// As [`apply_changeset`].
pub fn apply_changeset_as(
    store: &Store,
    changes: &Changeset,
    device: &super::SecretKey,
) -> Result<ApplyReport> {
    store.write(|tx| apply_signed_in(tx, changes.events.clone(), Some(device)))
}

/// The door for events made elsewhere (a changeset from another device, a JSON dump): in an
/// open transaction, each new event is validated as a recorded one is, stored, and the state
/// it touches recomputed from the merged history; events already present are counted as
/// duplicates. `record_in` is the door for changes made here.
///
/// # Errors
/// As [`apply_changeset`]; the transaction should then be aborted (returning the error from
/// `Store::write` does that).
///
/// ```
/// use reformgraph::{GraphRead, Store, TaskStatus, import::bundled, track::{self, EventInput}};
/// let phone = Store::in_memory()?;
/// let office = Store::in_memory()?;
/// bundled::import_shanxi_2013(&phone)?;
/// bundled::import_shanxi_2013(&office)?;
/// let e = track::record(&phone, EventInput::task_status("shanxi-2013/matter/7", TaskStatus::InProgress, None, "王五"))?;
/// let report = office.write(|tx| track::apply_events_in(tx, vec![e.clone()]))?;
/// assert_eq!(report.applied, 1);
/// assert_eq!(office.read()?.events_of("shanxi-2013/matter/7")?, [e]);
/// # Ok::<(), reformgraph::Error>(())
/// ```
pub fn apply_events_in(tx: &mut WriteTx<'_>, events: Vec<Event>) -> Result<ApplyReport> {
    apply_signed_in(tx, events, None)
}

/// [`apply_events_in`], refusals signed by `device` (see [`apply_changeset_as`]).
///
/// # Errors
/// As [`apply_events_in`].
pub fn apply_signed_in(
    tx: &mut WriteTx<'_>,
    events: Vec<Event>,
    device: Option<&super::SecretKey>,
) -> Result<ApplyReport> {
    let mut report = ApplyReport::default();
    let mut incoming = events;
    state::sort(&mut incoming);
    // The administrator's events (certificates, grants) first: they say who may record
    // what, so the events they govern are admitted against them whatever their dates.
    // Derived state does not depend on this order (it follows the order key).
    incoming.sort_by_key(|e| !super::keys::is_admin_change(&e.change));
    // The last new event per slot: one refresh each.
    let mut to_refresh: BTreeMap<String, Event> = BTreeMap::new();
    let mut unslotted = Vec::new();
    for e in incoming {
        crate::cancel::checkpoint()?;
        if let Some(here) = tx.event(e.id)? {
            if here == e {
                report.duplicates += 1;
            } else {
                // Ids are globally unique: the same id with other content is a forgery or
                // a broken device, never "already here".
                report.refused.push(Refusal {
                    event: e.id,
                    reason: "this event id is already here with different content; the copy \
                             here is kept"
                        .to_owned(),
                });
            }
            continue;
        }
        validate(tx, &e, true)?;
        // The same signature and access checks as `record`: a received change its actor
        // may not make is not stored, and the refusal is logged the same way.
        match super::keys::admit(tx, &e).and_then(|()| access::check(tx, &e)) {
            Ok(()) => {}
            Err(Error::AccessDenied { reason, .. }) => {
                let why = format!("received event {}: {reason}", e.id);
                let logged = refusal_event(
                    tx.now_millis(),
                    &e.actor,
                    &e.evidence,
                    &e.subject,
                    e.change.name(),
                    why,
                );
                log_refusal(tx, &logged, device)?;
                report.refused.push(Refusal {
                    event: e.id,
                    reason,
                });
                continue;
            }
            Err(other) => return Err(other),
        }
        if super::keys::is_admin_change(&e.change) {
            // In effect at once: the events after it in this batch are admitted under it.
            tx.append_event(&e)?;
            super::keys::advance_chain(tx, &e)?;
            advance_slots(tx, &e)?;
            report.refused.extend(refresh(tx, &e)?);
            report.applied += 1;
            continue;
        }
        if let Some(slot) = state::slot(&e) {
            let winner = match tx.slot_winner(&slot)? {
                Some(id) => tx.event(id)?,
                None => None,
            };
            if let Some(w) = winner
                && e.supersedes != Some(w.id)
                && w.supersedes != Some(e.id)
            {
                let (kept, overridden) = if e.order_key() > w.order_key() {
                    (e.id, w.id)
                } else {
                    (w.id, e.id)
                };
                report.conflicts.push(Conflict {
                    subject: e.subject.clone(),
                    change: e.change.name(),
                    kept,
                    overridden,
                });
            }
            tx.append_event(&e)?;
            super::keys::advance_chain(tx, &e)?;
            advance_slots(tx, &e)?;
            to_refresh.insert(slot, e);
        } else {
            tx.append_event(&e)?;
            super::keys::advance_chain(tx, &e)?;
            advance_slots(tx, &e)?;
            unslotted.push(e);
        }
        report.applied += 1;
    }
    for e in to_refresh.values().chain(unslotted.iter()) {
        report.refused.extend(refresh(tx, e)?);
    }
    Ok(report)
}
