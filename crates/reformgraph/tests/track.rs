//! Tracking on the bundled plan: status, stages, observations, attainment, selections,
//! sub-tasks, as-of reads, roll-ups and sync.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use reformgraph::import::bundled;
use reformgraph::query::TaskFilter;
use reformgraph::track::{self, AttainmentClass, EventInput, LagClass, LagThresholds};
use reformgraph::*;

fn d(s: &str) -> Date {
    s.parse().unwrap()
}

fn shanxi() -> Store {
    let store = Store::in_memory().unwrap();
    bundled::import_shanxi_2013(&store).unwrap();
    store
}

fn status(task: &str, st: TaskStatus, p: f64, on: &str) -> EventInput {
    EventInput::task_status(task, st, Some(p), "张三").effective(d(on))
}

fn register(store: &Store, key: &str, year: u16) {
    track::record(
        store,
        EventInput::new(
            key,
            Change::ProjectRegistered(ProjectSpec {
                name: format!("项目{key}"),
                portfolio: "shanxi-2013/portfolio".into(),
                domain: Some("产业转型".into()),
                area: Some("area/孝义市".into()),
                investment_wan_yuan: Some(50_000.0),
                responsible: Some("org/省发展改革委".into()),
                year,
            }),
            "李四",
        )
        .effective(d(&format!("{year}-03-01"))),
    )
    .unwrap();
}

fn stage(key: &str, st: ProjectStage, on: &str) -> EventInput {
    EventInput::project_stage(key, st, "李四").effective(d(on))
}

#[test]
fn a_status_update_is_materialised_and_kept_in_the_history_with_its_evidence() {
    let store = shanxi();
    let input = status(
        "shanxi-2013/reform/10",
        TaskStatus::InProgress,
        40.0,
        "2014-06-30",
    )
    .organization("org/省环保厅")
    .evidence(Evidence {
        document_number: Some("晋环发〔2014〕1号".into()),
        link: None,
        note: None,
    });
    let event = track::record(&store, input).unwrap();
    let snap = store.read().unwrap();
    let state = snap.task_state("shanxi-2013/reform/10").unwrap().unwrap();
    assert_eq!(
        (state.status, state.progress),
        (TaskStatus::InProgress, 40.0)
    );
    assert_eq!(state.last_event, Some(event.id));
    let history = track::history(&snap, "shanxi-2013/reform/10").unwrap();
    assert_eq!(history, vec![event]);
    assert_eq!(
        history[0]
            .evidence
            .as_ref()
            .unwrap()
            .document_number
            .as_deref(),
        Some("晋环发〔2014〕1号")
    );
    assert_eq!(
        history[0].actor.organization.as_deref(),
        Some("org/省环保厅")
    );
}

#[test]
fn bad_input_is_refused_and_writes_nothing() {
    let store = shanxi();
    let cases = [
        status(
            "shanxi-2013/reform/10",
            TaskStatus::InProgress,
            -1.0,
            "2014-01-01",
        ),
        status(
            "shanxi-2013/reform/10",
            TaskStatus::InProgress,
            f64::NAN,
            "2014-01-01",
        ),
        status(
            "shanxi-2013/reform/999",
            TaskStatus::InProgress,
            10.0,
            "2014-01-01",
        ),
        status("org/省环保厅", TaskStatus::InProgress, 10.0, "2014-01-01"),
        EventInput::task_status("shanxi-2013/reform/10", TaskStatus::InProgress, None, "  "),
        EventInput::observation(
            "indicator/城镇化率",
            "area/山西省",
            2014,
            f64::INFINITY,
            Unit::Percent,
            "x",
        ),
        EventInput::observation(
            "indicator/城镇化率",
            "area/山西省",
            2014,
            55.0,
            Unit::Yuan,
            "x",
        ),
        EventInput::observation(
            "indicator/城镇化率",
            "area/山西省",
            2014,
            -3.0,
            Unit::Percent,
            "x",
        ),
        EventInput::observation(
            "indicator/城镇化率",
            "area/火星",
            2014,
            55.0,
            Unit::Percent,
            "x",
        ),
        EventInput::selection("area/大同市", "shanxi-2013/reform/20", 2014, "x"),
    ];
    for input in cases {
        let err = track::record(&store, input.clone()).expect_err(&format!("{input:?}"));
        assert!(
            matches!(
                err,
                Error::Invalid { .. } | Error::KeyNotFound { .. } | Error::WrongKind { .. }
            ),
            "{err:?}"
        );
    }
    assert_eq!(store.read().unwrap().event_count().unwrap(), 0);
    assert!("1850-01-01".parse::<Date>().is_err());
    assert!("2014-02-30".parse::<Date>().is_err());
}

