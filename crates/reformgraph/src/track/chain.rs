//! Each signer's hash chain, as `verify_state` checks it: the chain heads the history
//! implies, and what is wrong with the signatures and chains of a history.

use super::keys::{certificate, check_seal, event_hash, head_slot, is_admin_change};
use crate::error::{Error, Result};
use crate::model::{Event, EventHash, PublicKey};
use crate::store::GraphRead;

/// The head of each signer's chain as the history says (what `advance_chain` keeps in the
/// slots table): the signer's latest event by recording time, then id.
pub(crate) fn chain_heads<'a>(
    events: impl Iterator<Item = &'a Event>,
) -> std::collections::BTreeMap<String, crate::model::EventId> {
    let mut heads: std::collections::BTreeMap<String, (i64, crate::model::EventId)> =
        std::collections::BTreeMap::new();
    for e in events {
        if let Some(seal) = e.seal {
            let at = (e.recorded_at, e.id);
            let head = heads.entry(head_slot(&seal.signer)).or_insert(at);
            if at > *head {
                *head = at;
            }
        }
    }
    heads.into_iter().map(|(k, (_, id))| (k, id)).collect()
}

/// What is wrong with the signatures and chains of `events` (the whole history): a
/// signature that does not check, an event whose predecessor in its signer's chain is not
/// here (removed, or not received yet), two events claiming the same predecessor (a fork:
/// one key used on two devices, or a replay), more than one first event of a signer, and in
/// a store with an administrator key, unsigned events and events their signer's
/// certificate does not cover. Each as (event id or key, message).
///
/// # Errors
/// Encoding errors.
pub(crate) fn check_chains<R: GraphRead + ?Sized>(
    r: &R,
    events: &[Event],
) -> Result<Vec<(String, String)>> {
    use std::collections::{BTreeMap, BTreeSet};
    let admin = r.admin_key()?;
    let mut found = Vec::new();
    let mut hashes: BTreeSet<EventHash> = BTreeSet::new();
    for e in events {
        if let Some(h) = event_hash(e)? {
            hashes.insert(h);
        }
    }
    // Events logged before the administrator key was set are not governed by it.
    let before_admin: BTreeSet<crate::model::EventId> = match (admin, r.admin_since()?) {
        (Some(_), since) if since > 0 => r
            .events_after(0, usize::try_from(since).unwrap_or(usize::MAX))?
            .into_iter()
            .filter(|(seq, _)| *seq < since)
            .map(|(_, e)| e.id)
            .collect(),
        _ => BTreeSet::new(),
    };
    let mut firsts: BTreeMap<PublicKey, usize> = BTreeMap::new();
    let mut successors: BTreeMap<EventHash, usize> = BTreeMap::new();
    for e in events {
        let admin = admin.filter(|_| !before_admin.contains(&e.id));
        let Some(seal) = e.seal else {
            if admin.is_some() {
                found.push((
                    e.id.to_string(),
                    "unsigned event in a store with an administrator key".into(),
                ));
            }
            continue;
        };
        if let Err(Error::AccessDenied { reason, .. }) = check_seal(e) {
            found.push((e.id.to_string(), reason));
        }
        match seal.prev {
            None => *firsts.entry(seal.signer).or_default() += 1,
            Some(p) => {
                *successors.entry(p).or_default() += 1;
                if !hashes.contains(&p) {
                    found.push((
                        e.id.to_string(),
                        format!("the event before it in {}'s chain is not here (removed, or not received yet)", seal.signer),
                    ));
                }
            }
        }
        if let Some(admin) = admin {
            let ok = if is_admin_change(&e.change) {
                seal.signer == admin
            } else {
                certificate(r, &seal.signer)?.is_some_and(|c| {
                    c.covers(e)
                        && e.actor.organization.as_deref() == Some(c.organization.as_str())
                        && e.actor.person == c.person
                })
            };
            if !ok {
                found.push((
                    e.id.to_string(),
                    format!("its signer {} was not allowed to sign it", seal.signer),
                ));
            }
        }
    }
    for (signer, n) in firsts.into_iter().filter(|(_, n)| *n > 1) {
        found.push((
            signer.to_string(),
            format!("{n} events claim to be this key's first"),
        ));
    }
    for (prev, n) in successors.into_iter().filter(|(_, n)| *n > 1) {
        found.push((
            prev.to_string(),
            format!("{n} events claim this event as their predecessor (a fork)"),
        ));
    }
    Ok(found)
}
