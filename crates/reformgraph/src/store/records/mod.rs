//! The on-disk layouts: every value the store writes is one of the record types here (or a
//! store-private block or meta primitive listed below), never a public model type. A record
//! type is frozen: it is the exact serde shape its bytes have, it converts to and from the
//! public type explicitly (`From` one way, `TryFrom` the other), and the public type may
//! gain fields or variants without changing a stored byte — the conversion stops the build
//! until it says what the new field is when reading an old record. Changing a record means a
//! new format byte and a new record type beside the old one, whose decoder stays.
//!
//! [`StoredRecord`] marks the types the codec takes; it is sealed here, so a public type
//! cannot be encoded by accident. Values without a format byte are redb's own fixed types.
//!
//! | table | value (record type) | format byte |
//! | --- | --- | --- |
//! | `meta` | `u32` (`schema_version`), `u64` (`next_node_id`, `next_event_seq`), `bool` (`access_enforced`), `[u8; 32]` (`admin_key`) | 1 |
//! | `nodes` | [`node_v1::NodeRecordV1`] (schemas 1–2, read only); [`node_v2::NodeRecordV2`] (schema 3 on: tasks with deadline kind, wording and leaders; organisations with a level; plans with retired task keys) | 1; 2 |
//! | `keys` | redb `u64` (node id) | — |
//! | `kinds` | redb `()` | — |
//! | `names` | redb `()` | — |
//! | `fts_terms` | redb `u64` (document frequency) | — |
//! | `fts_blocks` | `PostingBlock` (`store/fulltext.rs`) | 1 |
//! | `fts_docs` | `FtsDoc` (`store/fulltext.rs`) | 1 |
//! | `fts_doc_terms` | `Vec<String>` (sorted terms) | 1 |
//! | `fts_stats` | redb `u64` | — |
//! | `events` | [`event_v1::EventV1`] (unsigned); [`event_v2::EventV2`] (signed: with its seal) | 1; 2 |
//! | `event_log` | redb `u128` (event id) | — |
//! | `subject_events` | redb `()` | — |
//! | `task_state` | [`state_v1::TaskStateV1`] | 1 |
//! | `project_state` | [`state_v1::ProjectStateV1`] | 1 |
//! | `observations` | [`state_v1::ObservationV1`] | 1 |
//! | `timeline` | [`state_v1::CheckpointV1`] | 1 |
//! | `slots` | redb `u128` (event id) | — |
//! | `adj_out`, `adj_in` | `EdgeBlock` (`store/adjacency.rs`) | 1 |
//! | `edges_out`, `edges_in` (schema 1, read by the upgrade) | [`edge_v1::EdgeKindV1`] | 1 |
//! | `fts_postings` (schema 1, read by the upgrade) | [`posting_v1::PostingV1`] | 1 |

pub(crate) mod common;
pub(crate) mod edge_v1;
pub(crate) mod event_v1;
pub(crate) mod event_v2;
pub(crate) mod mirror;
pub(crate) mod node_v1;
pub(crate) mod node_v2;
pub(crate) mod posting_v1;
pub(crate) mod state_v1;

use serde::Serialize;
use serde::de::DeserializeOwned;

use super::adjacency::EdgeBlock;
use super::codec::{self, FORMAT_V1, FORMAT_V2};
use super::fulltext::{FtsDoc, PostingBlock};
use super::read::NodeRecord;
use crate::error::{Error, Result};
use crate::model::{Checkpoint, Event, Observation, ProjectState, TaskState};
use edge_v1::EdgeKindV1;
use event_v1::EventV1;
use event_v2::EventV2;
use mirror::Unfit;
use node_v1::NodeRecordV1;
use node_v2::NodeRecordV2;
use posting_v1::PostingV1;
use state_v1::{CheckpointV1, ObservationV1, ProjectStateV1, TaskStateV1};

mod sealed {
    /// Implemented only in this module, by [`super::StoredRecord`]'s list.
    pub trait Sealed {}
}

/// A type whose values are stored: what [`codec::encode`] and [`codec::decode`] take.
/// Sealed, and implemented only for the record types and primitives of the table above.
pub(crate) trait StoredRecord: sealed::Sealed {}

macro_rules! stored_records {
    ($($ty:ty),* $(,)?) => {
        $(
            impl sealed::Sealed for $ty {}
            impl StoredRecord for $ty {}
        )*
        /// Every stored record type, for the test that the table above names each.
        #[cfg(test)]
        pub(crate) const STORED_RECORDS: &[&str] = &[$(stringify!($ty)),*];
    };
}

stored_records!(
    u32,
    u64,
    bool,
    NodeRecordV1,
    NodeRecordV2,
    PostingBlock,
    FtsDoc,
    Vec<String>,
    EventV1,
    EventV2,
    [u8; 32],
    TaskStateV1,
    ProjectStateV1,
    ObservationV1,
    CheckpointV1,
    EdgeBlock,
    EdgeKindV1,
    PostingV1,
);

