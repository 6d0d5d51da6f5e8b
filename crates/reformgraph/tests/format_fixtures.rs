//! Files written by earlier versions stay readable. Each fixture was written by the version
//! named in its file name and is never regenerated; see `docs/design.md`.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::path::PathBuf;

use reformgraph::*;

fn fixture(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
}

/// Written by schema v1 / record format 1 with
/// `cargo run -p reformgraph-examples --example quickstart v1-quickstart.redb`.
#[test]
fn a_v1_file_opens_read_only_with_its_graph_intact() {
    let store = Store::open_read_only(fixture("v1-quickstart.redb")).unwrap();
    assert_eq!(store.info().unwrap().schema_version, 1);
    assert!(store.verify().unwrap().is_empty());
    let snap = store.read().unwrap();
    let org = snap
        .get_by_key::<Organization>("org/省环保厅")
        .unwrap()
        .unwrap();
    assert_eq!(org.value.aliases, ["山西省环境保护厅"]);
    let led = query::tasks_led_by(&snap, "山西省环境保护厅").unwrap();
    let titles: Vec<_> = led.iter().map(|t| t.task.title.as_str()).collect();
    assert_eq!(
        titles,
        ["实施主要污染物总量管理制度改革", "推进污染者付全费制度改革"]
    );
}

#[test]
fn a_v1_file_accepts_new_writes() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("copy.redb");
    std::fs::copy(fixture("v1-quickstart.redb"), &path).unwrap();
    let store = Store::open(&path).unwrap();
    let id = store
        .write(|tx| {
            tx.insert(
                NodeKey::area("大同市")?,
                Area {
                    name: "大同市".into(),
                    level: AreaLevel::PrefectureCity,
                    aliases: vec![],
                },
                None,
            )
        })
        .unwrap();
    // Ids continue after the fixture's, never colliding with them.
    assert!(id.0 > 3);
    assert!(store.verify().unwrap().is_empty());
}
