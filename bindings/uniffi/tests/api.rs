//! The binding API from Rust: the same calls the Kotlin and Swift code make, checked against
//! the core's known answers on the bundled plan. (`test.sh` runs the Kotlin side.)
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use reformgraph_ffi::{
    Day, EventChange, Evidence, ProjectStage, Provenance, ReformGraph, ReformGraphError,
    SearchRequest, TaskFilter, TaskStatus, format_day, parse_day,
};

fn shanxi() -> std::sync::Arc<ReformGraph> {
    let db = ReformGraph::in_memory().unwrap();
    db.import_bundled_plan().unwrap();
    db
}

fn err<T>(r: Result<T, ReformGraphError>) -> ReformGraphError {
    r.map(|_| ()).unwrap_err()
}

fn by(person: &str) -> Provenance {
    Provenance {
        person: person.into(),
        organization: None,
        effective: None,
        evidence: None,
        allow_unusual_date: false,
        signer: None,
    }
}

#[test]
fn days_convert_both_ways_and_reject_impossible_dates() {
    let d = parse_day("2014-06-30".into()).unwrap();
    assert_eq!(
        d,
        Day {
            year: 2014,
            month: 6,
            day: 30
        }
    );
    assert_eq!(format_day(d).unwrap(), "2014-06-30");
    assert!(matches!(
        parse_day("2015-02-29".into()),
        Err(ReformGraphError::InvalidDate { .. })
    ));
    assert!(matches!(
        format_day(Day {
            year: 2015,
            month: 0,
            day: 1
        }),
        Err(ReformGraphError::InvalidDate { .. })
    ));
}

#[test]
fn my_tasks_page_through_the_core_answer() {
    let db = shanxi();
    let mine = TaskFilter {
        lead: Some("省环保厅".into()),
        ..TaskFilter::default()
    };
    let all = db.tasks(mine.clone(), None, None, 0, 100).unwrap();
    assert_eq!(all.total, 12);
    assert!(all.items.iter().any(|t| t.key == "shanxi-2013/reform/10"));
    let tail = db.tasks(mine, None, None, 10, 10).unwrap();
    assert_eq!(
        tail.items.iter().map(|t| &t.key).collect::<Vec<_>>(),
        all.items[10..].iter().map(|t| &t.key).collect::<Vec<_>>()
    );
}

#[test]
fn search_status_history_and_sync_round_trip() {
    let db = shanxi();
    let hits = db
        .search(
            SearchRequest {
                text: "煤层气".into(),
                ..SearchRequest::default()
            },
            0,
            5,
        )
        .unwrap();
    assert_eq!(hits.hits[0].key, "shanxi-2013/reform/5");

    let who = Provenance {
        person: "张三".into(),
        organization: Some("org/省环保厅".into()),
        effective: Some(parse_day("2014-06-30".into()).unwrap()),
        evidence: Some(Evidence {
            document_number: Some("晋政办发〔2014〕12号".into()),
            ..Evidence::default()
        }),
        allow_unusual_date: false,
        signer: None,
    };
    let event = db
        .record_task_status(
            "shanxi-2013/reform/10".into(),
            TaskStatus::InProgress,
            who,
            Some(40.0),
            None,
        )
        .unwrap();
    assert!(matches!(
        event.change,
        EventChange::StatusChanged {
            status: TaskStatus::InProgress,
            progress: Some(p),
            ..
        } if p == 40.0
    ));
    let detail = db.task("shanxi-2013/reform/10".into(), None, 10).unwrap();
    assert_eq!(detail.task.progress, 40.0);
    assert_eq!(detail.history.total, 1);
    let before = db
        .task(
            "shanxi-2013/reform/10".into(),
            Some(parse_day("2014-01-01".into()).unwrap()),
            10,
        )
        .unwrap();
    assert_eq!(before.task.status, TaskStatus::NotStarted);

    let office = shanxi();
    let export = db.export_changeset(0, 100).unwrap();
    assert_eq!(export.event_count, 1);
    assert_eq!(
        office
            .apply_changeset(export.json.clone(), None)
            .unwrap()
            .applied,
        1
    );
    assert_eq!(
        office
            .apply_changeset(export.json, None)
            .unwrap()
            .duplicates,
        1
    );
    let again = db.export_changeset(export.next_cursor, 100).unwrap();
    assert_eq!(again.event_count, 0);
}

