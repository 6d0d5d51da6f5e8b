//! Reads shared by snapshots and write transactions.

use redb::ReadableTable;

use super::records;
use super::tables::{
    AdjKey, CheckpointBytes, DocTermsBytes, EdgeBlockBytes, EventBytes, FtsDocBytes, NodeBytes,
    ObservationBytes, PostingBlockBytes, ProjectStateBytes, TaskStateBytes,
};
use crate::error::{Error, Result};
use crate::model::{
    Direction, Edge, EdgeKind, EdgeLabel, Event, EventId, Id, Node, NodeData, NodeId, NodeKey,
    NodeKind, NodeType, Observation, ProjectState, Record, SourceSpan, TaskState,
};

/// A node as one record of `nodes` holds it (the id is the table key), in today's types:
/// what `records` converts each node layout to and from.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct NodeRecord {
    pub(crate) key: NodeKey,
    pub(crate) source: Option<SourceSpan>,
    pub(crate) data: NodeData,
}

pub(crate) fn storage(operation: &'static str) -> impl FnOnce(redb::StorageError) -> Error {
    move |e| Error::Storage {
        operation,
        source: crate::StorageError::new(e),
    }
}

pub(crate) mod sealed {
    use super::*;

    /// Access to the raw tables. Sealed: implemented by [`Snapshot`](crate::Snapshot) and
    /// [`WriteTx`](crate::WriteTx) only.
    pub trait RawTables {
        /// `nodes`.
        type Nodes: ReadableTable<u64, NodeBytes>;
        /// `keys`.
        type Keys: ReadableTable<&'static str, u64>;
        /// `kinds`.
        type Kinds: ReadableTable<(u8, u64), ()>;
        /// `names`.
        type Names: ReadableTable<(&'static str, u64), ()>;
        /// `fts_terms`.
        type FtsTerms: ReadableTable<&'static str, u64>;
        /// `fts_blocks`.
        type FtsPostings: ReadableTable<(&'static str, u64), PostingBlockBytes>;
        /// `fts_docs`.
        type FtsDocs: ReadableTable<u64, FtsDocBytes>;
        /// `fts_doc_terms`.
        type FtsDocTerms: ReadableTable<u64, DocTermsBytes>;
        /// `fts_stats`.
        type FtsStats: ReadableTable<&'static str, u64>;
        /// `events`.
        type Events: ReadableTable<u128, EventBytes>;
        /// `event_log`.
        type EventLog: ReadableTable<u64, u128>;
        /// `subject_events`.
        type SubjectEvents: ReadableTable<(&'static str, u128), ()>;
        /// `task_state`.
        type TaskStates: ReadableTable<&'static str, TaskStateBytes>;
        /// `project_state`.
        type ProjectStates: ReadableTable<&'static str, ProjectStateBytes>;
        /// `observations`.
        type Observations: ReadableTable<(&'static str, &'static str, u16, bool), ObservationBytes>;
        /// `slots`.
        type Slots: ReadableTable<&'static str, u128>;
        /// `timeline`.
        type Timeline: ReadableTable<(&'static str, u32, i64, u128), CheckpointBytes>;
        /// `adj_out` / `adj_in`.
        type Adj: ReadableTable<AdjKey, EdgeBlockBytes>;
        /// Whether the handle met a damaged file (see `guard`).
        fn damage(&self) -> &super::super::guard::DamageFlag;
        /// The raw bytes of a `meta` setting, if it is set.
        fn meta_value(&self, name: &str) -> Result<Option<Vec<u8>>>;
        /// `nodes`.
        fn nodes_table(&self) -> Result<&Self::Nodes>;
        /// `keys`.
        fn keys_table(&self) -> Result<&Self::Keys>;
        /// `kinds`.
        fn kinds_table(&self) -> Result<&Self::Kinds>;
        /// `names`.
        fn names_table(&self) -> Result<&Self::Names>;
        /// `fts_terms`.
        fn fts_terms_table(&self) -> Result<&Self::FtsTerms>;
        /// `fts_blocks`.
        fn fts_postings_table(&self) -> Result<&Self::FtsPostings>;
        /// `fts_docs`.
        fn fts_docs_table(&self) -> Result<&Self::FtsDocs>;
        /// `fts_doc_terms`.
        fn fts_doc_terms_table(&self) -> Result<&Self::FtsDocTerms>;
        /// `fts_stats`.
        fn fts_stats_table(&self) -> Result<&Self::FtsStats>;
        /// `events`.
        fn events_table(&self) -> Result<&Self::Events>;
        /// `event_log`.
        fn event_log_table(&self) -> Result<&Self::EventLog>;
        /// `subject_events`.
        fn subject_events_table(&self) -> Result<&Self::SubjectEvents>;
        /// `task_state`.
        fn task_state_table(&self) -> Result<&Self::TaskStates>;
        /// `project_state`.
        fn project_state_table(&self) -> Result<&Self::ProjectStates>;
        /// `observations`.
        fn observations_table(&self) -> Result<&Self::Observations>;
        /// `slots`.
        fn slots_table(&self) -> Result<&Self::Slots>;
        /// `timeline`.
        fn timeline_table(&self) -> Result<&Self::Timeline>;
        /// `adj_out`.
        fn out_table(&self) -> Result<&Self::Adj>;
        /// `adj_in`.
        fn in_table(&self) -> Result<&Self::Adj>;
    }
}

pub(crate) fn decode_node(id: u64, bytes: &[u8]) -> Result<Node> {
    let rec = records::decode_node(bytes, || id.to_string())?;
    Ok(Node {
        id: NodeId(id),
        key: rec.key,
        source: rec.source,
        data: rec.data,
    })
}

pub(crate) fn decode_event(id: u128, bytes: &[u8]) -> Result<Event> {
    records::decode_event(bytes, || EventId(id).to_string())
}

fn record<T: NodeType>(node: Node) -> Result<Record<T>> {
    let found = node.kind();
    match T::from_data(node.data) {
        Some(value) => Ok(Record {
            id: Id::from_raw(node.id.0),
            key: node.key,
            source: node.source,
            value,
        }),
        None => Err(Error::WrongKind {
            key: node.key.to_string(),
            expected: T::KIND,
            found,
        }),
    }
}

/// Read access to the graph, implemented by [`Snapshot`](crate::Snapshot) (a consistent
/// read view) and [`WriteTx`](crate::WriteTx) (which sees its own writes).
///
/// Every result is an owned value: nothing borrows the transaction, so a binding can hand
/// results on.
pub trait GraphRead: sealed::RawTables {
    /// The node with this id.
    ///
    /// # Errors
    /// [`Error::Corrupt`] if the record cannot be decoded; [`Error::Storage`] on I/O failure.
    ///
    /// ```
    /// use reformgraph::{GraphRead, NodeId, Store};
    /// let store = Store::in_memory()?;
    /// assert!(store.read()?.node(NodeId(1))?.is_none());
    /// # Ok::<(), reformgraph::Error>(())
    /// ```
    fn node(&self, id: NodeId) -> Result<Option<Node>> {
        super::guard::contain(self.damage(), "node", || {
            let guard = self
                .nodes_table()?
                .get(id.0)
                .map_err(storage("reading a node"))?;
            guard.map(|g| decode_node(id.0, g.value())).transpose()
        })
    }

    /// The id of the node with this natural key.
    ///
    /// # Errors
    /// [`Error::Storage`] on I/O failure.
    ///
    /// ```
    /// use reformgraph::{GraphRead, Store};
    /// let store = Store::in_memory()?;
    /// assert_eq!(store.read()?.id_of("org/省环保厅")?, None);
    /// # Ok::<(), reformgraph::Error>(())
    /// ```
    fn id_of(&self, key: &str) -> Result<Option<NodeId>> {
        super::guard::contain(self.damage(), "id_of", || {
            let guard = self
                .keys_table()?
                .get(key)
                .map_err(storage("reading the key index"))?;
            Ok(guard.map(|g| NodeId(g.value())))
        })
    }

    /// The node with this natural key.
    ///
    /// # Errors
    /// [`Error::Corrupt`] if the index points at a missing or undecodable node;
    /// [`Error::Storage`] on I/O failure.
    ///
    /// ```
    /// use reformgraph::{GraphRead, NodeKey, Organization, OrganizationKind, Store};
    /// let store = Store::in_memory()?;
    /// store.write(|tx| {
    ///     let org = Organization { name: "省环保厅".into(), kind: OrganizationKind::ProvincialDepartment, aliases: vec![], ..Default::default() };
    ///     tx.insert(NodeKey::new("org/省环保厅")?, org, None)
    /// })?;
    /// let node = store.read()?.node_by_key("org/省环保厅")?.expect("present");
    /// assert_eq!(node.data.label(), "省环保厅");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    fn node_by_key(&self, key: &str) -> Result<Option<Node>> {
        super::guard::contain(self.damage(), "node_by_key", || {
            let Some(id) = self.id_of(key)? else {
                return Ok(None);
            };
            match self.node(id)? {
                Some(node) => Ok(Some(node)),
                None => Err(Error::Corrupt {
                    table: "keys",
                    key: key.to_owned(),
                    reason: format!("points at missing node {id}"),
                }),
            }
        })
    }

    /// The node with this natural key, or [`Error::KeyNotFound`].
    ///
    /// # Errors
    /// [`Error::KeyNotFound`] if absent; otherwise as [`GraphRead::node_by_key`].
    ///
    /// ```
    /// use reformgraph::{Error, GraphRead, Store};
    /// let store = Store::in_memory()?;
    /// assert!(matches!(store.read()?.require("org/x"), Err(Error::KeyNotFound { .. })));
    /// # Ok::<(), reformgraph::Error>(())
    /// ```
    fn require(&self, key: &str) -> Result<Node> {
        super::guard::contain(self.damage(), "require", || {
            self.node_by_key(key)?.ok_or_else(|| Error::KeyNotFound {
                key: key.to_owned(),
            })
        })
    }

    /// The node with this typed id.
    ///
    /// # Errors
    /// [`Error::WrongKind`] if the node exists but is of another kind; otherwise as
    /// [`GraphRead::node`].
    ///
    /// ```
    /// use reformgraph::{GraphRead, Store, TaskId};
    /// let store = Store::in_memory()?;
    /// assert!(store.read()?.get(TaskId::from_raw(7))?.is_none());
    /// # Ok::<(), reformgraph::Error>(())
    /// ```
    fn get<T: NodeType>(&self, id: Id<T>) -> Result<Option<Record<T>>> {
        super::guard::contain(self.damage(), "get", || {
            self.node(id.node())?.map(record).transpose()
        })
    }

    /// The node with this natural key, typed.
    ///
    /// # Errors
    /// [`Error::WrongKind`] if the node exists but is of another kind; otherwise as
    /// [`GraphRead::node_by_key`].
    ///
    /// ```
    /// use reformgraph::{GraphRead, Store, Task};
    /// let store = Store::in_memory()?;
    /// assert!(store.read()?.get_by_key::<Task>("shanxi-2013/reform/20")?.is_none());
    /// # Ok::<(), reformgraph::Error>(())
    /// ```
    fn get_by_key<T: NodeType>(&self, key: &str) -> Result<Option<Record<T>>> {
        super::guard::contain(self.damage(), "get_by_key", || {
            self.node_by_key(key)?.map(record).transpose()
        })
    }

    /// Ids of the nodes that have `name` as their name or one of their aliases
    /// (organisations, areas, indicators), in id order. Exact match.
    ///
    /// # Errors
    /// [`Error::Storage`] on I/O failure.
    ///
    /// ```
    /// use reformgraph::{GraphRead, NodeKey, Organization, OrganizationKind, Store};
    /// let store = Store::in_memory()?;
    /// let id = store.write(|tx| {
    ///     let org = Organization { name: "省发展改革委".into(), kind: OrganizationKind::ProvincialDepartment, aliases: vec!["省发改委".into()], ..Default::default() };
    ///     tx.insert(NodeKey::organization("省发展改革委")?, org, None)
    /// })?;
    /// assert_eq!(store.read()?.ids_named("省发改委")?, vec![id]);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    fn ids_named(&self, name: &str) -> Result<Vec<NodeId>> {
        super::guard::contain(self.damage(), "ids_named", || {
            let range = self
                .names_table()?
                .range((name, 0)..=(name, u64::MAX))
                .map_err(storage("scanning the name index"))?;
            let mut out = Vec::new();
            for entry in range {
                let (k, _) = entry.map_err(storage("scanning the name index"))?;
                out.push(NodeId(k.value().1));
            }
            Ok(out)
        })
    }

    /// Ids of the node keyed `key` and of every node whose key lies under it (`key/…`), in
    /// key order: what a plan owns (its parts, tasks, targets …), found through the key
    /// index without reading any other node.
    ///
    /// # Errors
    /// [`Error::Storage`] on I/O failure.
    ///
    /// ```
    /// use reformgraph::{GraphRead, Store, import::bundled};
    /// let store = Store::in_memory()?;
    /// bundled::import_shanxi_2013(&store)?;
    /// let snap = store.read()?;
    /// let owned = snap.ids_under("shanxi-2013")?;
    /// assert_eq!(owned.first(), snap.id_of("shanxi-2013")?.as_ref());
    /// assert!(owned.contains(&snap.require("shanxi-2013/reform/20")?.id));
    /// assert!(!owned.contains(&snap.require("org/省环保厅")?.id));
    /// # Ok::<(), reformgraph::Error>(())
    /// ```
    fn ids_under(&self, key: &str) -> Result<Vec<NodeId>> {
        super::guard::contain(self.damage(), "ids_under", || {
            let keys = self.keys_table()?;
            let mut out = Vec::new();
            if let Some(id) = keys.get(key).map_err(storage("reading the key index"))? {
                out.push(NodeId(id.value()));
            }
            // Every key that starts with `key/`: from `key/` up to `key0` ('0' follows '/').
            let (low, high) = (format!("{key}/"), format!("{key}0"));
            let range = keys
                .range::<&str>(low.as_str()..high.as_str())
                .map_err(storage("scanning the key index"))?;
            for entry in range {
                let (_, id) = entry.map_err(storage("scanning the key index"))?;
                out.push(NodeId(id.value()));
            }
            Ok(out)
        })
    }

    /// Ids of every node of a kind, in id order.
    ///
    /// # Errors
    /// [`Error::Storage`] on I/O failure.
    ///
    /// ```
    /// use reformgraph::{GraphRead, NodeKind, Store};
    /// let store = Store::in_memory()?;
    /// assert!(store.read()?.ids_of_kind(NodeKind::Task)?.is_empty());
    /// # Ok::<(), reformgraph::Error>(())
    /// ```
    fn ids_of_kind(&self, kind: NodeKind) -> Result<Vec<NodeId>> {
        super::guard::contain(self.damage(), "ids_of_kind", || {
            let tag = kind.tag();
            let range = self
                .kinds_table()?
                .range((tag, 0)..=(tag, u64::MAX))
                .map_err(storage("scanning the kind index"))?;
            let mut out = Vec::new();
            for entry in range {
                let (k, _) = entry.map_err(storage("scanning the kind index"))?;
                out.push(NodeId(k.value().1));
            }
            Ok(out)
        })
    }

    /// Every node of a type, in id order.
    ///
    /// # Errors
    /// [`Error::Corrupt`] if an index entry points at a missing node or a node of another
    /// kind; otherwise as [`GraphRead::node`].
    ///
    /// ```
    /// use reformgraph::{GraphRead, Organization, Store};
    /// let store = Store::in_memory()?;
    /// assert!(store.read()?.all::<Organization>()?.is_empty());
    /// # Ok::<(), reformgraph::Error>(())
    /// ```
    fn all<T: NodeType>(&self) -> Result<Vec<Record<T>>> {
        super::guard::contain(self.damage(), "all", || {
            let mut out = Vec::new();
            for id in self.ids_of_kind(T::KIND)? {
                let node = self.node(id)?.ok_or_else(|| Error::Corrupt {
                    table: "kinds",
                    key: format!("({}, {})", T::KIND.tag(), id.0),
                    reason: "points at a missing node".into(),
                })?;
                out.push(record(node)?);
            }
            Ok(out)
        })
    }

    /// Number of nodes of a kind.
    ///
    /// # Errors
    /// [`Error::Storage`] on I/O failure.
    ///
    /// ```
    /// use reformgraph::{GraphRead, NodeKind, Store};
    /// assert_eq!(Store::in_memory()?.read()?.count(NodeKind::Area)?, 0);
    /// # Ok::<(), reformgraph::Error>(())
    /// ```
    fn count(&self, kind: NodeKind) -> Result<u64> {
        super::guard::contain(self.damage(), "count", || {
            let tag = kind.tag();
            let range = self
                .kinds_table()?
                .range((tag, 0)..=(tag, u64::MAX))
                .map_err(storage("counting the kind index"))?;
            Ok(range.count() as u64)
        })
    }

    /// Whether the access policy is enforced in this view (see
    /// `track::set_access_enforced`).
    ///
    /// # Errors
    /// Storage errors, [`Error::Corrupt`] if the setting cannot be decoded.
    ///
    /// ```
    /// use reformgraph::{GraphRead, Store};
    /// assert!(!Store::in_memory()?.read()?.access_enforced()?);
    /// # Ok::<(), reformgraph::Error>(())
    /// ```
    fn access_enforced(&self) -> Result<bool> {
        super::guard::contain(self.damage(), "access_enforced", || {
            let name = super::tables::META_ACCESS_ENFORCED;
            match self.meta_value(name)? {
                Some(v) => super::codec::decode(&v, "meta", || name.to_owned()),
                None => Ok(false),
            }
        })
    }

    /// The administrator's public key, if the store has one: then every event must be
    /// signed, and keys act for the organisations the administrator certified them for
    /// (see `track::keys`).
    ///
    /// # Errors
    /// Storage errors, [`Error::Corrupt`] if the setting cannot be decoded.
    ///
    /// ```
    /// use reformgraph::{GraphRead, Store};
    /// assert_eq!(Store::in_memory()?.read()?.admin_key()?, None);
    /// # Ok::<(), reformgraph::Error>(())
    /// ```
    fn admin_key(&self) -> Result<Option<crate::model::PublicKey>> {
        super::guard::contain(self.damage(), "admin_key", || {
            let name = super::tables::META_ADMIN_KEY;
            match self.meta_value(name)? {
                Some(v) => super::codec::decode::<[u8; 32]>(&v, "meta", || name.to_owned())
                    .map(|k| Some(crate::model::PublicKey(k))),
                None => Ok(None),
            }
        })
    }

    /// The first event-log position (see [`GraphRead::events_after`]) the administrator key
    /// governs: events logged before it were recorded or received before the store had an
    /// administrator. 0 without an administrator, or when its key was set by a version
    /// that did not keep the position (then every event is governed).
    ///
    /// # Errors
    /// Storage errors, [`Error::Corrupt`] if the setting cannot be decoded.
    fn admin_since(&self) -> Result<u64> {
        super::guard::contain(self.damage(), "admin_since", || {
            let name = super::tables::META_ADMIN_SINCE;
            match self.meta_value(name)? {
                Some(v) => super::codec::decode::<u64>(&v, "meta", || name.to_owned()),
                None => Ok(0),
            }
        })
    }

    /// Edges at a node in one direction, optionally only those with `label`, in key order
    /// (label, then other node, then qualifier). One range scan.
    ///
    /// # Errors
    /// [`Error::Corrupt`] if an edge payload cannot be decoded; [`Error::Storage`] on I/O
    /// failure.
    ///
    /// ```
    /// use reformgraph::{Direction, EdgeLabel, GraphRead, NodeId, Store};
    /// let store = Store::in_memory()?;
    /// assert!(store.read()?.edges(NodeId(1), Some(EdgeLabel::Leads), Direction::Outgoing)?.is_empty());
    /// # Ok::<(), reformgraph::Error>(())
    /// ```
    fn edges(
        &self,
        node: NodeId,
        label: Option<EdgeLabel>,
        direction: Direction,
    ) -> Result<Vec<Edge>> {
        super::guard::contain(self.damage(), "edges", || {
            let (lo, hi) = match label {
                Some(l) => (l.tag(), l.tag()),
                None => (0, u8::MAX),
            };
            match direction {
                Direction::Outgoing => super::adjacency::scan(
                    self.out_table()?,
                    "adj_out",
                    node.0,
                    (lo, hi),
                    direction,
                ),
                Direction::Incoming => {
                    super::adjacency::scan(self.in_table()?, "adj_in", node.0, (lo, hi), direction)
                }
            }
        })
    }

    /// The nodes at the other end of [`GraphRead::edges`], each with its edge.
    ///
    /// # Errors
    /// [`Error::Corrupt`] if an edge points at a missing node; otherwise as
    /// [`GraphRead::edges`].
    ///
    /// ```
    /// use reformgraph::{Direction, EdgeLabel, GraphRead, NodeId, Store};
    /// let store = Store::in_memory()?;
    /// assert!(store.read()?.neighbors(NodeId(1), None, Direction::Incoming)?.is_empty());
    /// # Ok::<(), reformgraph::Error>(())
    /// ```
    fn neighbors(
        &self,
        node: NodeId,
        label: Option<EdgeLabel>,
        direction: Direction,
    ) -> Result<Vec<(Edge, Node)>> {
        super::guard::contain(self.damage(), "neighbors", || {
            let mut out = Vec::new();
            for edge in self.edges(node, label, direction)? {
                let other = edge.other(direction);
                let n = self.node(other)?.ok_or_else(|| Error::Corrupt {
                    table: "adj_out",
                    key: format!("{edge:?}"),
                    reason: format!("points at missing node {other}"),
                })?;
                out.push((edge, n));
            }
            Ok(out)
        })
    }

    /// The edge `from -label/qualifier-> to`, if present.
    ///
    /// # Errors
    /// As [`GraphRead::edges`].
    ///
    /// ```
    /// use reformgraph::{EdgeLabel, GraphRead, NodeId, Store};
    /// let store = Store::in_memory()?;
    /// assert!(store.read()?.edge(NodeId(1), EdgeLabel::Leads, NodeId(2), 0)?.is_none());
    /// # Ok::<(), reformgraph::Error>(())
    /// ```
    fn edge(
        &self,
        from: NodeId,
        label: EdgeLabel,
        to: NodeId,
        qualifier: u32,
    ) -> Result<Option<Edge>> {
        super::guard::contain(self.damage(), "edge", || {
            let found = super::adjacency::find(
                self.out_table()?,
                "adj_out",
                from.0,
                label.tag(),
                (to.0, qualifier),
            )?;
            Ok(found.and_then(|e| {
                EdgeKind::from_parts(label, e.qualifier, e.attribute).map(|kind| {
                    super::adjacency::edge_of(from.0, kind, e.other, Direction::Outgoing)
                })
            }))
        })
    }

    /// An event by id.
    ///
    /// # Errors
    /// [`Error::Corrupt`] if undecodable; [`Error::Storage`] on I/O failure.
    ///
    /// ```
    /// use reformgraph::{EventId, GraphRead, Store};
    /// assert!(Store::in_memory()?.read()?.event(EventId(1))?.is_none());
    /// # Ok::<(), reformgraph::Error>(())
    /// ```
    fn event(&self, id: EventId) -> Result<Option<Event>> {
        super::guard::contain(self.damage(), "event", || {
            self.events_table()?
                .get(id.0)
                .map_err(storage("reading an event"))?
                .map(|g| decode_event(id.0, g.value()))
                .transpose()
        })
    }

    /// Every event about a node (by natural key), in id order (roughly recording order;
    /// sort by [`Event::order_key`] for application order).
    ///
    /// # Errors
    /// [`Error::Corrupt`] if an event is undecodable or missing; [`Error::Storage`].
    ///
    /// ```
    /// use reformgraph::{GraphRead, Store};
    /// assert!(Store::in_memory()?.read()?.events_of("shanxi-2013/reform/1")?.is_empty());
    /// # Ok::<(), reformgraph::Error>(())
    /// ```
    fn events_of(&self, subject: &str) -> Result<Vec<Event>> {
        super::guard::contain(self.damage(), "events_of", || {
            let range = self
                .subject_events_table()?
                .range((subject, 0)..=(subject, u128::MAX))
                .map_err(storage("reading a history"))?;
            let mut out = Vec::new();
            for entry in range {
                let (k, _) = entry.map_err(storage("reading a history"))?;
                let id = k.value().1;
                out.push(self.event(EventId(id))?.ok_or_else(|| Error::Corrupt {
                    table: "subject_events",
                    key: format!("({subject}, {})", EventId(id)),
                    reason: "points at a missing event".into(),
                })?);
            }
            Ok(out)
        })
    }

    /// Events in local arrival order after sequence number `after` (0 for all), at most
    /// `limit`, each with its sequence number: the cursor for changeset export.
    ///
    /// # Errors
    /// As [`GraphRead::event`].
    ///
    /// ```
    /// use reformgraph::{GraphRead, Store};
    /// assert!(Store::in_memory()?.read()?.events_after(0, 100)?.is_empty());
    /// # Ok::<(), reformgraph::Error>(())
    /// ```
    fn events_after(&self, after: u64, limit: usize) -> Result<Vec<(u64, Event)>> {
        super::guard::contain(self.damage(), "events_after", || {
            let range = self
                .event_log_table()?
                .range(after.saturating_add(1)..)
                .map_err(storage("reading the event log"))?;
            let mut out = Vec::new();
            for entry in range.take(limit) {
                let (k, v) = entry.map_err(storage("reading the event log"))?;
                let id = EventId(v.value());
                let ev = self.event(id)?.ok_or_else(|| Error::Corrupt {
                    table: "event_log",
                    key: k.value().to_string(),
                    reason: format!("points at missing event {id}"),
                })?;
                out.push((k.value(), ev));
            }
            Ok(out)
        })
    }

    /// Number of events.
    ///
    /// # Errors
    /// [`Error::Storage`] on I/O failure.
    ///
    /// ```
    /// use reformgraph::{GraphRead, Store};
    /// assert_eq!(Store::in_memory()?.read()?.event_count()?, 0);
    /// # Ok::<(), reformgraph::Error>(())
    /// ```
    fn event_count(&self) -> Result<u64> {
        super::guard::contain(self.damage(), "event_count", || {
            redb::ReadableTableMetadata::len(self.events_table()?)
                .map_err(storage("counting events"))
        })
    }

    /// The current state of a task, if any event touched it.
    ///
    /// # Errors
    /// [`Error::Corrupt`] if undecodable; [`Error::Storage`].
    ///
    /// ```
    /// use reformgraph::{GraphRead, Store};
    /// assert!(Store::in_memory()?.read()?.task_state("x/reform/1")?.is_none());
    /// # Ok::<(), reformgraph::Error>(())
    /// ```
    fn task_state(&self, key: &str) -> Result<Option<TaskState>> {
        super::guard::contain(self.damage(), "task_state", || {
            self.task_state_table()?
                .get(key)
                .map_err(storage("reading a task state"))?
                .map(|g| records::decode(g.value(), || key.to_owned()))
                .transpose()
        })
    }

    /// Every task state, by key.
    ///
    /// # Errors
    /// As [`GraphRead::task_state`].
    ///
    /// ```
    /// use reformgraph::{GraphRead, Store};
    /// assert!(Store::in_memory()?.read()?.task_states()?.is_empty());
    /// # Ok::<(), reformgraph::Error>(())
    /// ```
    fn task_states(&self) -> Result<Vec<(String, TaskState)>> {
        super::guard::contain(self.damage(), "task_states", || {
            let mut out = Vec::new();
            for entry in self
                .task_state_table()?
                .iter()
                .map_err(storage("reading task states"))?
            {
                let (k, v) = entry.map_err(storage("reading task states"))?;
                let key = k.value().to_owned();
                let state = records::decode(v.value(), || key.clone())?;
                out.push((key, state));
            }
            Ok(out)
        })
    }

    /// The current state of a project.
    ///
    /// # Errors
    /// [`Error::Corrupt`] if undecodable; [`Error::Storage`].
    ///
    /// ```
    /// use reformgraph::{GraphRead, Store};
    /// assert!(Store::in_memory()?.read()?.project_state("x/project/1")?.is_none());
    /// # Ok::<(), reformgraph::Error>(())
    /// ```
    fn project_state(&self, key: &str) -> Result<Option<ProjectState>> {
        super::guard::contain(self.damage(), "project_state", || {
            self.project_state_table()?
                .get(key)
                .map_err(storage("reading a project state"))?
                .map(|g| records::decode(g.value(), || key.to_owned()))
                .transpose()
        })
    }

    /// Every project state, by key.
    ///
    /// # Errors
    /// As [`GraphRead::project_state`].
    ///
    /// ```
    /// use reformgraph::{GraphRead, Store};
    /// assert!(Store::in_memory()?.read()?.project_states()?.is_empty());
    /// # Ok::<(), reformgraph::Error>(())
    /// ```
    fn project_states(&self) -> Result<Vec<(String, ProjectState)>> {
        super::guard::contain(self.damage(), "project_states", || {
            let mut out = Vec::new();
            for entry in self
                .project_state_table()?
                .iter()
                .map_err(storage("reading project states"))?
            {
                let (k, v) = entry.map_err(storage("reading project states"))?;
                let key = k.value().to_owned();
                let state = records::decode(v.value(), || key.clone())?;
                out.push((key, state));
            }
            Ok(out)
        })
    }

    /// The latest observations of an indicator, for one area or all (`area = None`), in
    /// (area, year) order.
    ///
    /// # Errors
    /// [`Error::Corrupt`] if undecodable; [`Error::Storage`].
    ///
    /// ```
    /// use reformgraph::{GraphRead, Store};
    /// assert!(Store::in_memory()?.read()?.observations("indicator/城镇化率", None)?.is_empty());
    /// # Ok::<(), reformgraph::Error>(())
    /// ```
    fn observations(&self, indicator: &str, area: Option<&str>) -> Result<Vec<Observation>> {
        super::guard::contain(self.damage(), "observations", || {
            let range = match area {
                Some(a) => self
                    .observations_table()?
                    .range((indicator, a, 0, false)..=(indicator, a, u16::MAX, true)),
                None => self
                    .observations_table()?
                    .range((indicator, "", 0, false)..=(indicator, "\u{10FFFF}", u16::MAX, true)),
            }
            .map_err(storage("reading observations"))?;
            let mut out = Vec::new();
            for entry in range {
                let (k, v) = entry.map_err(storage("reading observations"))?;
                let key = k.value();
                out.push(records::decode(v.value(), || format!("{key:?}"))?);
            }
            Ok(out)
        })
    }

    /// Every slot with its winning event (what tracking uses to apply the latest event
    /// without a replay), in slot order.
    ///
    /// # Errors
    /// [`Error::Storage`] on I/O failure.
    ///
    /// ```
    /// use reformgraph::{GraphRead, Store};
    /// assert!(Store::in_memory()?.read()?.slot_winners()?.is_empty());
    /// # Ok::<(), reformgraph::Error>(())
    /// ```
    fn slot_winners(&self) -> Result<Vec<(String, EventId)>> {
        super::guard::contain(self.damage(), "slot_winners", || {
            let mut out = Vec::new();
            for entry in self
                .slots_table()?
                .iter()
                .map_err(storage("reading slots"))?
            {
                let (k, v) = entry.map_err(storage("reading slots"))?;
                out.push((k.value().to_owned(), EventId(v.value())));
            }
            Ok(out)
        })
    }

    /// Total number of nodes.
    ///
    /// # Errors
    /// [`Error::Storage`] on I/O failure.
    ///
    /// ```
    /// use reformgraph::{GraphRead, Store};
    /// assert_eq!(Store::in_memory()?.read()?.node_count()?, 0);
    /// # Ok::<(), reformgraph::Error>(())
    /// ```
    fn node_count(&self) -> Result<u64> {
        super::guard::contain(self.damage(), "node_count", || {
            redb::ReadableTableMetadata::len(self.nodes_table()?).map_err(storage("counting nodes"))
        })
    }

    /// Total number of edges.
    ///
    /// # Errors
    /// [`Error::Storage`] on I/O failure.
    ///
    /// ```
    /// use reformgraph::{GraphRead, Store};
    /// assert_eq!(Store::in_memory()?.read()?.edge_count()?, 0);
    /// # Ok::<(), reformgraph::Error>(())
    /// ```
    fn edge_count(&self) -> Result<u64> {
        super::guard::contain(self.damage(), "edge_count", || {
            let mut n = 0;
            for entry in self
                .out_table()?
                .iter()
                .map_err(storage("counting edges"))?
            {
                let (k, v) = entry.map_err(storage("counting edges"))?;
                n += super::adjacency::block_len("adj_out", k.value(), v.value())? as u64;
            }
            Ok(n)
        })
    }
}

impl<T: sealed::RawTables + ?Sized> GraphRead for T {}
