//! Query benchmarks on the bundled Shanxi plan and on the synthetic national data set
//! (`reformgraph_benches::national`), side by side with the same queries on raw redb
//! adjacency tables (the floor) and on SQLite (indexed tables, FTS5 trigram index).
//! Figures and the method are in `benches/README.md`.
//!
//! The national data set takes a few minutes to build. Set `REFORMGRAPH_BENCH_DATA` to a
//! directory to keep it (and the SQLite and raw copies) between runs; by default it is
//! built in a temporary directory and deleted afterwards.
#![allow(missing_docs, clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod engines;

use std::collections::BTreeSet;
use std::hint::black_box;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use criterion::Criterion;
use reformgraph::search::{self, SearchQuery};
use reformgraph::{Direction, EdgeLabel, GraphRead, NodeId, NodeKind, Store, import, query};
use reformgraph_benches::dump::dump;
use reformgraph_benches::national::{self, Config};

use engines::Raw;

const CHILD_ENV: &str = "REFORMGRAPH_BENCH_CHILD";
const DATA_ENV: &str = "REFORMGRAPH_BENCH_DATA";
const MAX_DEPTH: u32 = 6;
const LEADS: u8 = 2;

struct Dataset {
    name: &'static str,
    rg: PathBuf,
    raw: PathBuf,
    sqlite: PathBuf,
    busy_org: String,
    path_from: String,
    path_to: String,
    /// Two-character query, word query.
    queries: [&'static str; 2],
}

fn file_mb(p: &Path) -> f64 {
    std::fs::metadata(p).map_or(0.0, |m| m.len() as f64 / 1e6)
}

fn build_mirrors(store: &Store, ds: &Dataset) {
    let t = Instant::now();
    let d = dump(&store.read().unwrap()).unwrap();
    println!(
        "[{}] dumped {} nodes, {} edges in {:.1?}",
        ds.name,
        d.nodes.len(),
        d.edges.len(),
        t.elapsed()
    );
    let t = Instant::now();
    engines::build_raw(&ds.raw, &d).unwrap();
    println!(
        "[{}] raw redb adjacency written in {:.1?}",
        ds.name,
        t.elapsed()
    );
    let t = Instant::now();
    engines::build_sqlite(&ds.sqlite, &d).unwrap();
    println!("[{}] SQLite written in {:.1?}", ds.name, t.elapsed());
}

fn prepare_shanxi(dir: &Path) -> Dataset {
    let ds = Dataset {
        name: "shanxi",
        rg: dir.join("shanxi.redb"),
        raw: dir.join("shanxi-raw.redb"),
        sqlite: dir.join("shanxi.sqlite"),
        busy_org: "org/省发展改革委".into(),
        path_from: "org/省环保厅".into(),
        path_to: "area/孝义市".into(),
        queries: ["土地", "煤层气"],
    };
    for p in [&ds.rg, &ds.raw, &ds.sqlite] {
        let _ = std::fs::remove_file(p);
        let _ = std::fs::remove_file(p.with_extension("sqlite-wal"));
    }
    let store = Store::create(&ds.rg).unwrap();
    import::bundled::import_shanxi_2013(&store).unwrap();
    build_mirrors(&store, &ds);
    ds
}

fn prepare_national(dir: &Path) -> Dataset {
    let config = Config::default();
    let done = dir.join("national.done");
    let mut ds = Dataset {
        name: "national",
        rg: dir.join("national.redb"),
        raw: dir.join("national-raw.redb"),
        sqlite: dir.join("national.sqlite"),
        busy_org: String::new(),
        path_from: String::new(),
        path_to: String::new(),
        queries: ["土地", "煤层气"],
    };
    if let Ok(text) = std::fs::read_to_string(&done) {
        let mut lines = text.lines();
        if lines.next() == Some(config.fingerprint().as_str()) {
            let rest: Vec<&str> = lines.collect();
            // A file written by an older build of the store may lack a table: rebuild then.
            let opens = Store::open_read_only(&ds.rg).and_then(|s| s.read().map(drop));
            if let Err(e) = &opens {
                println!("[national] kept data set unusable ({e}); rebuilding");
            }
            if let ([busy, from, to, ..], Ok(())) = (rest.as_slice(), opens) {
                ds.busy_org = (*busy).to_owned();
                ds.path_from = (*from).to_owned();
                ds.path_to = (*to).to_owned();
                println!("[national] reusing the data set in {}", dir.display());
                for l in rest.iter().skip(3) {
                    println!("[national] (when built) {l}");
                }
                return ds;
            }
        }
    }
    for p in [&ds.rg, &ds.raw, &ds.sqlite, &done] {
        let _ = std::fs::remove_file(p);
    }
    println!(
        "[national] generating {} tasks (takes a few minutes) …",
        config.task_count()
    );
    let store = Store::create(&ds.rg).unwrap();
    let g = national::generate(&store, &config).unwrap();
    let summary = format!(
        "generated {} nodes, {} edges, {} tasks, {} organisations, {} areas in {} transactions, {:.1?}; file {:.0} MB",
        g.nodes,
        g.edges,
        g.tasks,
        g.organizations,
        g.areas,
        g.transactions,
        g.elapsed,
        file_mb(&ds.rg)
    );
    println!("[national] {summary}");
    ds.busy_org = g.landmarks.busy_org.clone();
    ds.path_from = g.landmarks.path_from.clone();
    ds.path_to = g.landmarks.path_to.clone();
    build_mirrors(&store, &ds);
    drop(store);
    std::fs::write(
        &done,
        format!(
            "{}\n{}\n{}\n{}\n{summary}\n",
            config.fingerprint(),
            ds.busy_org,
            ds.path_from,
            ds.path_to
        ),
    )
    .unwrap();
    ds
}

fn rg_one_hop<R: GraphRead>(snap: &R, org: NodeId) -> Vec<u64> {
    snap.edges(org, Some(EdgeLabel::Leads), Direction::Outgoing)
        .unwrap()
        .into_iter()
        .map(|e| e.to.0)
        .collect()
}

fn rg_co_leads<R: GraphRead>(snap: &R, org: NodeId) -> BTreeSet<u64> {
    let mut out = BTreeSet::new();
    for e in snap
        .edges(org, Some(EdgeLabel::Leads), Direction::Outgoing)
        .unwrap()
    {
        for e2 in snap
            .edges(e.to, Some(EdgeLabel::Leads), Direction::Incoming)
            .unwrap()
        {
            if e2.from != org {
                out.insert(e2.from.0);
            }
        }
    }
    out
}

fn rg_search<R: GraphRead>(snap: &R, q: &str) -> search::SearchResults {
    search::search(snap, &SearchQuery::new(q)).unwrap()
}

fn group<'a>(
    c: &'a mut Criterion,
    name: String,
) -> criterion::BenchmarkGroup<'a, criterion::measurement::WallTime> {
    let mut g = c.benchmark_group(name);
    g.sample_size(10)
        .warm_up_time(Duration::from_millis(500))
        .measurement_time(Duration::from_secs(2));
    g
}

