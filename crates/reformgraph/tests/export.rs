//! Exports: the JSON dump round trip, CSV, GraphML parsed back, SVG charts (the XLSX
//! ledger has its own file, `ledger.rs`).
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use reformgraph::export::{self, LedgerOptions};
use reformgraph::import::bundled;
use reformgraph::track::{self, EventInput};
use reformgraph::*;

fn d(s: &str) -> Date {
    s.parse().unwrap()
}

/// The bundled plan with some history: statuses, a project, a selection, observations, a
/// sub-task.
fn tracked() -> Store {
    let store = Store::in_memory().unwrap();
    bundled::import_shanxi_2013(&store).unwrap();
    let t = 1_400_000_000_000;
    let inputs = vec![
        EventInput::task_status(
            "shanxi-2013/reform/10",
            TaskStatus::InProgress,
            Some(40.0),
            "张三",
        )
        .organization("org/省环保厅")
        .effective(d("2014-06-30")),
        EventInput::task_status("shanxi-2013/reform/11", TaskStatus::Completed, None, "张三")
            .effective(d("2014-07-01")),
        EventInput::task_status(
            "shanxi-2013/matter/7",
            TaskStatus::Delayed,
            Some(5.0),
            "王五",
        )
        .effective(d("2015-06-01")),
        EventInput::new(
            "shanxi-2013/project/p1",
            Change::ProjectRegistered(ProjectSpec {
                name: "沁水煤层气开发".into(),
                portfolio: "shanxi-2013/portfolio".into(),
                domain: Some("产业转型".into()),
                area: Some("area/晋城市".into()),
                investment_wan_yuan: Some(120_000.0),
                responsible: Some("org/省发展改革委".into()),
                year: 2014,
            }),
            "李四",
        )
        .effective(d("2014-03-01")),
        EventInput::project_stage("shanxi-2013/project/p1", ProjectStage::Signed, "李四")
            .effective(d("2014-05-01")),
        EventInput::selection("area/大同市", "shanxi-2013/city-option/1", 2014, "市改革办"),
        EventInput::observation(
            "indicator/城镇化率",
            "area/山西省",
            2012,
            51.26,
            Unit::Percent,
            "统计局",
        ),
        EventInput::observation(
            "indicator/城镇化率",
            "area/山西省",
            2013,
            52.56,
            Unit::Percent,
            "统计局",
        ),
        EventInput::new(
            "shanxi-2013/reform/16",
            Change::SubTaskAdded {
                year: 2014,
                title: "制定排污权初始分配政策".into(),
                deadline: d("2014-12-31"),
                responsible: Some("org/省环保厅".into()),
            },
            "王五",
        ),
    ];
    // Recording times from a clock moved by hand, one millisecond per change.
    let clock = std::sync::Arc::new(reformgraph::store::ManualClock::new(t));
    store.set_clock(clock.clone());
    for input in inputs {
        track::record(&store, input).unwrap();
        clock.advance(1);
    }
    store
}

#[test]
fn a_json_dump_loads_into_an_empty_store_and_dumps_to_identical_bytes() {
    let a = tracked();
    let json = export::to_json(&a.read().unwrap()).unwrap();
    let b = Store::in_memory().unwrap();
    let loaded = export::load_json(&b, &json).unwrap();
    assert!(loaded.nodes > 300 && loaded.edges > 500);
    assert_eq!((loaded.events, loaded.access_enforced), (9, false));
    assert_eq!(export::to_json(&b.read().unwrap()).unwrap(), json);
    assert!(b.verify().unwrap().is_empty());
    assert!(track::verify_state(&b.read().unwrap()).unwrap().is_empty());
    let (sa, sb) = (a.read().unwrap(), b.read().unwrap());
    assert_eq!(sa.task_states().unwrap(), sb.task_states().unwrap());
    assert_eq!(sa.project_states().unwrap(), sb.project_states().unwrap());
    assert_eq!(
        track::history(&sa, "shanxi-2013/reform/10").unwrap(),
        track::history(&sb, "shanxi-2013/reform/10").unwrap()
    );
    // Search works on the loaded store too: the index was rebuilt as nodes went in.
    let q = search::SearchQuery::new("煤层气");
    let (ha, hb) = (
        search::search(&sa, &q).unwrap(),
        search::search(&sb, &q).unwrap(),
    );
    assert!(hb.total > 4);
    assert_eq!(
        ha.hits
            .iter()
            .map(|h| (&h.key, h.score))
            .collect::<Vec<_>>(),
        hb.hits
            .iter()
            .map(|h| (&h.key, h.score))
            .collect::<Vec<_>>()
    );
}

