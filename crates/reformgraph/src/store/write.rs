//! Write transactions.

use std::collections::{BTreeMap, BTreeSet};

use redb::{ReadableTable, Table, WriteTransaction};

use super::adjacency::{self, AdjEntry};
use super::codec;
use super::read::{GraphRead, NodeRecord, sealed::RawTables, storage};
use super::records;
use super::tables::{
    ADJ_IN, ADJ_OUT, AdjKey, CheckpointBytes, DocTermsBytes, EVENT_LOG, EVENTS, EdgeBlockBytes,
    EventBytes, FTS_BLOCKS, FTS_DOC_TERMS, FTS_DOCS, FTS_STATS, FTS_TERMS, FtsDocBytes, KEYS,
    KINDS, META, META_NEXT_EVENT_SEQ, META_NEXT_ID, MetaBytes, NAMES, NODES, NodeBytes,
    OBSERVATIONS, ObservationBytes, PROJECT_STATE, PostingBlockBytes, ProjectStateBytes, SLOTS,
    SUBJECT_EVENTS, TASK_STATE, TIMELINE, TaskStateBytes,
};
use crate::error::{Error, Result, StorageError};
use crate::model::{
    Direction, Edge, Event, EventId, NodeData, NodeId, NodeKey, Observation, ProjectState,
    SourceSpan, TaskState,
};

/// What [`WriteTx::upsert`] did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Upsert {
    /// A new node was created with this id.
    Created(NodeId),
    /// The node existed and its data or source changed.
    Updated(NodeId),
    /// The node existed with identical data and source; nothing was written.
    Unchanged(NodeId),
}

impl Upsert {
    /// The node's id, whatever happened.
    pub fn id(self) -> NodeId {
        match self {
            Upsert::Created(id) | Upsert::Updated(id) | Upsert::Unchanged(id) => id,
        }
    }
}

/// A write transaction, handed to the closure of [`Store::write`](crate::Store::write). It
/// reads its own writes through [`GraphRead`].
pub struct WriteTx<'t> {
    meta: Table<'t, &'static str, MetaBytes>,
    nodes: Table<'t, u64, NodeBytes>,
    keys: Table<'t, &'static str, u64>,
    kinds: Table<'t, (u8, u64), ()>,
    pub(super) names: Table<'t, (&'static str, u64), ()>,
    pub(super) fts_terms: Table<'t, &'static str, u64>,
    pub(super) fts_postings: Table<'t, (&'static str, u64), PostingBlockBytes>,
    pub(super) fts_docs: Table<'t, u64, FtsDocBytes>,
    pub(super) fts_doc_terms: Table<'t, u64, DocTermsBytes>,
    pub(super) fts_stats: Table<'t, &'static str, u64>,
    events: Table<'t, u128, EventBytes>,
    event_log: Table<'t, u64, u128>,
    subject_events: Table<'t, (&'static str, u128), ()>,
    task_state: Table<'t, &'static str, TaskStateBytes>,
    project_state: Table<'t, &'static str, ProjectStateBytes>,
    observations: Table<'t, (&'static str, &'static str, u16, bool), ObservationBytes>,
    slots: Table<'t, &'static str, u128>,
    pub(super) timeline: Table<'t, (&'static str, u32, i64, u128), CheckpointBytes>,
    pub(super) edges_out: Table<'t, AdjKey, EdgeBlockBytes>,
    pub(super) edges_in: Table<'t, AdjKey, EdgeBlockBytes>,
    next_id: u64,
    next_id_dirty: bool,
    next_event_seq: u64,
    next_event_seq_dirty: bool,
    /// Names added or removed in this transaction: documents that may contain them are
    /// re-tokenised before commit.
    pub(super) changed_names: BTreeSet<String>,
    /// Nodes whose full-text entry must be brought up to date before commit, and whether
    /// to re-tokenise even if their text is unchanged (because names changed).
    pub(super) fts_dirty: BTreeMap<NodeId, bool>,
    /// Tasks whose plan deadline changed in this transaction: a tracked task's derived
    /// state starts from that deadline, so the history engine replays it
    /// (`track::timeline::replay_moved_deadlines`); commit refuses a tracked one it missed.
    pub(super) deadline_changed: BTreeSet<String>,
    /// Shared with the store: set when a read or write met a damaged file.
    pub(super) damage: super::guard::DamageFlag,
    /// The store's clock, for recording times.
    clock: std::sync::Arc<dyn super::Clock>,
    /// The store's name trie of its committed names (see `NamesCache`).
    pub(super) names_cache: super::fulltext::NamesCache,
}

