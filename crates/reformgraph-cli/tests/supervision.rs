//! 督办 at the terminal: `report overdue` lists what is past its deadline, by the
//! organisation to chase, and names the organisation it was asked about by any name.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod support;

use support::{run, stderr, stdout};

#[test]
fn report_overdue_lists_the_late_tasks_of_an_organisation_with_days_late() {
    let dir = tempfile::tempdir().unwrap();
    assert!(run(&["demo"], dir.path()).status.success());
    let done = run(
        &[
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
            "2015-11-30",
        ],
        dir.path(),
    );
    assert!(done.status.success(), "{}", stderr(&done));
    let o = run(
        &[
            "report",
            "overdue",
            "--lead",
            "省环保厅",
            "--as-of",
            "2016-01-10",
            "--json",
        ],
        dir.path(),
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let rows: Vec<serde_json::Value> = serde_json::from_str(&stdout(&o)).unwrap();
    // 省环保厅 leads 12 tasks of the plan; reform 10 was completed in time. Reform 14 is
    // due in 2014 ("2014年在全省范围内实施"): 2014-12-31, 375 days before 2016-01-10, the
    // longest late, first. The others fall due at the plan's end (2013—2015年:
    // 2015-12-31), ten days before.
    assert_eq!(rows.len(), 11, "{rows:?}");
    assert!(rows.iter().all(|r| r["task"] != "shanxi-2013/reform/10"));
    assert_eq!(rows[0]["task"], "shanxi-2013/reform/14");
    assert_eq!(
        (&rows[0]["deadline"], &rows[0]["days_late"]),
        (&"2014-12-31".into(), &375.into())
    );
    assert!(
        rows[1..]
            .iter()
            .all(|r| r["deadline"] == "2015-12-31" && r["days_late"] == 10)
    );
    assert!(rows.iter().all(|r| r["organization_name"] == "省环保厅"));
    let text = run(
        &[
            "report",
            "overdue",
            "--lead",
            "省环保厅",
            "--as-of",
            "2016-01-10",
        ],
        dir.path(),
    );
    let out = stdout(&text);
    assert!(out.contains("督办") && out.contains("2016-01-10"), "{out}");
    assert!(out.contains("11 overdue task(s)"), "{out}");
    // On its deadline reform 14 is not late yet.
    let early = run(
        &[
            "report",
            "overdue",
            "--lead",
            "省环保厅",
            "--as-of",
            "2014-12-31",
        ],
        dir.path(),
    );
    assert!(
        stdout(&early).contains("no overdue task"),
        "{}",
        stdout(&early)
    );
    // A name close to one: exit 3 with the suggestion.
    let unknown = run(&["report", "overdue", "--lead", "环保厅"], dir.path());
    assert_eq!(unknown.status.code(), Some(3));
    assert!(
        stderr(&unknown).contains("省环保厅"),
        "{}",
        stderr(&unknown)
    );
}

/// A returned ledger at the terminal: `import-ledger` shows what it changes and records
/// nothing; with `--apply` it records the changed rows, and the same file again records
/// nothing.
#[test]
fn import_ledger_shows_a_dry_run_then_applies_the_changed_rows_once() {
    let dir = tempfile::tempdir().unwrap();
    assert!(run(&["demo"], dir.path()).status.success());
    // An office's own sheet: a title row, the 截至 line, keys in the 任务键 column.
    std::fs::write(
        dir.path().join("省环保厅.csv"),
        "省环保厅改革任务台账\n截至2014年9月1日\n序号,任务键,状态,进度(%),进展情况\n\
         1,shanxi-2013/reform/10,推进中,40,资金未到位\n\
         2,shanxi-2013/reform/11,未启动,0,\n\
         3,shanxi-2013/no-such-task,推进中,10,\n",
    )
    .unwrap();
    let dry = run(&["import-ledger", "省环保厅.csv", "--json"], dir.path());
    assert!(dry.status.success(), "{}", stderr(&dry));
    let v: serde_json::Value = serde_json::from_str(&stdout(&dry)).unwrap();
    assert_eq!(v["applied"], false);
    assert_eq!(v["diff"]["as_of"], "2014-09-01");
    assert_eq!(v["diff"]["changes"].as_array().unwrap().len(), 1);
    assert_eq!(v["diff"]["changes"][0]["task"], "shanxi-2013/reform/10");
    assert_eq!(v["diff"]["unchanged"], 1);
    assert_eq!(v["diff"]["problems"][0]["kind"], "no_match");
    assert_eq!(v["diff"]["problems"][0]["row"], 6);
    let history = run(&["history", "shanxi-2013/reform/10", "--json"], dir.path());
    assert_eq!(stdout(&history).trim(), "[]", "a dry run records nothing");

    let no_actor = run(&["import-ledger", "省环保厅.csv", "--apply"], dir.path());
    assert_eq!(no_actor.status.code(), Some(2));
    let apply = [
        "import-ledger",
        "省环保厅.csv",
        "--apply",
        "--actor",
        "王科长",
        "--org",
        "省环保厅",
        "--effective",
        "2014-09-30",
    ];
    let applied = run(&apply, dir.path());
    assert!(applied.status.success(), "{}", stderr(&applied));
    assert!(stdout(&applied).contains("recorded 1 event(s), effective 2014-09-30"));
    let history = run(&["history", "shanxi-2013/reform/10", "--json"], dir.path());
    let events: Vec<serde_json::Value> = serde_json::from_str(&stdout(&history)).unwrap();
    assert_eq!(events.len(), 1);
    assert_eq!(events[0]["evidence"]["link"], "省环保厅.csv");
    assert_eq!(events[0]["change"]["task_status"]["note"], "资金未到位");

    let again = run(&apply, dir.path());
    assert!(again.status.success());
    assert!(
        stdout(&again).contains("nothing to record"),
        "{}",
        stdout(&again)
    );
}

/// 考核 at the terminal: the table by group, JSON with the same numbers, the workbook and
/// the CSV an office files; weights from the command line, checked by the core.
#[test]
fn report_assessment_ranks_each_group_and_writes_the_table() {
    let dir = tempfile::tempdir().unwrap();
    assert!(run(&["demo"], dir.path()).status.success());
    let picked = run(
        &[
            "record",
            "selection",
            "孝义市",
            "shanxi-2013/county-area/1",
            "--year",
            "2014",
            "--actor",
            "孝义市改革办",
            "--effective",
            "2014-03-01",
        ],
        dir.path(),
    );
    assert!(picked.status.success(), "{}", stderr(&picked));
    let o = run(
        &["report", "assessment", "--year", "2014", "--json"],
        dir.path(),
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let a: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(a["year"], 2014);
    let units = a["units"].as_array().unwrap();
    let xiaoyi = units.iter().find(|u| u["key"] == "area/孝义市").unwrap();
    // One of the two selections the rule asks of a pilot county (每年选择两项): half.
    assert_eq!(
        (&xiaoyi["selections_made"], &xiaoyi["selections_required"]),
        (&1.into(), &2.into())
    );
    assert_eq!(
        (&xiaoyi["score"], &xiaoyi["rank"]),
        (&50.0.into(), &1.into())
    );

    let text = run(&["report", "assessment", "--year", "2014"], dir.path());
    assert!(stdout(&text).contains("试点县 (11)"), "{}", stdout(&text));
    for file in ["考核.xlsx", "考核.csv"] {
        let w = run(
            &["report", "assessment", "--year", "2014", "--out", file],
            dir.path(),
        );
        assert!(w.status.success(), "{}", stderr(&w));
        assert!(dir.path().join(file).metadata().unwrap().len() > 0);
    }
    let csv = std::fs::read_to_string(dir.path().join("考核.csv")).unwrap();
    assert!(
        csv.trim_start_matches('\u{feff}')
            .starts_with("组别,排名,单位,得分")
    );
    assert!(csv.contains("试点县,1,孝义市,50"), "{csv}");
    let bad = run(&["report", "assessment", "--weights=0,0,0,0"], dir.path());
    assert_ne!(bad.status.code(), Some(0));
    assert!(stderr(&bad).contains("weights"), "{}", stderr(&bad));
}

/// `report departments --svg` draws status by department (stacked 红黄绿 with a legend),
/// not the workload chart again.
#[test]
fn the_departments_chart_is_status_by_department_not_the_workload() {
    let dir = tempfile::tempdir().unwrap();
    assert!(run(&["demo"], dir.path()).status.success());
    for (report, file) in [("workload", "w.svg"), ("departments", "d.svg")] {
        let o = run(&["report", report, "--svg", file], dir.path());
        assert!(o.status.success(), "{}", stderr(&o));
    }
    let w = std::fs::read_to_string(dir.path().join("w.svg")).unwrap();
    let d = std::fs::read_to_string(dir.path().join("d.svg")).unwrap();
    assert_ne!(w, d);
    assert!(d.contains("by status") && d.contains("红 far behind or overdue"));
    // 省发展改革委 leads 28 tasks, none started: 28 red.
    assert!(d.contains("28 · 红28 黄0 绿0"), "{d}");
}

/// The workload table fits a terminal: one line per organisation with its categories after
/// its total, not a column per category (the seed has 20) with clipped headers.
#[test]
fn the_workload_table_has_three_columns_not_one_per_category() {
    let dir = tempfile::tempdir().unwrap();
    assert!(run(&["demo"], dir.path()).status.success());
    let o = run(&["report", "workload"], dir.path());
    let text = stdout(&o);
    let header = text.lines().next().unwrap();
    assert_eq!(header.split_whitespace().count(), 6, "{header}");
    // 省环保厅 leads 7 tasks of 完善资源、能源节约和环境保护体制机制 and 4 of 生态修复.
    let env = text.lines().find(|l| l.starts_with("省环保厅")).unwrap();
    assert!(env.contains(" 12 ") && env.contains("生态修复 4"), "{env}");
}
