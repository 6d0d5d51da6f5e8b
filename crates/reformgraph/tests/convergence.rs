//! Devices converge (issue 15, item 8): any changes two devices record — task status,
//! deadlines' sub-tasks, projects registered and moved through their stages, observations,
//! selections, many with equal recording times — exchanged in any order, give three devices
//! the same state, and every device's derived state equals a replay of its history.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use proptest::prelude::*;
use reformgraph::import::bundled;
use reformgraph::track::{self, EventInput};
use reformgraph::*;

const T: i64 = 1_400_000_000_000; // 2014-05-13

/// The bundled plan imported once into a file; each device starts from a copy of it.
fn template() -> &'static Path {
    static TEMPLATE: OnceLock<(tempfile::TempDir, PathBuf)> = OnceLock::new();
    let (_, path) = TEMPLATE.get_or_init(|| {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("template.redb");
        let store = Store::create(&path).unwrap();
        bundled::import_shanxi_2013(&store).unwrap();
        drop(store);
        (dir, path)
    });
    path
}

fn device(dir: &Path, name: &str) -> Store {
    let path = dir.join(format!("{name}.redb"));
    std::fs::copy(template(), &path).unwrap();
    Store::open(&path).unwrap()
}

fn d(s: &str) -> Date {
    s.parse().unwrap()
}

/// One change from a pool: (kind, target, n).
fn change() -> impl Strategy<Value = (u8, u8, u8)> {
    (0u8..8, 0u8..3, 0u8..60)
}

fn input(device: &str, (kind, target, n): (u8, u8, u8)) -> EventInput {
    let day = d(&format!("2014-{:02}-{:02}", 1 + n % 12, 1 + n % 28));
    let task = format!("shanxi-2013/reform/{}", 1 + target);
    let project = format!("shanxi-2013/project/p{target}");
    let input = match kind {
        0 => EventInput::task_status(task, TaskStatus::InProgress, Some(f64::from(n)), device),
        1 => EventInput::task_status(task, TaskStatus::Delayed, None, device),
        2 => {
            let mut i = EventInput::selection(
                "area/大同市",
                format!("shanxi-2013/city-option/{}", 1 + target),
                2014,
                device,
            );
            if let Change::Selection { selected, .. } = &mut i.change {
                *selected = n % 2 == 0;
            }
            i
        }
        3 => EventInput::observation(
            "indicator/城镇化率",
            "area/山西省",
            2013 + u16::from(target),
            f64::from(n),
            Unit::Percent,
            device,
        ),
        4 => EventInput::new(
            project,
            Change::ProjectRegistered(ProjectSpec {
                name: format!("项目{target}"),
                portfolio: "shanxi-2013/portfolio".into(),
                domain: None,
                area: Some("area/孝义市".into()),
                investment_wan_yuan: Some(f64::from(n) * 100.0),
                responsible: None,
                year: 2014,
            }),
            device,
        ),
        5 | 6 => {
            let stages = [
                ProjectStage::Signed,
                ProjectStage::Landed,
                ProjectStage::Started,
                ProjectStage::Suspended,
            ];
            EventInput::project_stage(project, stages[usize::from(n) % stages.len()], device)
        }
        _ => EventInput::new(
            task,
            Change::SubTaskAdded {
                year: 2014,
                title: format!("年度任务{n}"),
                deadline: d("2014-12-31"),
                responsible: None,
            },
            device,
        ),
    };
    input.effective(day)
}

/// Records `changes` on `store` with the device's clock at `T + i % 3`: many equal
/// recording times across the two devices, which ids break. A change its device's own state
/// refuses (a stage move of a project it has not registered, a second registration) is
/// simply not recorded.
fn record_all(store: &Store, name: &str, changes: &[(u8, u8, u8)]) {
    let clock = std::sync::Arc::new(reformgraph::store::ManualClock::new(T));
    store.set_clock(clock.clone());
    for (i, c) in changes.iter().enumerate() {
        clock.set(T + i as i64 % 3);
        let _ = track::record(store, input(name, *c));
    }
}

fn state_of(store: &Store) -> String {
    let snap = store.read().unwrap();
    let tasks = snap.task_states().unwrap();
    let projects = snap.project_states().unwrap();
    let obs = snap.observations("indicator/城镇化率", None).unwrap();
    let id = snap.id_of("area/大同市").unwrap().unwrap();
    let mut sel: Vec<String> = snap
        .neighbors(id, Some(EdgeLabel::Selected), Direction::Outgoing)
        .unwrap()
        .into_iter()
        .map(|(_, n)| n.key.to_string())
        .collect();
    sel.sort();
    let nodes = snap.node_count().unwrap();
    let edges = snap.edge_count().unwrap();
    format!("{tasks:?}|{projects:?}|{obs:?}|{sel:?}|{nodes}|{edges}")
}

fn cases() -> u32 {
    std::env::var("REFORMGRAPH_CONVERGENCE_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(256)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: cases(), ..ProptestConfig::default() })]

    #[test]
    fn two_devices_converge_whatever_they_record_and_whatever_the_order(
        a in prop::collection::vec(change(), 1..10),
        b in prop::collection::vec(change(), 1..10),
        a_first in any::<bool>(),
    ) {
        let dir = tempfile::tempdir().unwrap();
        let (da, db) = (device(dir.path(), "a"), device(dir.path(), "b"));
        record_all(&da, "a", &a);
        record_all(&db, "b", &b);
        let ca = track::export_changeset(&da.read().unwrap(), 0, 1000).unwrap();
        let cb = track::export_changeset(&db.read().unwrap(), 0, 1000).unwrap();
        let third = device(dir.path(), "third");
        let (first, second) = if a_first { (&ca, &cb) } else { (&cb, &ca) };
        track::apply_changeset(&third, first).unwrap();
        track::apply_changeset(&third, second).unwrap();
        track::apply_changeset(&da, &cb).unwrap();
        track::apply_changeset(&db, &ca).unwrap();
        let s = state_of(&da);
        prop_assert_eq!(&s, &state_of(&db));
        prop_assert_eq!(&s, &state_of(&third));
        prop_assert!(third.verify().unwrap().is_empty());
        for store in [&da, &db, &third] {
            let problems = track::verify_state(&store.read().unwrap()).unwrap();
            prop_assert!(problems.is_empty(), "{:?}", problems);
        }
    }
}