#[test]
fn an_unfinished_task_past_its_deadline_is_overdue_and_red() {
    let store = shanxi();
    track::record(
        &store,
        status(
            "shanxi-2013/reform/3",
            TaskStatus::InProgress,
            90.0,
            "2015-11-01",
        ),
    )
    .unwrap();
    let snap = store.read().unwrap();
    let before = track::task_view(
        &snap,
        "shanxi-2013/reform/3",
        Some(d("2015-11-30")),
        LagThresholds::default(),
    )
    .unwrap();
    assert!(!before.overdue);
    assert_eq!(before.class, LagClass::Green);
    let after = track::task_view(
        &snap,
        "shanxi-2013/reform/3",
        Some(d("2016-01-15")),
        LagThresholds::default(),
    )
    .unwrap();
    assert!(after.overdue);
    assert_eq!(after.class, LagClass::Red);
}

#[test]
fn lag_behind_time_proportional_progress_is_classed_by_configurable_thresholds() {
    let store = shanxi();
    // Plan period 2013-01-01 .. 2015-12-31: mid-2014 is about half way.
    track::record(
        &store,
        status(
            "shanxi-2013/matter/7",
            TaskStatus::InProgress,
            30.0,
            "2014-07-01",
        ),
    )
    .unwrap();
    let snap = store.read().unwrap();
    let v = track::task_view(
        &snap,
        "shanxi-2013/matter/7",
        Some(d("2014-07-02")),
        LagThresholds::default(),
    )
    .unwrap();
    let expected = v.expected_progress.unwrap();
    assert!((expected - 50.0).abs() < 1.0, "{expected}");
    let lag = v.lag.unwrap();
    assert!((lag - (expected - 30.0)).abs() < 1e-9);
    assert_eq!(v.class, LagClass::Yellow);
    let strict = LagThresholds {
        yellow: 5.0,
        red: 15.0,
    };
    assert_eq!(
        track::task_view(&snap, "shanxi-2013/matter/7", Some(d("2014-07-02")), strict)
            .unwrap()
            .class,
        LagClass::Red
    );
    let lenient = LagThresholds {
        yellow: 30.0,
        red: 60.0,
    };
    assert_eq!(
        track::task_view(
            &snap,
            "shanxi-2013/matter/7",
            Some(d("2014-07-02")),
            lenient
        )
        .unwrap()
        .class,
        LagClass::Green
    );
}

#[test]
fn reads_as_of_a_date_see_the_state_of_that_date() {
    let store = shanxi();
    let key = "shanxi-2013/reform/1";
    track::record(
        &store,
        status(key, TaskStatus::InProgress, 20.0, "2013-09-01"),
    )
    .unwrap();
    track::record(&store, status(key, TaskStatus::Delayed, 35.0, "2014-09-01")).unwrap();
    track::record(
        &store,
        status(key, TaskStatus::Completed, 100.0, "2015-09-01"),
    )
    .unwrap();
    let snap = store.read().unwrap();
    let at =
        |day: &str| track::task_view(&snap, key, Some(d(day)), LagThresholds::default()).unwrap();
    assert_eq!(at("2013-06-01").status, TaskStatus::NotStarted);
    assert_eq!(
        (at("2014-01-01").status, at("2014-01-01").progress),
        (TaskStatus::InProgress, 20.0)
    );
    assert_eq!(at("2015-01-01").status, TaskStatus::Delayed);
    assert_eq!(at("2016-01-01").status, TaskStatus::Completed);
    assert!(!at("2016-01-01").overdue);
    let now = track::task_view(&snap, key, None, LagThresholds::default()).unwrap();
    assert_eq!(now.status, TaskStatus::Completed);
}

#[test]
fn the_project_lifecycle_moves_forward_and_refuses_going_back() {
    let store = shanxi();
    let key = "shanxi-2013/project/coal-gas-1";
    register(&store, key, 2014);
    for (st, on) in [
        (ProjectStage::Signed, "2014-04-01"),
        (ProjectStage::Started, "2014-06-01"),
        (ProjectStage::InOperation, "2015-10-01"),
    ] {
        track::record(&store, stage(key, st, on)).unwrap();
    }
    let before = store.read().unwrap().event_count().unwrap();
    let err = track::record(&store, stage(key, ProjectStage::Reserve, "2015-11-01")).unwrap_err();
    assert!(
        matches!(
            err,
            Error::InvalidTransition {
                from: ProjectStage::InOperation,
                to: ProjectStage::Reserve,
                ..
            }
        ),
        "{err:?}"
    );
    assert!(err.to_string().contains("投产"));
    assert_eq!(
        store.read().unwrap().event_count().unwrap(),
        before,
        "nothing written"
    );
    let snap = store.read().unwrap();
    let node = snap.require(key).unwrap();
    assert_eq!(node.kind(), NodeKind::Project);
    let in_portfolio = snap
        .edges(node.id, Some(EdgeLabel::InPortfolio), Direction::Outgoing)
        .unwrap();
    assert_eq!(in_portfolio.len(), 1);
    let led: Vec<_> = snap
        .neighbors(node.id, Some(EdgeLabel::Leads), Direction::Incoming)
        .unwrap();
    assert_eq!(led[0].1.key.as_str(), "org/省发展改革委");
}

