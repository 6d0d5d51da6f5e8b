//! Fault injection (a test of the whole stack, so it lives outside `store/`, which knows
//! nothing of import or tracking): a storage backend that fails from the N-th write, resize or sync on,
//! swept over a whole import and over a batch of events. After every failure the store,
//! reopened on what reached the "disk", must be at its last committed state: nothing of
//! the failed transaction, everything before it, and `verify()` clean.

use std::fmt;
use std::io;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

use redb::StorageBackend;
use redb::backends::InMemoryBackend;

use crate::import::bundled;
use crate::model::TaskStatus;
use crate::store::{GraphRead, Store};
use crate::track::{self, EventInput};

/// Delegates to a shared in-memory "disk", failing every mutating call from the `fail_at`-th
/// on (a disk that went away mid-transaction), counting them either way.
struct Faulty {
    disk: Arc<InMemoryBackend>,
    ops: Arc<AtomicU64>,
    fail_at: u64,
}

impl fmt::Debug for Faulty {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Faulty(fail_at={})", self.fail_at)
    }
}

impl Faulty {
    fn tick(&self) -> io::Result<()> {
        let n = self.ops.fetch_add(1, Ordering::SeqCst) + 1;
        if n >= self.fail_at {
            Err(io::Error::other(format!("injected fault at operation {n}")))
        } else {
            Ok(())
        }
    }
}

impl StorageBackend for Faulty {
    fn len(&self) -> io::Result<u64> {
        self.disk.len()
    }
    fn read(&self, offset: u64, out: &mut [u8]) -> io::Result<()> {
        self.disk.read(offset, out)
    }
    fn set_len(&self, len: u64) -> io::Result<()> {
        self.tick()?;
        self.disk.set_len(len)
    }
    fn sync_data(&self) -> io::Result<()> {
        self.tick()?;
        self.disk.sync_data()
    }
    fn write(&self, offset: u64, data: &[u8]) -> io::Result<()> {
        self.tick()?;
        self.disk.write(offset, data)
    }
}

fn open(disk: &Arc<InMemoryBackend>, fail_at: u64) -> (crate::Result<Store>, Arc<AtomicU64>) {
    let ops = Arc::new(AtomicU64::new(0));
    let backend = Faulty {
        disk: Arc::clone(disk),
        ops: Arc::clone(&ops),
        fail_at,
    };
    (Store::with_backend(backend), ops)
}

/// Points to try among `total` operations: every one of the first and last few, and an
/// even spread in between; every point when `REFORMGRAPH_FULL_SWEEP` is set
/// (`make fault-sweep`).
pub(super) fn sweep(total: u64, spread: u64) -> Vec<u64> {
    if std::env::var_os("REFORMGRAPH_FULL_SWEEP").is_some() {
        return (1..=total).collect();
    }
    let mut points: Vec<u64> = (1..=8.min(total)).collect();
    points.extend((1..spread).map(|i| total * i / spread));
    points.extend(total.saturating_sub(8)..=total);
    points.retain(|p| *p >= 1);
    points.sort_unstable();
    points.dedup();
    points
}

pub(super) fn batch() -> Vec<EventInput> {
    (1..=50)
        .map(|n| {
            EventInput::task_status(
                format!("shanxi-2013/matter/{n}"),
                TaskStatus::InProgress,
                Some(f64::from(n)),
                "故障注入",
            )
        })
        .collect()
}

/// A copy of a disk, to restart every sweep point from the same committed state.
fn image_of(disk: &InMemoryBackend) -> Vec<u8> {
    let mut image = vec![0u8; usize::try_from(disk.len().unwrap_or(0)).unwrap_or(0)];
    disk.read(0, &mut image)
        .unwrap_or_else(|e| unreachable!("{e}"));
    image
}

fn disk_from(image: &[u8]) -> Arc<InMemoryBackend> {
    let d = Arc::new(InMemoryBackend::new());
    d.set_len(image.len() as u64)
        .unwrap_or_else(|e| unreachable!("{e}"));
    d.write(0, image).unwrap_or_else(|e| unreachable!("{e}"));
    d
}

/// Runs `work` on a copy of `image` whose disk fails from operation `n` on, reopens what
/// reached the disk, checks it, and returns (whether `work` succeeded, the reopened store).
fn at_fault(image: &[u8], n: u64, work: &dyn Fn(&Store) -> crate::Result<()>) -> (bool, Store) {
    let d = disk_from(image);
    let (store, _) = open(&d, n);
    let ok = store.and_then(|s| work(&s)).is_ok();
    let (again, _) = open(&d, u64::MAX);
    let again = again.unwrap_or_else(|e| panic!("reopen after a fault at {n}: {e}"));
    let problems = again
        .verify()
        .unwrap_or_else(|e| panic!("verify after {n}: {e}"));
    assert!(problems.is_empty(), "fault at {n}: {problems:?}");
    let snap = again.read().unwrap_or_else(|e| panic!("{e}"));
    let derived = track::verify_state(&snap).unwrap_or_else(|e| panic!("{e}"));
    assert!(derived.is_empty(), "fault at {n}: {derived:?}");
    drop(snap);
    (ok, again)
}

/// Counts the operations `work` does on a healthy copy of `image`.
fn operations(image: &[u8], work: &dyn Fn(&Store) -> crate::Result<()>) -> u64 {
    let d = disk_from(image);
    let (store, ops) = open(&d, u64::MAX);
    let store = store.unwrap_or_else(|e| unreachable!("{e}"));
    work(&store).unwrap_or_else(|e| unreachable!("{e}"));
    ops.load(Ordering::SeqCst)
}

