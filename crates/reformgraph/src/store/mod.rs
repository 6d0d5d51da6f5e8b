//! Storage on redb: the [`Store`] handle, read [`Snapshot`]s and [`WriteTx`] transactions.
//!
//! Layout, key formats and the version policy are described in `docs/design.md`.

pub(crate) mod adjacency;
mod busy;
mod clock;
mod codec;
#[cfg(test)]
mod decode_tests;
pub(crate) mod fulltext;
mod guard;
pub use clock::{Clock, ManualClock, SystemClock};
pub use guard::quiet_contained_panics;
#[cfg(test)]
mod golden;
mod read;
mod records;
mod tables;
pub(crate) mod timeline;
mod upgrade;
mod verify;
mod write;

use std::path::{Path, PathBuf};

use std::sync::OnceLock;

use redb::{Database, ReadOnlyDatabase, ReadTransaction, ReadableDatabase};

pub use read::GraphRead;
pub(crate) use records::signed_bytes;
pub use tables::SCHEMA_VERSION;
pub use verify::Problem;
pub use write::{Upsert, WriteTx};

use crate::error::{Error, Result, StorageError};
use crate::model::NodeKind;
use read::storage;
use tables::{
    ADJ_IN, ADJ_OUT, EVENT_LOG, EVENTS, FTS_BLOCKS, FTS_DOC_TERMS, FTS_DOCS, FTS_STATS, FTS_TERMS,
    KEYS, KINDS, META, META_NEXT_EVENT_SEQ, META_NEXT_ID, META_SCHEMA_VERSION, NAMES, NODES,
    OBSERVATIONS, PROJECT_STATE, SLOTS, SUBJECT_EVENTS, TASK_STATE, TIMELINE,
};

/// Page cache size. redb allocates it lazily, so this caps memory rather than reserving it;
/// 64 MiB holds a national-scale graph's hot pages and is polite on a phone.
const CACHE_BYTES: usize = 64 << 20;

/// Files up to this size are checked with redb's integrity check when opened for writing
/// (page checksums and tree structure, which ordinary reads do not check). It reads the
/// whole file once: about 0.6 ms per MiB measured at 1.1 and 16.9 MiB (`benches/README.md`),
/// so 64 MiB should cost about 40 ms (extrapolated, not measured). Larger files are checked by `verify` only.
pub const INTEGRITY_CHECK_MAX_BYTES: u64 = 64 << 20;

/// Opens a redb file with a panic inside redb's own open (a damaged header or a repair that
/// meets a damaged page) reported as [`Error::Corrupt`].
fn opening<T>(open: impl FnOnce() -> Result<T>) -> Result<T> {
    guard::contain(&guard::DamageFlag::default(), "opening", open)
}

/// Runs redb's integrity check on a file small enough ([`INTEGRITY_CHECK_MAX_BYTES`]);
/// returns what is wrong if it fails. A panic inside the check counts as a failure.
fn integrity_check(db: &mut Database, path: &Path) -> Option<String> {
    let small = std::fs::metadata(path).is_ok_and(|m| m.len() <= INTEGRITY_CHECK_MAX_BYTES);
    if !small {
        return None;
    }
    let outcome = guard::contain(&guard::DamageFlag::default(), "checking integrity", || {
        db.check_integrity().map_err(|e| Error::Corrupt {
            table: "(file)",
            key: "integrity check".into(),
            reason: e.to_string(),
        })
    });
    match outcome {
        // `false`: redb found and repaired allocator damage only (free-page bookkeeping).
        Ok(_) => None,
        Err(Error::Corrupt { reason, .. }) => {
            Some(format!("redb's integrity check failed: {reason}"))
        }
        Err(e) => Some(format!("redb's integrity check failed: {e}")),
    }
}

enum Db {
    ReadWrite(Database),
    ReadOnly(ReadOnlyDatabase),
}

/// A reformgraph database: one redb file (or memory), one writer at a time, any number of
/// concurrent MVCC readers. `Store` is `Send + Sync`; share it behind an `Arc`.
pub struct Store {
    db: Db,
    path: Option<PathBuf>,
    /// Set when a read or write on this handle met a damaged file; then it takes no writes.
    damage: guard::DamageFlag,
    /// What redb's integrity check found when the file was opened for writing, if it failed.
    integrity: OnceLock<String>,
    /// Where recording times come from.
    clock: std::sync::RwLock<std::sync::Arc<dyn Clock>>,
    /// The full-text tokeniser's name trie, kept between writes.
    names_cache: fulltext::NamesCache,
}

