//! [`Handle`]: what a front-end (Python's `Database`, Kotlin/Swift's `ReformGraph`) holds
//! for one open store, so that closing, the reuse of snapshots and the order of "resolve
//! names, then record" are decided once, here, and not in each binding.

use std::sync::{Arc, Mutex, PoisonError, RwLock};

use crate::error::{Error, Result};
use crate::model::{Change, Event};
use crate::store::{Snapshot, Store};
use crate::track::{self, EventInput, RecordedBy};

/// One open store, shared by a front-end's threads: it can be closed (every call after
/// that is [`Error::Closed`]), and its reads reuse one snapshot until the next write.
///
/// A read-write handle is its file's only writer (it holds the file lock), so the snapshot
/// taken after its last write stays current until it writes again, which drops it. A
/// read-only handle may follow another process's commits, so it takes a fresh snapshot for
/// every read.
///
/// ```
/// use reformgraph::{ErrorKind, GraphRead, Handle, Store};
/// let db = Handle::new(Store::in_memory()?);
/// db.write(|store| reformgraph::import::bundled::import_shanxi_2013(store).map(drop))?;
/// assert!(db.read(|snap| snap.node_count())? > 100);
/// db.close();
/// assert_eq!(db.read(|snap| snap.node_count()).unwrap_err().kind(), ErrorKind::Closed);
/// # Ok::<(), reformgraph::Error>(())
/// ```
#[derive(Debug)]
pub struct Handle {
    store: RwLock<Option<Arc<Store>>>,
    /// The newest snapshot, reused by reads until this handle writes.
    cached: Mutex<Option<Arc<Snapshot>>>,
    read_only: bool,
}

impl Handle {
    /// A handle on an open store.
    pub fn new(store: Store) -> Self {
        Handle {
            read_only: store.is_read_only(),
            store: RwLock::new(Some(Arc::new(store))),
            cached: Mutex::new(None),
        }
    }

    /// The store, for a call that neither reads a snapshot nor writes (a fact, a check).
    ///
    /// # Errors
    /// [`Error::Closed`] after [`Handle::close`].
    pub fn store(&self) -> Result<Arc<Store>> {
        let guard = self.store.read().unwrap_or_else(PoisonError::into_inner);
        guard.as_ref().cloned().ok_or(Error::Closed)
    }

    /// A snapshot that sees every write this handle (or, read-only, any writer) committed
    /// before the call; keep it for a lazy iteration.
    ///
    /// # Errors
    /// [`Error::Closed`]; storage errors.
    pub fn snapshot(&self) -> Result<Arc<Snapshot>> {
        let store = self.store()?;
        if self.read_only {
            return Ok(Arc::new(store.read()?));
        }
        // Taken under the lock: a write that commits meanwhile clears the cache only after
        // this snapshot is stored, so a snapshot older than a finished write never stays.
        let mut cached = self.cached.lock().unwrap_or_else(PoisonError::into_inner);
        if let Some(s) = cached.as_ref() {
            return Ok(Arc::clone(s));
        }
        let snap = Arc::new(store.read()?);
        *cached = Some(Arc::clone(&snap));
        Ok(snap)
    }

    /// Answers a question on a current snapshot.
    ///
    /// # Errors
    /// [`Error::Closed`]; whatever `ask` returns.
    pub fn read<T>(&self, ask: impl FnOnce(&Snapshot) -> Result<T>) -> Result<T> {
        ask(&*self.snapshot()?)
    }

    /// Runs a call that writes (an import, a changeset, a key or policy change) and drops
    /// the reused snapshot.
    ///
    /// # Errors
    /// [`Error::Closed`]; whatever `call` returns.
    pub fn write<T>(&self, call: impl FnOnce(&Store) -> Result<T>) -> Result<T> {
        let store = self.store()?;
        let out = call(&store);
        self.forget_snapshot();
        out
    }

    /// Records the change `build` makes from a current snapshot (which it may use to
    /// resolve what the caller named), as `by`, through [`track::record`].
    ///
    /// # Errors
    /// [`Error::Closed`]; whatever `build` or [`track::record`] returns.
    pub fn record(
        &self,
        by: RecordedBy,
        build: impl FnOnce(&Snapshot) -> Result<(String, Change)>,
    ) -> Result<Event> {
        let (subject, change) = self.read(build)?;
        self.write(|store| track::record(store, EventInput::recorded_by(subject, change, by)))
    }

    /// Closes the handle: the file is released once calls running on other threads end.
    /// Closing twice is harmless.
    pub fn close(&self) {
        self.forget_snapshot();
        *self.store.write().unwrap_or_else(PoisonError::into_inner) = None;
    }

    /// Whether [`Handle::close`] was called.
    pub fn is_closed(&self) -> bool {
        self.store
            .read()
            .unwrap_or_else(PoisonError::into_inner)
            .is_none()
    }

    /// Whether the store was opened read-only.
    pub fn is_read_only(&self) -> bool {
        self.read_only
    }

    fn forget_snapshot(&self) {
        *self.cached.lock().unwrap_or_else(PoisonError::into_inner) = None;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::GraphRead;

    #[test]
    fn a_read_after_a_write_sees_the_write() {
        let db = Handle::new(Store::in_memory().unwrap());
        assert_eq!(db.read(|s| s.node_count()).unwrap(), 0);
        db.write(|s| crate::import::bundled::import_shanxi_2013(s).map(drop))
            .unwrap();
        assert!(db.read(|s| s.node_count()).unwrap() > 0);
    }

    #[test]
    fn a_closed_handle_refuses_every_call() {
        let db = Handle::new(Store::in_memory().unwrap());
        db.close();
        db.close();
        assert!(db.is_closed());
        assert!(matches!(db.store(), Err(Error::Closed)));
        assert!(matches!(db.write(|_| Ok(())), Err(Error::Closed)));
        assert!(matches!(db.snapshot(), Err(Error::Closed)));
    }
}