fn table_err(e: redb::TableError) -> Error {
    Error::Storage {
        operation: "opening a table for writing",
        source: StorageError::new(e),
    }
}

impl<'t> WriteTx<'t> {
    pub(super) fn new(
        txn: &'t WriteTransaction,
        damage: super::guard::DamageFlag,
        clock: std::sync::Arc<dyn super::Clock>,
        names_cache: super::fulltext::NamesCache,
    ) -> Result<Self> {
        let meta = txn.open_table(META).map_err(table_err)?;
        let counter = |name: &'static str| -> Result<u64> {
            match meta.get(name).map_err(storage("reading a counter"))? {
                Some(v) => codec::decode(v.value(), "meta", || name.into()),
                None => Err(Error::Corrupt {
                    table: "meta",
                    key: name.into(),
                    reason: "missing".into(),
                }),
            }
        };
        let next_id = counter(META_NEXT_ID)?;
        let next_event_seq = counter(META_NEXT_EVENT_SEQ)?;
        Ok(Self {
            meta,
            nodes: txn.open_table(NODES).map_err(table_err)?,
            keys: txn.open_table(KEYS).map_err(table_err)?,
            kinds: txn.open_table(KINDS).map_err(table_err)?,
            names: txn.open_table(NAMES).map_err(table_err)?,
            fts_terms: txn.open_table(FTS_TERMS).map_err(table_err)?,
            fts_postings: txn.open_table(FTS_BLOCKS).map_err(table_err)?,
            fts_docs: txn.open_table(FTS_DOCS).map_err(table_err)?,
            fts_doc_terms: txn.open_table(FTS_DOC_TERMS).map_err(table_err)?,
            fts_stats: txn.open_table(FTS_STATS).map_err(table_err)?,
            events: txn.open_table(EVENTS).map_err(table_err)?,
            event_log: txn.open_table(EVENT_LOG).map_err(table_err)?,
            subject_events: txn.open_table(SUBJECT_EVENTS).map_err(table_err)?,
            task_state: txn.open_table(TASK_STATE).map_err(table_err)?,
            project_state: txn.open_table(PROJECT_STATE).map_err(table_err)?,
            observations: txn.open_table(OBSERVATIONS).map_err(table_err)?,
            slots: txn.open_table(SLOTS).map_err(table_err)?,
            timeline: txn.open_table(TIMELINE).map_err(table_err)?,
            edges_out: txn.open_table(ADJ_OUT).map_err(table_err)?,
            edges_in: txn.open_table(ADJ_IN).map_err(table_err)?,
            next_id,
            next_id_dirty: false,
            next_event_seq,
            next_event_seq_dirty: false,
            changed_names: BTreeSet::new(),
            fts_dirty: BTreeMap::new(),
            deadline_changed: BTreeSet::new(),
            damage,
            clock,
            names_cache,
        })
    }

    /// Persists the id counter; called once before commit.
    pub(super) fn finish(&mut self) -> Result<()> {
        self.fts_flush()?;
        // Derived state is the history engine's: a tracked task whose plan deadline moved
        // must have been replayed by it (`import::load` does), or the state would be stale.
        for task in &self.deadline_changed {
            if self.has_history(task)? {
                return Err(Error::Invalid {
                    what: "write".into(),
                    reason: format!(
                        "the plan deadline of tracked task {task} changed and its history was not replayed; write plan changes through import::load"
                    ),
                });
            }
        }
        if self.next_id_dirty {
            let bytes = codec::encode(&self.next_id)?;
            self.meta
                .insert(META_NEXT_ID, bytes.as_slice())
                .map_err(storage("writing the id counter"))?;
            self.next_id_dirty = false;
        }
        if self.next_event_seq_dirty {
            let bytes = codec::encode(&self.next_event_seq)?;
            self.meta
                .insert(META_NEXT_EVENT_SEQ, bytes.as_slice())
                .map_err(storage("writing the event counter"))?;
            self.next_event_seq_dirty = false;
        }
        Ok(())
    }

    /// Appends an event to the history: the `events` table, the local arrival log and the
    /// subject's history index. Returns `false`, writing nothing, if an event with this id
    /// is already stored (applying a changeset twice is harmless). The materialised state
    /// is the caller's business (see `track`).
    ///
    /// # Errors
    /// [`Error::Storage`] on failure.
    pub(crate) fn append_event(&mut self, event: &Event) -> Result<bool> {
        let damage = self.damage.clone();
        super::guard::contain(&damage, "append_event", || {
            if self
                .events
                .get(event.id.0)
                .map_err(storage("checking an event"))?
                .is_some()
            {
                return Ok(false);
            }
            let bytes = records::encode_event(event)?;
            self.events
                .insert(event.id.0, bytes.as_slice())
                .map_err(storage("writing an event"))?;
            let seq = self.next_event_seq;
            self.next_event_seq = seq.checked_add(1).ok_or_else(|| {
                Error::invalid("event sequence", "the event log of this file is exhausted")
            })?;
            self.next_event_seq_dirty = true;
            self.event_log
                .insert(seq, event.id.0)
                .map_err(storage("writing the event log"))?;
            self.subject_events
                .insert((event.subject.as_str(), event.id.0), ())
                .map_err(storage("writing a history index"))?;
            Ok(true)
        })
    }

    /// Whether the access policy is enforced (see `track::check_access`).
    ///
    /// # Errors
    /// [`Error::Corrupt`] if the setting is undecodable; storage errors.
    pub fn access_enforced(&self) -> Result<bool> {
        let damage = self.damage.clone();
        super::guard::contain(&damage, "access_enforced", || {
            self.flag(super::tables::META_ACCESS_ENFORCED)
        })
    }

    /// Switches the access policy on or off.
    ///
    /// # Errors
    /// Storage errors.
    ///
    /// ```
    /// use reformgraph::Store;
    /// let store = Store::in_memory()?;
    /// store.write(|tx| tx.set_access_enforced(true))?;
    /// assert!(store.access_enforced()?);
    /// # Ok::<(), reformgraph::Error>(())
    /// ```
    pub fn set_access_enforced(&mut self, on: bool) -> Result<()> {
        let damage = self.damage.clone();
        super::guard::contain(&damage, "set_access_enforced", || {
            self.set_flag(super::tables::META_ACCESS_ENFORCED, on)
        })
    }

    /// Gives the store an administrator key: from now on every event must be signed (see
    /// `track::set_admin_key`, which checks that it is not replaced). The event-log position
    /// it starts at is kept beside it (`admin_since`).
    ///
    /// # Errors
    /// Storage errors.
    pub fn set_admin_key(&mut self, key: crate::model::PublicKey) -> Result<()> {
        let damage = self.damage.clone();
        super::guard::contain(&damage, "set_admin_key", || {
            let bytes = codec::encode(&key.0)?;
            self.meta
                .insert(super::tables::META_ADMIN_KEY, bytes.as_slice())
                .map_err(storage("writing a setting"))?;
            let since = codec::encode(&self.next_event_seq)?;
            self.meta
                .insert(super::tables::META_ADMIN_SINCE, since.as_slice())
                .map_err(storage("writing a setting"))?;
            Ok(())
        })
    }

    /// A boolean setting kept in the meta table (false when unset).
    pub(crate) fn flag(&self, name: &str) -> Result<bool> {
        let damage = self.damage.clone();
        super::guard::contain(&damage, "flag", || {
            match self.meta.get(name).map_err(storage("reading a setting"))? {
                Some(v) => codec::decode::<bool>(v.value(), "meta", || name.to_owned()),
                None => Ok(false),
            }
        })
    }

    /// Sets a boolean setting in the meta table.
    pub(crate) fn set_flag(&mut self, name: &str, value: bool) -> Result<()> {
        let damage = self.damage.clone();
        super::guard::contain(&damage, "set_flag", || {
            let bytes = codec::encode(&value)?;
            self.meta
                .insert(name, bytes.as_slice())
                .map_err(storage("writing a setting"))?;
            Ok(())
        })
    }

    /// The event winning a slot.
    pub(crate) fn slot_winner(&self, slot: &str) -> Result<Option<EventId>> {
        let damage = self.damage.clone();
        super::guard::contain(&damage, "slot_winner", || {
            Ok(self
                .slots
                .get(slot)
                .map_err(storage("reading a slot"))?
                .map(|g| EventId(g.value())))
        })
    }

    /// Sets the event winning a slot.
    pub(crate) fn set_slot_winner(&mut self, slot: &str, id: EventId) -> Result<()> {
        let damage = self.damage.clone();
        super::guard::contain(&damage, "set_slot_winner", || {
            self.slots
                .insert(slot, id.0)
                .map_err(storage("writing a slot"))?;
            Ok(())
        })
    }

    /// The time now by the store's clock (ms since the epoch): the recording time of an
    /// event recorded in this transaction.
    pub fn now_millis(&self) -> i64 {
        self.clock.now_millis()
    }

    /// The tasks whose plan deadline this transaction changed, handed to the history
    /// engine (which replays the tracked ones); the set is empty afterwards.
    pub(crate) fn take_moved_deadlines(&mut self) -> BTreeSet<String> {
        std::mem::take(&mut self.deadline_changed)
    }

    /// Whether `subject` has any event in its history.
    fn has_history(&self, subject: &str) -> Result<bool> {
        let mut range = self
            .subject_events_table()?
            .range((subject, 0)..=(subject, u128::MAX))
            .map_err(storage("reading a history"))?;
        Ok(range.next().is_some())
    }

    /// Stores (or with `None` removes) a task's derived state.
    pub(crate) fn put_task_state(&mut self, key: &str, state: Option<&TaskState>) -> Result<()> {
        let damage = self.damage.clone();
        super::guard::contain(&damage, "put_task_state", || {
            match state {
                Some(s) => {
                    self.task_state
                        .insert(key, records::encode(s)?.as_slice())
                        .map_err(storage("writing a task state"))?;
                }
                None => {
                    self.task_state
                        .remove(key)
                        .map_err(storage("removing a task state"))?;
                }
            }
            Ok(())
        })
    }

    /// Stores (or with `None` removes) a project's derived state.
    pub(crate) fn put_project_state(
        &mut self,
        key: &str,
        state: Option<&ProjectState>,
    ) -> Result<()> {
        let damage = self.damage.clone();
        super::guard::contain(&damage, "put_project_state", || {
            match state {
                Some(s) => {
                    self.project_state
                        .insert(key, records::encode(s)?.as_slice())
                        .map_err(storage("writing a project state"))?;
                }
                None => {
                    self.project_state
                        .remove(key)
                        .map_err(storage("removing a project state"))?;
                }
            }
            Ok(())
        })
    }

    /// Stores the latest observation for its (indicator, area, year, reference).
    pub(crate) fn put_observation(&mut self, o: &Observation) -> Result<()> {
        let damage = self.damage.clone();
        super::guard::contain(&damage, "put_observation", || {
            self.observations
                .insert(
                    (o.indicator.as_str(), o.area.as_str(), o.year, o.reference),
                    records::encode(o)?.as_slice(),
                )
                .map_err(storage("writing an observation"))?;
            Ok(())
        })
    }

    /// Writes a node record and keeps the name index in step with it.
    fn put_record(
        &mut self,
        id: NodeId,
        record: &NodeRecord,
        previous: Option<&NodeData>,
    ) -> Result<()> {
        let bytes = records::encode_node(record)?;
        self.nodes
            .insert(id.0, bytes.as_slice())
            .map_err(storage("writing a node"))?;
        let old_names: Vec<&str> = previous.map(NodeData::names).unwrap_or_default();
        let new_names = record.data.names();
        if old_names != new_names {
            if let Some(old) = previous {
                self.unindex_names(id, old)?;
            }
            for name in &new_names {
                self.names
                    .insert((*name, id.0), ())
                    .map_err(storage("writing the name index"))?;
            }
            self.changed_names
                .extend(old_names.iter().chain(&new_names).map(|n| (*n).to_owned()));
        }
        self.fts_dirty.entry(id).or_insert(false);
        if let (Some(NodeData::Task(old)), NodeData::Task(new)) = (previous, &record.data)
            && old.deadline != new.deadline
        {
            self.deadline_changed.insert(record.key.to_string());
        }
        Ok(())
    }

    fn unindex_names(&mut self, id: NodeId, data: &NodeData) -> Result<()> {
        for name in data.names() {
            self.names
                .remove((name, id.0))
                .map_err(storage("removing from the name index"))?;
            self.changed_names.insert(name.to_owned());
        }
        Ok(())
    }

    /// Inserts a new node.
    ///
    /// # Errors
    /// [`Error::DuplicateKey`] if a node already has `key`; [`Error::Storage`] on failure.
    ///
    /// ```
    /// use reformgraph::{GraphRead, NodeKey, Organization, OrganizationKind, Store};
    /// let store = Store::in_memory()?;
    /// let org = Organization { name: "省国土厅".into(), kind: OrganizationKind::ProvincialDepartment, aliases: vec![], ..Default::default() };
    /// let id = store.write(|tx| tx.insert(NodeKey::organization("省国土厅")?, org.clone(), None))?;
    /// let again = store.write(|tx| tx.insert(NodeKey::organization("省国土厅")?, org, None));
    /// assert!(matches!(again, Err(reformgraph::Error::DuplicateKey { .. })));
    /// assert!(store.read()?.node(id)?.is_some());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn insert(
        &mut self,
        key: NodeKey,
        data: impl Into<NodeData>,
        source: Option<SourceSpan>,
    ) -> Result<NodeId> {
        let damage = self.damage.clone();
        super::guard::contain(&damage, "insert", || {
            if self.id_of(key.as_str())?.is_some() {
                return Err(Error::DuplicateKey {
                    key: key.to_string(),
                });
            }
            let id = NodeId(self.next_id);
            self.next_id = self.next_id.checked_add(1).ok_or_else(|| {
                Error::invalid("node id", "the id space of this file is exhausted")
            })?;
            self.next_id_dirty = true;
            let record = NodeRecord {
                key,
                source,
                data: data.into(),
            };
            self.put_record(id, &record, None)?;
            self.keys
                .insert(record.key.as_str(), id.0)
                .map_err(storage("writing the key index"))?;
            self.kinds
                .insert((record.data.kind().tag(), id.0), ())
                .map_err(storage("writing the kind index"))?;
            Ok(id)
        })
    }

    /// Inserts the node, or replaces the data and source of the node with this key.
    ///
    /// # Errors
    /// [`Error::WrongKind`] if the key exists with another kind; [`Error::Storage`] on
    /// failure.
    ///
    /// ```
    /// use reformgraph::{Area, AreaLevel, NodeKey, Store, Upsert};
    /// let store = Store::in_memory()?;
    /// let area = Area { name: "灵丘县".into(), level: AreaLevel::County, aliases: vec![] };
    /// let key = NodeKey::area("灵丘县")?;
    /// let first = store.write(|tx| tx.upsert(key.clone(), area.clone(), None))?;
    /// let second = store.write(|tx| tx.upsert(key.clone(), area.clone(), None))?;
    /// assert!(matches!(first, Upsert::Created(_)));
    /// assert_eq!(second, Upsert::Unchanged(first.id()));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn upsert(
        &mut self,
        key: NodeKey,
        data: impl Into<NodeData>,
        source: Option<SourceSpan>,
    ) -> Result<Upsert> {
        let damage = self.damage.clone();
        super::guard::contain(&damage, "upsert", || {
            let data = data.into();
            let Some(existing) = self.node_by_key(key.as_str())? else {
                return self.insert(key, data, source).map(Upsert::Created);
            };
            if existing.kind() != data.kind() {
                return Err(Error::WrongKind {
                    key: key.to_string(),
                    expected: data.kind(),
                    found: existing.kind(),
                });
            }
            if existing.data == data && existing.source == source {
                return Ok(Upsert::Unchanged(existing.id));
            }
            self.put_record(
                existing.id,
                &NodeRecord { key, source, data },
                Some(&existing.data),
            )?;
            Ok(Upsert::Updated(existing.id))
        })
    }

    /// Replaces the data of an existing node, keeping its key and source.
    ///
    /// # Errors
    /// [`Error::NodeNotFound`] if there is no such node; [`Error::WrongKind`] if `data` is
    /// of another kind than the node.
    ///
    /// ```
    /// use reformgraph::{Area, AreaLevel, GraphRead, NodeKey, Store};
    /// let store = Store::in_memory()?;
    /// let mut area = Area { name: "孝义市".into(), level: AreaLevel::CountyLevelCity, aliases: vec![] };
    /// let id = store.write(|tx| tx.insert(NodeKey::area("孝义市")?, area.clone(), None))?;
    /// area.aliases.push("孝义".into());
    /// store.write(|tx| tx.update(id, area))?;
    /// assert_eq!(store.read()?.node(id)?.map(|n| n.data.label().to_owned()), Some("孝义市".into()));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn update(&mut self, id: NodeId, data: impl Into<NodeData>) -> Result<()> {
        let damage = self.damage.clone();
        super::guard::contain(&damage, "update", || {
            let data = data.into();
            let existing = self.node(id)?.ok_or(Error::NodeNotFound { id })?;
            if existing.kind() != data.kind() {
                return Err(Error::WrongKind {
                    key: existing.key.to_string(),
                    expected: data.kind(),
                    found: existing.kind(),
                });
            }
            self.put_record(
                id,
                &NodeRecord {
                    key: existing.key,
                    source: existing.source,
                    data,
                },
                Some(&existing.data),
            )
        })
    }

    /// Removes a node and every edge touching it. Returns whether it existed.
    ///
    /// # Errors
    /// [`Error::Storage`] on failure; [`Error::Corrupt`] if its record is undecodable.
    ///
    /// ```
    /// use reformgraph::{Area, AreaLevel, GraphRead, NodeKey, Store};
    /// let store = Store::in_memory()?;
    /// let area = Area { name: "高平市".into(), level: AreaLevel::CountyLevelCity, aliases: vec![] };
    /// let id = store.write(|tx| tx.insert(NodeKey::area("高平市")?, area, None))?;
    /// assert!(store.write(|tx| tx.remove_node(id))?);
    /// assert!(store.read()?.node_by_key("area/高平市")?.is_none());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn remove_node(&mut self, id: NodeId) -> Result<bool> {
        let damage = self.damage.clone();
        super::guard::contain(&damage, "remove_node", || {
            let Some(node) = self.node(id)? else {
                return Ok(false);
            };
            for dir in [Direction::Outgoing, Direction::Incoming] {
                for edge in self.edges(id, None, dir)? {
                    self.remove_edge(&edge)?;
                }
            }
            self.nodes
                .remove(id.0)
                .map_err(storage("removing a node"))?;
            self.keys
                .remove(node.key.as_str())
                .map_err(storage("removing from the key index"))?;
            self.kinds
                .remove((node.kind().tag(), id.0))
                .map_err(storage("removing from the kind index"))?;
            self.unindex_names(id, &node.data)?;
            self.fts_dirty.insert(id, false);
            Ok(true)
        })
    }

    /// Adds an edge, or replaces the payload of the edge with the same
    /// `(from, label, to, qualifier)`. Returns whether anything changed.
    ///
    /// # Errors
    /// [`Error::NodeNotFound`] if either end does not exist (no edge ever dangles).
    ///
    /// ```
    /// use reformgraph::*;
    /// let store = Store::in_memory()?;
    /// store.write(|tx| {
    ///     let city = tx.insert(NodeKey::area("吕梁市")?, Area { name: "吕梁市".into(), level: AreaLevel::PrefectureCity, aliases: vec![] }, None)?;
    ///     let county = tx.insert(NodeKey::area("孝义市")?, Area { name: "孝义市".into(), level: AreaLevel::CountyLevelCity, aliases: vec![] }, None)?;
    ///     assert!(tx.add_edge(Edge::new(county, EdgeKind::InArea, city))?);
    ///     assert!(!tx.add_edge(Edge::new(county, EdgeKind::InArea, city))?);
    ///     Ok::<(), Error>(())
    /// })?;
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn add_edge(&mut self, edge: Edge) -> Result<bool> {
        let damage = self.damage.clone();
        super::guard::contain(&damage, "add_edge", || {
            for end in [edge.from, edge.to] {
                if self
                    .nodes
                    .get(end.0)
                    .map_err(storage("checking an edge end"))?
                    .is_none()
                {
                    return Err(Error::NodeNotFound { id: end });
                }
            }
            let (label, qualifier, attribute) = (
                edge.kind.label().tag(),
                edge.kind.qualifier(),
                edge.kind.attribute(),
            );
            let previous = adjacency::put(
                &mut self.edges_out,
                "adj_out",
                edge.from.0,
                label,
                AdjEntry {
                    other: edge.to.0,
                    qualifier,
                    attribute,
                },
            )?;
            adjacency::put(
                &mut self.edges_in,
                "adj_in",
                edge.to.0,
                label,
                AdjEntry {
                    other: edge.from.0,
                    qualifier,
                    attribute,
                },
            )?;
            Ok(previous != Some(attribute))
        })
    }

    /// Removes the edge with the same `(from, label, to, qualifier)` as `edge` (its payload
    /// is ignored). Returns whether it existed.
    ///
    /// # Errors
    /// [`Error::Storage`] on failure.
    ///
    /// ```
    /// use reformgraph::*;
    /// let store = Store::in_memory()?;
    /// let removed = store.write(|tx| tx.remove_edge(&Edge::new(NodeId(1), EdgeKind::Mentions, NodeId(2))))?;
    /// assert!(!removed);
    /// # Ok::<(), reformgraph::Error>(())
    /// ```
    pub fn remove_edge(&mut self, edge: &Edge) -> Result<bool> {
        let damage = self.damage.clone();
        super::guard::contain(&damage, "remove_edge", || {
            let (label, qualifier) = (edge.kind.label().tag(), edge.kind.qualifier());
            let existed = adjacency::remove(
                &mut self.edges_out,
                "adj_out",
                edge.from.0,
                label,
                (edge.to.0, qualifier),
            )?;
            adjacency::remove(
                &mut self.edges_in,
                "adj_in",
                edge.to.0,
                label,
                (edge.from.0, qualifier),
            )?;
            Ok(existed)
        })
    }
}

