//! What signing costs (issue 15): a durable single status write and 10 000 writes in one
//! transaction, unsigned and signed (a store with an administrator key and a certified key:
//! each event is signed, its signature and certificate checked, its chain extended), in the
//! same run. Figures in `benches/README.md`.
#![allow(missing_docs, clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::hint::black_box;
use std::time::Duration;

use criterion::{Criterion, criterion_group, criterion_main};
use reformgraph::import::bundled;
use reformgraph::track::{self, EventInput, SecretKey};
use reformgraph::{Date, Store, TaskStatus};
use reformgraph_benches::{task_keys, time_batches};

/// A store with the bundled plan, and its task keys; signed: with an administrator and a
/// certified key (the access policy stays off, so only signing is measured).
fn store(signed: bool, dir: &std::path::Path) -> (Store, Vec<String>, Option<SecretKey>) {
    let store = Store::create(dir.join(if signed { "signed.redb" } else { "plain.redb" })).unwrap();
    bundled::import_shanxi_2013(&store).unwrap();
    let key = signed.then(|| {
        let admin = SecretKey::generate().unwrap();
        track::set_admin_key(&store, admin.public()).unwrap();
        let key = SecretKey::generate().unwrap();
        let from = Date::new(2013, 1, 1).unwrap();
        track::certify(
            &store,
            &admin,
            key.public(),
            "基准",
            "省环保厅",
            Some(from),
            None,
        )
        .unwrap();
        key
    });
    let tasks = task_keys(&store).unwrap();
    (store, tasks, key)
}

/// The `i`-th status event: tasks in turn, each task's dates moving forward a day at a time
/// (28-day months are enough: only the order matters).
fn event(tasks: &[String], i: usize, key: Option<&SecretKey>) -> EventInput {
    let k = i / tasks.len();
    let day = Date::new(
        2013 + (k / 336) as u16,
        (k / 28 % 12 + 1) as u8,
        (k % 28 + 1) as u8,
    )
    .unwrap();
    let input = EventInput::task_status(
        tasks[i % tasks.len()].clone(),
        TaskStatus::InProgress,
        Some((i % 101) as f64),
        "基准",
    )
    .effective(day);
    match key {
        Some(k) => input.signed_by(k),
        None => input,
    }
}

fn signed_benches(c: &mut Criterion) {
    let dir = tempfile::tempdir().unwrap();
    for signed in [false, true] {
        let (store, tasks, key) = store(signed, dir.path());
        let name = if signed { "signed" } else { "unsigned" };
        let mut n = 0usize;
        c.bench_function(&format!("durable single event write, {name}"), |b| {
            b.iter(|| {
                n += 1;
                track::record(&store, event(&tasks, n, key.as_ref())).unwrap()
            })
        });
        let batches: Vec<Vec<EventInput>> = (0..5)
            .map(|b| {
                let from = n + 1 + b * 10_000;
                (from..from + 10_000)
                    .map(|i| event(&tasks, i, key.as_ref()))
                    .collect()
            })
            .collect();
        time_batches(
            &format!("10k events in one transaction, {name}"),
            batches,
            |batch| {
                black_box(track::record_all(&store, batch).unwrap());
            },
        );
        assert!(
            track::verify_state(&store.read().unwrap())
                .unwrap()
                .is_empty()
        );
    }
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(20).measurement_time(Duration::from_secs(5));
    targets = signed_benches
}
criterion_main!(benches);
