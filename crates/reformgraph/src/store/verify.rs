//! `Store::verify`: a full consistency check of every table against every other.

use std::collections::{HashMap, HashSet};

use redb::{ReadTransaction, ReadableTable};
use serde::Serialize;

use super::adjacency;
use super::codec;
use super::read::sealed::RawTables;
use super::read::{GraphRead, decode_event};
use super::read::{decode_node, storage};
use super::tables::{
    ADJ_IN, ADJ_OUT, KEYS, KINDS, META, META_NEXT_EVENT_SEQ, META_NEXT_ID, MetaBytes, NAMES, NODES,
};
use crate::error::{Error, Result};
use crate::model::NodeKind;

/// One thing `verify` found wrong.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Problem {
    /// The table the problem is in.
    pub table: &'static str,
    /// The record's key, printed.
    pub key: String,
    /// What is wrong.
    pub message: String,
}

impl std::fmt::Display for Problem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} [{}]: {}", self.table, self.key, self.message)
    }
}

struct Found(Vec<Problem>);

impl Found {
    fn push(&mut self, table: &'static str, key: impl ToString, message: impl Into<String>) {
        self.0.push(Problem {
            table,
            key: key.to_string(),
            message: message.into(),
        });
    }
}

fn open_err(e: redb::TableError) -> Error {
    Error::Storage {
        operation: "opening a table to verify",
        source: crate::StorageError::new(e),
    }
}