#[test]
fn a_suspended_project_resumes_at_its_stage_or_later() {
    let store = shanxi();
    let key = "shanxi-2013/project/p2";
    register(&store, key, 2014);
    track::record(&store, stage(key, ProjectStage::Landed, "2014-05-01")).unwrap();
    track::record(&store, stage(key, ProjectStage::Suspended, "2014-06-01")).unwrap();
    assert!(matches!(
        track::record(&store, stage(key, ProjectStage::Signed, "2014-07-01")),
        Err(Error::InvalidTransition { .. })
    ));
    track::record(&store, stage(key, ProjectStage::Started, "2014-08-01")).unwrap();
    let s = store.read().unwrap().project_state(key).unwrap().unwrap();
    assert_eq!((s.stage, s.resume_stage), (ProjectStage::Started, None));
}

#[test]
fn the_funnel_counts_projects_by_stage_per_year_and_as_of() {
    let store = shanxi();
    for (i, year) in [(1, 2013), (2, 2014), (3, 2014), (4, 2015)] {
        register(&store, &format!("shanxi-2013/project/p{i}"), year);
    }
    track::record(
        &store,
        stage("shanxi-2013/project/p2", ProjectStage::Signed, "2014-05-01"),
    )
    .unwrap();
    track::record(
        &store,
        stage(
            "shanxi-2013/project/p3",
            ProjectStage::Cancelled,
            "2014-09-01",
        ),
    )
    .unwrap();
    track::record(
        &store,
        EventInput::new("shanxi-2013/project/p4", Change::ProjectWithdrawn, "李四")
            .effective(d("2015-06-01")),
    )
    .unwrap();
    let snap = store.read().unwrap();
    let all = track::project_funnel(&snap, "shanxi-2013/portfolio", None, None).unwrap();
    assert_eq!((all.quota, all.total, all.withdrawn), (Some(100), 3, 1));
    let count = |f: &track::Funnel, st: &str| {
        f.stages
            .iter()
            .find(|s| s.stage.name_zh() == st)
            .unwrap()
            .projects
    };
    assert_eq!(count(&all, "储备"), 1);
    assert_eq!(count(&all, "签约"), 1);
    assert_eq!(count(&all, "取消"), 1);
    let y2014 = track::project_funnel(&snap, "shanxi-2013/portfolio", Some(2014), None).unwrap();
    assert_eq!(y2014.total, 2);
    let early =
        track::project_funnel(&snap, "shanxi-2013/portfolio", None, Some(d("2014-06-01"))).unwrap();
    assert_eq!(
        (early.total, count(&early, "签约"), count(&early, "取消")),
        (3, 1, 0)
    );
}

fn observe(store: &Store, indicator: &str, year: u16, v: f64, unit: Unit) {
    track::record(
        store,
        EventInput::observation(indicator, "area/山西省", year, v, unit, "省统计局")
            .effective(d(&format!("{}-02-28", year + 1))),
    )
    .unwrap();
}

#[test]
fn an_at_least_target_is_assessed_with_distance_lag_growth_ratio_and_projection() {
    let store = shanxi();
    observe(
        &store,
        "indicator/服务业增加值比重",
        2012,
        38.7,
        Unit::Percent,
    );
    observe(
        &store,
        "indicator/服务业增加值比重",
        2013,
        39.2,
        Unit::Percent,
    );
    let snap = store.read().unwrap();
    let a = track::attainment(&snap, "shanxi-2013/target/服务业增加值比重", None, None).unwrap();
    assert_eq!(a.area.as_deref(), Some("area/山西省"));
    assert_eq!(a.attained, Some(false));
    assert!((a.distance.unwrap() - 0.8).abs() < 1e-9);
    // Straight line 38.7 (2012) → 40 (2015): 2013 expects 39.133…, 39.2 is ahead.
    assert!(a.time_lag.unwrap() < 0.0);
    assert!(a.growth_ratio.unwrap() > 0.95);
    assert_eq!(a.class, Some(AttainmentClass::OnTrack));
    assert!((a.projected.unwrap() - 40.2).abs() < 1e-9);
}

