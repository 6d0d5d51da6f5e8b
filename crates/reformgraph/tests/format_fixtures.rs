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

fn copy_of(name: &str) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(name);
    std::fs::copy(fixture(name), &path).unwrap();
    (dir, path)
}

fn d(s: &str) -> Date {
    s.parse().unwrap()
}

/// What `fixtures/v1-tracked.generator.rs.txt` recorded, read back as of several dates:
/// a task's back-dated progress and a project's stages.
fn assert_the_generated_history(snap: &Snapshot) {
    assert!(track::verify_state(snap).unwrap().is_empty());
    let at = |day: &str| {
        track::task_view(
            snap,
            "shanxi-2013/reform/1",
            Some(d(day)),
            track::LagThresholds::default(),
        )
        .unwrap()
    };
    assert_eq!(at("2014-02-28").status, TaskStatus::NotStarted);
    assert_eq!(at("2014-03-01").progress, 30.0);
    assert_eq!(at("2014-07-01").progress, 60.0);
    assert_eq!(at("2015-01-01").status, TaskStatus::Completed);
    let count = |day: &str, stage: ProjectStage| {
        track::project_funnel(snap, "shanxi-2013/portfolio", None, Some(d(day)))
            .unwrap()
            .stages
            .iter()
            .find(|s| s.stage == stage)
            .map_or(0, |s| s.projects)
    };
    assert_eq!(count("2014-03-01", ProjectStage::Reserve), 1);
    assert_eq!(count("2014-05-01", ProjectStage::Signed), 1);
    assert_eq!(count("2014-10-01", ProjectStage::Landed), 1);
}

/// `v1-quickstart.redb` was written by schema v1 / record format 1 with
/// `cargo run -p reformgraph-examples --example quickstart v1-quickstart.redb`.
#[test]
fn a_v1_file_opened_read_only_asks_to_be_opened_for_writing_once() {
    let err = Store::open_read_only(fixture("v1-quickstart.redb")).unwrap_err();
    assert!(
        matches!(
            err,
            Error::UnsupportedSchema {
                found: 1,
                supported: SCHEMA_VERSION
            }
        ),
        "{err:?}"
    );
    assert!(
        err.to_string().contains("open it for writing once"),
        "{err}"
    );
}