fn bench_dataset(c: &mut Criterion, ds: &Dataset) {
    let store = Store::open_read_only(&ds.rg).unwrap();
    let snap = store.read().unwrap();
    let raw = Raw::open(&ds.raw).unwrap();
    let sql = engines::open_sqlite(&ds.sqlite).unwrap();
    let n = ds.name;

    println!(
        "[{n}] {} nodes ({} tasks, {} organisations, {} areas), {} edges; files: reformgraph {:.1} MB, raw redb {:.1} MB, SQLite {:.1} MB",
        snap.node_count().unwrap(),
        snap.count(NodeKind::Task).unwrap(),
        snap.count(NodeKind::Organization).unwrap(),
        snap.count(NodeKind::Area).unwrap(),
        snap.edge_count().unwrap(),
        file_mb(&ds.rg),
        file_mb(&ds.raw),
        file_mb(&ds.sqlite)
    );
    let org = snap.id_of(&ds.busy_org).unwrap().expect("busy org");
    let from = snap.id_of(&ds.path_from).unwrap().expect("path start");
    let to = snap.id_of(&ds.path_to).unwrap().expect("path end");

    // Answers agree before anything is measured.
    let mut one: Vec<u64> = rg_one_hop(&snap, org);
    one.sort_unstable();
    let mut one_raw: Vec<u64> = raw
        .edges(org.0, LEADS, true)
        .unwrap()
        .into_iter()
        .map(|e| e.0)
        .collect();
    one_raw.sort_unstable();
    let mut one_sql: Vec<u64> = engines::sqlite_out(&sql, org.0, LEADS)
        .unwrap()
        .into_iter()
        .map(|e| e.0)
        .collect();
    one_sql.sort_unstable();
    assert_eq!(one, one_raw, "1-hop: raw redb disagrees");
    assert_eq!(one, one_sql, "1-hop: SQLite disagrees");
    let led = query::tasks_led_by(&snap, &ds.busy_org).unwrap();
    assert_eq!(led.len(), one.len(), "tasks_led_by disagrees with edges()");

    let co = rg_co_leads(&snap, org);
    assert_eq!(
        co,
        raw.co_leads(org.0).unwrap(),
        "2-hop: raw redb disagrees"
    );
    assert_eq!(
        co,
        engines::sqlite_co_leads(&sql, org.0).unwrap(),
        "2-hop: SQLite disagrees"
    );

    let path = query::shortest_path(&snap, from, to, &[], MAX_DEPTH)
        .unwrap()
        .expect("a path");
    let hops = path.len() as u32 - 1;
    assert_eq!(
        raw.path_len(from.0, to.0, MAX_DEPTH).unwrap(),
        Some(hops),
        "path: raw redb disagrees"
    );
    assert_eq!(
        engines::sqlite_path_len(&sql, from.0, to.0, MAX_DEPTH).unwrap(),
        Some(hops),
        "path: SQLite disagrees"
    );

    let w = query::workload(&snap).unwrap();
    let w_total: u64 = w.totals.iter().map(|&t| u64::from(t)).sum();
    let w_raw: u64 = raw
        .workload()
        .unwrap()
        .values()
        .map(|&v| u64::from(v))
        .sum();
    let w_sql: u64 = engines::sqlite_workload(&sql)
        .unwrap()
        .iter()
        .map(|r| u64::from(r.2))
        .sum();
    println!(
        "[{n}] 1-hop: {} tasks led by {}; 2-hop: {} co-leading organisations; path {} → {}: {hops} hops; workload: {} × {} matrix, {w_total} lead-task cells counted (raw {w_raw}, SQLite {w_sql})",
        one.len(),
        ds.busy_org,
        co.len(),
        ds.path_from,
        ds.path_to,
        w.organizations.len(),
        w.categories.len()
    );
    assert_eq!(w_raw, w_sql, "workload: raw redb and SQLite disagree");

    for q in ds.queries {
        let r = rg_search(&snap, q);
        let all = search::search(
            &snap,
            &SearchQuery {
                limit: usize::MAX / 2,
                ..SearchQuery::new(q)
            },
        )
        .unwrap();
        let mine: BTreeSet<u64> = all.hits.iter().map(|h| h.id.0).collect();
        let theirs = engines::sqlite_all_matches(&sql, q).unwrap();
        let missing: Vec<u64> = theirs.difference(&mine).copied().take(3).collect();
        let extra: Vec<u64> = mine.difference(&theirs).copied().take(3).collect();
        println!(
            "[{n}] search {q:?}: reformgraph {} documents, SQLite {} (only in SQLite: {} e.g. {missing:?}; only in reformgraph: {} e.g. {extra:?}); first hit {:?}",
            r.total,
            theirs.len(),
            theirs.difference(&mine).count(),
            mine.difference(&theirs).count(),
            r.hits.first().map(|h| (&h.key, &h.snippet))
        );
        if q.chars().count() == 2 {
            assert_eq!(
                mine, theirs,
                "a two-character query must find exactly the substring matches"
            );
        }
    }

    {
        let mut g = group(c, format!("{n}/1-hop leads"));
        g.bench_function("reformgraph edges()", |b| {
            b.iter(|| rg_one_hop(&snap, black_box(org)))
        });
        g.bench_function("raw redb", |b| {
            b.iter(|| raw.edges(black_box(org.0), LEADS, true).unwrap())
        });
        g.bench_function("sqlite", |b| {
            b.iter(|| engines::sqlite_out(&sql, black_box(org.0), LEADS).unwrap())
        });
        g.bench_function("reformgraph query::tasks_led_by", |b| {
            b.iter(|| query::tasks_led_by(&snap, black_box(&ds.busy_org)).unwrap())
        });
        g.finish();
    }
    {
        let mut g = group(c, format!("{n}/2-hop co-leads"));
        g.bench_function("reformgraph edges()", |b| {
            b.iter(|| rg_co_leads(&snap, black_box(org)))
        });
        g.bench_function("raw redb", |b| {
            b.iter(|| raw.co_leads(black_box(org.0)).unwrap())
        });
        g.bench_function("sqlite", |b| {
            b.iter(|| engines::sqlite_co_leads(&sql, black_box(org.0)).unwrap())
        });
        g.finish();
    }
    {
        let mut g = group(c, format!("{n}/shortest path"));
        g.bench_function("reformgraph query::shortest_path", |b| {
            b.iter(|| query::shortest_path(&snap, black_box(from), to, &[], MAX_DEPTH).unwrap())
        });
        g.bench_function("raw redb", |b| {
            b.iter(|| raw.path_len(black_box(from.0), to.0, MAX_DEPTH).unwrap())
        });
        g.bench_function("sqlite", |b| {
            b.iter(|| engines::sqlite_path_len(&sql, black_box(from.0), to.0, MAX_DEPTH).unwrap())
        });
        g.finish();
    }
    for q in ds.queries {
        let mut g = group(c, format!("{n}/search {q}"));
        g.bench_function("reformgraph (ranked, snippets, total)", |b| {
            b.iter(|| rg_search(&snap, black_box(q)))
        });
        if q.chars().count() >= 3 {
            g.bench_function("sqlite fts5 first 20", |b| {
                b.iter(|| engines::sqlite_match_first(&sql, black_box(q)).unwrap())
            });
            g.bench_function("sqlite fts5 ranked + snippets", |b| {
                b.iter(|| engines::sqlite_match_ranked(&sql, black_box(q)).unwrap())
            });
        } else {
            g.bench_function("sqlite fts5 LIKE first 20", |b| {
                b.iter(|| engines::sqlite_like_first(&sql, black_box(q)).unwrap())
            });
            g.bench_function("sqlite fts5 LIKE count all", |b| {
                b.iter(|| engines::sqlite_like_count(&sql, black_box(q)).unwrap())
            });
        }
        g.finish();
    }
    {
        let mut g = group(c, format!("{n}/workload matrix"));
        g.bench_function("reformgraph query::workload", |b| {
            b.iter(|| query::workload(&snap).unwrap())
        });
        g.bench_function("raw redb (ids only)", |b| {
            b.iter(|| raw.workload().unwrap())
        });
        g.bench_function("sqlite group by", |b| {
            b.iter(|| engines::sqlite_workload(&sql).unwrap())
        });
        g.finish();
    }
    drop(snap);
    drop(store);
    drop(raw);
    drop(sql);

    let word = ds.queries[1];
    {
        let mut g = group(c, format!("{n}/open to first search"));
        g.bench_function("reformgraph", |b| {
            b.iter(|| {
                let store = Store::open_read_only(&ds.rg).unwrap();
                let hits = rg_search(&store.read().unwrap(), black_box(word));
                assert!(!hits.hits.is_empty());
            })
        });
        g.bench_function("reformgraph open_read_only + read() only", |b| {
            b.iter(|| {
                let store = Store::open_read_only(&ds.rg).unwrap();
                black_box(store.read().unwrap());
            })
        });
        g.bench_function("sqlite", |b| {
            b.iter(|| {
                let conn = engines::open_sqlite(&ds.sqlite).unwrap();
                assert!(
                    !engines::sqlite_match_first(&conn, black_box(word))
                        .unwrap()
                        .is_empty()
                );
            })
        });
        g.finish();
    }
    {
        // The floor of a search: reformgraph's own posting lists, scanned with redb directly.
        let fts = engines::RawFts::open(&ds.rg).unwrap();
        for t in fts.table_stats().unwrap() {
            println!(
                "[{n}] table {}: {} entries, {:.1} MB stored, {:.1} MB in pages, {:.1} MB fragmented",
                t.name,
                t.entries,
                t.stored as f64 / 1e6,
                t.pages as f64 / 1e6,
                t.fragmented as f64 / 1e6
            );
        }
        let mut g = group(c, format!("{n}/search floor"));
        for q in ds.queries {
            let (blocks, bytes) = fts.scan(q).unwrap();
            println!("[{n}] posting list of {q:?}: {blocks} blocks, about {bytes} bytes");
            g.bench_function(format!("raw redb posting-list scan {q}"), |b| {
                b.iter(|| fts.scan(black_box(q)).unwrap())
            });
        }
        g.finish();
    }
    for engine in ["reformgraph", "sqlite"] {
        let file = if engine == "sqlite" {
            &ds.sqlite
        } else {
            &ds.rg
        };
        rss_report(n, engine, file, word);
    }
}