pub(super) fn verify(txn: &ReadTransaction, snap: &super::Snapshot) -> Result<Vec<Problem>> {
    let mut found = Found(Vec::new());
    let nodes = txn.open_table(NODES).map_err(open_err)?;
    let keys = txn.open_table(KEYS).map_err(open_err)?;
    let kinds = txn.open_table(KINDS).map_err(open_err)?;
    let names = txn.open_table(NAMES).map_err(open_err)?;
    let out = txn.open_table(ADJ_OUT).map_err(open_err)?;
    let inc = txn.open_table(ADJ_IN).map_err(open_err)?;
    let meta = txn.open_table(META).map_err(open_err)?;
    let scan = storage("verifying");

    // id → (key, kind) of every decodable node, and (name, id) of every name it has.
    let mut known: HashMap<u64, (String, NodeKind)> = HashMap::new();
    let mut node_names: HashSet<(String, u64)> = HashSet::new();
    let mut max_id = 0;
    for entry in nodes.iter().map_err(storage("verifying nodes"))? {
        crate::cancel::checkpoint()?;
        let (k, v) = entry.map_err(storage("verifying nodes"))?;
        let id = k.value();
        max_id = max_id.max(id);
        match decode_node(id, v.value()) {
            Ok(node) => {
                for name in node.data.names() {
                    node_names.insert((name.to_owned(), id));
                }
                known.insert(id, (node.key.to_string(), node.kind()));
            }
            Err(e) => found.push("nodes", id, e.to_string()),
        }
    }

    for (&id, (key, kind)) in &known {
        match keys.get(key.as_str()).map_err(storage("verifying keys"))? {
            Some(g) if g.value() == id => {}
            Some(g) => found.push(
                "keys",
                key,
                format!("maps to {} but node {id} has this key", g.value()),
            ),
            None => found.push("keys", key, format!("missing entry for node {id}")),
        }
        if kinds
            .get((kind.tag(), id))
            .map_err(storage("verifying kinds"))?
            .is_none()
        {
            found.push("kinds", format!("({}, {id})", kind.tag()), "missing entry");
        }
    }

    for entry in keys.iter().map_err(storage("verifying keys"))? {
        let (k, v) = entry.map_err(storage("verifying keys"))?;
        let (key, id) = (k.value().to_owned(), v.value());
        match known.get(&id) {
            Some((node_key, _)) if *node_key == key => {}
            Some((node_key, _)) => found.push(
                "keys",
                &key,
                format!("points at node {id}, whose key is {node_key:?}"),
            ),
            None => found.push("keys", &key, format!("points at missing node {id}")),
        }
    }

    for entry in kinds.iter().map_err(storage("verifying kinds"))? {
        let (k, _) = entry.map_err(storage("verifying kinds"))?;
        let (tag, id) = k.value();
        match (known.get(&id), NodeKind::from_tag(tag)) {
            (_, None) => found.push("kinds", format!("({tag}, {id})"), "unknown kind tag"),
            (Some((_, kind)), Some(t)) if *kind == t => {}
            (Some((_, kind)), Some(_)) => found.push(
                "kinds",
                format!("({tag}, {id})"),
                format!("node {id} is a {kind}"),
            ),
            (None, Some(_)) => found.push(
                "kinds",
                format!("({tag}, {id})"),
                "points at a missing node",
            ),
        }
    }

    let mut indexed: HashSet<(String, u64)> = HashSet::new();
    for entry in names.iter().map_err(storage("verifying names"))? {
        let (k, _) = entry.map_err(storage("verifying names"))?;
        let (name, id) = k.value();
        let pair = (name.to_owned(), id);
        if !node_names.contains(&pair) {
            found.push("names", format!("({name}, {id})"), "no node has this name");
        }
        indexed.insert(pair);
    }
    let mut missing: Vec<_> = node_names.difference(&indexed).collect();
    missing.sort();
    for (name, id) in missing {
        found.push("names", format!("({name}, {id})"), "missing entry");
    }

    // Every edge of both adjacency tables as `(from, label, to, qualifier) → attribute`;
    // the two must be the same set.
    let mut by_direction: Vec<HashMap<(u64, u8, u64, u32), u32>> = Vec::new();
    for (table, this, outgoing) in [(&out, "adj_out", true), (&inc, "adj_in", false)] {
        let mut edges = HashMap::new();
        let mut previous: Option<(u64, u8, u64, u32)> = None;
        for entry in table.iter().map_err(storage("verifying edges"))? {
            crate::cancel::checkpoint()?;
            let (k, v) = entry.map_err(storage("verifying edges"))?;
            let key = k.value();
            let entries = match adjacency::decode_block(this, key, v.value()) {
                Ok(entries) => entries,
                Err(e) => {
                    found.push(this, format!("{key:?}"), e.to_string());
                    continue;
                }
            };
            if let Some(prev) = previous
                && (prev.0, prev.1) == (key.0, key.1)
                && (prev.2, prev.3) >= (key.2, key.3)
            {
                found.push(this, format!("{key:?}"), "overlaps the previous block");
            }
            for e in &entries {
                for end in [key.0, e.other] {
                    if !known.contains_key(&end) {
                        found.push(this, format!("{key:?}"), format!("dangles: no node {end}"));
                    }
                }
                let edge = if outgoing {
                    (key.0, key.1, e.other, e.qualifier)
                } else {
                    (e.other, key.1, key.0, e.qualifier)
                };
                edges.insert(edge, e.attribute);
            }
            previous = entries.last().map(|e| (key.0, key.1, e.other, e.qualifier));
        }
        by_direction.push(edges);
    }
    if let [outgoing, incoming] = by_direction.as_slice() {
        for (this, edges, mirror, mirror_name) in [
            ("adj_out", outgoing, incoming, "adj_in"),
            ("adj_in", incoming, outgoing, "adj_out"),
        ] {
            let mut wrong: Vec<_> = edges
                .iter()
                .filter(|(k, v)| mirror.get(*k) != Some(*v))
                .map(|(k, _)| *k)
                .collect();
            wrong.sort_unstable();
            for key in wrong {
                let message = if mirror.contains_key(&key) {
                    format!("payload differs from {mirror_name}")
                } else {
                    format!("no mirror entry in {mirror_name}")
                };
                found.push(this, format!("{key:?}"), message);
            }
        }
    }

    super::fulltext::check(snap, &mut |table, key, message| {
        found.push(table, key, message);
    })?;

    check_events(snap, &meta, &mut found)?;

    match meta.get(META_NEXT_ID).map_err(scan)? {
        Some(v) => match codec::decode::<u64>(v.value(), "meta", || META_NEXT_ID.into()) {
            Ok(next) if next > max_id => {}
            Ok(next) => found.push(
                "meta",
                META_NEXT_ID,
                format!("counter {next} is not above the largest id {max_id}"),
            ),
            Err(e) => found.push("meta", META_NEXT_ID, e.to_string()),
        },
        None => found.push("meta", META_NEXT_ID, "missing"),
    }

    Ok(found.0)
}

