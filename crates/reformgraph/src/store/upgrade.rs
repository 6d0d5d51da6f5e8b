//! In-place upgrades of files written by older schema versions. An upgrade runs when a file
//! is opened for writing, in one durable transaction: a crash during it leaves the old
//! version intact, and the next open upgrades again. A read-only open of an older file is
//! refused with a message that says how to upgrade it (see `Error::UnsupportedSchema`).
//!
//! Each schema step is a frozen migration: a function over the transaction's raw tables
//! that reads and writes only frozen record types (`records`) and the tables as its two
//! schemas define them — never today's `WriteTx`, indexes or tracking code, so what a step
//! writes does not drift as the rest of the crate changes. The chain is explicit
//! ([`STEPS`]): a file of schema n runs every step from n on, each recording the version it
//! reaches.

mod replay_v2;

use std::collections::BTreeMap;

use redb::{Database, ReadableTable, TableDefinition, WriteTransaction};

use super::adjacency::{ADJ_MAX, AdjEntry, EdgeBlock};
use super::codec;
use super::fulltext::{BLOCK_MAX, Entry, PostingBlock};
use super::read::storage;
use super::records::edge_v1::EdgeKindV1;
use super::records::event_v1::EventV1;
use super::records::node_v1::NodeRecordV1;
use super::records::posting_v1::PostingV1;
use super::tables::{
    ADJ_IN, ADJ_OUT, AdjKey, EDGES_IN_V1, EDGES_OUT_V1, EVENTS, EdgeBlockBytes, EdgeBytes,
    FTS_BLOCKS, FTS_POSTINGS_V1, KEYS, META, META_SCHEMA_VERSION, NODES, SCHEMA_VERSION,
    SUBJECT_EVENTS, TIMELINE,
};
use crate::error::{Error, Result, StorageError};
use crate::model::EventId;

/// One schema step: takes the file in the transaction from its version to the next.
type Step = fn(&WriteTransaction) -> Result<()>;

/// The chain: `(n, step)` takes a file of schema n to n + 1. The last step reaches
/// [`SCHEMA_VERSION`].
const STEPS: [(u32, Step); 3] = [(1, v1_to_v2), (2, v2_to_v3), (3, v3_to_v4)];

/// Entries per block the schema-2 conversions write: schema 2's bulk block size for both
/// adjacency and postings, which every later reader accepts (they split blocks only past
/// twice that).
const BLOCK_V2: usize = 128;

// The blocks the conversions write must stay readable by this build's decoders.
const _: () = assert!(BLOCK_V2 <= ADJ_MAX && BLOCK_V2 <= BLOCK_MAX);

/// Upgrades a file of schema version `from` to [`SCHEMA_VERSION`].
pub(super) fn upgrade(db: &Database, from: u32) -> Result<()> {
    if !(1..SCHEMA_VERSION).contains(&from) {
        return Err(Error::UnsupportedSchema {
            found: from,
            supported: SCHEMA_VERSION,
        });
    }
    let mut txn = db.begin_write().map_err(|e| Error::Storage {
        operation: "beginning the upgrade",
        source: StorageError::new(e),
    })?;
    txn.set_quick_repair(true);
    txn.set_two_phase_commit(true);
    for (version, step) in STEPS {
        if version >= from {
            step(&txn)?;
        }
    }
    txn.commit().map_err(|e| Error::Storage {
        operation: "committing the upgrade",
        source: StorageError::new(e),
    })
}

fn open_err(e: redb::TableError) -> Error {
    Error::Storage {
        operation: "opening a table to upgrade",
        source: StorageError::new(e),
    }
}

/// Records the schema version a step reached (a meta `u32`, format 1).
fn set_version(txn: &WriteTransaction, version: u32) -> Result<()> {
    let mut meta = txn.open_table(META).map_err(open_err)?;
    meta.insert(META_SCHEMA_VERSION, codec::encode(&version)?.as_slice())
        .map_err(storage("writing the schema version"))?;
    Ok(())
}

/// Schema 2 → 3: nothing to convert. Schema 3 writes nodes in record format 2 and reads
/// format 1 through its frozen decoder, so the step only records the new version (an older
/// build then refuses the file instead of failing on the first new node).
fn v2_to_v3(txn: &WriteTransaction) -> Result<()> {
    set_version(txn, 3)
}

