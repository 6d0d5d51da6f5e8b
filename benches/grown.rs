//! Writes into a store that already holds many plans (issue 16: a write should cost what it
//! changes, not what the store holds). The store holds the bundled plan 25 times under
//! other plan keys (the same organisations, as plans of one province share them), in
//! memory so that the figures are the work done, not the disk's fsync:
//! - re-importing one of the plans unchanged;
//! - listing the tasks of one plan;
//! - recording a task status with a note (the note is searchable, so the task is
//!   re-indexed);
//! - importing a 26th copy whose every organisation is new (each name printed with a
//!   suffix, `#p26`, as the national data set of issue 16 names each province's
//!   departments), the case where new names made the store re-tokenise every text sharing
//!   their Chinese characters.
#![allow(missing_docs, clippy::unwrap_used, clippy::expect_used)]

use criterion::{BatchSize, Criterion, criterion_group, criterion_main};
use reformgraph::import::{self, ImportOptions, PlanMeta, Registry, bundled};
use reformgraph::query::{self, TaskFilter};
use reformgraph::track::{self, EventInput};
use reformgraph::{Change, Store, TaskStatus};

const COPIES: u32 = 25;

fn copy_meta(meta: &PlanMeta, k: u32) -> PlanMeta {
    PlanMeta {
        key: Some(format!("shanxi-2013-copy{k}")),
        ..meta.clone()
    }
}

fn grown_store(meta: &PlanMeta, registry: &Registry) -> Store {
    let store = Store::in_memory().unwrap();
    for k in 0..COPIES {
        let m = copy_meta(meta, k);
        import::import_text(
            &store,
            bundled::SHANXI_2013_TEXT,
            &m,
            registry,
            ImportOptions::default(),
        )
        .unwrap();
    }
    store
}

fn grown_benches(c: &mut Criterion) {
    let meta = bundled::shanxi_2013_meta().unwrap();
    let registry = Registry::shanxi().unwrap();
    let store = grown_store(&meta, &registry);
    let first = copy_meta(&meta, 0);

    c.bench_function("re-import one unchanged plan into a store of 25", |b| {
        b.iter(|| {
            import::import_text(
                &store,
                bundled::SHANXI_2013_TEXT,
                &first,
                &registry,
                ImportOptions::default(),
            )
            .unwrap()
        })
    });

    let snap = store.read().unwrap();
    let one_plan = TaskFilter {
        plan: Some("shanxi-2013-copy7".into()),
        ..TaskFilter::default()
    };
    c.bench_function("the tasks of one plan in a store of 25", |b| {
        b.iter(|| query::tasks(&snap, &one_plan).unwrap())
    });
    drop(snap);

    let mut n = 0u32;
    c.bench_function("record a status with a note into a store of 25", |b| {
        b.iter(|| {
            n += 1;
            let change = Change::TaskStatus {
                status: TaskStatus::InProgress,
                progress: Some(f64::from(n % 100)),
                note: Some(format!("第{n}次调度：资金未到位")),
            };
            let input = EventInput::new("shanxi-2013-copy3/reform/10", change, "张三");
            track::record(&store, input).unwrap()
        })
    });

    // The 26th plan, every organisation renamed 〈name〉#p26 as the national data set of
    // issue 16 names each province's departments (the registry does not know them, so each
    // is a new organisation node with a new name; its Chinese part is an old name's).
    let mut renamed = bundled::SHANXI_2013_TEXT.to_owned();
    let mut names: Vec<&str> = registry
        .organizations()
        .iter()
        .map(|o| o.name.as_str())
        .collect();
    // Longest first, so 省发展改革委 is renamed whole (a name inside a longer one gets the
    // suffix again inside it: 省发展改革委#p26 may become 省发展改革委#p26#p26; still new).
    names.sort_by_key(|n| std::cmp::Reverse(n.chars().count()));
    for name in names {
        renamed = renamed.replace(name, &format!("{name}#p26"));
    }
    let new_meta = copy_meta(&meta, COPIES);
    let mut group = c.benchmark_group("grown");
    group.sample_size(10);
    group.bench_function(
        "import a 26th plan whose organisations are all new into a store of 25",
        |b| {
            b.iter_batched(
                || grown_store(&meta, &registry),
                |store| {
                    import::import_text(
                        &store,
                        &renamed,
                        &new_meta,
                        &registry,
                        ImportOptions::default(),
                    )
                    .unwrap()
                },
                BatchSize::PerIteration,
            )
        },
    );
    group.finish();
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(20);
    targets = grown_benches
}
criterion_main!(benches);
