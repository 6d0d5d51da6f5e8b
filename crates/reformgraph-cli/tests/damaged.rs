//! Damaged files never panic (issue 15): copies of the demo database truncated, with bits
//! flipped, pages zeroed or bytes appended, each run through the commands a user would try.
//! Every one ends with an answer or an error, never a Rust panic (exit 101); a write is never
//! acknowledged on a file `verify` reports damaged. `REFORMGRAPH_DAMAGE_VARIANTS` raises the
//! count (`make corruption-sweep` runs 1,000).
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod support;

use std::path::Path;

use support::{run, stderr};

const PAGE: usize = 4096;

/// A small deterministic generator (xorshift), so a failure names a reproducible variant.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

/// The `i`-th damaged copy of `good`: a name for messages and the bytes.
fn variant(good: &[u8], i: usize, rng: &mut Rng) -> (String, Vec<u8>) {
    let n = good.len();
    match i % 5 {
        0 => {
            let cut = rng.below(n);
            (format!("truncated to {cut}"), good[..cut].to_vec())
        }
        1 | 2 => {
            let mut b = good.to_vec();
            let flips = 1 + rng.below(4);
            let mut at = Vec::new();
            for _ in 0..flips {
                let pos = rng.below(n);
                b[pos] ^= 1 << rng.below(8);
                at.push(pos);
            }
            (format!("bits flipped at {at:?}"), b)
        }
        3 => {
            let mut b = good.to_vec();
            let page = rng.below(n / PAGE);
            b[page * PAGE..(page + 1) * PAGE].fill(0);
            (format!("page {page} zeroed"), b)
        }
        _ => {
            let mut b = good.to_vec();
            let extra = 1 + rng.below(3 * PAGE);
            b.extend((0..extra).map(|_| rng.next() as u8));
            (format!("{extra} bytes appended"), b)
        }
    }
}

#[test]
fn damaged_copies_of_the_demo_database_never_panic_and_refuse_writes_verify_would_flag() {
    let dir = tempfile::tempdir().unwrap();
    assert!(run(&["demo"], dir.path()).status.success());
    let good = std::fs::read(dir.path().join("reformgraph.redb")).unwrap();
    let count: usize = std::env::var("REFORMGRAPH_DAMAGE_VARIANTS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(60);
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
    let db = dir.path().join("damaged.redb");
    let db_arg = db.to_string_lossy().into_owned();
    let commands: [&[&str]; 6] = [
        &["info"],
        &["verify"],
        &["tasks", "--lead", "省环保厅"],
        &["search", "煤层气"],
        &["history", "shanxi-2013/reform/10"],
        &[
            "record",
            "status",
            "shanxi-2013/reform/10",
            "--status",
            "in_progress",
            "--progress",
            "10",
            "--actor",
            "张三",
            "--effective",
            "2014-01-01",
        ],
    ];
    let mut flagged = 0;
    for i in 0..count {
        let (name, bytes) = variant(&good, i, &mut rng);
        let mut verify_flags = false;
        for args in commands {
            // Each command gets a fresh copy: a write must not hide the damage from the next.
            std::fs::write(&db, &bytes).unwrap();
            let mut all = args.to_vec();
            all.extend(["--db", db_arg.as_str()]);
            let o = run(&all, Path::new(dir.path()));
            let err = stderr(&o);
            assert_ne!(
                o.status.code(),
                Some(101),
                "{name}: {args:?} panicked: {err}"
            );
            assert!(!err.contains("panicked"), "{name}: {args:?}: {err}");
            if args[0] == "verify" {
                verify_flags = o.status.code() != Some(0);
            }
            if args[0] == "record" && verify_flags {
                flagged += 1;
                assert_ne!(
                    o.status.code(),
                    Some(0),
                    "{name}: a write was acknowledged on a file verify reports damaged"
                );
            }
        }
    }
    // The sweep is not vacuous: a good share of the variants is damage verify sees.
    assert!(
        flagged * 3 >= count,
        "only {flagged} of {count} variants were flagged"
    );
}

/// A file left by a crashed writer (here: copied while a writer has it open) cannot be read
/// read-only; the error says what to run, and `reformgraph repair` recovers it.
#[test]
fn a_file_left_by_a_crash_says_to_run_repair_and_repair_recovers_it() {
    use reformgraph::{GraphRead, Store};
    let dir = tempfile::tempdir().unwrap();
    let live = dir.path().join("live.redb");
    let crashed = dir.path().join("crashed.redb");
    {
        let store = Store::create(&live).unwrap();
        reformgraph::import::bundled::import_shanxi_2013(&store).unwrap();
        // The writer is still open: the file on disk says it was not closed cleanly.
        std::fs::copy(&live, &crashed).unwrap();
        drop(store);
    }
    let Err(err) = Store::open_read_only(&crashed) else {
        panic!("a read-only open of a crashed file needs recovery");
    };
    assert!(
        matches!(err, reformgraph::Error::NeedsRecovery { .. }),
        "{err:?}"
    );
    let db = crashed.to_string_lossy().into_owned();
    let info = run(&["info", "--db", &db], dir.path());
    assert_eq!(info.status.code(), Some(3), "{}", stderr(&info));
    assert!(
        stderr(&info).contains("reformgraph repair"),
        "{}",
        stderr(&info)
    );
    let repair = run(&["repair", "--db", &db], dir.path());
    assert!(repair.status.success(), "{}", stderr(&repair));
    let ro = Store::open_read_only(&crashed).unwrap();
    assert!(ro.read().unwrap().node_count().unwrap() > 100);
}