/// `(VmRSS, VmHWM)` of this process in KiB.
fn memory_kib() -> (u64, u64) {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    let field = |name: &str| {
        status
            .lines()
            .find(|l| l.starts_with(name))
            .and_then(|l| l.split_whitespace().nth(1))
            .and_then(|v| v.parse().ok())
            .unwrap_or(0)
    };
    (field("VmRSS:"), field("VmHWM:"))
}

/// In a fresh child process (this executable again): open the file read-only, run one
/// search, print `elapsed_us rss_before hwm_before rss_after hwm_after` (KiB).
fn child(mode: &str) {
    let file = std::env::var("REFORMGRAPH_BENCH_FILE").unwrap();
    let q = std::env::var("REFORMGRAPH_BENCH_QUERY").unwrap();
    let (rss0, hwm0) = memory_kib();
    let t = Instant::now();
    let found = if mode == "sqlite" {
        let conn = engines::open_sqlite(Path::new(&file)).unwrap();
        engines::sqlite_match_first(&conn, &q).unwrap().len()
    } else {
        let store = Store::open_read_only(&file).unwrap();
        rg_search(&store.read().unwrap(), &q).hits.len()
    };
    let us = t.elapsed().as_micros();
    let (rss1, hwm1) = memory_kib();
    assert!(found > 0);
    println!("{us} {rss0} {hwm0} {rss1} {hwm1}");
}