/// The node count `work` leaves on a disk that never fails.
fn nodes_after(image: &[u8], work: &dyn Fn(&Store) -> crate::Result<()>) -> u64 {
    let (ok, store) = at_fault(image, u64::MAX, work);
    assert!(ok, "the work succeeds on a sound disk");
    let nodes = store.read().and_then(|s| s.node_count());
    let nodes = nodes.unwrap_or_else(|e| panic!("{e}"));
    assert!(nodes > 0);
    nodes
}

#[test]
fn a_failing_disk_during_an_import_leaves_the_last_committed_state() {
    // An initialised, empty store is the committed state the import starts from.
    let disk = Arc::new(InMemoryBackend::new());
    drop(
        open(&disk, u64::MAX)
            .0
            .unwrap_or_else(|e| unreachable!("{e}")),
    );
    let image = image_of(&disk);
    let import = |s: &Store| bundled::import_shanxi_2013(s).map(|_| ());
    let total = operations(&image, &import);
    assert!(total > 10, "{total} operations");
    let plan_nodes = nodes_after(&image, &import);

    let points = sweep(total, 40);
    let (mut failed, mut failed_but_durable) = (0, 0);
    for n in &points {
        let (ok, again) = at_fault(&image, *n, &import);
        let nodes = again
            .read()
            .and_then(|s| s.node_count())
            .unwrap_or_else(|e| panic!("{e}"));
        // All or nothing; an acknowledged import is never lost. A failure reported after
        // the commit reached the disk (the last sync) may leave it committed.
        assert!(
            nodes == 0 || nodes == plan_nodes,
            "fault at {n}: {nodes} nodes"
        );
        if ok {
            assert_eq!(nodes, plan_nodes, "fault at {n}: acknowledged but lost");
        } else {
            failed += 1;
            failed_but_durable += usize::from(nodes == plan_nodes);
        }
    }
    assert!(failed > points.len() / 2, "most points must hit the import");
    eprintln!(
        "import: {total} operations, {} fault points, {failed} failed ({failed_but_durable} after the commit was durable)",
        points.len()
    );
}

#[test]
fn a_failing_disk_during_a_batch_of_events_leaves_the_last_committed_state() {
    let disk = Arc::new(InMemoryBackend::new());
    {
        let (store, _) = open(&disk, u64::MAX);
        let store = store.unwrap_or_else(|e| unreachable!("{e}"));
        bundled::import_shanxi_2013(&store).unwrap_or_else(|e| unreachable!("{e}"));
    }
    let image = image_of(&disk);
    let record = |s: &Store| track::record_all(s, batch()).map(|_| ());
    let total = operations(&image, &record);
    let plan_nodes = nodes_after(&image, &|_| Ok(()));

    let points = sweep(total, 30);
    let (mut failed, mut failed_but_durable) = (0, 0);
    for n in &points {
        let (ok, again) = at_fault(&image, *n, &record);
        let snap = again.read().unwrap_or_else(|e| panic!("{e}"));
        let events = snap.event_count().unwrap_or(u64::MAX);
        assert!(events == 0 || events == 50, "fault at {n}: {events} events");
        if ok {
            assert_eq!(events, 50, "fault at {n}: acknowledged but lost");
        } else {
            failed += 1;
            failed_but_durable += usize::from(events == 50);
        }
        assert_eq!(
            snap.node_count().unwrap_or(0),
            plan_nodes,
            "the plan is untouched"
        );
    }
    eprintln!(
        "events: {total} operations, {} fault points, {failed} failed ({failed_but_durable} after the commit was durable)",
        points.len()
    );
}

/// An upgrade of a schema-1 file is one transaction: a disk failing at any point of it
/// leaves a file that opens (upgrading then) with its history and derived state intact.
#[test]
fn a_failing_disk_during_an_upgrade_leaves_a_file_that_upgrades_on_the_next_open() {
    let path =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/v1-tracked.redb");
    let image = std::fs::read(&path).unwrap_or_else(|e| unreachable!("{e}"));
    // Opening is the work: it upgrades.
    let nothing = |_: &Store| Ok(());
    let total = operations(&image, &nothing);
    assert!(total > 5, "{total} operations");
    let points = sweep(total, 30);
    let mut failed = 0;
    for n in &points {
        let (ok, again) = at_fault(&image, *n, &nothing);
        failed += usize::from(!ok);
        assert_eq!(
            again.info().map(|i| i.schema_version).ok(),
            Some(crate::store::SCHEMA_VERSION)
        );
        let snap = again.read().unwrap_or_else(|e| panic!("{e}"));
        let when = crate::model::Date::new(2014, 7, 1).unwrap_or_else(|e| unreachable!("{e}"));
        let view = track::task_view(
            &snap,
            "shanxi-2013/reform/1",
            Some(when),
            track::LagThresholds::default(),
        )
        .unwrap_or_else(|e| panic!("fault at {n}: {e}"));
        assert_eq!(view.progress, 60.0, "fault at {n}");
        assert_eq!(snap.node_count().unwrap_or(0), 350, "fault at {n}");
    }
    assert!(
        failed > points.len() / 2,
        "most points must hit the upgrade"
    );
    eprintln!(
        "upgrade: {total} operations, {} fault points, {failed} failed",
        points.len()
    );
}