#[test]
fn a_decrease_against_a_base_year_uses_the_base_year_observation_and_reports_it_missing() {
    let store = shanxi();
    let target = "shanxi-2013/target/单位地区生产总值能耗";
    let unit = store
        .read()
        .unwrap()
        .get_by_key::<Indicator>("indicator/单位地区生产总值能耗")
        .unwrap()
        .unwrap()
        .value
        .unit;
    observe(
        &store,
        "indicator/单位地区生产总值能耗",
        2013,
        1.60,
        unit.clone(),
    );
    let missing = track::attainment(&store.read().unwrap(), target, None, None).unwrap();
    assert_eq!(missing.attained, None);
    assert!(
        missing.notes.iter().any(|n| matches!(
            n,
            track::AttainmentNote::NoBaseline { year: 2010, .. }
        ) && n.to_string().contains("2010")),
        "{:?}",
        missing.notes
    );
    observe(&store, "indicator/单位地区生产总值能耗", 2010, 1.76, unit);
    let a = track::attainment(&store.read().unwrap(), target, None, None).unwrap();
    // Target: 1.76 × (1 − 16%) = 1.4784; 1.60 is not there yet.
    assert!((a.target_value.unwrap() - 1.4784).abs() < 1e-9);
    assert_eq!(a.attained, Some(false));
    assert!(a.growth_ratio.unwrap() > 0.0);
}

#[test]
fn a_reference_target_needs_the_reference_value() {
    let store = shanxi();
    let ind = "indicator/节能减排幅度";
    let unit = store
        .read()
        .unwrap()
        .get_by_key::<Indicator>(ind)
        .unwrap()
        .unwrap()
        .value
        .unit;
    observe(&store, ind, 2013, 4.0, unit.clone());
    let target = "shanxi-2013/target/节能减排幅度";
    let a = track::attainment(&store.read().unwrap(), target, None, None).unwrap();
    assert_eq!(a.attained, None);
    assert!(
        a.notes
            .iter()
            .any(|n| matches!(n, track::AttainmentNote::NoReference { .. })),
        "{:?}",
        a.notes
    );
    let mut input = EventInput::observation(ind, "area/山西省", 2013, 3.5, unit, "国家统计局");
    if let Change::Observation { reference, .. } = &mut input.change {
        *reference = true;
    }
    track::record(&store, input).unwrap();
    let a = track::attainment(&store.read().unwrap(), target, None, None).unwrap();
    assert_eq!(a.attained, Some(true));
}

#[test]
fn annual_sub_tasks_are_tracked_and_rolled_up_to_their_parent_and_survive_re_import() {
    let store = shanxi();
    let parent = "shanxi-2013/reform/16";
    for title in ["制定排污权初始分配政策", "开展排污权有偿使用试点"].iter() {
        track::record(
            &store,
            EventInput::new(
                parent,
                Change::SubTaskAdded {
                    year: 2014,
                    title: (*title).into(),
                    deadline: d("2014-12-31"),
                    responsible: Some("org/省环保厅".into()),
                },
                "王五",
            ),
        )
        .unwrap();
    }
    let children: Vec<String> = {
        let snap = store.read().unwrap();
        let id = snap.id_of(parent).unwrap().unwrap();
        snap.neighbors(id, Some(EdgeLabel::Contains), Direction::Outgoing)
            .unwrap()
            .into_iter()
            .map(|(_, n)| n.key.to_string())
            .collect()
    };
    assert_eq!(children.len(), 2);
    track::record(
        &store,
        status(&children[0], TaskStatus::Completed, 100.0, "2014-10-01"),
    )
    .unwrap();
    track::record(
        &store,
        status(&children[1], TaskStatus::InProgress, 50.0, "2014-10-01"),
    )
    .unwrap();
    bundled::import_shanxi_2013(&store).unwrap();
    let snap = store.read().unwrap();
    let v = track::task_view(
        &snap,
        parent,
        Some(d("2014-11-01")),
        LagThresholds::default(),
    )
    .unwrap();
    assert_eq!(
        v.sub_tasks,
        Some(track::SubTaskRollup {
            count: 2,
            completed: 1,
            mean_progress: 75.0
        })
    );
    assert!(store.verify().unwrap().is_empty());
}

#[test]
fn selections_are_checked_against_the_rules() {
    let store = shanxi();
    let pick = |who: &str, option: &str| {
        track::record(
            &store,
            EventInput::selection(who, option, 2014, "市改革办").effective(d("2014-02-01")),
        )
        .unwrap();
    };
    pick("area/大同市", "shanxi-2013/city-option/1");
    pick("area/大同市", "shanxi-2013/city-option/3");
    pick("area/孝义市", "shanxi-2013/county-area/1");
    pick("area/孝义市", "shanxi-2013/county-area/2");
    pick("area/孝义市", "shanxi-2013/county-area/3");
    let snap = store.read().unwrap();
    let check = track::selection_check(&snap, Some(2014), None).unwrap();
    let violation = |who: &str| check.violations.iter().find(|v| v.subject == who);
    assert!(
        violation("area/大同市").is_none(),
        "two options is enough for a city"
    );
    let xy = violation("area/孝义市").expect("three is too many for a pilot county");
    assert_eq!(xy.selected, 3);
    assert!(xy.message.contains("exactly 2"));
    assert!(
        violation("area/太原市").is_some(),
        "a city that chose nothing breaks the rule"
    );
    // Withdrawing one brings the county within the rule.
    let mut undo =
        EventInput::selection("area/孝义市", "shanxi-2013/county-area/3", 2014, "市改革办")
            .effective(d("2014-03-01"));
    if let Change::Selection { selected, .. } = &mut undo.change {
        *selected = false;
    }
    track::record(&store, undo).unwrap();
    let check = track::selection_check(&store.read().unwrap(), Some(2014), None).unwrap();
    assert!(!check.violations.iter().any(|v| v.subject == "area/孝义市"));
    let earlier =
        track::selection_check(&store.read().unwrap(), Some(2014), Some(d("2014-02-15"))).unwrap();
    assert!(
        earlier
            .violations
            .iter()
            .any(|v| v.subject == "area/孝义市")
    );
}