fn rss_report(dataset: &str, engine: &str, file: &Path, q: &str) {
    let exe = std::env::current_exe().unwrap();
    let mut rows: Vec<Vec<u64>> = Vec::new();
    for _ in 0..7 {
        let out = Command::new(&exe)
            .env(CHILD_ENV, engine)
            .env("REFORMGRAPH_BENCH_FILE", file)
            .env("REFORMGRAPH_BENCH_QUERY", q)
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let line = String::from_utf8_lossy(&out.stdout);
        rows.push(
            line.split_whitespace()
                .filter_map(|v| v.parse().ok())
                .collect(),
        );
    }
    let col = |i: usize| {
        let mut v: Vec<u64> = rows.iter().filter_map(|r| r.get(i).copied()).collect();
        v.sort_unstable();
        v
    };
    let median = |v: &[u64]| v.get(v.len() / 2).copied().unwrap_or(0);
    let (t, rss0, rss1, hwm1) = (col(0), col(1), col(3), col(4));
    let deltas: Vec<u64> = rows
        .iter()
        .filter_map(|r| Some(r.get(4)?.saturating_sub(*r.get(1)?)))
        .collect();
    println!(
        "[{dataset}] open to first search, {engine}, fresh process ×{}: median {:.2} ms (min {:.2}); VmRSS before {:.1} MB, after {:.1} MB; VmHWM after {:.1} MB; growth (VmHWM after − VmRSS before) median {:.1} MB, max {:.1} MB",
        rows.len(),
        median(&t) as f64 / 1000.0,
        t.first().copied().unwrap_or(0) as f64 / 1000.0,
        median(&rss0) as f64 / 1024.0,
        median(&rss1) as f64 / 1024.0,
        median(&hwm1) as f64 / 1024.0,
        {
            let mut d = deltas.clone();
            d.sort_unstable();
            median(&d) as f64 / 1024.0
        },
        deltas.iter().max().copied().unwrap_or(0) as f64 / 1024.0,
    );
}

fn main() {
    if let Ok(mode) = std::env::var(CHILD_ENV) {
        child(&mode);
        return;
    }
    let tmp;
    let dir = match std::env::var(DATA_ENV) {
        Ok(d) => {
            std::fs::create_dir_all(&d).unwrap();
            PathBuf::from(d)
        }
        Err(_) => {
            tmp = tempfile::tempdir().unwrap();
            tmp.path().to_owned()
        }
    };
    let mut c = Criterion::default().configure_from_args();
    let shanxi = prepare_shanxi(&dir);
    bench_dataset(&mut c, &shanxi);
    let national = prepare_national(&dir);
    bench_dataset(&mut c, &national);
    c.final_summary();
}