/// The history tables agree with each other: every event decodes under its own id, is in
/// its subject's index and in the log once; the indexes point at events; state records
/// decode. (Whether the state equals a replay of the history is `track::verify_state`.)
fn check_events(
    snap: &super::Snapshot,
    meta: &redb::ReadOnlyTable<&'static str, MetaBytes>,
    found: &mut Found,
) -> Result<()> {
    let mut subjects: HashMap<u128, String> = HashMap::new();
    for entry in snap
        .events_table()?
        .iter()
        .map_err(storage("verifying events"))?
    {
        let (k, v) = entry.map_err(storage("verifying events"))?;
        let id = k.value();
        match decode_event(id, v.value()) {
            Ok(e) if e.id.0 == id => {
                subjects.insert(id, e.subject);
            }
            Ok(e) => found.push("events", e.id, "stored under another id"),
            Err(e) => found.push("events", id, e.to_string()),
        }
    }
    let mut indexed: HashSet<u128> = HashSet::new();
    for entry in snap
        .subject_events_table()?
        .iter()
        .map_err(storage("verifying subject_events"))?
    {
        let (k, _) = entry.map_err(storage("verifying subject_events"))?;
        let (subject, id) = k.value();
        match subjects.get(&id) {
            Some(s) if s == subject => {
                indexed.insert(id);
            }
            Some(s) => found.push(
                "subject_events",
                format!("({subject}, {id})"),
                format!("the event is about {s}"),
            ),
            None => found.push(
                "subject_events",
                format!("({subject}, {id})"),
                "points at a missing event",
            ),
        }
    }
    let mut logged: HashMap<u128, u32> = HashMap::new();
    let mut max_seq = 0;
    for entry in snap
        .event_log_table()?
        .iter()
        .map_err(storage("verifying event_log"))?
    {
        let (k, v) = entry.map_err(storage("verifying event_log"))?;
        max_seq = max_seq.max(k.value());
        if !subjects.contains_key(&v.value()) {
            found.push("event_log", k.value(), "points at a missing event");
        }
        *logged.entry(v.value()).or_default() += 1;
    }
    for id in subjects.keys() {
        if !indexed.contains(id) {
            found.push(
                "subject_events",
                id,
                "event missing from its subject's history",
            );
        }
        match logged.get(id) {
            Some(1) => {}
            Some(n) => found.push("event_log", id, format!("event logged {n} times")),
            None => found.push("event_log", id, "event missing from the log"),
        }
    }
    match meta
        .get(META_NEXT_EVENT_SEQ)
        .map_err(storage("verifying"))?
    {
        Some(v) => match codec::decode::<u64>(v.value(), "meta", || META_NEXT_EVENT_SEQ.into()) {
            Ok(next) if next > max_seq => {}
            Ok(next) => found.push(
                "meta",
                META_NEXT_EVENT_SEQ,
                format!("counter {next} is not above the last log position {max_seq}"),
            ),
            Err(e) => found.push("meta", META_NEXT_EVENT_SEQ, e.to_string()),
        },
        None => found.push("meta", META_NEXT_EVENT_SEQ, "missing"),
    }
    if let Err(e) = snap.task_states() {
        found.push("task_state", "", e.to_string());
    }
    if let Err(e) = snap.project_states() {
        found.push("project_state", "", e.to_string());
    }
    Ok(())
}