#[test]
fn core_errors_keep_their_kind() {
    let db = shanxi();
    assert!(matches!(
        err(db.task("shanxi-2013/reform/9999".into(), None, 1)),
        ReformGraphError::KeyNotFound { .. }
    ));
    assert!(matches!(
        err(db.task("org/省环保厅".into(), None, 1)),
        ReformGraphError::WrongKind { .. }
    ));
    let register = |key: &str| {
        db.register_project(
            key.into(),
            "项目".into(),
            "shanxi-2013/portfolio".into(),
            2014,
            by("李四"),
            None,
            None,
            None,
            None,
        )
    };
    assert!(matches!(
        err(register("a//b")),
        ReformGraphError::InvalidKey { .. }
    ));
    register("shanxi-2013/project/p").unwrap();
    assert!(matches!(
        err(register("shanxi-2013/project/p")),
        ReformGraphError::DuplicateKey { .. }
    ));
    db.record_project_stage(
        "shanxi-2013/project/p".into(),
        ProjectStage::InOperation,
        by("李四"),
    )
    .unwrap();
    assert!(matches!(
        err(db.record_project_stage(
            "shanxi-2013/project/p".into(),
            ProjectStage::Reserve,
            by("李四")
        )),
        ReformGraphError::InvalidTransition { .. }
    ));
    assert!(matches!(
        err(db.record_observation(
            "indicator/城镇化率".into(),
            "area/山西省".into(),
            2013,
            f64::NAN,
            by("统计局"),
            Some("%".into()),
            None,
            false,
        )),
        ReformGraphError::Invalid { .. }
    ));
    assert!(matches!(
        err(db.apply_changeset("not json".into(), None)),
        ReformGraphError::Invalid { .. }
    ));

    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("plan.redb").to_string_lossy().into_owned();
    let writer = ReformGraph::open(path.clone()).unwrap();
    assert!(matches!(
        err(ReformGraph::open(path.clone())),
        ReformGraphError::AlreadyOpen { .. }
    ));
    drop(writer);
    let ro = ReformGraph::open_read_only(path).unwrap();
    assert!(matches!(
        err(ro.import_bundled_plan()),
        ReformGraphError::ReadOnly { .. }
    ));
    assert!(matches!(
        err(ReformGraph::open_existing(
            dir.path()
                .join("missing.redb")
                .to_string_lossy()
                .into_owned()
        )),
        ReformGraphError::Io { .. }
    ));
}

#[test]
fn a_read_only_handle_follows_the_writer_of_the_same_file() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("plan.redb").to_string_lossy().into_owned();
    let writer = ReformGraph::open(path.clone()).unwrap();
    writer.import_bundled_plan().unwrap();
    let reader = ReformGraph::open_read_only(path).unwrap();
    let mine = TaskFilter {
        lead: Some("省环保厅".into()),
        ..TaskFilter::default()
    };
    assert_eq!(reader.tasks(mine, None, None, 0, 1).unwrap().total, 12);
    writer
        .record_task_status(
            "shanxi-2013/reform/10".into(),
            TaskStatus::Completed,
            by("张三"),
            Some(100.0),
            None,
        )
        .unwrap();
    let seen = reader
        .task("shanxi-2013/reform/10".into(), None, 5)
        .unwrap();
    assert_eq!(seen.task.status, TaskStatus::Completed);
    assert!(matches!(
        err(reader.import_bundled_plan()),
        ReformGraphError::ReadOnly { .. }
    ));
}
