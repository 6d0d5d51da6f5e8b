//! Import benchmarks on the bundled Shanxi plan: parse alone, and parse + load into a fresh
//! file; and the parse of every document of the annotated corpus (`data/corpus/`). Aim
//! (issues 3 and 13): parse ≤ 5 ms for the bundled plan, parse + load ≤ 20 ms. Also what
//! opening a file for writing costs with its integrity check (issue 15).
#![allow(missing_docs, clippy::unwrap_used, clippy::expect_used)]

use criterion::{Criterion, criterion_group, criterion_main};
use reformgraph::Store;
use reformgraph::import::{self, Registry, bundled};

fn import_benches(c: &mut Criterion) {
    let text = bundled::SHANXI_2013_TEXT;
    let meta = bundled::shanxi_2013_meta().unwrap();
    let registry = Registry::shanxi().unwrap();

    c.bench_function("parse shanxi-2013", |b| {
        b.iter(|| import::parse(std::hint::black_box(text), &meta, &registry).unwrap())
    });

    // The real documents of the genre (issue 13), read once, parsed without a meta file.
    let corpus_dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../data/corpus");
    let mut corpus: Vec<String> = std::fs::read_dir(&corpus_dir)
        .unwrap()
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .map(|p| std::fs::read_to_string(p).unwrap())
        .collect();
    corpus.sort();
    let none = import::PlanMeta::default();
    c.bench_function(
        &format!("parse the corpus ({} documents)", corpus.len()),
        |b| {
            b.iter(|| {
                for doc in &corpus {
                    import::parse(std::hint::black_box(doc), &none, &registry).unwrap();
                }
            })
        },
    );

    // Warm the tokenizer once so the one-time jieba dictionary load (measured separately
    // below) does not land in the first sample.
    {
        let store = Store::in_memory().unwrap();
        import::import_text(
            &store,
            text,
            &meta,
            &registry,
            import::ImportOptions::default(),
        )
        .unwrap();
    }
    let dir = tempfile::tempdir().unwrap();
    let mut n = 0u64;
    c.bench_function("parse + load shanxi-2013 into a fresh file", |b| {
        b.iter(|| {
            n += 1;
            let store = Store::create(dir.path().join(format!("b{n}.redb"))).unwrap();
            import::import_text(
                &store,
                text,
                &meta,
                &registry,
                import::ImportOptions::default(),
            )
            .unwrap()
        })
    });
}

/// What opening a file for writing costs with redb's integrity check first (issue 15), next
/// to a read-only open (which has none): the bundled plan's file (≈ 1 MB) and one holding
/// it 24 times over under other plan keys.
fn open_benches(c: &mut Criterion) {
    let meta = bundled::shanxi_2013_meta().unwrap();
    let registry = Registry::shanxi().unwrap();
    let dir = tempfile::tempdir().unwrap();
    for copies in [1u32, 24] {
        let path = dir.path().join(format!("open{copies}.redb"));
        {
            let store = Store::create(&path).unwrap();
            for k in 0..copies {
                let mut m = meta.clone();
                m.key = Some(format!("shanxi-2013-copy{k}"));
                import::import_text(
                    &store,
                    bundled::SHANXI_2013_TEXT,
                    &m,
                    &registry,
                    import::ImportOptions::default(),
                )
                .unwrap();
            }
        }
        let mib = std::fs::metadata(&path).unwrap().len() as f64 / f64::from(1u32 << 20);
        c.bench_function(
            &format!("open for writing, {mib:.1} MiB (integrity check)"),
            |b| b.iter(|| Store::open(&path).unwrap()),
        );
        c.bench_function(&format!("open read-only, {mib:.1} MiB"), |b| {
            b.iter(|| Store::open_read_only(&path).unwrap())
        });
    }
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(20);
    targets = import_benches, open_benches
}
criterion_main!(benches);