#[test]
fn a_dump_is_refused_by_a_non_empty_store_and_a_foreign_json_is_refused() {
    let a = tracked();
    let json = export::to_json(&a.read().unwrap()).unwrap();
    let err = export::load_json(&a, &json).unwrap_err();
    assert!(err.to_string().contains("not empty"), "{err}");
    let b = Store::in_memory().unwrap();
    assert!(matches!(
        export::load_json(&b, "{\"format\": \"x\"}"),
        Err(Error::Invalid { .. })
    ));
    let newer = json.replacen("\"version\": 1", "\"version\": 99", 1);
    assert!(matches!(
        export::load_json(&b, &newer),
        Err(Error::Invalid { .. })
    ));
    assert_eq!(b.read().unwrap().node_count().unwrap(), 0);
}

#[test]
fn csv_tables_cover_every_kind_and_quote_what_needs_it() {
    let store = tracked();
    let tables = export::csv_tables(&store.read().unwrap()).unwrap();
    let names: Vec<&str> = tables.iter().map(|t| t.name.as_str()).collect();
    for n in [
        "nodes_task.csv",
        "nodes_organization.csv",
        "nodes_target.csv",
        "nodes_project.csv",
        "edges_leads.csv",
        "edges_selected.csv",
    ] {
        assert!(names.contains(&n), "{n} in {names:?}");
    }
    let tasks = tables.iter().find(|t| t.name == "nodes_task.csv").unwrap();
    assert!(tasks.header.contains(&"title".to_owned()));
    let csv = tasks.to_csv(true);
    assert!(csv.starts_with('\u{feff}'));
    // Task bodies contain commas (，is full-width, but the 、 lists and quotes “” are kept).
    let leads = tables.iter().find(|t| t.name == "edges_leads.csv").unwrap();
    assert!(leads.header.contains(&"rank".to_owned()));
    let dir = tempfile::tempdir().unwrap();
    let files = export::write_csv(&store.read().unwrap(), dir.path(), false).unwrap();
    assert_eq!(files.len(), tables.len());
    let text = std::fs::read_to_string(dir.path().join("nodes_organization.csv")).unwrap();
    assert!(text.contains("org/省发展改革委"));
}

/// JSON load is a door for events like `record` and a changeset: an event the store would
/// refuse to record (progress 140 %) is refused in a dump too, and nothing is written.
#[test]
fn a_dump_with_an_event_record_would_refuse_is_refused_whole() {
    let json = export::to_json(&tracked().read().unwrap()).unwrap();
    let mut v: serde_json::Value = serde_json::from_str(&json).unwrap();
    let events = v["events"].as_array_mut().unwrap();
    let status = events
        .iter_mut()
        .find(|e| e["subject"] == "shanxi-2013/reform/10")
        .unwrap();
    let progress = status.pointer_mut("/change/task_status/progress").unwrap();
    assert_eq!(*progress, 40.0, "the dump holds what tracked() recorded");
    *progress = serde_json::json!(140.0);
    let b = Store::in_memory().unwrap();
    let err = export::load_json(&b, &v.to_string()).unwrap_err();
    assert!(matches!(&err, Error::Invalid { .. }), "{err:?}");
    assert!(err.to_string().contains("progress"), "{err}");
    assert_eq!(
        b.read().unwrap().node_count().unwrap(),
        0,
        "nothing written"
    );
}

#[test]
fn a_ledger_for_an_unknown_organisation_is_an_error() {
    let store = tracked();
    let opts = LedgerOptions {
        organization: Some("不存在的厅".into()),
        ..LedgerOptions::default()
    };
    // A name nothing has: not found, with the kinds looked in (and suggestions, if any).
    assert!(matches!(
        export::ledger_xlsx(&store.read().unwrap(), &opts),
        Err(Error::NameNotFound { .. })
    ));
}

