//! `reformgraph key …` and `--key`: signed changes from the terminal (issue 15, item 3).
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod support;

use support::{run, stderr, stdout};

fn ok(dir: &std::path::Path, args: &[&str]) -> String {
    let o = run(args, dir);
    assert!(o.status.success(), "{args:?}: {}", stderr(&o));
    stdout(&o)
}

fn status(key: Option<&str>, org: Option<&str>, progress: &str) -> Vec<String> {
    let mut args: Vec<String> = [
        "record",
        "status",
        "shanxi-2013/reform/10",
        "--status",
        "in_progress",
        "--progress",
        progress,
        "--actor",
        "张三",
        "--effective",
        "2014-05-01",
    ]
    .map(String::from)
    .to_vec();
    if let Some(k) = key {
        args.extend(["--key".into(), k.into()]);
    }
    if let Some(o) = org {
        args.extend(["--org".into(), o.into()]);
    }
    args
}

#[test]
fn with_an_administrator_only_certified_keys_record_and_the_org_is_the_certificates() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    assert!(run(&["demo"], d).status.success());
    let admin_pub = ok(d, &["key", "new", "admin.key"]).trim().to_owned();
    assert!(admin_pub.starts_with("ed25519:"), "{admin_pub}");
    let zhang_pub = ok(d, &["key", "new", "zhang.key"]).trim().to_owned();
    assert_eq!(ok(d, &["key", "show", "zhang.key"]).trim(), zhang_pub);
    // A key file is never overwritten.
    assert!(!run(&["key", "new", "zhang.key"], d).status.success());

    ok(d, &["key", "admin", "admin.key"]);
    ok(d, &["access", "on"]);
    let run_args = |args: Vec<String>| {
        let refs: Vec<&str> = args.iter().map(String::as_str).collect();
        run(&refs, d)
    };
    // Unsigned, or signed by a key nobody certified: refused.
    let unsigned = run_args(status(None, Some("省环保厅"), "10"));
    assert_eq!(unsigned.status.code(), Some(3), "{}", stderr(&unsigned));
    assert!(
        stderr(&unsigned).contains("not signed"),
        "{}",
        stderr(&unsigned)
    );
    let uncertified = run_args(status(Some("zhang.key"), None, "10"));
    assert_eq!(uncertified.status.code(), Some(3));
    assert!(
        stderr(&uncertified).contains("key certify"),
        "{}",
        stderr(&uncertified)
    );

    ok(
        d,
        &[
            "key",
            "certify",
            &zhang_pub,
            "--person",
            "张三",
            "--org",
            "省环保厅",
            "--admin",
            "admin.key",
            "--from",
            "2014-01-01",
        ],
    );
    // Only the administrator certifies.
    let by_zhang = run(
        &[
            "key",
            "certify",
            "admin.key",
            "--person",
            "某人",
            "--org",
            "省财政厅",
            "--admin",
            "zhang.key",
        ],
        d,
    );
    assert_eq!(by_zhang.status.code(), Some(3), "{}", stderr(&by_zhang));

    // Signed by a certified key: recorded for the certificate's organisation.
    let recorded: serde_json::Value = {
        let mut args = status(Some("zhang.key"), None, "20");
        args.push("--json".into());
        let o = run_args(args);
        assert!(o.status.success(), "{}", stderr(&o));
        serde_json::from_str(&stdout(&o)).unwrap()
    };
    assert_eq!(recorded["actor"]["organization"], "org/省环保厅");
    assert!(
        recorded["seal"]["signer"]
            .as_str()
            .unwrap()
            .starts_with("ed25519:")
    );
    // --org is checked against the certificate, not believed.
    let claim = run_args(status(Some("zhang.key"), Some("省财政厅"), "30"));
    assert_eq!(claim.status.code(), Some(3), "{}", stderr(&claim));

    let list: serde_json::Value = serde_json::from_str(&ok(d, &["key", "list", "--json"])).unwrap();
    assert_eq!(list["admin_key"], admin_pub.as_str());
    assert_eq!(list["certificates"][0]["key"], zhang_pub.as_str());
    assert_eq!(list["certificates"][0]["organization"], "org/省环保厅");

    ok(d, &["key", "revoke", &zhang_pub, "--admin", "admin.key"]);
    let revoked = run_args(status(Some("zhang.key"), None, "40"));
    assert_eq!(revoked.status.code(), Some(3), "{}", stderr(&revoked));
    // Grants too are the administrator's.
    let unsigned_grant = run(&["access", "grant", "省环保厅", "shanxi-2013/part/2"], d);
    assert_eq!(
        unsigned_grant.status.code(),
        Some(3),
        "{}",
        stderr(&unsigned_grant)
    );
    ok(
        d,
        &[
            "access",
            "grant",
            "省环保厅",
            "shanxi-2013/part/2",
            "--admin",
            "admin.key",
        ],
    );
    let shown: serde_json::Value =
        serde_json::from_str(&ok(d, &["access", "show", "--json"])).unwrap();
    assert_eq!(shown["grants"][0]["scope"], "shanxi-2013/part/2");
    assert!(ok(d, &["verify"]).contains("every invariant holds"));
}