#[test]
fn roll_ups_count_by_department_and_category() {
    let store = shanxi();
    track::record(
        &store,
        status(
            "shanxi-2013/reform/10",
            TaskStatus::Completed,
            100.0,
            "2014-01-01",
        ),
    )
    .unwrap();
    track::record(
        &store,
        status(
            "shanxi-2013/reform/11",
            TaskStatus::Delayed,
            10.0,
            "2014-01-01",
        ),
    )
    .unwrap();
    let snap = store.read().unwrap();
    let depts =
        track::department_rollup(&snap, Some(d("2014-06-01")), LagThresholds::default()).unwrap();
    let env = depts.iter().find(|r| r.name == "省环保厅").unwrap();
    assert_eq!(env.counts.tasks, 12);
    assert_eq!(env.counts.by_status.get("completed"), Some(&1));
    assert_eq!(env.counts.by_status.get("delayed"), Some(&1));
    assert_eq!(env.counts.by_status.get("not_started"), Some(&10));
    let cats =
        track::category_rollup(&snap, Some(d("2014-06-01")), LagThresholds::default()).unwrap();
    let total: u32 = cats.iter().map(|c| c.counts.tasks).sum();
    assert_eq!(total, snap.count(NodeKind::Task).unwrap() as u32);
    let views = track::task_views(
        &snap,
        &TaskFilter {
            lead: Some("省环保厅".into()),
            ..TaskFilter::default()
        },
        None,
        LagThresholds::default(),
    )
    .unwrap();
    assert_eq!(views.len(), 12);
}

#[test]
fn a_changeset_applies_once_and_converges_two_devices() {
    let phone = shanxi();
    let office = shanxi();
    track::record(
        &phone,
        status(
            "shanxi-2013/matter/7",
            TaskStatus::InProgress,
            30.0,
            "2014-03-01",
        ),
    )
    .unwrap();
    track::record(
        &office,
        status(
            "shanxi-2013/matter/8",
            TaskStatus::InProgress,
            60.0,
            "2014-03-02",
        ),
    )
    .unwrap();
    let from_phone = track::export_changeset(&phone.read().unwrap(), 0, 100).unwrap();
    let from_office = track::export_changeset(&office.read().unwrap(), 0, 100).unwrap();
    let json = from_phone.to_json().unwrap();
    let parsed = track::Changeset::from_json(&json).unwrap();
    assert_eq!(parsed, from_phone);
    let r = track::apply_changeset(&office, &parsed).unwrap();
    assert_eq!((r.applied, r.duplicates), (1, 0));
    let again = track::apply_changeset(&office, &parsed).unwrap();
    assert_eq!((again.applied, again.duplicates), (0, 1));
    track::apply_changeset(&phone, &from_office).unwrap();
    for s in [&phone, &office] {
        let snap = s.read().unwrap();
        assert_eq!(
            snap.task_state("shanxi-2013/matter/7")
                .unwrap()
                .unwrap()
                .progress,
            30.0
        );
        assert_eq!(
            snap.task_state("shanxi-2013/matter/8")
                .unwrap()
                .unwrap()
                .progress,
            60.0
        );
    }
    // Exporting after the cursor gives only what is new.
    let cursor = from_phone.through;
    let nothing = track::export_changeset(
        &phone.read().unwrap(),
        track::export_changeset(&phone.read().unwrap(), 0, 100)
            .unwrap()
            .through,
        100,
    )
    .unwrap();
    assert!(nothing.events.is_empty());
    assert!(cursor > 0);
}

#[test]
fn concurrent_updates_resolve_the_same_way_everywhere_and_are_reported() {
    let a = shanxi();
    let b = shanxi();
    let key = "shanxi-2013/reform/5";
    track::record(&a, status(key, TaskStatus::InProgress, 20.0, "2014-03-01")).unwrap();
    track::record(&b, status(key, TaskStatus::InProgress, 45.0, "2014-03-05")).unwrap();
    let ca = track::export_changeset(&a.read().unwrap(), 0, 100).unwrap();
    let cb = track::export_changeset(&b.read().unwrap(), 0, 100).unwrap();
    let ra = track::apply_changeset(&a, &cb).unwrap();
    let rb = track::apply_changeset(&b, &ca).unwrap();
    assert_eq!(ra.conflicts.len(), 1);
    assert_eq!(rb.conflicts.len(), 1);
    assert_eq!(
        ra.conflicts[0].kept, rb.conflicts[0].kept,
        "the same winner on both devices"
    );
    for s in [&a, &b] {
        let st = s.read().unwrap().task_state(key).unwrap().unwrap();
        assert_eq!(st.progress, 45.0, "the later effective date wins");
    }
}

