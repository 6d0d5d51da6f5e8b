//! Readers on several threads while a writer commits: every snapshot is consistent (an
//! invariant the writer keeps inside each transaction holds in every snapshot), snapshots
//! never go backwards, and a held snapshot never changes.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use reformgraph::import::bundled;
use reformgraph::track::{self, EventInput};
use reformgraph::*;

const A: &str = "shanxi-2013/reform/1";
const B: &str = "shanxi-2013/reform/2";

fn progress(s: &Snapshot, key: &str) -> Option<f64> {
    s.task_state(key).unwrap().map(|t| t.progress)
}

#[test]
fn readers_see_only_whole_transactions_while_a_writer_commits() {
    let dir = tempfile::tempdir().unwrap();
    let store = Arc::new(Store::create(dir.path().join("c.redb")).unwrap());
    bundled::import_shanxi_2013(&store).unwrap();
    let done = Arc::new(AtomicBool::new(false));
    let writer = {
        let (store, done) = (Arc::clone(&store), Arc::clone(&done));
        std::thread::spawn(move || {
            for i in 0..120u32 {
                let a = f64::from(i % 101);
                // Both tasks in one transaction: their progress always adds up to 100.
                track::record_all(
                    &store,
                    [
                        EventInput::task_status(A, TaskStatus::InProgress, Some(a), "w"),
                        EventInput::task_status(B, TaskStatus::InProgress, Some(100.0 - a), "w"),
                    ],
                )
                .unwrap();
            }
            done.store(true, Ordering::SeqCst);
        })
    };
    let readers: Vec<_> = (0..4)
        .map(|_| {
            let (store, done) = (Arc::clone(&store), Arc::clone(&done));
            std::thread::spawn(move || {
                let mut last_events = 0;
                let mut checked = 0u32;
                while !done.load(Ordering::SeqCst) || checked == 0 {
                    let snap = store.read().unwrap();
                    let events = snap.event_count().unwrap();
                    assert!(events >= last_events, "a snapshot went backwards");
                    assert_eq!(events % 2, 0, "half a transaction is visible");
                    last_events = events;
                    if let (Some(a), Some(b)) = (progress(&snap, A), progress(&snap, B)) {
                        assert_eq!(a + b, 100.0, "torn read: {a} + {b}");
                        checked += 1;
                    }
                }
                checked
            })
        })
        .collect();
    // A snapshot taken now does not change while the writer goes on.
    let held = store.read().unwrap();
    let before = (held.event_count().unwrap(), progress(&held, A));
    writer.join().unwrap();
    for r in readers {
        assert!(r.join().unwrap() > 0);
    }
    assert_eq!((held.event_count().unwrap(), progress(&held, A)), before);
    assert_eq!(store.read().unwrap().event_count().unwrap(), 240);
    assert!(store.verify().unwrap().is_empty());
}

#[test]
fn a_read_only_store_in_the_same_process_follows_the_writer() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("c.redb");
    let writer = Store::create(&path).unwrap();
    bundled::import_shanxi_2013(&writer).unwrap();
    let reader = Store::open_read_only(&path).unwrap();
    assert_eq!(reader.read().unwrap().event_count().unwrap(), 0);
    track::record(
        &writer,
        EventInput::task_status(A, TaskStatus::Completed, None, "w"),
    )
    .unwrap();
    assert_eq!(reader.read().unwrap().event_count().unwrap(), 1);
    assert!(matches!(Store::open(&path), Err(Error::AlreadyOpen { .. })));
}