#[test]
fn a_v1_file_is_upgraded_in_place_with_its_graph_intact() {
    let (_dir, path) = copy_of("v1-quickstart.redb");
    drop(Store::open(&path).unwrap());
    let store = Store::open_read_only(&path).unwrap();
    assert_eq!(store.info().unwrap().schema_version, SCHEMA_VERSION);
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

/// `v1-tracked.redb` was written at commit f9c3701 (schema v1) by the program in
/// `fixtures/v1-tracked.generator.rs.txt`: the bundled plan, a task with a back-dated
/// status event, a deadline change, and a project registered and moved two stages.
#[test]
fn a_v1_file_with_history_gets_its_timeline_on_upgrade() {
    let (_dir, path) = copy_of("v1-tracked.redb");
    let store = Store::open(&path).unwrap();
    assert!(store.verify().unwrap().is_empty());
    let snap = store.read().unwrap();
    assert_the_generated_history(&snap);
    let t = "shanxi-2013/reform/1";
    // New events after the upgrade extend the rebuilt timeline.
    drop(snap);
    track::record(
        &store,
        track::EventInput::task_status(t, TaskStatus::InProgress, Some(80.0), "李四")
            .effective(d("2014-09-01")),
    )
    .unwrap();
    let snap = store.read().unwrap();
    assert!(track::verify_state(&snap).unwrap().is_empty());
    let v = track::task_view(
        &snap,
        t,
        Some(d("2014-10-01")),
        track::LagThresholds::default(),
    )
    .unwrap();
    assert_eq!(v.progress, 80.0);
}

#[test]
fn a_v1_file_accepts_new_writes() {
    let (_dir, path) = copy_of("v1-quickstart.redb");
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

/// `v2-tracked.redb` was written with schema 2 by the build of commit b09e411, by the same
/// program as `v1-tracked.redb` (`fixtures/v1-tracked.generator.rs.txt`): timeline, posting
/// blocks and adjacency blocks as this build writes them. It must open read-only, unchanged.
#[test]
fn a_v2_file_opens_read_only_with_its_history_and_indexes() {
    let store = Store::open_read_only(fixture("v2-tracked.redb")).unwrap();
    assert_eq!(store.info().unwrap().schema_version, 2);
    assert!(store.verify().unwrap().is_empty());
    let snap = store.read().unwrap();
    assert_the_generated_history(&snap);
    let led = query::tasks_led_by(&snap, "山西省环境保护厅").unwrap();
    assert_eq!(led.len(), 12);
    let found = search::search(&snap, &search::SearchQuery::new("煤层气")).unwrap();
    // The plan's five, and the registered 煤层气示范项目.
    assert_eq!(found.total, 6);
    assert!(
        found
            .hits
            .iter()
            .any(|h| h.key == "shanxi-2013/project/coal-bed-methane-1")
    );
}

/// Schema 3 only adds node record format 2: a schema-2 file opened for writing is upgraded
/// by recording the new version, its format-1 nodes still read, and new nodes are written in
/// format 2 beside them.
#[test]
fn a_v2_file_opened_for_writing_is_upgraded_and_keeps_its_nodes() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("v2.redb");
    std::fs::copy(fixture("v2-tracked.redb"), &path).unwrap();
    let store = Store::open(&path).unwrap();
    assert_eq!(store.info().unwrap().schema_version, SCHEMA_VERSION);
    assert!(store.verify().unwrap().is_empty());
    assert_the_generated_history(&store.read().unwrap());
    store
        .write(|tx| {
            tx.insert(
                NodeKey::organization("新部门").unwrap(),
                Organization {
                    name: "新部门".into(),
                    kind: OrganizationKind::Department,
                    aliases: vec![],
                    level: AdminLevel::City,
                },
                None,
            )
        })
        .unwrap();
    drop(store);
    let store = Store::open_read_only(&path).unwrap();
    let snap = store.read().unwrap();
    let org = snap
        .get_by_key::<Organization>("org/新部门")
        .unwrap()
        .unwrap();
    assert_eq!(org.value.level, AdminLevel::City);
    let led = query::tasks_led_by(&snap, "山西省环境保护厅").unwrap();
    assert_eq!(led.len(), 12);
}

/// `v3-tracked.redb` was written with schema 3 by the build of commit bf9d3b6, by
/// `fixtures/v3-tracked.generator.rs.txt` (the history of `v1-tracked.redb`, recorded through
/// the store's clock): nodes in record format 2, unsigned events in format 1. It must open
/// read-only as it is, and opened for writing become schema 4 with nothing else changed.
#[test]
fn a_v3_file_opens_read_only_and_upgrades_to_v4_unchanged() {
    let store = Store::open_read_only(fixture("v3-tracked.redb")).unwrap();
    assert_eq!(store.info().unwrap().schema_version, 3);
    assert!(store.verify().unwrap().is_empty());
    assert_the_generated_history(&store.read().unwrap());
    let mut before = reformgraph::export::dump(&store.read().unwrap()).unwrap();
    before.schema_version = 4;
    drop(store);
    let (_dir, path) = copy_of("v3-tracked.redb");
    let store = Store::open(&path).unwrap();
    assert_eq!(store.info().unwrap().schema_version, 4);
    assert!(store.verify().unwrap().is_empty());
    let snap = store.read().unwrap();
    assert_the_generated_history(&snap);
    assert_eq!(reformgraph::export::dump(&snap).unwrap(), before);
    assert_eq!(snap.admin_key().unwrap(), None);
}
