//! The `reformgraph` binary, run as a user would.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::path::Path;
use std::process::{Command, Output};

fn run(args: &[&str], cwd: &Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_reformgraph"))
        .args(args)
        .current_dir(cwd)
        .output()
        .expect("spawn reformgraph")
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn empty_store(dir: &Path) -> std::path::PathBuf {
    let path = dir.join("g.redb");
    drop(reformgraph::Store::create(&path).unwrap());
    path
}

#[test]
fn info_prints_counts_as_json() {
    let dir = tempfile::tempdir().unwrap();
    let db = empty_store(dir.path());
    let o = run(
        &["info", "--db", db.to_str().unwrap(), "--json"],
        dir.path(),
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(v["schema_version"], 1);
    assert_eq!(v["nodes"]["task"], 0);
    assert_eq!(v["read_only"], true);
}

#[test]
fn verify_exits_zero_on_a_healthy_store() {
    let dir = tempfile::tempdir().unwrap();
    let db = empty_store(dir.path());
    let o = run(&["verify", "--db", db.to_str().unwrap()], dir.path());
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(stdout(&o).contains("ok"));
    let o = run(
        &["verify", "--db", db.to_str().unwrap(), "--json"],
        dir.path(),
    );
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(v["ok"], true);
}

#[test]
fn a_missing_database_is_exit_3_with_a_hint() {
    let dir = tempfile::tempdir().unwrap();
    let o = run(&["info", "--db", "nope.redb"], dir.path());
    assert_eq!(o.status.code(), Some(3));
    let err = stderr(&o);
    assert!(err.contains("nope.redb"), "{err}");
    assert!(err.contains("hint:"), "{err}");
}

#[test]
fn a_file_held_by_a_writer_in_another_process_is_refused_naming_the_file() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("held.redb");
    let _writer = reformgraph::Store::create(&path).unwrap();
    let o = run(&["info", "--db", path.to_str().unwrap()], dir.path());
    assert_eq!(o.status.code(), Some(3));
    let err = stderr(&o);
    assert!(
        err.contains("held.redb") && err.contains("already open"),
        "{err}"
    );
}

#[test]
fn bad_usage_is_exit_2() {
    let dir = tempfile::tempdir().unwrap();
    let o = run(&["no-such-command"], dir.path());
    assert_eq!(o.status.code(), Some(2));
}
