//! Lossless JSON: the whole store — plan graph and full event history — in one document
//! that imports into an empty store to give the same store back.

use std::collections::{BTreeMap, BTreeSet};

use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};
use crate::model::{
    Direction, Edge, EdgeKind, Event, NodeData, NodeId, NodeKey, NodeKind, SourceSpan,
};
use crate::store::{GraphRead, SCHEMA_VERSION, Store};

/// Name in the `format` field of every dump.
pub const DUMP_FORMAT: &str = "reformgraph-dump";
/// Version of the dump layout this build writes and reads.
pub const DUMP_VERSION: u32 = 1;

/// One node of a dump (ids are file-local and not exported).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DumpNode {
    /// Natural key.
    pub key: NodeKey,
    /// Kind name (redundant with `data`, for readers of the file).
    pub kind: String,
    /// Source span.
    pub source: Option<SourceSpan>,
    /// Typed data.
    pub data: NodeData,
}

/// One edge of a dump, between natural keys.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DumpEdge {
    /// Start key.
    pub from: String,
    /// Label name (redundant with `kind`).
    pub label: String,
    /// End key.
    pub to: String,
    /// Kind and payload.
    pub kind: EdgeKind,
}

/// A whole store. Nodes sort by key, edges by (from, label, to, payload), events by id, so
/// two dumps of equal stores are equal bytes and can be diffed.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Dump {
    /// Always [`DUMP_FORMAT`].
    pub format: String,
    /// [`DUMP_VERSION`].
    pub version: u32,
    /// The store's schema version when dumped.
    pub schema_version: u32,
    /// Every node.
    pub nodes: Vec<DumpNode>,
    /// Every edge.
    pub edges: Vec<DumpEdge>,
    /// The whole history.
    pub events: Vec<Event>,
    /// Whether the access policy was on (its grants are the `may_record` edges). A dump
    /// without the field is of a store with the policy off.
    #[serde(default)]
    pub access_enforced: bool,
    /// The administrator's public key, if the store has one (its events are then all
    /// signed, and a load checks every signature).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub admin_key: Option<crate::model::PublicKey>,
    /// The events the store held before its administrator key was set (recorded or received
    /// before there was an administrator: they need no signature), by id. A dump without
    /// the field has none.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub before_admin: Vec<crate::model::EventId>,
}

/// What [`load_json`] loaded.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct LoadReport {
    /// Nodes.
    pub nodes: usize,
    /// Edges (grants included).
    pub edges: usize,
    /// Events.
    pub events: usize,
    /// Whether the access policy is on, as it was in the dumped store.
    pub access_enforced: bool,
}

/// Reads a whole store into a [`Dump`].
///
/// # Errors
/// Storage or decoding errors.
///
/// ```
/// use reformgraph::{Store, export};
/// let dump = export::dump(&Store::in_memory()?.read()?)?;
/// assert!(dump.nodes.is_empty() && dump.events.is_empty());
/// # Ok::<(), reformgraph::Error>(())
/// ```
pub fn dump<R: GraphRead + ?Sized>(r: &R) -> Result<Dump> {
    let mut keys: BTreeMap<NodeId, String> = BTreeMap::new();
    let mut nodes = Vec::new();
    for kind in NodeKind::ALL {
        crate::cancel::checkpoint()?;
        for id in r.ids_of_kind(kind)? {
            let Some(n) = r.node(id)? else { continue };
            keys.insert(id, n.key.to_string());
            nodes.push(DumpNode {
                kind: n.kind().name().to_owned(),
                key: n.key,
                source: n.source,
                data: n.data,
            });
        }
    }
    nodes.sort_by(|a, b| a.key.cmp(&b.key));
    let mut edges = Vec::new();
    for (&id, from) in &keys {
        for e in r.edges(id, None, Direction::Outgoing)? {
            let to = keys.get(&e.to).cloned().ok_or_else(|| Error::Corrupt {
                table: "adj_out",
                key: format!("{e:?}"),
                reason: "points at a missing node".into(),
            })?;
            edges.push(DumpEdge {
                from: from.clone(),
                label: e.kind.label().name().to_owned(),
                to,
                kind: e.kind,
            });
        }
    }
    edges.sort_by(|a, b| {
        (&a.from, &a.label, &a.to, a.kind.qualifier()).cmp(&(
            &b.from,
            &b.label,
            &b.to,
            b.kind.qualifier(),
        ))
    });
    let logged = r.events_after(0, usize::MAX)?;
    let since = r.admin_since()?;
    let mut before_admin: Vec<crate::model::EventId> = match r.admin_key()? {
        Some(_) => logged
            .iter()
            .filter(|(seq, _)| *seq < since)
            .map(|(_, e)| e.id)
            .collect(),
        None => Vec::new(),
    };
    before_admin.sort();
    let mut events: Vec<Event> = logged.into_iter().map(|(_, e)| e).collect();
    events.sort_by_key(|e| e.id);
    Ok(Dump {
        format: DUMP_FORMAT.into(),
        version: DUMP_VERSION,
        schema_version: SCHEMA_VERSION,
        nodes,
        edges,
        events,
        access_enforced: r.access_enforced()?,
        admin_key: r.admin_key()?,
        before_admin,
    })
}

