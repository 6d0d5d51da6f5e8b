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