/// Summary of a store, for `reformgraph info`.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct StoreInfo {
    /// The file, or `None` in memory.
    pub path: Option<PathBuf>,
    /// Schema version of the file.
    pub schema_version: u32,
    /// Whether the store was opened read-only.
    pub read_only: bool,
    /// Node count per kind, every kind listed (0 for none).
    pub nodes: std::collections::BTreeMap<NodeKind, u64>,
    /// Total edges.
    pub edges: u64,
    /// File size in bytes (0 in memory).
    pub file_bytes: u64,
}

fn open_error(path: &Path, e: redb::DatabaseError) -> Error {
    match e {
        redb::DatabaseError::DatabaseAlreadyOpen => Error::AlreadyOpen {
            path: path.to_owned(),
        },
        // Only a read-only open aborts the repair a crashed file needs.
        redb::DatabaseError::RepairAborted => Error::NeedsRecovery {
            path: path.to_owned(),
        },
        redb::DatabaseError::Storage(redb::StorageError::Io(source))
            if source.kind() == std::io::ErrorKind::InvalidData =>
        {
            Error::NotAStore {
                path: path.to_owned(),
                reason: source.to_string(),
            }
        }
        redb::DatabaseError::Storage(redb::StorageError::Io(source)) => Error::Io {
            path: path.to_owned(),
            source,
        },
        redb::DatabaseError::UpgradeRequired(v) => Error::NotAStore {
            path: path.to_owned(),
            reason: format!("written in redb file format {v}, which this build cannot read"),
        },
        redb::DatabaseError::Storage(redb::StorageError::Corrupted(reason)) => Error::NotAStore {
            path: path.to_owned(),
            reason: format!("not a redb file, or damaged beyond repair ({reason})"),
        },
        other => Error::Storage {
            operation: "opening the database",
            source: StorageError::new(other),
        },
    }
}

/// A builder for a file: one writing process, any number of read-only processes following
/// its commits, so two notebooks, or a CLI query next to a running app, read one file at once.
fn builder() -> redb::Builder {
    let mut b = memory_builder();
    b.set_concurrency_mode(redb::ConcurrencyMode::SingleWriter);
    b
}

/// A builder for memory, which no other process can see (and which has no byte-range locks
/// for the multi-process modes).
fn memory_builder() -> redb::Builder {
    let mut b = Database::builder();
    b.set_cache_size(CACHE_BYTES);
    b
}