#[test]
fn a_changeset_naming_an_unknown_node_is_refused_whole() {
    let a = shanxi();
    let b = Store::in_memory().unwrap();
    track::record(
        &a,
        status(
            "shanxi-2013/reform/5",
            TaskStatus::InProgress,
            20.0,
            "2014-03-01",
        ),
    )
    .unwrap();
    let c = track::export_changeset(&a.read().unwrap(), 0, 100).unwrap();
    let err = track::apply_changeset(&b, &c).unwrap_err();
    assert!(matches!(err, Error::KeyNotFound { .. }), "{err:?}");
    assert_eq!(b.read().unwrap().event_count().unwrap(), 0);
}

#[test]
fn stores_with_tracking_data_verify_clean() {
    let store = shanxi();
    register(&store, "shanxi-2013/project/x", 2014);
    track::record(
        &store,
        stage("shanxi-2013/project/x", ProjectStage::Signed, "2014-05-01"),
    )
    .unwrap();
    track::record(
        &store,
        EventInput::selection("area/大同市", "shanxi-2013/city-option/1", 2014, "x"),
    )
    .unwrap();
    observe(&store, "indicator/城镇化率", 2013, 52.6, Unit::Percent);
    assert!(
        store.verify().unwrap().is_empty(),
        "{:?}",
        store.verify().unwrap()
    );
    assert!(
        track::verify_state(&store.read().unwrap())
            .unwrap()
            .is_empty()
    );
}

#[test]
fn verify_state_notices_a_materialised_state_that_disagrees_with_the_history() {
    let store = shanxi();
    track::record(
        &store,
        status(
            "shanxi-2013/reform/2",
            TaskStatus::InProgress,
            20.0,
            "2014-03-01",
        ),
    )
    .unwrap();
    let mut undo = EventInput::selection("area/太原市", "shanxi-2013/city-option/1", 2014, "x");
    if let Change::Selection { selected, .. } = &mut undo.change {
        *selected = false;
    }
    track::record(&store, undo).unwrap();
    assert!(
        track::verify_state(&store.read().unwrap())
            .unwrap()
            .is_empty()
    );
    // A selection edge written behind tracking's back, against the history.
    store
        .write(|tx| {
            let city = tx.id_of("area/太原市")?.unwrap();
            let option = tx.id_of("shanxi-2013/city-option/1")?.unwrap();
            tx.add_edge(Edge::new(city, EdgeKind::Selected { year: 2014 }, option))?;
            Ok::<_, Error>(())
        })
        .unwrap();
    let problems = track::verify_state(&store.read().unwrap()).unwrap();
    assert_eq!(problems.len(), 1, "{problems:?}");
    assert_eq!(problems[0].table, "adj_out");
}

mod access {
    use super::*;

    fn as_org(task: &str, org: &str) -> EventInput {
        EventInput::task_status(task, TaskStatus::InProgress, Some(10.0), "赵六").organization(org)
    }

    #[test]
    fn without_the_policy_anyone_may_record() {
        let store = shanxi();
        assert!(!store.access_enforced().unwrap());
        track::record(&store, as_org("shanxi-2013/reform/10", "org/省财政厅")).unwrap();
    }

    #[test]
    fn with_the_policy_an_organisation_records_only_what_it_leads_and_refusals_are_audited() {
        let store = shanxi();
        track::set_access_enforced(&store, true).unwrap();
        // 省环保厅 leads reform 10.
        track::record(&store, as_org("shanxi-2013/reform/10", "org/省环保厅")).unwrap();
        // 省财政厅 does not.
        let err =
            track::record(&store, as_org("shanxi-2013/reform/11", "org/省财政厅")).unwrap_err();
        assert!(matches!(err, Error::AccessDenied { .. }), "{err:?}");
        assert!(err.to_string().contains("grant"), "{err}");
        // No organisation at all is refused too.
        let anonymous =
            EventInput::task_status("shanxi-2013/reform/10", TaskStatus::Completed, None, "赵六");
        assert!(matches!(
            track::record(&store, anonymous),
            Err(Error::AccessDenied { .. })
        ));
        let snap = store.read().unwrap();
        assert!(
            snap.task_state("shanxi-2013/reform/11").unwrap().is_none(),
            "nothing changed"
        );
        let history = track::history(&snap, "shanxi-2013/reform/11").unwrap();
        assert_eq!(history.len(), 1);
        assert!(
            matches!(&history[0].change, Change::AccessRefused { attempted, .. } if attempted == "task_status")
        );
        assert_eq!(
            history[0].actor.organization.as_deref(),
            Some("org/省财政厅")
        );
        assert!(track::verify_state(&snap).unwrap().is_empty());
        assert!(store.verify().unwrap().is_empty());
    }

