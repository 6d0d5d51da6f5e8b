//! Table definitions. Each value type has a fixed, literal redb `TypeName`, so a table's
//! identity never depends on a Rust type path (which `std::any::type_name` would make it).

use std::fmt::Debug;

use redb::{TableDefinition, TypeName, Value};

/// Defines a byte-valued redb `Value` with a literal type name.
macro_rules! byte_value {
    ($(#[$doc:meta])* $name:ident, $type_name:literal) => {
        $(#[$doc])*
        #[derive(Debug)]
        pub struct $name;

        impl Value for $name {
            type SelfType<'a> = &'a [u8] where Self: 'a;
            type AsBytes<'a> = &'a [u8] where Self: 'a;

            fn fixed_width() -> Option<usize> {
                None
            }

            fn from_bytes<'a>(data: &'a [u8]) -> &'a [u8]
            where
                Self: 'a,
            {
                data
            }

            fn as_bytes<'a, 'b: 'a>(value: &'a &'b [u8]) -> &'a [u8]
            where
                Self: 'b,
            {
                value
            }

            fn type_name() -> TypeName {
                TypeName::new($type_name)
            }
        }
    };
}

byte_value!(
    /// A codec-encoded node record (`records::node_v2::NodeRecordV2`; format 1's
    /// `NodeRecordV1` in files from schemas 1–2). The type name is a table's identity: kept.
    NodeBytes,
    "reformgraph::NodeRecord"
);
byte_value!(
    /// A codec-encoded `records::edge_v1::EdgeKindV1` (schema 1's adjacency value; read only
    /// by the upgrade to schema 2).
    EdgeBytes,
    "reformgraph::EdgeRecord"
);
byte_value!(
    /// A codec-encoded block of a node's neighbours under one label.
    EdgeBlockBytes,
    "reformgraph::EdgeBlock"
);
byte_value!(
    /// A codec-encoded `records::posting_v1::PostingV1`: positions of a term in a document
    /// (schema 1's postings; read only by the upgrade to schema 2).
    PostingBytes,
    "reformgraph::Positions"
);
byte_value!(
    /// A codec-encoded block of a term's postings.
    PostingBlockBytes,
    "reformgraph::PostingBlock"
);
byte_value!(
    /// A codec-encoded full-text document record.
    FtsDocBytes,
    "reformgraph::FtsDoc"
);
byte_value!(
    /// The codec-encoded distinct terms of a document.
    DocTermsBytes,
    "reformgraph::DocTerms"
);
byte_value!(
    /// A codec-encoded event (`records::event_v1::EventV1`).
    EventBytes,
    "reformgraph::Event"
);
byte_value!(
    /// A codec-encoded task state (`records::state_v1::TaskStateV1`).
    TaskStateBytes,
    "reformgraph::TaskState"
);
byte_value!(
    /// A codec-encoded project state (`records::state_v1::ProjectStateV1`).
    ProjectStateBytes,
    "reformgraph::ProjectState"
);
byte_value!(
    /// A codec-encoded observation (`records::state_v1::ObservationV1`).
    ObservationBytes,
    "reformgraph::Observation"
);
byte_value!(
    /// A codec-encoded checkpoint, a subject's state after one event
    /// (`records::state_v1::CheckpointV1`).
    CheckpointBytes,
    "reformgraph::Checkpoint"
);
byte_value!(
    /// A codec-encoded meta value.
    MetaBytes,
    "reformgraph::MetaValue"
);

/// Adjacency key: `(this node, edge label tag, other node, qualifier)`. In `adj_out` "this"
/// is the start; in `adj_in` it is the end; "other" and "qualifier" are those of the
/// block's first entry. A prefix scan on `(this, label)` lists one kind of neighbour in
/// order. (Schema 1's `edges_out`/`edges_in` had one entry per edge under the same key.)
pub(crate) type AdjKey = (u64, u8, u64, u32);

/// `meta`: settings such as the schema version and the id counter.
pub(crate) const META: TableDefinition<&str, MetaBytes> = TableDefinition::new("meta");
/// `nodes`: node id → record.
pub(crate) const NODES: TableDefinition<u64, NodeBytes> = TableDefinition::new("nodes");
/// `keys`: natural key → node id.
pub(crate) const KEYS: TableDefinition<&str, u64> = TableDefinition::new("keys");
/// `kinds`: (kind tag, node id) → ().
pub(crate) const KINDS: TableDefinition<(u8, u64), ()> = TableDefinition::new("kinds");
/// `names`: (name or alias, node id) → (), for organisations, areas and indicators.
pub(crate) const NAMES: TableDefinition<(&str, u64), ()> = TableDefinition::new("names");
/// `fts_terms`: term → number of documents containing it.
pub(crate) const FTS_TERMS: TableDefinition<&str, u64> = TableDefinition::new("fts_terms");
/// `fts_postings` of schema 1: (term, node id) → positions. Converted to `fts_blocks` and
/// deleted by the upgrade to schema 2.
pub(crate) const FTS_POSTINGS_V1: TableDefinition<(&str, u64), PostingBytes> =
    TableDefinition::new("fts_postings");
/// `fts_blocks`: (term, first node id of the block) → that block of the term's postings
/// (up to [`crate::store::fulltext::BLOCK_MAX`] documents in id order, each with the
/// term's frequency and the document's length).
pub(crate) const FTS_BLOCKS: TableDefinition<(&str, u64), PostingBlockBytes> =
    TableDefinition::new("fts_blocks");
/// `fts_docs`: node id → document record.
pub(crate) const FTS_DOCS: TableDefinition<u64, FtsDocBytes> = TableDefinition::new("fts_docs");
/// `fts_doc_terms`: node id → the document's distinct terms (what to remove on change).
pub(crate) const FTS_DOC_TERMS: TableDefinition<u64, DocTermsBytes> =
    TableDefinition::new("fts_doc_terms");
/// `fts_stats`: index-wide sums.
pub(crate) const FTS_STATS: TableDefinition<&str, u64> = TableDefinition::new("fts_stats");
/// `events`: event id (UUIDv7) → event. Append-only.
pub(crate) const EVENTS: TableDefinition<u128, EventBytes> = TableDefinition::new("events");
/// `event_log`: local arrival sequence → event id, for changeset export cursors.
pub(crate) const EVENT_LOG: TableDefinition<u64, u128> = TableDefinition::new("event_log");
/// `subject_events`: (subject key, event id) → (): a node's history in one range scan.
pub(crate) const SUBJECT_EVENTS: TableDefinition<(&str, u128), ()> =
    TableDefinition::new("subject_events");
/// `task_state`: task key → state derived from its events.
pub(crate) const TASK_STATE: TableDefinition<&str, TaskStateBytes> =
    TableDefinition::new("task_state");
/// `project_state`: project key → state derived from its events.
pub(crate) const PROJECT_STATE: TableDefinition<&str, ProjectStateBytes> =
    TableDefinition::new("project_state");
/// Observation key: `(indicator key, area key, year, reference flag)`.
pub(crate) type ObservationKey<'a> = (&'a str, &'a str, u16, bool);
/// `observations`: (indicator key, area key, year, reference flag) → the latest observation.
pub(crate) const OBSERVATIONS: TableDefinition<(&str, &str, u16, bool), ObservationBytes> =
    TableDefinition::new("observations");
/// Timeline key: `(subject key, effective date packed by [`day_key`], recorded at (ms),
/// event id)`, i.e. a subject's task or project events in application order.
pub(crate) type TimelineKey<'a> = (&'a str, u32, i64, u128);
/// `timeline`: a task's or project's state after each of its events, in application order,
/// so an as-of read is one reverse range step.
pub(crate) const TIMELINE: TableDefinition<TimelineKey<'static>, CheckpointBytes> =
    TableDefinition::new("timeline");
