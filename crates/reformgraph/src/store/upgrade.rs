//! In-place upgrades of files written by older schema versions. An upgrade runs when a file
//! is opened for writing, in one durable transaction: a crash during it leaves the old
//! version intact, and the next open upgrades again. A read-only open of an older file is
//! refused with a message that says how to upgrade it (see `Error::UnsupportedSchema`).

use std::collections::BTreeMap;

use redb::{Database, ReadableTable};

use super::adjacency::{self, ADJ_TARGET, AdjEntry};
use super::codec;
use super::fulltext::{BLOCK_TARGET, Entry};
use super::read::{GraphRead, sealed::RawTables, storage};
use super::records::edge_v1::EdgeKindV1;
use super::records::posting_v1::PostingV1;
use super::tables::{
    AdjKey, EDGES_IN_V1, EDGES_OUT_V1, EdgeBlockBytes, EdgeBytes, FTS_POSTINGS_V1, PostingBytes,
    SCHEMA_VERSION,
};
use super::write::WriteTx;
use crate::error::{Error, Result, StorageError};
use crate::model::state::tracked;
use crate::model::{Event, EventId};

/// Upgrades a file of schema version `from` to [`SCHEMA_VERSION`].
pub(super) fn upgrade(db: &Database, from: u32) -> Result<()> {
    match from {
        1 => v1_to_v3(db),
        2 => v2_to_v3(db),
        _ => Err(Error::UnsupportedSchema {
            found: from,
            supported: SCHEMA_VERSION,
        }),
    }
}

/// Schema 2 → 3: nothing to convert. Schema 3 writes nodes in record format 2 and reads
/// format 1 through its frozen decoder, so the step only records the new version (an older
/// build then refuses the file instead of failing on the first new node).
fn v2_to_v3(db: &Database) -> Result<()> {
    let mut txn = db.begin_write().map_err(|e| Error::Storage {
        operation: "beginning the upgrade",
        source: StorageError::new(e),
    })?;
    txn.set_quick_repair(true);
    txn.set_two_phase_commit(true);
    {
        let mut tx = WriteTx::new(&txn)?;
        tx.set_schema_version(SCHEMA_VERSION)?;
        tx.finish()?;
    }
    txn.commit().map_err(|e| Error::Storage {
        operation: "committing the upgrade",
        source: StorageError::new(e),
    })
}

/// Schema 1 → 2 (timeline, posting and adjacency blocks), then 2 → 3 (nothing to convert)
/// in the same transaction.
fn v1_to_v3(db: &Database) -> Result<()> {
    let mut txn = db.begin_write().map_err(|e| Error::Storage {
        operation: "beginning the upgrade",
        source: StorageError::new(e),
    })?;
    txn.set_quick_repair(true);
    txn.set_two_phase_commit(true);
    {
        let mut tx = WriteTx::new(&txn)?;
        v1_to_v2(&mut tx)?;
        {
            let old = txn.open_table(FTS_POSTINGS_V1).map_err(open_old)?;
            convert_postings(&mut tx, &old)?;
            let old = txn.open_table(EDGES_OUT_V1).map_err(open_old)?;
            convert_edges(&mut tx.edges_out, "edges_out", &old)?;
            let old = txn.open_table(EDGES_IN_V1).map_err(open_old)?;
            convert_edges(&mut tx.edges_in, "edges_in", &old)?;
        }
        tx.set_schema_version(SCHEMA_VERSION)?;
        tx.finish()?;
    }
    let delete_old = |e: redb::TableError| Error::Storage {
        operation: "deleting schema 1's tables",
        source: StorageError::new(e),
    };
    txn.delete_table(FTS_POSTINGS_V1).map_err(delete_old)?;
    txn.delete_table(EDGES_OUT_V1).map_err(delete_old)?;
    txn.delete_table(EDGES_IN_V1).map_err(delete_old)?;
    txn.commit().map_err(|e| Error::Storage {
        operation: "committing the upgrade",
        source: StorageError::new(e),
    })
}

fn open_old(e: redb::TableError) -> Error {
    Error::Storage {
        operation: "opening schema 1's tables",
        source: StorageError::new(e),
    }
}