/// The acceptance of issue 15 through the terminal: a cross-department write arriving in a
/// changeset is refused and the refusal kept, signed by the receiving office; a refusal
/// forged by a key nobody certified is refused too.
#[test]
fn a_changeset_with_another_departments_write_or_a_forged_refusal_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let ok = |args: &[&str]| ok(d, args);
    ok(&["demo"]);
    let pubkey = |file: &str| ok(&["key", "new", file]).trim().to_owned();
    let (admin, zhao, office) = (
        pubkey("admin.key"),
        pubkey("zhao.key"),
        pubkey("office.key"),
    );
    assert!(admin.starts_with("ed25519:"));
    ok(&["key", "admin", "admin.key"]);
    ok(&["access", "on"]);
    ok(&[
        "key",
        "certify",
        &zhao,
        "--person",
        "赵六",
        "--org",
        "省财政厅",
        "--admin",
        "admin.key",
        "--from",
        "2014-01-01",
    ]);
    ok(&[
        "key",
        "certify",
        &office,
        "--person",
        "改革办",
        "--org",
        "省发展改革委",
        "--admin",
        "admin.key",
        "--from",
        "2014-01-01",
    ]);
    // 赵六's laptop: a copy of the office database with the policy switched off locally.
    ok(&["export", "json", "--out", "dump.json"]);
    ok(&["import-json", "dump.json", "--db", "laptop.redb"]);
    ok(&["access", "off", "--db", "laptop.redb"]);
    // 省财政厅 does not lead reform 11 (the plan's 牵头部门 for it are others).
    ok(&[
        "record",
        "status",
        "shanxi-2013/reform/11",
        "--status",
        "in_progress",
        "--progress",
        "10",
        "--actor",
        "赵六",
        "--effective",
        "2014-05-01",
        "--key",
        "zhao.key",
        "--db",
        "laptop.redb",
    ]);
    // Everything after the dump's events: the one change.
    let events_before = serde_json::from_str::<serde_json::Value>(
        &std::fs::read_to_string(d.join("dump.json")).unwrap(),
    )
    .unwrap()["events"]
        .as_array()
        .unwrap()
        .len();
    ok(&[
        "changeset",
        "export",
        "--after",
        &events_before.to_string(),
        "--db",
        "laptop.redb",
        "--out",
        "laptop.json",
    ]);
    let report: serde_json::Value = serde_json::from_str(&ok(&[
        "changeset",
        "apply",
        "laptop.json",
        "--key",
        "office.key",
        "--json",
    ]))
    .unwrap();
    assert_eq!(report["applied"], 0, "{report}");
    assert_eq!(report["refused"].as_array().unwrap().len(), 1, "{report}");
    let history: serde_json::Value =
        serde_json::from_str(&ok(&["history", "shanxi-2013/reform/11", "--json"])).unwrap();
    let refusal = history
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["change"]["access_refused"].is_object())
        .unwrap_or_else(|| panic!("no refusal in {history}"));
    assert_eq!(refusal["seal"]["signer"], office.as_str());
    assert_eq!(refusal["actor"]["organization"], "org/省发展改革委");

    // A stranger's file: its refusal of the stranger's own attempt names 赵六 of 省财政厅.
    ok(&["demo", "--db", "stranger.redb"]);
    ok(&["access", "on", "--db", "stranger.redb"]);
    pubkey("stranger.key");
    let attempt = run(
        &[
            "record",
            "status",
            "shanxi-2013/reform/11",
            "--status",
            "completed",
            "--actor",
            "赵六",
            "--org",
            "省财政厅",
            "--effective",
            "2014-05-01",
            "--key",
            "stranger.key",
            "--db",
            "stranger.redb",
        ],
        d,
    );
    assert_eq!(attempt.status.code(), Some(3), "{}", stderr(&attempt));
    ok(&[
        "changeset",
        "export",
        "--db",
        "stranger.redb",
        "--out",
        "stranger.json",
    ]);
    let report: serde_json::Value = serde_json::from_str(&ok(&[
        "changeset",
        "apply",
        "stranger.json",
        "--key",
        "office.key",
        "--json",
    ]))
    .unwrap();
    assert_eq!(report["applied"], 0, "{report}");
    assert!(
        report["refused"]
            .as_array()
            .unwrap()
            .iter()
            .any(|r| r["reason"].as_str().unwrap().contains("not certified")),
        "{report}"
    );
    assert!(ok(&["verify"]).contains("every invariant holds"));
}

/// A re-imported plan that gives a task another lead is the administrator's change, and
/// `history` shows it.
#[test]
fn re_assigning_a_lead_by_re_import_needs_the_administrator_and_shows_in_history() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    std::fs::write(
        d.join("v1.txt"),
        "1.推进煤层气开发利用。（牵头部门：省环保厅）\n2.推进煤电体制改革。（牵头部门：省经信委；配合部门：省发展改革委）\n",
    )
    .unwrap();
    std::fs::write(
        d.join("v2.txt"),
        "1.推进煤层气开发利用。（牵头部门：省发展改革委）\n2.推进煤电体制改革。（牵头部门：省经信委；配合部门：省发展改革委）\n",
    )
    .unwrap();
    let import = |file: &str, admin: Option<&str>| {
        let mut args = vec!["import", file, "--plan-key", "demo"];
        if let Some(a) = admin {
            args.extend(["--admin", a]);
        }
        run(&args, d)
    };
    assert!(import("v1.txt", None).status.success());
    ok(d, &["key", "new", "admin.key"]);
    ok(d, &["key", "admin", "admin.key"]);

    let refused = import("v2.txt", None);
    assert_eq!(refused.status.code(), Some(3), "{}", stderr(&refused));
    assert!(stderr(&refused).contains("--admin"), "{}", stderr(&refused));
    assert!(ok(d, &["tasks", "--lead", "省环保厅"]).contains("demo/task/1"));

    let done = import("v2.txt", Some("admin.key"));
    assert!(done.status.success(), "{}", stderr(&done));
    assert!(stdout(&done).contains("demo/task/1"), "{}", stdout(&done));
    let history = ok(d, &["history", "demo/task/1"]);
    assert!(
        history.contains("leads 省环保厅 → 省发展改革委"),
        "{history}"
    );
    assert!(ok(d, &["verify"]).contains("every invariant holds"));
}
