//! Tracking benchmarks (issue 5) on the bundled plan: a durable single-event write, 100 000
//! events in one transaction, and — over a history of one million events — a department
//! roll-up and the as-of status of one task. Aims: durable event write median ≤ 1 ms;
//! roll-up ≤ 10 ms; as-of status of one task ≤ 50 µs. Figures in `benches/README.md`.
#![allow(missing_docs, clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::hint::black_box;
use std::time::Duration;

use criterion::{Criterion, criterion_group, criterion_main};
use reformgraph::import::bundled;
use reformgraph::track::{self, EventInput, LagThresholds};
use reformgraph::{Date, GraphRead, Store, TaskStatus};
use reformgraph_benches::{task_keys, time_batches};

/// The date `days` days after 2013-01-01.
fn date_after(days: i64) -> Date {
    let (mut y, mut d) = (2013u16, days);
    loop {
        let len = if y % 4 == 0 { 366 } else { 365 };
        if d < len {
            break;
        }
        d -= len;
        y += 1;
    }
    let months = [
        31,
        if y % 4 == 0 { 29 } else { 28 },
        31,
        30,
        31,
        30,
        31,
        31,
        30,
        31,
        30,
        31,
    ];
    let mut m = 0;
    while d >= months[m] {
        d -= months[m];
        m += 1;
    }
    Date::new(y, m as u8 + 1, d as u8 + 1).unwrap()
}

/// Status events cycling over `tasks`, each task's dates moving forward.
fn events(tasks: &[String], from: usize, n: usize) -> Vec<EventInput> {
    (from..from + n)
        .map(|i| {
            let task = &tasks[i % tasks.len()];
            // Each task's updates move forward in time, a day apart, as recorded progress
            // does; a back-dated update would make its task's history replay.
            let day = date_after((i / tasks.len()) as i64);
            EventInput::task_status(
                task.clone(),
                TaskStatus::InProgress,
                Some((i % 101) as f64),
                "基准",
            )
            .effective(day)
            // A million events a day apart per task run past the plan's period and today.
            .allow_unusual_date()
        })
        .collect()
}

fn track_benches(c: &mut Criterion) {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::create(dir.path().join("track.redb")).unwrap();
    bundled::import_shanxi_2013(&store).unwrap();
    let tasks = task_keys(&store).unwrap();

    let mut n = 0usize;
    c.bench_function("durable single event write", |b| {
        b.iter(|| {
            let input = events(&tasks, n, 1).remove(0);
            n += 1;
            track::record(&store, input).unwrap()
        })
    });

    // 100 000 events in one transaction, ten times: the samples, and the history grows
    // to one million events on the way (criterion's ten-sample minimum would take twice as
    // long for the same figure).
    // Lazily: each batch is made just before it is timed.
    let count = 1_000_000usize.saturating_sub(n).div_ceil(100_000);
    let batches = (0..count).map(|b| events(&tasks, n + b * 100_000, 100_000));
    time_batches("100k events in one transaction", batches, |batch| {
        black_box(track::record_all(&store, batch).unwrap());
    });
    let snap = store.read().unwrap();
    eprintln!(
        "history: {} events over {} tasks",
        snap.event_count().unwrap(),
        tasks.len()
    );
    let as_of = Date::new(2014, 6, 30).unwrap();
    c.bench_function("department roll-up over 1M events", |b| {
        b.iter(|| track::department_rollup(&snap, None, LagThresholds::default()).unwrap())
    });
    c.bench_function("as-of status of one task (1M events)", |b| {
        b.iter(|| {
            track::task_view(
                &snap,
                "shanxi-2013/reform/10",
                Some(black_box(as_of)),
                LagThresholds::default(),
            )
            .unwrap()
        })
    });
    // A correction dated 30 days before the task's latest update: the timeline rewrites
    // the checkpoints of those 30 days only, not the task's ≈ 5 200-event history.
    let task = "shanxi-2013/reform/10";
    let latest = track::history(&snap, task)
        .unwrap()
        .last()
        .unwrap()
        .effective;
    drop(snap);
    let start = Date::new(2013, 1, 1).unwrap().days_since_epoch();
    let back = date_after(latest.days_since_epoch() - start - 30);
    c.bench_function(
        "durable back-dated event write (30 days back, 1M events)",
        |b| {
            b.iter(|| {
                let input = EventInput::task_status(task, TaskStatus::Delayed, Some(50.0), "基准")
                    .effective(back)
                    .allow_unusual_date();
                track::record(&store, input).unwrap()
            })
        },
    );
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(20).measurement_time(Duration::from_secs(5));
    targets = track_benches
}
criterion_main!(benches);