fn decode_edge(table: &'static str, k: AdjKey, bytes: &[u8]) -> Result<EdgeKindV1> {
    let kind: EdgeKindV1 = codec::decode(bytes, table, || format!("{k:?}"))?;
    if kind.tag() != k.1 || kind.qualifier() != k.3 {
        return Err(Error::Corrupt {
            table,
            key: format!("{k:?}"),
            reason: format!("payload {kind:?} does not match the key"),
        });
    }
    Ok(kind)
}

/// Version 2 replaced `edges_out`/`edges_in` (one entry per edge) by `adj_out`/`adj_in`
/// (a node's neighbours under one label in blocks): the old tables are read in key order,
/// which is the blocks' order, and written out a node and label at a time.
fn convert_edges(
    new: &mut redb::Table<'_, AdjKey, EdgeBlockBytes>,
    table: &'static str,
    old: &redb::Table<'_, AdjKey, EdgeBytes>,
) -> Result<()> {
    let mut current: Option<(u64, u8)> = None;
    let mut entries: Vec<AdjEntry> = Vec::new();
    let flush = |new: &mut redb::Table<'_, AdjKey, EdgeBlockBytes>,
                 at: Option<(u64, u8)>,
                 entries: &[AdjEntry]|
     -> Result<()> {
        if let Some((node, label)) = at {
            for part in entries.chunks(ADJ_TARGET) {
                adjacency::write_blocks(new, node, label, part)?;
            }
        }
        Ok(())
    };
    for row in old.iter().map_err(storage("reading schema 1's edges"))? {
        let (k, v) = row.map_err(storage("reading schema 1's edges"))?;
        let key = k.value();
        let kind = decode_edge(table, key, v.value())?;
        if current != Some((key.0, key.1)) {
            flush(new, current, &entries)?;
            entries.clear();
            current = Some((key.0, key.1));
        }
        entries.push(AdjEntry {
            other: key.2,
            qualifier: key.3,
            attribute: kind.attribute(),
        });
    }
    flush(new, current, &entries)
}

/// Version 2 replaced `fts_postings` (one entry per term and document, with positions) by
/// `fts_blocks` (a term's documents in blocks, with frequencies): the old table is read in
/// key order, which is the blocks' order, and written out term by term.
fn convert_postings(
    tx: &mut WriteTx<'_>,
    old: &redb::Table<'_, (&'static str, u64), PostingBytes>,
) -> Result<()> {
    let mut term = String::new();
    let mut entries: Vec<Entry> = Vec::new();
    for row in old.iter().map_err(storage("reading schema 1's postings"))? {
        let (k, v) = row.map_err(storage("reading schema 1's postings"))?;
        let (t, id) = k.value();
        let p: PostingV1 = codec::decode(v.value(), "fts_postings", || format!("({t}, {id})"))?;
        if t != term {
            tx.write_blocks(&term, &entries, BLOCK_TARGET)?;
            entries.clear();
            t.clone_into(&mut term);
        }
        entries.push(Entry {
            id,
            tf: u32::try_from(p.positions.len()).unwrap_or(u32::MAX),
            doc_len: p.doc_len,
        });
    }
    tx.write_blocks(&term, &entries, BLOCK_TARGET)
}

/// Version 2 added the `timeline` table (opening the transaction created it empty): fill it
/// from every task's and project's history.
fn v1_to_v2(tx: &mut WriteTx<'_>) -> Result<()> {
    let mut by_subject: BTreeMap<String, Vec<EventId>> = BTreeMap::new();
    for entry in tx
        .subject_events_table()?
        .iter()
        .map_err(storage("reading histories for the upgrade"))?
    {
        let (k, _) = entry.map_err(storage("reading histories for the upgrade"))?;
        let (subject, id) = k.value();
        by_subject
            .entry(subject.to_owned())
            .or_default()
            .push(EventId(id));
    }
    for (subject, ids) in by_subject {
        let mut events: Vec<Event> = Vec::with_capacity(ids.len());
        for id in ids {
            let event = tx.event(id)?.ok_or_else(|| Error::Corrupt {
                table: "subject_events",
                key: format!("({subject}, {id})"),
                reason: "points at a missing event".into(),
            })?;
            if tracked(&event).is_some() {
                events.push(event);
            }
        }
        if events.is_empty() {
            continue;
        }
        events.sort_by_key(Event::order_key);
        tx.replay_subject(&subject, &events)?;
    }
    Ok(())
}
