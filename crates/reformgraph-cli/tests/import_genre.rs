//! `reformgraph import` on plans of the genre other than the bundled one (issue 13).
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::path::Path;

mod support;

use support::run;

fn corpus(name: &str) -> String {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../data/corpus")
        .join(name)
        .to_string_lossy()
        .into_owned()
}

#[test]
fn a_city_task_split_imports_its_tasks_and_units() {
    let dir = tempfile::tempdir().unwrap();
    let file = corpus("pingdingshan_2013_11_zhongdian_gongzuo_renwu_fenjie_excerpt.txt");
    let o = run(
        &["--json", "import", &file, "--plan-key", "pds-2013"],
        dir.path(),
    );
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let report: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    // The excerpt has tasks 1.–4. (read from the text), each with 牵头单位 and 责任单位 lines.
    assert_eq!(report["counts"]["task:task"], 4);
    assert_eq!(
        report["tasks_without_units"].as_array().map(Vec::len),
        Some(0)
    );
    let o = run(&["--json", "tasks", "--lead", "市发改委"], dir.path());
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let tasks: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    // 市发改委 leads tasks 2, 3 and 4.
    assert_eq!(tasks.as_array().map(Vec::len), Some(3), "{tasks}");
}

#[test]
fn a_document_without_tasks_is_an_error_and_creates_no_database() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("notice.txt");
    std::fs::write(
        &file,
        "关于做好有关工作的通知\n各单位：\n请认真贯彻执行。\n",
    )
    .unwrap();
    let o = run(&["import", file.to_str().unwrap()], dir.path());
    assert_eq!(o.status.code(), Some(3));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("no task found"), "{err}");
    assert!(
        err.contains("牵头单位"),
        "the message says what was looked for: {err}"
    );
    assert!(!dir.path().join("reformgraph.redb").exists());
    // Nor does an unreadable file create one.
    let o = run(&["import", "no-such-plan.txt"], dir.path());
    assert_eq!(o.status.code(), Some(3));
    assert!(!dir.path().join("reformgraph.redb").exists());
}

#[test]
fn strict_mode_refuses_a_task_without_a_responsible_unit() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("plan.txt");
    std::fs::write(
        &file,
        "一、重点任务\n1.完善预案体系。（市应急局牵头，市财政局配合）\n2.加强演练，2022年底前完成。\n",
    )
    .unwrap();
    let path = file.to_str().unwrap();
    let o = run(&["import", path, "--strict", "--plan-key", "p"], dir.path());
    assert_eq!(o.status.code(), Some(3));
    assert!(String::from_utf8_lossy(&o.stderr).contains("no responsible unit"));
    let o = run(&["--json", "import", path, "--plan-key", "p"], dir.path());
    assert!(o.status.success());
    let report: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(report["tasks_without_units"][0], "p/task/2");
}

#[test]
fn a_reimport_that_drops_a_tracked_task_needs_allow_removals_and_keeps_its_history() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("plan.txt");
    let two = "一、重点任务\n1.完善预案体系。（市应急局牵头）\n2.加强应急演练。（市应急局牵头）\n";
    std::fs::write(&file, two).unwrap();
    let path = file.to_str().unwrap();
    assert!(
        run(&["import", path, "--plan-key", "p"], dir.path())
            .status
            .success()
    );
    let o = run(
        &[
            "record",
            "status",
            "p/task/2",
            "--status",
            "in_progress",
            "--progress",
            "40",
            "--actor",
            "张三",
        ],
        dir.path(),
    );
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    std::fs::write(&file, "一、重点任务\n1.完善预案体系。（市应急局牵头）\n").unwrap();
    let o = run(&["import", path, "--plan-key", "p"], dir.path());
    assert_eq!(o.status.code(), Some(3));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains("p/task/2") && err.contains("--allow-removals"),
        "{err}"
    );
    let o = run(
        &["import", path, "--plan-key", "p", "--allow-removals"],
        dir.path(),
    );
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let o = run(&["--json", "history", "p/task/2"], dir.path());
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let events: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(events.as_array().map(Vec::len), Some(1));
    assert!(run(&["verify"], dir.path()).status.success());
}