/// Schema 3 → 4: nothing to convert. Schema 4 may hold signed events (record format 2 of
/// `events`) and an administrator key in `meta`; the step records the version so that an
/// older build refuses the file instead of failing on the first signed event.
fn v3_to_v4(txn: &WriteTransaction) -> Result<()> {
    set_version(txn, 4)
}

/// Schema 1 → 2: adds the `timeline` (filled from every task's and project's history),
/// replaces `fts_postings` by `fts_blocks` and `edges_out`/`edges_in` by `adj_out`/`adj_in`
/// (converted, the old tables deleted).
fn v1_to_v2(txn: &WriteTransaction) -> Result<()> {
    fill_timeline(txn)?;
    convert_postings(txn)?;
    convert_edges(txn, EDGES_OUT_V1, ADJ_OUT, "edges_out")?;
    convert_edges(txn, EDGES_IN_V1, ADJ_IN, "edges_in")?;
    let delete_old = |e: redb::TableError| Error::Storage {
        operation: "deleting schema 1's tables",
        source: StorageError::new(e),
    };
    txn.delete_table(FTS_POSTINGS_V1).map_err(delete_old)?;
    txn.delete_table(EDGES_OUT_V1).map_err(delete_old)?;
    txn.delete_table(EDGES_IN_V1).map_err(delete_old)?;
    set_version(txn, 2)
}

/// Feeds `rows` (in key order, so each group's rows are consecutive and sorted) to `write`
/// a group at a time, in runs of at most [`BLOCK_V2`], each with its first entry (what a
/// block is keyed by).
fn in_blocks<G: PartialEq, E>(
    rows: impl Iterator<Item = Result<(G, E)>>,
    mut write: impl FnMut(&G, &E, &[E]) -> Result<()>,
) -> Result<()> {
    let mut current: Option<G> = None;
    let mut entries: Vec<E> = Vec::new();
    let mut flush = |group: &Option<G>, entries: &[E]| -> Result<()> {
        let Some(g) = group else { return Ok(()) };
        entries
            .chunks(BLOCK_V2)
            .try_for_each(|part| match part.first() {
                Some(first) => write(g, first, part),
                None => Ok(()),
            })
    };
    for row in rows {
        let (group, entry) = row?;
        if current.as_ref() != Some(&group) {
            flush(&current, &entries)?;
            entries.clear();
            current = Some(group);
        }
        entries.push(entry);
    }
    flush(&current, &entries)
}

/// Schema 2 replaced `edges_out`/`edges_in` (one entry per edge, the payload an
/// [`EdgeKindV1`]) by `adj_out`/`adj_in` (a node's neighbours under one label in
/// [`EdgeBlock`]s): the old table is read in key order, which is the blocks' order.
fn convert_edges(
    txn: &WriteTransaction,
    old: TableDefinition<'static, AdjKey, EdgeBytes>,
    new: TableDefinition<'static, AdjKey, EdgeBlockBytes>,
    table: &'static str,
) -> Result<()> {
    let old = txn.open_table(old).map_err(open_err)?;
    let mut new = txn.open_table(new).map_err(open_err)?;
    let rows = old
        .iter()
        .map_err(storage("reading schema 1's edges"))?
        .map(|row| {
            let (k, v) = row.map_err(storage("reading schema 1's edges"))?;
            let key = k.value();
            let kind: EdgeKindV1 = codec::decode(v.value(), table, || format!("{key:?}"))?;
            if kind.tag() != key.1 || kind.qualifier() != key.3 {
                return Err(Error::Corrupt {
                    table,
                    key: format!("{key:?}"),
                    reason: format!("payload {kind:?} does not match the key"),
                });
            }
            let entry = AdjEntry {
                other: key.2,
                qualifier: key.3,
                attribute: kind.attribute(),
            };
            Ok(((key.0, key.1), entry))
        });
    in_blocks(rows, |&(node, label), first, part| {
        let bytes = codec::encode(&EdgeBlock::from_entries(part))?;
        new.insert(
            (node, label, first.other, first.qualifier),
            bytes.as_slice(),
        )
        .map_err(storage("writing adjacency"))?;
        Ok(())
    })
}