/// `slots`: slot (what an event changes, or `subject#*`) → the winning event id.
pub(crate) const SLOTS: TableDefinition<&str, u128> = TableDefinition::new("slots");
/// `edges_out` of schema 1: one entry per edge by start node; converted and deleted by the
/// upgrade to schema 2.
pub(crate) const EDGES_OUT_V1: TableDefinition<AdjKey, EdgeBytes> =
    TableDefinition::new("edges_out");
/// `edges_in` of schema 1 (mirror of `edges_out`).
pub(crate) const EDGES_IN_V1: TableDefinition<AdjKey, EdgeBytes> = TableDefinition::new("edges_in");
/// `adj_out`: adjacency blocks by start node.
pub(crate) const ADJ_OUT: TableDefinition<AdjKey, EdgeBlockBytes> = TableDefinition::new("adj_out");
/// `adj_in`: adjacency blocks by end node (mirror of `adj_out`).
pub(crate) const ADJ_IN: TableDefinition<AdjKey, EdgeBlockBytes> = TableDefinition::new("adj_in");

/// Meta key of the schema version (u32).
pub(crate) const META_SCHEMA_VERSION: &str = "schema_version";
/// Meta key of the next node id to allocate (u64).
pub(crate) const META_NEXT_ID: &str = "next_node_id";
/// Meta key of the access policy switch (bool): when true, tracking checks that the
/// actor's organisation may change what it changes.
pub(crate) const META_ACCESS_ENFORCED: &str = "access_enforced";
/// Meta key of the administrator's public key (`[u8; 32]`, schema 4 on): when set, every
/// event must be signed by a key the administrator certified.
pub(crate) const META_ADMIN_KEY: &str = "admin_key";
/// Meta key of the first event-log position the administrator key governs (u64): events
/// logged before it arrived before there was an administrator. Unset in files whose key
/// was set before this setting existed: then every event is governed.
pub(crate) const META_ADMIN_SINCE: &str = "admin_since";
/// Meta key of the next local event sequence number (u64).
pub(crate) const META_NEXT_EVENT_SEQ: &str = "next_event_seq";

/// The schema version this build writes and reads. Older files are upgraded in place when
/// opened for writing; version 2 and 3 files can also be read as they are (version 3 only
/// adds node record format 2, version 4 signed events and the administrator key). See
/// `docs/design.md`.
pub const SCHEMA_VERSION: u32 = 4;

/// The oldest schema version a read-only handle reads without upgrading.
pub(crate) const OLDEST_READABLE_AS_IS: u32 = 2;

/// A date as an order-preserving `u32` (`year << 9 | month << 5 | day`).
pub(crate) fn day_key(d: crate::model::Date) -> u32 {
    super::records::common::DateV1::from(d).day_key()
}
