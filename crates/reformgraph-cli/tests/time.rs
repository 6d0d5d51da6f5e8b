//! "Now" at the terminal: a change dated ahead needs `--allow-unusual-date`, shows as
//! pending, and `report tasks` without a date answers as `--as-of <today>` does.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod support;

use support::{run, stderr, stdout};

#[test]
fn a_change_dated_ahead_needs_the_flag_is_pending_and_reports_agree_with_today() {
    let dir = tempfile::tempdir().unwrap();
    assert!(run(&["demo"], dir.path()).status.success());
    let today = reformgraph::track::today();
    let ahead = reformgraph::Date::new(today.year() + 1, 1, 15)
        .unwrap()
        .to_string();
    let record = |extra: &[&str]| {
        let mut args = vec![
            "record",
            "status",
            "shanxi-2013/reform/10",
            "--status",
            "completed",
            "--progress",
            "100",
            "--actor",
            "张三",
            "--effective",
            &ahead,
        ];
        args.extend_from_slice(extra);
        run(&args, dir.path())
    };
    let refused = record(&[]);
    assert!(!refused.status.success());
    assert!(
        stderr(&refused).contains("--allow-unusual-date"),
        "the error says what to do: {}",
        stderr(&refused)
    );
    let o = record(&["--allow-unusual-date"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let report = |extra: &[&str]| {
        let mut args = vec!["report", "tasks", "--json"];
        args.extend_from_slice(extra);
        let o = run(&args, dir.path());
        assert!(o.status.success(), "{}", stderr(&o));
        let v: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
        v
    };
    let now = report(&[]);
    let today_s = today.to_string();
    assert_eq!(now, report(&["--as-of", &today_s]));
    let row = now
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["key"] == "shanxi-2013/reform/10")
        .unwrap()
        .clone();
    assert_ne!(row["status"], "completed", "{row}");
    assert_eq!(row["pending"], ahead.as_str(), "{row}");
}

#[test]
fn a_report_without_dates_refuses_as_of_instead_of_ignoring_it() {
    let dir = tempfile::tempdir().unwrap();
    assert!(run(&["demo"], dir.path()).status.success());
    for report in ["workload", "co-leads", "targets"] {
        let o = run(&["report", report, "--as-of", "2014-06-30"], dir.path());
        assert_eq!(o.status.code(), Some(2), "{report}: {}", stdout(&o));
        assert!(stderr(&o).contains("--as-of"), "{}", stderr(&o));
    }
    let o = run(
        &["report", "departments", "--as-of", "2014-06-30"],
        dir.path(),
    );
    assert!(o.status.success());
}

#[test]
fn history_takes_the_names_record_and_show_take() {
    let dir = tempfile::tempdir().unwrap();
    assert!(run(&["demo"], dir.path()).status.success());
    let rec = run(
        &[
            "record",
            "observation",
            "城镇化率",
            "--area",
            "山西省",
            "--year",
            "2013",
            "--value",
            "52.56",
            "--actor",
            "省统计局",
        ],
        dir.path(),
    );
    assert!(rec.status.success(), "{}", stderr(&rec));
    let o = run(&["history", "城镇化率", "--json"], dir.path());
    assert!(o.status.success(), "{}", stderr(&o));
    let events: Vec<serde_json::Value> = serde_json::from_str(&stdout(&o)).unwrap();
    // The demo's published 2015 figure, and the 2013 one recorded here.
    assert_eq!(events.len(), 2);
    assert!(events.iter().all(|e| e["subject"] == "indicator/城镇化率"));
    assert!(
        events.iter().any(|e| e["actor"]["person"] == "省统计局"),
        "{events:?}"
    );
    let city = run(&["history", "大同市", "--json"], dir.path());
    assert!(city.status.success(), "{}", stderr(&city));
    let unknown = run(&["history", "环保厅"], dir.path());
    assert_eq!(unknown.status.code(), Some(3));
    assert!(
        stderr(&unknown).contains("省环保厅"),
        "{}",
        stderr(&unknown)
    );
}

#[test]
fn a_change_without_effective_says_it_is_dated_today() {
    let dir = tempfile::tempdir().unwrap();
    assert!(run(&["demo"], dir.path()).status.success());
    let o = run(
        &[
            "record",
            "status",
            "shanxi-2013/reform/1",
            "--status",
            "in_progress",
            "--actor",
            "张三",
        ],
        dir.path(),
    );
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(stderr(&o).contains("today, the default"), "{}", stderr(&o));
    let dated = run(
        &[
            "record",
            "status",
            "shanxi-2013/reform/2",
            "--status",
            "in_progress",
            "--actor",
            "张三",
            "--effective",
            "2014-06-30",
        ],
        dir.path(),
    );
    assert!(!stderr(&dated).contains("today, the default"));
}