/// Schema 2 replaced `fts_postings` (one entry per term and document, a [`PostingV1`] with
/// positions) by `fts_blocks` (a term's documents in [`PostingBlock`]s, with frequencies):
/// the old table is read in key order, which is the blocks' order.
fn convert_postings(txn: &WriteTransaction) -> Result<()> {
    let old = txn.open_table(FTS_POSTINGS_V1).map_err(open_err)?;
    let mut new = txn.open_table(FTS_BLOCKS).map_err(open_err)?;
    let rows = old
        .iter()
        .map_err(storage("reading schema 1's postings"))?
        .map(|row| {
            let (k, v) = row.map_err(storage("reading schema 1's postings"))?;
            let (term, id) = k.value();
            let p: PostingV1 =
                codec::decode(v.value(), "fts_postings", || format!("({term}, {id})"))?;
            let entry = Entry {
                id,
                tf: u32::try_from(p.positions.len()).unwrap_or(u32::MAX),
                doc_len: p.doc_len,
            };
            Ok((term.to_owned(), entry))
        });
    in_blocks(rows, |term, first, part| {
        let bytes = codec::encode(&PostingBlock::from_entries(part))?;
        new.insert((term.as_str(), first.id), bytes.as_slice())
            .map_err(storage("writing postings"))?;
        Ok(())
    })
}

/// Schema 2 added the `timeline`: each task's and project's state after every one of its
/// events, by schema 2's rules ([`replay_v2`]), a task starting from its plan deadline.
fn fill_timeline(txn: &WriteTransaction) -> Result<()> {
    let subject_events = txn.open_table(SUBJECT_EVENTS).map_err(open_err)?;
    let events = txn.open_table(EVENTS).map_err(open_err)?;
    let keys = txn.open_table(KEYS).map_err(open_err)?;
    let nodes = txn.open_table(NODES).map_err(open_err)?;
    let mut timeline = txn.open_table(TIMELINE).map_err(open_err)?;
    let mut by_subject: BTreeMap<String, Vec<u128>> = BTreeMap::new();
    for entry in subject_events
        .iter()
        .map_err(storage("reading histories for the upgrade"))?
    {
        let (k, _) = entry.map_err(storage("reading histories for the upgrade"))?;
        let (subject, id) = k.value();
        by_subject.entry(subject.to_owned()).or_default().push(id);
    }
    for (subject, ids) in by_subject {
        let mut history: Vec<EventV1> = Vec::with_capacity(ids.len());
        for id in ids {
            let key = || format!("({subject}, {})", EventId(id));
            let bytes = events
                .get(id)
                .map_err(storage("reading an event for the upgrade"))?
                .ok_or_else(|| Error::Corrupt {
                    table: "subject_events",
                    key: key(),
                    reason: "points at a missing event".into(),
                })?;
            let event: EventV1 =
                codec::decode(bytes.value(), "events", || EventId(id).to_string())?;
            if replay_v2::tracked(&event) {
                history.push(event);
            }
        }
        if history.is_empty() {
            continue;
        }
        history.sort_by_key(EventV1::order_key);
        let deadline = match keys
            .get(subject.as_str())
            .map_err(storage("reading a key"))?
        {
            Some(id) => {
                let id = id.value();
                let node = nodes
                    .get(id)
                    .map_err(storage("reading a node"))?
                    .ok_or_else(|| Error::Corrupt {
                        table: "keys",
                        key: subject.clone(),
                        reason: format!("points at missing node #{id}"),
                    })?;
                let node: NodeRecordV1 = codec::decode(node.value(), "nodes", || id.to_string())?;
                node.task_deadline()
            }
            None => None,
        };
        for (e, checkpoint) in replay_v2::replay(deadline, &history) {
            let at = (subject.as_str(), e.effective.day_key(), e.recorded_at, e.id);
            timeline
                .insert(at, codec::encode(&checkpoint)?.as_slice())
                .map_err(storage("writing a timeline"))?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_chain_reaches_this_schema_one_step_at_a_time() {
        let froms: Vec<u32> = STEPS.iter().map(|(from, _)| *from).collect();
        let expected: Vec<u32> = (1..SCHEMA_VERSION).collect();
        assert_eq!(froms, expected);
    }
}