/// The store as pretty-printed JSON.
///
/// # Errors
/// As [`dump`].
///
/// ```
/// use reformgraph::{Store, export};
/// let json = export::to_json(&Store::in_memory()?.read()?)?;
/// assert!(json.contains("reformgraph-dump"));
/// # Ok::<(), reformgraph::Error>(())
/// ```
pub fn to_json<R: GraphRead + ?Sized>(r: &R) -> Result<String> {
    let d = dump(r)?;
    let mut s = serde_json::to_string_pretty(&d)
        .map_err(|e| Error::invalid("dump", format!("cannot be written as JSON: {e}")))?;
    s.push('\n');
    Ok(s)
}

/// Loads a JSON dump into an **empty** store, in one transaction: nodes, edges, then the
/// history, whose derived state (task and project states, observations, slots) is
/// recomputed by replay; then the access policy is set as the dump says. A dump is a whole
/// store restored as it was: its history was accepted under the policy it records, and the
/// policy applies to whatever is recorded or received afterwards.
///
/// # Errors
/// [`Error::Invalid`] if the JSON is not a dump of a version this build reads, or the store
/// is not empty; [`Error::Import`] if an edge or event names a key the dump lacks. On
/// error nothing is written.
///
/// ```
/// use reformgraph::{Store, export, import::bundled};
/// let a = Store::in_memory()?;
/// bundled::import_shanxi_2013(&a)?;
/// let json = export::to_json(&a.read()?)?;
/// let b = Store::in_memory()?;
/// export::load_json(&b, &json)?;
/// assert_eq!(export::to_json(&b.read()?)?, json);
/// # Ok::<(), reformgraph::Error>(())
/// ```
pub fn load_json(store: &Store, json: &str) -> Result<LoadReport> {
    let d: Dump =
        serde_json::from_str(json).map_err(|e| Error::invalid("dump JSON", e.to_string()))?;
    if d.format != DUMP_FORMAT || d.version != DUMP_VERSION {
        return Err(Error::invalid(
            "dump",
            format!(
                "it is {} version {}; this build reads {DUMP_FORMAT} version {DUMP_VERSION}",
                d.format, d.version
            ),
        ));
    }
    if d.schema_version > SCHEMA_VERSION {
        return Err(Error::UnsupportedSchema {
            found: d.schema_version,
            supported: SCHEMA_VERSION,
        });
    }
    store.write(|tx| {
        if tx.node_count()? > 0 || tx.event_count()? > 0 {
            return Err(Error::invalid(
                "target store",
                "it is not empty; load a dump into a new database",
            ));
        }
        let mut ids: BTreeMap<String, NodeId> = BTreeMap::new();
        for n in &d.nodes {
            crate::cancel::checkpoint()?;
            let id = tx.insert(n.key.clone(), n.data.clone(), n.source)?;
            ids.insert(n.key.to_string(), id);
        }
        let id_of = |k: &str| {
            ids.get(k).copied().ok_or_else(|| Error::Import {
                line: None,
                reason: format!("the dump names {k:?} in an edge but has no such node"),
            })
        };
        for e in &d.edges {
            tx.add_edge(Edge::new(id_of(&e.from)?, e.kind, id_of(&e.to)?))?;
        }
        // Events enter through the same door as a changeset's: validated, stored, the
        // derived state recomputed (track::apply_events_in). A dump holds each event once.
        let mut ids = BTreeSet::new();
        if let Some(twice) = d.events.iter().find(|e| !ids.insert(e.id)) {
            return Err(Error::invalid(
                "dump",
                format!("event {} appears twice", twice.id),
            ));
        }
        let count = d.events.len();
        // The events from before the administrator first, then a signed store's key: then
        // every later event is checked as a received one is.
        let before: BTreeSet<_> = d.before_admin.iter().copied().collect();
        let (early, late): (Vec<Event>, Vec<Event>) = d
            .events
            .iter()
            .cloned()
            .partition(|e| before.contains(&e.id));
        crate::track::apply_events_in(tx, early)?;
        if let Some(key) = d.admin_key {
            tx.set_admin_key(key)?;
        }
        crate::track::apply_events_in(tx, late)?;
        tx.set_access_enforced(d.access_enforced)?;
        Ok(LoadReport {
            nodes: d.nodes.len(),
            edges: d.edges.len(),
            events: count,
            access_enforced: d.access_enforced,
        })
    })
}

/// The graph in networkx's node-link format (`{"directed": true, "multigraph": true,
/// "nodes": [...], "links": [...]}`), nodes by key with kind, label and data, links with
/// label and payload.
///
/// # Errors
/// As [`dump`].
///
/// ```
/// use reformgraph::{Store, export};
/// let v = export::node_link(&Store::in_memory()?.read()?)?;
/// assert_eq!(v["directed"], true);
/// # Ok::<(), reformgraph::Error>(())
/// ```
pub fn node_link<R: GraphRead + ?Sized>(r: &R) -> Result<serde_json::Value> {
    let d = dump(r)?;
    let nodes: Vec<serde_json::Value> = d
        .nodes
        .iter()
        .map(|n| {
            serde_json::json!({
                "id": n.key,
                "kind": n.kind,
                "label": n.data.label(),
                "line": n.source.map(|s| s.line),
                "data": n.data,
            })
        })
        .collect();
    let links: Vec<serde_json::Value> = d
        .edges
        .iter()
        .map(|e| {
            serde_json::json!({
                "source": e.from,
                "target": e.to,
                "key": format!("{}:{}", e.label, e.kind.qualifier()),
                "label": e.label,
                "payload": e.kind,
            })
        })
        .collect();
    Ok(serde_json::json!({
        "directed": true,
        "multigraph": true,
        "graph": {"format": DUMP_FORMAT},
        "nodes": nodes,
        "links": links,
    }))
}