#[test]
fn graphml_parses_back_with_every_node_and_edge() {
    let store = tracked();
    let snap = store.read().unwrap();
    let xml = export::graphml(&snap).unwrap();
    let doc = roxmltree::Document::parse(&xml).unwrap();
    let nodes: Vec<_> = doc
        .descendants()
        .filter(|n| n.has_tag_name("node"))
        .collect();
    let edges: Vec<_> = doc
        .descendants()
        .filter(|n| n.has_tag_name("edge"))
        .collect();
    assert_eq!(nodes.len() as u64, snap.node_count().unwrap());
    assert_eq!(edges.len() as u64, snap.edge_count().unwrap());
    let env = nodes
        .iter()
        .find(|n| n.attribute("id") == Some("org/省环保厅"))
        .unwrap();
    let kind = env
        .children()
        .find(|c| c.attribute("key") == Some("kind"))
        .unwrap();
    assert_eq!(kind.text(), Some("organization"));
    assert!(
        edges
            .iter()
            .any(|e| e.attribute("source") == Some("org/省环保厅")
                && e.attribute("target") == Some("shanxi-2013/reform/10"))
    );
    let link = export::node_link(&snap).unwrap();
    assert_eq!(link["nodes"].as_array().unwrap().len(), nodes.len());
    assert_eq!(link["links"].as_array().unwrap().len(), edges.len());
}

#[test]
fn svg_charts_are_well_formed_and_carry_their_data() {
    let store = tracked();
    let snap = store.read().unwrap();
    for svg in [
        export::workload_svg(&snap, 10).unwrap(),
        export::attainment_svg(&snap, None).unwrap(),
        export::funnel_svg(&snap, "shanxi-2013/portfolio", None, None).unwrap(),
    ] {
        let doc = roxmltree::Document::parse(&svg).unwrap();
        assert_eq!(doc.root_element().tag_name().name(), "svg");
        assert!(doc.descendants().filter(|n| n.has_tag_name("rect")).count() > 3);
    }
    let busiest = reformgraph::query::lead_counts(&snap).unwrap().remove(0);
    let (top, n) = (busiest.lead, busiest.tasks);
    let svg = export::workload_svg(&snap, 10).unwrap();
    assert!(svg.contains(&top.name) && svg.contains(&format!(">{n}<")));
    assert!(
        export::attainment_svg(&snap, None)
            .unwrap()
            .contains("城镇化率")
    );
    let funnel = export::funnel_svg(&snap, "shanxi-2013/portfolio", None, None).unwrap();
    assert!(funnel.contains("签约"));
    // Scaled to what exists, not to the 100-project quota: the fullest stage is a full
    // bar (420 wide), not a sliver of 4.
    assert!(funnel.contains(r#"width="420.0""#), "{funnel}");
    // The attainment chart says what its percentage is and has a legend.
    let attainment = export::attainment_svg(&snap, None).unwrap();
    assert!(attainment.contains("(latest − baseline) ÷ (target − baseline)"));
    assert!(attainment.contains("符合进度") && attainment.contains("反向变化"));
}

#[test]
fn a_json_dump_keeps_the_access_policy_and_its_grants() {
    let a = tracked();
    track::set_access_enforced(&a, true).unwrap();
    track::grant(&a, "省财政厅", "shanxi-2013/part/2/2").unwrap();
    let json = export::to_json(&a.read().unwrap()).unwrap();
    let b = Store::in_memory().unwrap();
    let loaded = export::load_json(&b, &json).unwrap();
    assert!(loaded.access_enforced);
    assert!(b.access_enforced().unwrap(), "the policy stays on");
    assert_eq!(
        track::grants(&b.read().unwrap()).unwrap(),
        track::grants(&a.read().unwrap()).unwrap()
    );
    assert_eq!(export::to_json(&b.read().unwrap()).unwrap(), json);
    // The restored grant lets 省财政厅 record in category 生态 (reforms 10–19), and the
    // restored policy still refuses it reform 20, which it neither leads nor was granted.
    let as_finance = |task: &str| {
        reformgraph::track::EventInput::task_status(
            task,
            reformgraph::TaskStatus::InProgress,
            Some(10.0),
            "赵六",
        )
        .organization("org/省财政厅")
    };
    track::record(&b, as_finance("shanxi-2013/reform/11")).unwrap();
    let err = track::record(&b, as_finance("shanxi-2013/reform/20")).unwrap_err();
    assert!(
        matches!(err, reformgraph::Error::AccessDenied { .. }),
        "{err}"
    );
}