    #[test]
    fn grants_widen_what_an_organisation_may_record_and_revoking_narrows_it_again() {
        let store = shanxi();
        track::set_access_enforced(&store, true).unwrap();
        let denied = || track::record(&store, as_org("shanxi-2013/reform/11", "org/省财政厅"));
        assert!(denied().is_err());
        // A grant on the category (生态: reforms 10–19) covers the reforms in it.
        track::grant(&store, "省财政厅", "shanxi-2013/part/2/2").unwrap();
        denied().unwrap();
        assert!(track::record(&store, as_org("shanxi-2013/reform/20", "org/省财政厅")).is_err());
        assert!(track::revoke(&store, "省财政厅", "shanxi-2013/part/2/2").unwrap());
        assert!(denied().is_err());
        // A grant on the plan covers everything in it.
        track::grant(&store, "省财政厅", "shanxi-2013").unwrap();
        track::record(&store, as_org("shanxi-2013/matter/99", "org/省财政厅")).unwrap();
        assert_eq!(
            track::grants(&store.read().unwrap()).unwrap(),
            vec![("org/省财政厅".to_owned(), "shanxi-2013".to_owned())]
        );
    }

    #[test]
    fn observations_need_a_grant_on_the_indicator_or_the_area() {
        let store = shanxi();
        track::set_access_enforced(&store, true).unwrap();
        let obs = || {
            track::record(
                &store,
                EventInput::observation(
                    "indicator/城镇化率",
                    "area/山西省",
                    2013,
                    52.6,
                    Unit::Percent,
                    "统计员",
                )
                .organization("org/省统计局"),
            )
        };
        assert!(matches!(obs(), Err(Error::AccessDenied { .. })));
        track::grant(&store, "省统计局", "indicator/城镇化率").unwrap();
        obs().unwrap();
    }

    #[test]
    fn a_batch_with_one_refused_change_writes_nothing_but_the_refusal() {
        let store = shanxi();
        track::set_access_enforced(&store, true).unwrap();
        let err = track::record_all(
            &store,
            vec![
                as_org("shanxi-2013/reform/10", "org/省环保厅"),
                as_org("shanxi-2013/reform/1", "org/省环保厅"),
            ],
        )
        .unwrap_err();
        assert!(matches!(err, Error::AccessDenied { .. }));
        let snap = store.read().unwrap();
        assert!(snap.task_state("shanxi-2013/reform/10").unwrap().is_none());
        assert_eq!(snap.event_count().unwrap(), 1, "only the refusal");
    }
    #[test]
    fn a_received_change_its_actor_may_not_make_is_not_applied_and_the_refusal_is_logged() {
        // A device without the policy records for 省环保厅 (it leads reform 10) and for
        // 省财政厅 on reform 11, which it does not lead.
        let device = shanxi();
        let allowed =
            track::record(&device, as_org("shanxi-2013/reform/10", "org/省环保厅")).unwrap();
        let forbidden =
            track::record(&device, as_org("shanxi-2013/reform/11", "org/省财政厅")).unwrap();
        let changes = track::export_changeset(&device.read().unwrap(), 0, usize::MAX).unwrap();
        // The office enforces the policy: the same check as `record` applies.
        let office = shanxi();
        track::set_access_enforced(&office, true).unwrap();
        let report = track::apply_changeset(&office, &changes).unwrap();
        assert_eq!(report.applied, 1);
        assert_eq!(report.refused.len(), 1, "{report:?}");
        assert_eq!(report.refused[0].event, forbidden.id);
        let snap = office.read().unwrap();
        assert!(snap.task_state("shanxi-2013/reform/10").unwrap().is_some());
        assert!(snap.task_state("shanxi-2013/reform/11").unwrap().is_none());
        assert!(snap.event(forbidden.id).unwrap().is_none(), "not stored");
        assert!(snap.event(allowed.id).unwrap().is_some());
        let history = track::history(&snap, "shanxi-2013/reform/11").unwrap();
        assert_eq!(history.len(), 1);
        assert!(
            matches!(&history[0].change, Change::AccessRefused { attempted, reason }
                if attempted == "task_status" && reason.contains(&forbidden.id.to_string())),
            "{:?}",
            history[0].change
        );
        assert_eq!(
            history[0].actor.organization.as_deref(),
            Some("org/省财政厅")
        );
        assert!(track::verify_state(&snap).unwrap().is_empty());
        // Applying it again refuses it again and stores nothing more of it.
        let again = track::apply_changeset(&office, &changes).unwrap();
        assert_eq!(
            (again.applied, again.duplicates, again.refused.len()),
            (0, 1, 1)
        );
    }
}

