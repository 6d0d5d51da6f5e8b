//! Power loss (issue 15): a storage backend that keeps only what was synced. Every write
//! and resize goes to a page cache; `sync_data` makes the cache durable. A power cut at
//! the N-th operation fails that operation and every one after it, and the disk that
//! survives is the durable image alone: every write not followed by a sync is lost, as in
//! redb's own crash tests. Swept over an import and a batch of events: no acknowledged
//! commit is lost, and what reopens verifies clean. Also: a single failed write on a live
//! handle, after which the same handle goes on writing.

use std::fmt;
use std::io;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};

use redb::StorageBackend;

use super::fault_tests::{batch, sweep};
use crate::import::bundled;
use crate::store::{GraphRead, Store};
use crate::track;

/// The durable image and the page cache over it.
#[derive(Debug, Default)]
struct Platters {
    durable: Vec<u8>,
    cached: Vec<u8>,
}

/// A disk that loses unsynced writes at a power cut (operation `cut_at` and after fail).
struct Lossy {
    platters: Arc<Mutex<Platters>>,
    ops: Arc<AtomicU64>,
    cut_at: u64,
}

impl fmt::Debug for Lossy {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Lossy(cut_at={})", self.cut_at)
    }
}

impl Lossy {
    fn tick(&self) -> io::Result<()> {
        let n = self.ops.fetch_add(1, Ordering::SeqCst) + 1;
        if n >= self.cut_at {
            Err(io::Error::other(format!("power cut at operation {n}")))
        } else {
            Ok(())
        }
    }

    fn platters(&self) -> io::Result<std::sync::MutexGuard<'_, Platters>> {
        self.platters
            .lock()
            .map_err(|_| io::Error::other("poisoned"))
    }

    /// A write into the page cache (not durable until a sync).
    fn cache_write(&self, offset: u64, data: &[u8]) -> io::Result<()> {
        let mut p = self.platters()?;
        let start = usize::try_from(offset).map_err(io::Error::other)?;
        if p.cached.len() < start + data.len() {
            p.cached.resize(start + data.len(), 0);
        }
        p.cached[start..start + data.len()].copy_from_slice(data);
        Ok(())
    }

    fn cache_set_len(&self, len: u64) -> io::Result<()> {
        let len = usize::try_from(len).map_err(io::Error::other)?;
        self.platters()?.cached.resize(len, 0);
        Ok(())
    }

    /// A sync: the page cache becomes the durable image.
    fn make_durable(&self) -> io::Result<()> {
        let mut p = self.platters()?;
        p.durable = p.cached.clone();
        Ok(())
    }
}

impl StorageBackend for Lossy {
    fn len(&self) -> io::Result<u64> {
        Ok(self.platters()?.cached.len() as u64)
    }
    fn read(&self, offset: u64, out: &mut [u8]) -> io::Result<()> {
        let p = self.platters()?;
        let start = usize::try_from(offset).map_err(io::Error::other)?;
        let src = p
            .cached
            .get(start..start + out.len())
            .ok_or_else(|| io::Error::new(io::ErrorKind::UnexpectedEof, "read past the end"))?;
        out.copy_from_slice(src);
        Ok(())
    }
    fn set_len(&self, len: u64) -> io::Result<()> {
        self.tick()?;
        self.cache_set_len(len)
    }
    fn sync_data(&self) -> io::Result<()> {
        self.tick()?;
        self.make_durable()
    }
    fn write(&self, offset: u64, data: &[u8]) -> io::Result<()> {
        self.tick()?;
        self.cache_write(offset, data)
    }
}

/// A disk holding `image`, durable.
fn platters_of(image: &[u8]) -> Arc<Mutex<Platters>> {
    Arc::new(Mutex::new(Platters {
        durable: image.to_vec(),
        cached: image.to_vec(),
    }))
}

fn open(platters: &Arc<Mutex<Platters>>, cut_at: u64) -> (crate::Result<Store>, Arc<AtomicU64>) {
    let ops = Arc::new(AtomicU64::new(0));
    let backend = Lossy {
        platters: Arc::clone(platters),
        ops: Arc::clone(&ops),
        cut_at,
    };
    (Store::with_backend(backend), ops)
}