/// A public type that one table stores, through its record type (format byte 1). Which
/// record a public value becomes is decided here, once, and not at each call site.
pub(crate) trait Stored: Sized + Clone + TryFrom<Self::Record, Error = Unfit> {
    /// The record it is stored as.
    type Record: StoredRecord + Serialize + DeserializeOwned + From<Self>;
    /// The table (labels decoding errors).
    const TABLE: &'static str;
}

macro_rules! stored {
    ($($public:ident => $record:ident in $table:literal),* $(,)?) => {$(
        impl Stored for $public {
            type Record = $record;
            const TABLE: &'static str = $table;
        }
    )*};
}

stored!(
    TaskState => TaskStateV1 in "task_state",
    ProjectState => ProjectStateV1 in "project_state",
    Observation => ObservationV1 in "observations",
    Checkpoint => CheckpointV1 in "timeline",
);

/// Encodes a value as its record.
pub(crate) fn encode<T: Stored>(value: &T) -> Result<Vec<u8>> {
    codec::encode(&T::Record::from(value.clone()))
}

/// Decodes a record of `T`'s table and converts it into `T`. `key` only labels errors.
pub(crate) fn decode<T: Stored>(bytes: &[u8], key: impl Fn() -> String) -> Result<T> {
    let record: T::Record = codec::decode(bytes, T::TABLE, &key)?;
    thaw(record, T::TABLE, key)
}

/// Converts a decoded record into its public type; a value the public type refuses (an
/// invalid key or date) is corruption of that record.
pub(crate) fn thaw<R, T: TryFrom<R, Error = Unfit>>(
    record: R,
    table: &'static str,
    key: impl FnOnce() -> String,
) -> Result<T> {
    T::try_from(record).map_err(|Unfit(reason)| Error::Corrupt {
        table,
        key: key(),
        reason,
    })
}

/// Encodes a node record in the current node layout (format 2).
pub(crate) fn encode_node(record: &NodeRecord) -> Result<Vec<u8>> {
    codec::encode_as(FORMAT_V2, &NodeRecordV2::from(record.clone()))
}

/// The format byte and body of a record of a table with several layouts.
fn split_format<'a>(
    bytes: &'a [u8],
    table: &'static str,
    key: &impl Fn() -> String,
) -> Result<(u8, &'a [u8])> {
    match bytes.split_first() {
        Some((&format, body)) => Ok((format, body)),
        None => Err(Error::Corrupt {
            table,
            key: key(),
            reason: "empty record".into(),
        }),
    }
}

/// A record whose format byte this build does not know.
fn unknown_format(table: &'static str, key: String, format: u8) -> Error {
    Error::Corrupt {
        table,
        key,
        reason: format!(
            "unknown record format {format} (this build knows {FORMAT_V1} and {FORMAT_V2}); upgrade reformgraph"
        ),
    }
}

/// Decodes a node record of any layout this build knows.
pub(crate) fn decode_node(bytes: &[u8], key: impl Fn() -> String) -> Result<NodeRecord> {
    match split_format(bytes, "nodes", &key)? {
        (FORMAT_V1, body) => {
            let record: NodeRecordV1 = codec::decode_body(body, "nodes", &key)?;
            thaw(record, "nodes", key)
        }
        (FORMAT_V2, body) => {
            let record: NodeRecordV2 = codec::decode_body(body, "nodes", &key)?;
            thaw(record, "nodes", key)
        }
        (other, _) => Err(unknown_format("nodes", key(), other)),
    }
}

/// Encodes an event: format 1 unsigned, format 2 with its seal.
pub(crate) fn encode_event(event: &Event) -> Result<Vec<u8>> {
    match EventV2::of(event) {
        Some(signed) => codec::encode_as(FORMAT_V2, &signed),
        None => codec::encode(&EventV1::from(event.clone())),
    }
}

/// Decodes an event of either layout.
pub(crate) fn decode_event(bytes: &[u8], key: impl Fn() -> String) -> Result<Event> {
    match split_format(bytes, "events", &key)? {
        (FORMAT_V1, body) => {
            let record: EventV1 = codec::decode_body(body, "events", &key)?;
            thaw(record, "events", key)
        }
        (FORMAT_V2, body) => {
            let record: EventV2 = codec::decode_body(body, "events", &key)?;
            thaw(record, "events", key)
        }
        (other, _) => Err(unknown_format("events", key(), other)),
    }
}

/// The bytes an event's signature covers: a domain tag, the unsigned record (format 1, as
/// frozen as the stored bytes), the signer and the previous hash.
pub(crate) fn signed_bytes(
    event: &Event,
    signer: &crate::model::PublicKey,
    prev: Option<&crate::model::EventHash>,
) -> Result<Vec<u8>> {
    let mut out = b"reformgraph event v1\0".to_vec();
    out.extend(codec::encode(&EventV1::from(Event {
        seal: None,
        ..event.clone()
    }))?);
    out.extend_from_slice(&signer.0);
    match prev {
        Some(p) => {
            out.push(1);
            out.extend_from_slice(&p.0);
        }
        None => out.push(0),
    }
    Ok(out)
}

#[cfg(test)]
mod tests;