impl Store {
    /// Opens the store at `path`, creating the file if it does not exist (or is empty).
    ///
    /// # Errors
    /// [`Error::Io`] if the file cannot be created; [`Error::AlreadyOpen`] if another process
    /// is writing it; [`Error::NotAStore`] if it holds something else;
    /// [`Error::UnsupportedSchema`] if a newer reformgraph wrote it.
    ///
    /// ```
    /// use reformgraph::{GraphRead, Store};
    /// let dir = tempfile::tempdir()?;
    /// let store = Store::create(dir.path().join("plan.redb"))?;
    /// assert_eq!(store.read()?.node_count()?, 0);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn create(path: impl AsRef<Path>) -> Result<Store> {
        let path = path.as_ref();
        let mut db = opening(|| builder().create(path).map_err(|e| open_error(path, e)))?;
        let damaged = integrity_check(&mut db, path);
        Self::init_writable(db, path, true, damaged)
    }

    /// Opens an existing store for reading and writing.
    ///
    /// A file of up to [`INTEGRITY_CHECK_MAX_BYTES`] is first checked with redb's integrity
    /// check (as [`Store::create`] does for an existing file): if the check fails, the store
    /// still opens for reading, refuses writes with [`Error::Corrupt`], and
    /// [`Store::verify`] says what the check found.
    ///
    /// # Errors
    /// [`Error::Io`] if the file does not exist or cannot be opened; otherwise as
    /// [`Store::create`].
    ///
    /// ```
    /// use reformgraph::{Error, Store};
    /// let dir = tempfile::tempdir()?;
    /// assert!(matches!(Store::open(dir.path().join("missing.redb")), Err(Error::Io { .. })));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn open(path: impl AsRef<Path>) -> Result<Store> {
        let path = path.as_ref();
        let mut db = opening(|| builder().open(path).map_err(|e| open_error(path, e)))?;
        let damaged = integrity_check(&mut db, path);
        Self::init_writable(db, path, false, damaged)
    }

    /// [`Store::init`] for a file opened for writing, marked damaged (no writes, `verify`
    /// says why) if its integrity check failed.
    fn init_writable(
        db: Database,
        path: &Path,
        may_initialise: bool,
        damaged: Option<String>,
    ) -> Result<Store> {
        let store = Self::init(Db::ReadWrite(db), Some(path.to_owned()), may_initialise)?;
        if let Some(reason) = damaged {
            store.damage.set();
            let _ = store.integrity.set(reason);
        }
        Ok(store)
    }

    /// Opens an existing store read-only. Any number of processes may do this at once, also
    /// while one process has the file open for writing: each snapshot then sees the
    /// writer's commits up to the moment it is taken.
    ///
    /// # Errors
    /// As [`Store::open`]. Writes on the result fail with [`Error::ReadOnly`].
    ///
    /// ```
    /// use reformgraph::Store;
    /// let dir = tempfile::tempdir()?;
    /// let path = dir.path().join("plan.redb");
    /// drop(Store::create(&path)?);
    /// let ro = Store::open_read_only(&path)?;
    /// assert!(ro.info()?.read_only);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn open_read_only(path: impl AsRef<Path>) -> Result<Store> {
        let path = path.as_ref();
        let db = opening(|| {
            builder()
                .open_read_only(path)
                .map_err(|e| open_error(path, e))
        })?;
        Self::init(Db::ReadOnly(db), Some(path.to_owned()), false)
    }

    /// A store in memory, gone when dropped. For tests and scratch work.
    ///
    /// # Errors
    /// [`Error::Storage`] if the engine cannot initialise (out of memory).
    ///
    /// ```
    /// use reformgraph::Store;
    /// let store = Store::in_memory()?;
    /// assert!(store.verify()?.is_empty());
    /// # Ok::<(), reformgraph::Error>(())
    /// ```
    pub fn in_memory() -> Result<Store> {
        let db = memory_builder()
            .create_with_backend(redb::backends::InMemoryBackend::new())
            .map_err(|e| open_error(Path::new(":memory:"), e))?;
        Self::init(Db::ReadWrite(db), None, true)
    }

    /// A store over any redb storage backend (fault-injection tests use this).
    #[cfg(test)]
    pub(crate) fn with_backend(backend: impl redb::StorageBackend) -> Result<Store> {
        let db = memory_builder()
            .create_with_backend(backend)
            .map_err(|e| open_error(Path::new(":backend:"), e))?;
        Self::init(Db::ReadWrite(db), None, true)
    }

    fn init(db: Db, path: Option<PathBuf>, may_initialise: bool) -> Result<Store> {
        let damage = guard::DamageFlag::default();
        let store = Store {
            db,
            path,
            damage: damage.clone(),
            integrity: OnceLock::new(),
            clock: std::sync::RwLock::new(std::sync::Arc::new(SystemClock)),
            names_cache: fulltext::NamesCache::default(),
        };
        guard::contain(&damage, "opening", || store.init_checked(may_initialise))?;
        Ok(store)
    }

    fn init_checked(&self, may_initialise: bool) -> Result<()> {
        let store = self;
        match store.stored_schema_version()? {
            Some(v) if v == SCHEMA_VERSION => {
                store.check_tables()?;
                Ok(())
            }
            Some(v) if (1..SCHEMA_VERSION).contains(&v) => match &store.db {
                Db::ReadWrite(db) => {
                    upgrade::upgrade(db, v)?;
                    store.check_tables()?;
                    Ok(())
                }
                // Schema 3 only added a node record format that this build also reads.
                Db::ReadOnly(_) if v >= tables::OLDEST_READABLE_AS_IS => {
                    store.check_tables()?;
                    Ok(())
                }
                Db::ReadOnly(_) => Err(Error::UnsupportedSchema {
                    found: v,
                    supported: SCHEMA_VERSION,
                }),
            },
            Some(v) => Err(Error::UnsupportedSchema {
                found: v,
                supported: SCHEMA_VERSION,
            }),
            None if may_initialise && store.is_blank()? => {
                store.initialise()?;
                Ok(())
            }
            None => Err(Error::NotAStore {
                path: store.display_path(),
                reason: "it has no reformgraph meta table".into(),
            }),
        }
    }

    fn display_path(&self) -> PathBuf {
        self.path
            .clone()
            .unwrap_or_else(|| PathBuf::from(":memory:"))
    }

    fn begin_read(&self) -> Result<ReadTransaction> {
        let r = match &self.db {
            Db::ReadWrite(db) => db.begin_read(),
            Db::ReadOnly(db) => db.begin_read(),
        };
        r.map_err(|e| Error::Storage {
            operation: "beginning a read",
            source: StorageError::new(e),
        })
    }

    fn is_blank(&self) -> Result<bool> {
        let txn = self.begin_read()?;
        let mut tables = txn.list_tables().map_err(storage("listing tables"))?;
        Ok(tables.next().is_none())
    }

    fn stored_schema_version(&self) -> Result<Option<u32>> {
        let txn = self.begin_read()?;
        let meta = match txn.open_table(META) {
            Ok(t) => t,
            Err(redb::TableError::TableDoesNotExist(_)) => return Ok(None),
            Err(e) => {
                return Err(Error::NotAStore {
                    path: self.display_path(),
                    reason: format!("its meta table is unreadable ({e})"),
                });
            }
        };
        let Some(v) = meta
            .get(META_SCHEMA_VERSION)
            .map_err(storage("reading the schema version"))?
        else {
            return Ok(None);
        };
        codec::decode(v.value(), "meta", || META_SCHEMA_VERSION.into()).map(Some)
    }

    fn initialise(&self) -> Result<()> {
        let Db::ReadWrite(db) = &self.db else {
            return Err(Error::ReadOnly);
        };
        let mut txn = db.begin_write().map_err(|e| Error::Storage {
            operation: "beginning the initial write",
            source: StorageError::new(e),
        })?;
        txn.set_quick_repair(true);
        {
            let table_err = |e: redb::TableError| Error::Storage {
                operation: "creating tables",
                source: StorageError::new(e),
            };
            let mut meta = txn.open_table(META).map_err(table_err)?;
            meta.insert(
                META_SCHEMA_VERSION,
                codec::encode(&SCHEMA_VERSION)?.as_slice(),
            )
            .map_err(storage("writing the schema version"))?;
            meta.insert(META_NEXT_ID, codec::encode(&1u64)?.as_slice())
                .map_err(storage("writing the id counter"))?;
            meta.insert(META_NEXT_EVENT_SEQ, codec::encode(&1u64)?.as_slice())
                .map_err(storage("writing the event counter"))?;
            txn.open_table(EVENTS).map_err(table_err)?;
            txn.open_table(EVENT_LOG).map_err(table_err)?;
            txn.open_table(SUBJECT_EVENTS).map_err(table_err)?;
            txn.open_table(TASK_STATE).map_err(table_err)?;
            txn.open_table(PROJECT_STATE).map_err(table_err)?;
            txn.open_table(OBSERVATIONS).map_err(table_err)?;
            txn.open_table(SLOTS).map_err(table_err)?;
            txn.open_table(TIMELINE).map_err(table_err)?;
            txn.open_table(NODES).map_err(table_err)?;
            txn.open_table(KEYS).map_err(table_err)?;
            txn.open_table(KINDS).map_err(table_err)?;
            txn.open_table(NAMES).map_err(table_err)?;
            txn.open_table(FTS_TERMS).map_err(table_err)?;
            txn.open_table(FTS_BLOCKS).map_err(table_err)?;
            txn.open_table(FTS_DOCS).map_err(table_err)?;
            txn.open_table(FTS_DOC_TERMS).map_err(table_err)?;
            txn.open_table(FTS_STATS).map_err(table_err)?;
            txn.open_table(ADJ_OUT).map_err(table_err)?;
            txn.open_table(ADJ_IN).map_err(table_err)?;
        }
        txn.commit().map_err(|e| Error::Storage {
            operation: "committing the initial write",
            source: StorageError::new(e),
        })
    }

    /// A consistent read snapshot. It sees every transaction committed before this call and
    /// nothing after; writers are never blocked by it. Drop it promptly: an open snapshot
    /// keeps old pages from being reused.
    ///
    /// # Errors
    /// [`Error::Storage`] if the engine fails; [`Error::NotAStore`] if a table is missing.
    ///
    /// ```
    /// use reformgraph::{GraphRead, Store};
    /// let store = Store::in_memory()?;
    /// let snap = store.read()?;
    /// assert_eq!(snap.edge_count()?, 0);
    /// # Ok::<(), reformgraph::Error>(())
    /// ```
    pub fn read(&self) -> Result<Snapshot> {
        guard::contain(&self.damage, "beginning a read", || {
            Ok(self.snapshot(self.begin_read()?))
        })
    }

    fn snapshot(&self, txn: ReadTransaction) -> Snapshot {
        Snapshot::new(txn, self.display_path(), self.damage.clone())
    }

    /// Opens every table once, so a file that lacks one is refused at open rather than at
    /// the first read that needs it (snapshots open their tables lazily).
    fn check_tables(&self) -> Result<()> {
        self.read()?.open_all()
    }

    /// Runs `f` in a write transaction: commits (durably, two-phase, with quick repair) if it
    /// returns `Ok`, aborts if it returns `Err` or panics. Only one write runs at a time;
    /// others wait.
    ///
    /// # Errors
    /// Whatever `f` returns; [`Error::ReadOnly`] on a read-only store; [`Error::Storage`] if
    /// the commit fails (then nothing was written).
    ///
    /// ```
    /// use reformgraph::{Area, AreaLevel, GraphRead, NodeKey, Store};
    /// let store = Store::in_memory()?;
    /// let id = store.write(|tx| {
    ///     tx.insert(NodeKey::area("孝义市")?, Area { name: "孝义市".into(), level: AreaLevel::CountyLevelCity, aliases: vec!["孝义".into()] }, None)
    /// })?;
    /// assert_eq!(store.read()?.id_of("area/孝义市")?, Some(id));
    /// // An Err aborts: nothing is written.
    /// let r: Result<(), reformgraph::Error> = store.write(|tx| {
    ///     tx.remove_node(id)?;
    ///     Err(reformgraph::Error::ReadOnly)
    /// });
    /// assert!(r.is_err());
    /// assert!(store.read()?.node(id)?.is_some());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn write<T, E>(&self, f: impl FnOnce(&mut WriteTx<'_>) -> Result<T, E>) -> Result<T, E>
    where
        E: From<Error>,
    {
        let Db::ReadWrite(db) = &self.db else {
            return Err(Error::ReadOnly.into());
        };
        if self.damage.is_set() {
            return Err(Error::Corrupt {
                table: "(file)",
                key: "writing".into(),
                reason: format!(
                    "{}; this handle met the damage earlier and takes no writes: reopen the file",
                    guard::DAMAGED
                ),
            }
            .into());
        }
        // A panic inside the store (redb on a damaged page) becomes `Error::Corrupt`, the
        // transaction is dropped (which aborts it) and the handle takes no more writes. A
        // panic in the caller's own code is the caller's: it propagates, and the dropped
        // transaction writes nothing.
        let damage = &self.damage;
        let mut txn = guard::contain(damage, "beginning a write", || {
            db.begin_write().map_err(|e| Error::Storage {
                operation: "beginning a write",
                source: StorageError::new(e),
            })
        })?;
        // Quick repair records the allocator state with each commit and implies two-phase
        // commit, so reopening after a crash is instant and never trusts a torn slot.
        txn.set_quick_repair(true);
        txn.set_two_phase_commit(true);
        let outcome = {
            let mut tx = guard::contain(damage, "opening the tables", || {
                WriteTx::new(&txn, damage.clone(), self.clock(), self.names_cache.clone())
            })?;
            match f(&mut tx) {
                Ok(v) => guard::contain(damage, "finishing a write", || tx.finish())
                    .map(|()| v)
                    .map_err(E::from),
                Err(e) => Err(e),
            }
        };
        match outcome {
            Ok(v) => {
                guard::contain(damage, "committing", || {
                    txn.commit().map_err(|e| Error::Storage {
                        operation: "committing",
                        source: StorageError::new(e),
                    })
                })?;
                Ok(v)
            }
            Err(e) => {
                // Dropping would abort too; an explicit abort surfaces nothing useful on
                // failure, and the caller's error is the one that matters. (Contained: after
                // damage, redb's abort may meet it too.)
                let _ = guard::contain(damage, "aborting a write", || {
                    txn.abort().map_err(|e| Error::Storage {
                        operation: "aborting",
                        source: StorageError::new(e),
                    })
                });
                Err(e)
            }
        }
    }

    /// Checks every invariant: records decode, keys are unique and indexed, the kind index
    /// matches, no edge dangles, both adjacency directions agree, the id counter is ahead of
    /// every id. Returns what is wrong; empty means healthy.
    ///
    /// # Errors
    /// [`Error::Storage`] if the file cannot be read at all.
    ///
    /// ```
    /// use reformgraph::Store;
    /// assert!(Store::in_memory()?.verify()?.is_empty());
    /// # Ok::<(), reformgraph::Error>(())
    /// ```
    pub fn verify(&self) -> Result<Vec<Problem>> {
        let checked = guard::contain(&self.damage, "verifying", || {
            let snap = self.read()?;
            snap.open_all()?;
            verify::verify(&snap.txn, &snap)
        });
        let mut problems = match checked {
            Err(Error::Corrupt {
                table: "(file)",
                key,
                reason,
            }) => vec![Problem {
                table: "(file)",
                key,
                message: reason,
            }],
            other => other?,
        };
        if let Some(found) = self.integrity.get() {
            problems.insert(
                0,
                Problem {
                    table: "(file)",
                    key: "integrity check".into(),
                    message: format!("{found}; {}", guard::DAMAGED),
                },
            );
        }
        Ok(problems)
    }

    /// Whether the store was opened read-only ([`Store::open_read_only`]).
    ///
    /// ```
    /// assert!(!reformgraph::Store::in_memory()?.is_read_only());
    /// # Ok::<(), reformgraph::Error>(())
    /// ```
    pub fn is_read_only(&self) -> bool {
        matches!(self.db, Db::ReadOnly(_))
    }

    /// Counts and facts about the store.
    ///
    /// # Errors
    /// As [`Store::read`].
    ///
    /// ```
    /// use reformgraph::{Store, SCHEMA_VERSION};
    /// assert_eq!(Store::in_memory()?.info()?.schema_version, SCHEMA_VERSION);
    /// # Ok::<(), reformgraph::Error>(())
    /// ```
    pub fn info(&self) -> Result<StoreInfo> {
        let snap = self.read()?;
        let mut nodes = std::collections::BTreeMap::new();
        for kind in NodeKind::ALL {
            nodes.insert(kind, snap.count(kind)?);
        }
        let file_bytes = match &self.path {
            Some(p) => std::fs::metadata(p)
                .map_err(|source| Error::Io {
                    path: p.clone(),
                    source,
                })?
                .len(),
            None => 0,
        };
        Ok(StoreInfo {
            path: self.path.clone(),
            schema_version: self.stored_schema_version()?.unwrap_or(SCHEMA_VERSION),
            read_only: self.is_read_only(),
            nodes,
            edges: snap.edge_count()?,
            file_bytes,
        })
    }

    /// Whether the access policy is enforced: then tracking lets an actor change only what
    /// their organisation leads, co-operates on, or was granted.
    ///
    /// # Errors
    /// Storage or decoding errors.
    ///
    /// ```
    /// use reformgraph::Store;
    /// assert!(!Store::in_memory()?.access_enforced()?);
    /// # Ok::<(), reformgraph::Error>(())
    /// ```
    pub fn access_enforced(&self) -> Result<bool> {
        // One reading of the setting, shared with every view (`GraphRead::access_enforced`).
        self.read()?.access_enforced()
    }

    /// Installs the clock that gives every event recorded through this handle its
    /// recording time (the system clock unless a test or a simulation installs another).
    ///
    /// ```
    /// use std::sync::Arc;
    /// use reformgraph::{Store, store::SystemClock};
    /// let store = Store::in_memory()?;
    /// store.set_clock(Arc::new(SystemClock));
    /// assert!(store.now_millis() > 1_700_000_000_000);
    /// # Ok::<(), reformgraph::Error>(())
    /// ```
    pub fn set_clock(&self, clock: std::sync::Arc<dyn Clock>) {
        *self.clock.write().unwrap_or_else(|e| e.into_inner()) = clock;
    }

    /// The time now by this store's clock, ms since the epoch.
    pub fn now_millis(&self) -> i64 {
        self.clock().now_millis()
    }

    fn clock(&self) -> std::sync::Arc<dyn Clock> {
        std::sync::Arc::clone(&self.clock.read().unwrap_or_else(|e| e.into_inner()))
    }

    /// The file behind the store, `None` in memory.
    pub fn path(&self) -> Option<&Path> {
        self.path.as_deref()
    }
}

