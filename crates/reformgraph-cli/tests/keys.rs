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
    assert!(ok(d, &["verify"]).contains("every invariant holds"));
}
