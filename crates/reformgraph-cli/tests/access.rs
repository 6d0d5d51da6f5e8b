//! `reformgraph access`: the policy and its grants from the terminal, and the refusal's hint
//! naming a command that exists and works (issue 15).
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod support;

use support::{run, stderr, stdout};

/// Runs `args` in `dir`, asserts success and returns stdout.
fn ok(dir: &std::path::Path, args: &[&str]) -> String {
    let o = run(args, dir);
    assert!(o.status.success(), "{args:?}: {}", stderr(&o));
    stdout(&o)
}

#[test]
fn the_refusal_hint_names_the_grant_command_and_running_it_lets_the_write_through() {
    let dir = tempfile::tempdir().unwrap();
    assert!(run(&["demo"], dir.path()).status.success());
    let ok = |args: &[&str]| ok(dir.path(), args);
    assert!(ok(&["access", "show"]).contains("off"));
    ok(&["access", "on"]);
    // 省财政厅 does not lead reform 11.
    let record = [
        "record",
        "status",
        "shanxi-2013/reform/11",
        "--status",
        "in_progress",
        "--progress",
        "10",
        "--actor",
        "赵六",
        "--org",
        "省财政厅",
        "--effective",
        "2014-05-01",
    ];
    let refused = run(&record, dir.path());
    assert_eq!(refused.status.code(), Some(3), "{}", stderr(&refused));
    let hint = stderr(&refused);
    assert!(
        hint.contains("reformgraph access grant org/省财政厅"),
        "{hint}"
    );
    // The hint's command, with the task's category as the scope.
    ok(&["access", "grant", "省财政厅", "shanxi-2013/part/2/2"]);
    let v: serde_json::Value = serde_json::from_str(&ok(&["access", "show", "--json"])).unwrap();
    assert_eq!(v["enforced"], true);
    assert_eq!(v["grants"][0]["organization"], "org/省财政厅");
    assert_eq!(v["grants"][0]["scope"], "shanxi-2013/part/2/2");
    ok(&record);
    ok(&["access", "revoke", "省财政厅", "shanxi-2013/part/2/2"]);
    assert_eq!(run(&record, dir.path()).status.code(), Some(3));
    let again = run(
        &["access", "revoke", "省财政厅", "shanxi-2013/part/2/2"],
        dir.path(),
    );
    assert_eq!(again.status.code(), Some(3), "no such grant any more");
    ok(&["access", "off"]);
    ok(&record);
}

#[test]
fn export_json_and_import_json_keep_the_policy_and_its_grants() {
    let dir = tempfile::tempdir().unwrap();
    assert!(run(&["demo"], dir.path()).status.success());
    let ok = |args: &[&str]| ok(dir.path(), args);
    ok(&["access", "on"]);
    ok(&["access", "grant", "省财政厅", "shanxi-2013/part/2/2"]);
    ok(&["export", "json", "--out", "dump.json"]);
    let loaded: serde_json::Value = serde_json::from_str(&ok(&[
        "import-json",
        "dump.json",
        "--db",
        "copy.redb",
        "--json",
    ]))
    .unwrap();
    assert_eq!(loaded["access_enforced"], true);
    let v: serde_json::Value =
        serde_json::from_str(&ok(&["access", "show", "--db", "copy.redb", "--json"])).unwrap();
    assert_eq!(
        v["enforced"], true,
        "the copy does not switch the policy off"
    );
    assert_eq!(v["grants"][0]["organization"], "org/省财政厅");
    assert_eq!(v["grants"][0]["scope"], "shanxi-2013/part/2/2");
}