impl std::fmt::Debug for Store {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Store")
            .field("path", &self.display_path())
            .field("read_only", &matches!(self.db, Db::ReadOnly(_)))
            .finish()
    }
}

/// Decodes `bytes` as every kind of stored record in turn (fuzzing and property tests:
/// whatever the bytes, this returns, never panics). Returns how many kinds accepted them.
#[cfg(any(test, feature = "fuzzing"))]
pub(crate) fn decode_all_kinds(bytes: &[u8]) -> usize {
    use crate::model::{Checkpoint, Observation, ProjectState, TaskState};
    let key = String::new;
    [
        records::decode_node(bytes, key).is_ok(),
        codec::decode::<records::edge_v1::EdgeKindV1>(bytes, "edges_out", key).is_ok(),
        codec::decode::<adjacency::EdgeBlock>(bytes, "adj_out", key).is_ok(),
        records::decode_event(bytes, key).is_ok(),
        records::decode::<TaskState>(bytes, key).is_ok(),
        records::decode::<ProjectState>(bytes, key).is_ok(),
        records::decode::<Observation>(bytes, key).is_ok(),
        records::decode::<Checkpoint>(bytes, key).is_ok(),
        codec::decode::<fulltext::PostingBlock>(bytes, "fts_blocks", key).is_ok(),
        codec::decode::<fulltext::FtsDoc>(bytes, "fts_docs", key).is_ok(),
        codec::decode::<Vec<String>>(bytes, "fts_doc_terms", key).is_ok(),
        codec::decode::<u64>(bytes, "meta", key).is_ok(),
    ]
    .into_iter()
    .filter(|ok| *ok)
    .count()
}