mod as_of {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #![proptest_config(ProptestConfig { cases: 16, ..ProptestConfig::default() })]

        /// Status events recorded in any order, with effective dates in any order: a read
        /// as of any date sees the last event effective by then, as a replay would.
        #[test]
        fn an_as_of_read_equals_a_replay_up_to_the_date(
            updates in prop::collection::vec((0u8..24, 0u8..100), 1..24),
            probes in prop::collection::vec(0u8..30, 1..8),
        ) {
            let store = shanxi();
            let task = "shanxi-2013/reform/3";
            let day = |n: u8| d(&format!("2014-{:02}-{:02}", 1 + n / 2, 1 + (n % 2) * 14));
            for (when, progress) in &updates {
                track::record(
                    &store,
                    EventInput::task_status(task, TaskStatus::InProgress, Some(f64::from(*progress)), "张三")
                        .effective(day(*when)),
                )
                .unwrap();
            }
            let snap = store.read().unwrap();
            prop_assert!(track::verify_state(&snap).unwrap().is_empty());
            for probe in probes {
                let at = day(probe.min(23));
                // The model: the last update effective on or before the date, later
                // recordings winning ties.
                let want = updates
                    .iter()
                    .enumerate()
                    .filter(|(_, (when, _))| day(*when) <= at)
                    .max_by_key(|(seq, (when, _))| (day(*when), *seq))
                    .map_or(0.0, |(_, (_, p))| f64::from(*p));
                let view = track::task_view(&snap, task, Some(at), LagThresholds::default()).unwrap();
                prop_assert_eq!(view.progress, want, "as of {}", at);
            }
        }
    }
}

/// Moves a task's plan deadline with a raw write, replaying through the history engine
/// (as `import::load` does) when `replay` is set.
fn move_plan_deadline(store: &Store, key: &str, to: Date, replay: bool) -> Result<()> {
    store.write(|tx| {
        let node = tx.node_by_key(key)?.unwrap();
        let NodeData::Task(mut task) = node.data else {
            unreachable!("a task")
        };
        task.deadline = Some(to);
        tx.upsert(node.key, task, node.source)?;
        if replay {
            track::replay_moved_deadlines(tx)?;
        }
        Ok(())
    })
}

/// A task's derived state starts from the plan's deadline; when a corrected plan moves that
/// deadline, the state and its timeline follow in the same transaction.
#[test]
fn a_changed_plan_deadline_carries_into_a_tracked_tasks_state() {
    let store = shanxi();
    let key = "shanxi-2013/reform/1";
    track::record(
        &store,
        status(key, TaskStatus::InProgress, 30.0, "2014-03-01"),
    )
    .unwrap();
    let later = d("2016-06-30");
    move_plan_deadline(&store, key, later, true).unwrap();
    let snap = store.read().unwrap();
    assert!(track::verify_state(&snap).unwrap().is_empty());
    assert_eq!(snap.task_state(key).unwrap().unwrap().deadline, Some(later));
    let view =
        track::task_view(&snap, key, Some(d("2014-06-30")), LagThresholds::default()).unwrap();
    assert_eq!(view.deadline, Some(later));
}

/// Derived state belongs to the history engine: a raw write that moves a tracked task's
/// plan deadline without replaying it is refused at commit, and nothing is written.
#[test]
fn a_moved_deadline_of_a_tracked_task_that_is_not_replayed_is_refused_at_commit() {
    let store = shanxi();
    let key = "shanxi-2013/reform/1";
    track::record(
        &store,
        status(key, TaskStatus::InProgress, 30.0, "2014-03-01"),
    )
    .unwrap();
    let before = store.read().unwrap().node_by_key(key).unwrap();
    let err = move_plan_deadline(&store, key, d("2016-06-30"), false).unwrap_err();
    assert!(err.to_string().contains("import::load"), "{err}");
    assert_eq!(store.read().unwrap().node_by_key(key).unwrap(), before);
    // A task without history needs no replay: its deadline simply moves.
    move_plan_deadline(&store, "shanxi-2013/reform/2", d("2016-06-30"), false).unwrap();
}

#[test]
fn an_absolute_target_has_its_value_before_anything_is_observed() {
    // "传统产业新型化率达到75%以上": the target is 75 whatever is observed; the ledger's 目标值
    // column was blank until a reading came in.
    let store = Store::in_memory().unwrap();
    reformgraph::import::bundled::import_shanxi_2013(&store).unwrap();
    let a = track::attainment(
        &store.read().unwrap(),
        "shanxi-2013/target/传统产业新型化率",
        None,
        None,
    )
    .unwrap();
    assert_eq!((a.target_value, a.attained), (Some(75.0), None));
}
