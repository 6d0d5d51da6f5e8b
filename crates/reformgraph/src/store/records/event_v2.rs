//! Signed events as the `events` table holds them (format byte 2): the unsigned layout of
//! `event_v1` followed by the seal. Unsigned events keep format 1, byte for byte. Frozen.

use serde::{Deserialize, Serialize};

use super::event_v1::EventV1;
use super::mirror::{Thaw, Unfit};
use crate::model::{Event, EventHash, PublicKey, Seal, Signature};

/// `Seal`. The signature is two 32-byte halves (serde's arrays stop at 32).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct SealV1 {
    pub(crate) signer: [u8; 32],
    pub(crate) prev: Option<[u8; 32]>,
    pub(crate) signature: ([u8; 32], [u8; 32]),
}

impl From<Seal> for SealV1 {
    fn from(s: Seal) -> Self {
        let (r, rest) = s.signature.0.split_at(32);
        let mut halves = ([0u8; 32], [0u8; 32]);
        halves.0.copy_from_slice(r);
        halves.1.copy_from_slice(rest);
        Self {
            signer: s.signer.0,
            prev: s.prev.map(|p| p.0),
            signature: halves,
        }
    }
}

impl From<SealV1> for Seal {
    fn from(s: SealV1) -> Self {
        let mut signature = [0u8; 64];
        signature[..32].copy_from_slice(&s.signature.0);
        signature[32..].copy_from_slice(&s.signature.1);
        Seal {
            signer: PublicKey(s.signer),
            prev: s.prev.map(EventHash),
            signature: Signature(signature),
        }
    }
}

/// A signed event: the unsigned record, then its seal.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub(crate) struct EventV2 {
    pub(crate) event: EventV1,
    pub(crate) seal: SealV1,
}

impl EventV2 {
    /// The record of a signed event (`None` for an unsigned one: it is stored as format 1).
    pub(crate) fn of(e: &Event) -> Option<Self> {
        let seal = e.seal?;
        Some(Self {
            event: EventV1::from(e.clone()),
            seal: seal.into(),
        })
    }
}

impl TryFrom<EventV2> for Event {
    type Error = Unfit;
    fn try_from(r: EventV2) -> Result<Self, Unfit> {
        let mut e: Event = r.event.thaw()?;
        e.seal = Some(r.seal.into());
        Ok(e)
    }
}