/// The durable image after a power cut: the page cache is gone.
fn after_power_cut(platters: &Arc<Mutex<Platters>>) -> Vec<u8> {
    let p = platters.lock().unwrap_or_else(|e| e.into_inner());
    p.durable.clone()
}

/// Runs `work` with a power cut at operation `n`, restarts on the durable image, checks it
/// and returns (whether `work` was acknowledged, the restarted store).
fn at_cut(image: &[u8], n: u64, work: &dyn Fn(&Store) -> crate::Result<()>) -> (bool, Store) {
    let platters = platters_of(image);
    let (store, _) = open(&platters, n);
    let ok = store.and_then(|s| work(&s)).is_ok();
    let survivor = platters_of(&after_power_cut(&platters));
    let (again, _) = open(&survivor, u64::MAX);
    let again = again.unwrap_or_else(|e| panic!("restart after a cut at {n}: {e}"));
    let problems = again
        .verify()
        .unwrap_or_else(|e| panic!("verify after {n}: {e}"));
    assert!(problems.is_empty(), "cut at {n}: {problems:?}");
    let snap = again.read().unwrap_or_else(|e| panic!("{e}"));
    let derived = track::verify_state(&snap).unwrap_or_else(|e| panic!("{e}"));
    assert!(derived.is_empty(), "cut at {n}: {derived:?}");
    drop(snap);
    (ok, again)
}

fn operations(image: &[u8], work: &dyn Fn(&Store) -> crate::Result<()>) -> u64 {
    let platters = platters_of(image);
    let (store, ops) = open(&platters, u64::MAX);
    let store = store.unwrap_or_else(|e| unreachable!("{e}"));
    work(&store).unwrap_or_else(|e| unreachable!("{e}"));
    ops.load(Ordering::SeqCst)
}

/// An initialised, empty store's durable image.
fn empty_image() -> Vec<u8> {
    let platters = platters_of(&[]);
    drop(
        open(&platters, u64::MAX)
            .0
            .unwrap_or_else(|e| unreachable!("{e}")),
    );
    after_power_cut(&platters)
}

fn imported_image() -> Vec<u8> {
    let platters = platters_of(&empty_image());
    {
        let (store, _) = open(&platters, u64::MAX);
        let store = store.unwrap_or_else(|e| unreachable!("{e}"));
        bundled::import_shanxi_2013(&store).unwrap_or_else(|e| unreachable!("{e}"));
    }
    after_power_cut(&platters)
}

#[test]
fn a_power_cut_during_an_import_loses_no_acknowledged_commit() {
    let image = empty_image();
    let import = |s: &Store| bundled::import_shanxi_2013(s).map(|_| ());
    let total = operations(&image, &import);
    let (ok, full) = at_cut(&image, u64::MAX, &import);
    assert!(ok);
    let plan_nodes = full.read().and_then(|s| s.node_count()).unwrap_or(0);
    assert!(plan_nodes > 300, "{plan_nodes}");
    let points = sweep(total, 40);
    let mut lost_unsynced = 0;
    for n in &points {
        let (ok, again) = at_cut(&image, *n, &import);
        let nodes = again
            .read()
            .and_then(|s| s.node_count())
            .unwrap_or(u64::MAX);
        assert!(
            nodes == 0 || nodes == plan_nodes,
            "cut at {n}: {nodes} nodes"
        );
        if ok {
            assert_eq!(nodes, plan_nodes, "cut at {n}: acknowledged but lost");
        } else {
            lost_unsynced += usize::from(nodes == 0);
        }
    }
    assert!(
        lost_unsynced > points.len() / 2,
        "most cuts must hit the import"
    );
}