/// A consistent read view of the store; see [`Store::read`] and [`GraphRead`]. Tables are
/// opened on first use (a point read opens two of the twenty), and stay open for the
/// snapshot's life.
pub struct Snapshot {
    txn: ReadTransaction,
    path: PathBuf,
    /// The store's damage flag (see `guard`).
    damage: guard::DamageFlag,
    nodes: OnceLock<redb::ReadOnlyTable<u64, tables::NodeBytes>>,
    keys: OnceLock<redb::ReadOnlyTable<&'static str, u64>>,
    kinds: OnceLock<redb::ReadOnlyTable<(u8, u64), ()>>,
    names: OnceLock<redb::ReadOnlyTable<(&'static str, u64), ()>>,
    fts_terms: OnceLock<redb::ReadOnlyTable<&'static str, u64>>,
    fts_postings: OnceLock<redb::ReadOnlyTable<(&'static str, u64), tables::PostingBlockBytes>>,
    fts_docs: OnceLock<redb::ReadOnlyTable<u64, tables::FtsDocBytes>>,
    fts_doc_terms: OnceLock<redb::ReadOnlyTable<u64, tables::DocTermsBytes>>,
    fts_stats: OnceLock<redb::ReadOnlyTable<&'static str, u64>>,
    events: OnceLock<redb::ReadOnlyTable<u128, tables::EventBytes>>,
    event_log: OnceLock<redb::ReadOnlyTable<u64, u128>>,
    subject_events: OnceLock<redb::ReadOnlyTable<(&'static str, u128), ()>>,
    task_state: OnceLock<redb::ReadOnlyTable<&'static str, tables::TaskStateBytes>>,
    project_state: OnceLock<redb::ReadOnlyTable<&'static str, tables::ProjectStateBytes>>,
    observations:
        OnceLock<redb::ReadOnlyTable<tables::ObservationKey<'static>, tables::ObservationBytes>>,
    slots: OnceLock<redb::ReadOnlyTable<&'static str, u128>>,
    timeline: OnceLock<redb::ReadOnlyTable<tables::TimelineKey<'static>, tables::CheckpointBytes>>,
    edges_out: OnceLock<redb::ReadOnlyTable<tables::AdjKey, tables::EdgeBlockBytes>>,
    edges_in: OnceLock<redb::ReadOnlyTable<tables::AdjKey, tables::EdgeBlockBytes>>,
}

impl Snapshot {
    fn new(txn: ReadTransaction, path: PathBuf, damage: guard::DamageFlag) -> Snapshot {
        Snapshot {
            txn,
            path,
            damage,
            nodes: OnceLock::new(),
            keys: OnceLock::new(),
            kinds: OnceLock::new(),
            names: OnceLock::new(),
            fts_terms: OnceLock::new(),
            fts_postings: OnceLock::new(),
            fts_docs: OnceLock::new(),
            fts_doc_terms: OnceLock::new(),
            fts_stats: OnceLock::new(),
            events: OnceLock::new(),
            event_log: OnceLock::new(),
            subject_events: OnceLock::new(),
            task_state: OnceLock::new(),
            project_state: OnceLock::new(),
            observations: OnceLock::new(),
            slots: OnceLock::new(),
            timeline: OnceLock::new(),
            edges_out: OnceLock::new(),
            edges_in: OnceLock::new(),
        }
    }

    fn lazy<'s, K: redb::Key + 'static, V: redb::Value + 'static>(
        &'s self,
        cell: &'s OnceLock<redb::ReadOnlyTable<K, V>>,
        definition: redb::TableDefinition<'static, K, V>,
    ) -> Result<&'s redb::ReadOnlyTable<K, V>> {
        if let Some(table) = cell.get() {
            return Ok(table);
        }
        let table = self
            .txn
            .open_table(definition)
            .map_err(|e| Error::NotAStore {
                path: self.path.clone(),
                reason: format!("a table is missing or of the wrong type ({e})"),
            })?;
        // Another thread may have opened it meanwhile; either handle reads the same
        // snapshot.
        Ok(cell.get_or_init(|| table))
    }

    fn open_all(&self) -> Result<()> {
        use read::sealed::RawTables;
        self.nodes_table()?;
        self.keys_table()?;
        self.kinds_table()?;
        self.names_table()?;
        self.fts_terms_table()?;
        self.fts_postings_table()?;
        self.fts_docs_table()?;
        self.fts_doc_terms_table()?;
        self.fts_stats_table()?;
        self.events_table()?;
        self.event_log_table()?;
        self.subject_events_table()?;
        self.task_state_table()?;
        self.project_state_table()?;
        self.observations_table()?;
        self.slots_table()?;
        self.timeline_table()?;
        self.out_table()?;
        self.in_table()?;
        Ok(())
    }
}

impl read::sealed::RawTables for Snapshot {
    fn damage(&self) -> &guard::DamageFlag {
        &self.damage
    }
    fn meta_value(&self, name: &str) -> Result<Option<Vec<u8>>> {
        let meta = self.txn.open_table(META).map_err(|e| Error::Storage {
            operation: "opening the meta table",
            source: StorageError::new(e),
        })?;
        Ok(meta
            .get(name)
            .map_err(storage("reading a setting"))?
            .map(|v| v.value().to_vec()))
    }
    type Nodes = redb::ReadOnlyTable<u64, tables::NodeBytes>;
    type Keys = redb::ReadOnlyTable<&'static str, u64>;
    type Kinds = redb::ReadOnlyTable<(u8, u64), ()>;
    type Names = redb::ReadOnlyTable<(&'static str, u64), ()>;
    type FtsTerms = redb::ReadOnlyTable<&'static str, u64>;
    type FtsPostings = redb::ReadOnlyTable<(&'static str, u64), tables::PostingBlockBytes>;
    type FtsDocs = redb::ReadOnlyTable<u64, tables::FtsDocBytes>;
    type FtsDocTerms = redb::ReadOnlyTable<u64, tables::DocTermsBytes>;
    type FtsStats = redb::ReadOnlyTable<&'static str, u64>;
    type Events = redb::ReadOnlyTable<u128, tables::EventBytes>;
    type EventLog = redb::ReadOnlyTable<u64, u128>;
    type SubjectEvents = redb::ReadOnlyTable<(&'static str, u128), ()>;
    type TaskStates = redb::ReadOnlyTable<&'static str, tables::TaskStateBytes>;
    type ProjectStates = redb::ReadOnlyTable<&'static str, tables::ProjectStateBytes>;
    type Observations =
        redb::ReadOnlyTable<tables::ObservationKey<'static>, tables::ObservationBytes>;
    type Slots = redb::ReadOnlyTable<&'static str, u128>;
    type Timeline = redb::ReadOnlyTable<tables::TimelineKey<'static>, tables::CheckpointBytes>;
    type Adj = redb::ReadOnlyTable<tables::AdjKey, tables::EdgeBlockBytes>;
    fn nodes_table(&self) -> Result<&Self::Nodes> {
        self.lazy(&self.nodes, NODES)
    }
    fn keys_table(&self) -> Result<&Self::Keys> {
        self.lazy(&self.keys, KEYS)
    }
    fn kinds_table(&self) -> Result<&Self::Kinds> {
        self.lazy(&self.kinds, KINDS)
    }
    fn names_table(&self) -> Result<&Self::Names> {
        self.lazy(&self.names, NAMES)
    }
    fn fts_terms_table(&self) -> Result<&Self::FtsTerms> {
        self.lazy(&self.fts_terms, FTS_TERMS)
    }
    fn fts_postings_table(&self) -> Result<&Self::FtsPostings> {
        self.lazy(&self.fts_postings, FTS_BLOCKS)
    }
    fn fts_docs_table(&self) -> Result<&Self::FtsDocs> {
        self.lazy(&self.fts_docs, FTS_DOCS)
    }
    fn fts_doc_terms_table(&self) -> Result<&Self::FtsDocTerms> {
        self.lazy(&self.fts_doc_terms, FTS_DOC_TERMS)
    }
    fn fts_stats_table(&self) -> Result<&Self::FtsStats> {
        self.lazy(&self.fts_stats, FTS_STATS)
    }
    fn events_table(&self) -> Result<&Self::Events> {
        self.lazy(&self.events, EVENTS)
    }
    fn event_log_table(&self) -> Result<&Self::EventLog> {
        self.lazy(&self.event_log, EVENT_LOG)
    }
    fn subject_events_table(&self) -> Result<&Self::SubjectEvents> {
        self.lazy(&self.subject_events, SUBJECT_EVENTS)
    }
    fn task_state_table(&self) -> Result<&Self::TaskStates> {
        self.lazy(&self.task_state, TASK_STATE)
    }
    fn project_state_table(&self) -> Result<&Self::ProjectStates> {
        self.lazy(&self.project_state, PROJECT_STATE)
    }
    fn observations_table(&self) -> Result<&Self::Observations> {
        self.lazy(&self.observations, OBSERVATIONS)
    }
    fn slots_table(&self) -> Result<&Self::Slots> {
        self.lazy(&self.slots, SLOTS)
    }
    fn timeline_table(&self) -> Result<&Self::Timeline> {
        self.lazy(&self.timeline, TIMELINE)
    }
    fn out_table(&self) -> Result<&Self::Adj> {
        self.lazy(&self.edges_out, ADJ_OUT)
    }
    fn in_table(&self) -> Result<&Self::Adj> {
        self.lazy(&self.edges_in, ADJ_IN)
    }
}

impl std::fmt::Debug for Snapshot {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Snapshot")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn assert_send_sync<T: Send + Sync>() {}

    #[test]
    fn store_and_snapshot_are_send_and_sync() {
        assert_send_sync::<Store>();
        assert_send_sync::<Snapshot>();
    }
}