impl<'t> RawTables for WriteTx<'t> {
    fn damage(&self) -> &super::guard::DamageFlag {
        &self.damage
    }
    fn meta_value(&self, name: &str) -> Result<Option<Vec<u8>>> {
        Ok(self
            .meta
            .get(name)
            .map_err(storage("reading a setting"))?
            .map(|v| v.value().to_vec()))
    }
    type Nodes = Table<'t, u64, NodeBytes>;
    type Keys = Table<'t, &'static str, u64>;
    type Kinds = Table<'t, (u8, u64), ()>;
    type Names = Table<'t, (&'static str, u64), ()>;
    type FtsTerms = Table<'t, &'static str, u64>;
    type FtsPostings = Table<'t, (&'static str, u64), PostingBlockBytes>;
    type FtsDocs = Table<'t, u64, FtsDocBytes>;
    type FtsDocTerms = Table<'t, u64, DocTermsBytes>;
    type FtsStats = Table<'t, &'static str, u64>;
    type Events = Table<'t, u128, EventBytes>;
    type EventLog = Table<'t, u64, u128>;
    type SubjectEvents = Table<'t, (&'static str, u128), ()>;
    type TaskStates = Table<'t, &'static str, TaskStateBytes>;
    type ProjectStates = Table<'t, &'static str, ProjectStateBytes>;
    type Observations = Table<'t, (&'static str, &'static str, u16, bool), ObservationBytes>;
    type Slots = Table<'t, &'static str, u128>;
    type Timeline = Table<'t, (&'static str, u32, i64, u128), CheckpointBytes>;
    type Adj = Table<'t, AdjKey, EdgeBlockBytes>;
    fn nodes_table(&self) -> Result<&Self::Nodes> {
        Ok(&self.nodes)
    }
    fn keys_table(&self) -> Result<&Self::Keys> {
        Ok(&self.keys)
    }
    fn kinds_table(&self) -> Result<&Self::Kinds> {
        Ok(&self.kinds)
    }
    fn names_table(&self) -> Result<&Self::Names> {
        Ok(&self.names)
    }
    fn fts_terms_table(&self) -> Result<&Self::FtsTerms> {
        Ok(&self.fts_terms)
    }
    fn fts_postings_table(&self) -> Result<&Self::FtsPostings> {
        Ok(&self.fts_postings)
    }
    fn fts_docs_table(&self) -> Result<&Self::FtsDocs> {
        Ok(&self.fts_docs)
    }
    fn fts_doc_terms_table(&self) -> Result<&Self::FtsDocTerms> {
        Ok(&self.fts_doc_terms)
    }
    fn fts_stats_table(&self) -> Result<&Self::FtsStats> {
        Ok(&self.fts_stats)
    }
    fn events_table(&self) -> Result<&Self::Events> {
        Ok(&self.events)
    }
    fn event_log_table(&self) -> Result<&Self::EventLog> {
        Ok(&self.event_log)
    }
    fn subject_events_table(&self) -> Result<&Self::SubjectEvents> {
        Ok(&self.subject_events)
    }
    fn task_state_table(&self) -> Result<&Self::TaskStates> {
        Ok(&self.task_state)
    }
    fn project_state_table(&self) -> Result<&Self::ProjectStates> {
        Ok(&self.project_state)
    }
    fn observations_table(&self) -> Result<&Self::Observations> {
        Ok(&self.observations)
    }
    fn slots_table(&self) -> Result<&Self::Slots> {
        Ok(&self.slots)
    }
    fn timeline_table(&self) -> Result<&Self::Timeline> {
        Ok(&self.timeline)
    }
    fn out_table(&self) -> Result<&Self::Adj> {
        Ok(&self.edges_out)
    }
    fn in_table(&self) -> Result<&Self::Adj> {
        Ok(&self.edges_in)
    }
}

impl std::fmt::Debug for WriteTx<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("WriteTx")
            .field("next_id", &self.next_id)
            .finish()
    }
}