#[test]
fn a_power_cut_during_a_batch_of_events_loses_no_acknowledged_commit() {
    let image = imported_image();
    let record = |s: &Store| track::record_all(s, batch()).map(|_| ());
    let total = operations(&image, &record);
    let points = sweep(total, 30);
    let mut hit = 0;
    for n in &points {
        let (ok, again) = at_cut(&image, *n, &record);
        let events = again
            .read()
            .and_then(|s| s.event_count())
            .unwrap_or(u64::MAX);
        assert!(events == 0 || events == 50, "cut at {n}: {events} events");
        if ok {
            assert_eq!(events, 50, "cut at {n}: acknowledged but lost");
        } else {
            hit += 1;
        }
    }
    assert!(hit > points.len() / 2, "most cuts must hit the batch");
}

/// A disk that fails one operation, then works again: the same handle goes on writing.
#[test]
fn after_one_failed_write_the_same_handle_writes_again_and_the_file_verifies() {
    let image = imported_image();
    let record = |s: &Store| track::record_all(s, batch()).map(|_| ());
    let total = operations(&image, &record);
    for n in sweep(total, 12) {
        let platters = platters_of(&image);
        let ops = Arc::new(AtomicU64::new(0));
        let glitch = Glitch {
            inner: Lossy {
                platters: Arc::clone(&platters),
                ops: Arc::clone(&ops),
                cut_at: u64::MAX,
            },
            fail_at: n,
        };
        let Ok(store) = Store::with_backend(glitch) else {
            // The glitch hit the open itself: the file must still open clean afterwards.
            let (again, _) = open(&platters_of(&after_power_cut(&platters)), u64::MAX);
            let again = again.unwrap_or_else(|e| panic!("reopen after a glitch at {n}: {e}"));
            assert!(
                again.verify().unwrap_or_default().is_empty(),
                "glitch at {n}"
            );
            continue;
        };
        let first = record(&store);
        // The same handle, the disk working again: one more batch.
        let second = record(&store);
        let snap = store.read().unwrap_or_else(|e| panic!("{e}"));
        let events = snap.event_count().unwrap_or(u64::MAX);
        let want = 50 * (u64::from(first.is_ok()) + u64::from(second.is_ok()));
        assert_eq!(events, want, "glitch at {n}: {first:?} then {second:?}");
        drop(snap);
        assert!(
            store.verify().unwrap_or_default().is_empty(),
            "glitch at {n}"
        );
        drop(store);
        // What is durable reopens clean and holds at least what was acknowledged and synced.
        let (again, _) = open(&platters_of(&after_power_cut(&platters)), u64::MAX);
        let again = again.unwrap_or_else(|e| panic!("reopen after a glitch at {n}: {e}"));
        assert!(
            again.verify().unwrap_or_default().is_empty(),
            "glitch at {n}"
        );
        let durable = again
            .read()
            .and_then(|s| s.event_count())
            .unwrap_or(u64::MAX);
        assert_eq!(
            durable, want,
            "glitch at {n}: acknowledged commits are durable"
        );
    }
}

/// [`Lossy`] failing exactly one operation (a transient I/O error).
struct Glitch {
    inner: Lossy,
    fail_at: u64,
}

impl fmt::Debug for Glitch {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Glitch(fail_at={})", self.fail_at)
    }
}

impl Glitch {
    fn tick(&self) -> io::Result<()> {
        let n = self.inner.ops.fetch_add(1, Ordering::SeqCst) + 1;
        if n == self.fail_at {
            Err(io::Error::other(format!(
                "transient fault at operation {n}"
            )))
        } else {
            Ok(())
        }
    }
}

impl StorageBackend for Glitch {
    fn len(&self) -> io::Result<u64> {
        self.inner.len()
    }
    fn read(&self, offset: u64, out: &mut [u8]) -> io::Result<()> {
        self.inner.read(offset, out)
    }
    fn set_len(&self, len: u64) -> io::Result<()> {
        self.tick()?;
        self.inner.cache_set_len(len)
    }
    fn sync_data(&self) -> io::Result<()> {
        self.tick()?;
        self.inner.make_durable()
    }
    fn write(&self, offset: u64, data: &[u8]) -> io::Result<()> {
        self.tick()?;
        self.inner.cache_write(offset, data)
    }
}
