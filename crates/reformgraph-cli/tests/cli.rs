//! The `reformgraph` binary, run as a user would.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::path::Path;

mod support;

use support::*;

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
    assert_eq!(v["schema_version"], reformgraph::SCHEMA_VERSION);
    assert_eq!(v["nodes"]["task"], 0);
    assert_eq!(v["read_only"], true);
}

#[test]
fn an_older_file_is_refused_read_only_with_a_hint_and_upgrade_fixes_it() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("old.redb");
    std::fs::copy(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../reformgraph/tests/fixtures/v1-tracked.redb"),
        &db,
    )
    .unwrap();
    let db = db.to_str().unwrap();
    let o = run(&["info", "--db", db], dir.path());
    assert!(!o.status.success());
    assert!(
        stderr(&o).contains("open it for writing once"),
        "{}",
        stderr(&o)
    );
    let o = run(&["upgrade", "--db", db, "--json"], dir.path());
    assert!(o.status.success(), "{}", stderr(&o));
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(v["schema_version"], reformgraph::SCHEMA_VERSION);
    let o = run(&["verify", "--db", db], dir.path());
    assert!(o.status.success(), "{}", stderr(&o));
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
fn while_another_process_writes_readers_share_the_file_and_a_second_writer_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("held.redb");
    let writer = reformgraph::Store::create(&path).unwrap();
    reformgraph::import::bundled::import_shanxi_2013(&writer).unwrap();
    let db = path.to_str().unwrap();
    // Read-only commands open the file beside the writer and see its commits.
    let o = run(&["info", "--db", db, "--json"], dir.path());
    assert!(o.status.success(), "{}", stderr(&o));
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    // 50 reforms + 100 matters + 10 research topics + 10 city options + 6 county areas +
    // 8 enterprise areas (the principles and safeguard measures are section text).
    assert_eq!(v["nodes"]["task"], 184);
    // A second writer is refused with a message naming the file.
    let o = run(
        &[
            "record",
            "status",
            "shanxi-2013/reform/1",
            "--status",
            "in_progress",
            "--actor",
            "x",
            "--db",
            db,
        ],
        dir.path(),
    );
    assert_eq!(o.status.code(), Some(3));
    let err = stderr(&o);
    assert!(
        err.contains("held.redb") && err.contains("already open"),
        "{err}"
    );
    drop(writer);
}

#[test]
fn bad_usage_is_exit_2() {
    let dir = tempfile::tempdir().unwrap();
    let o = run(&["no-such-command"], dir.path());
    assert_eq!(o.status.code(), Some(2));
}

#[test]
fn with_json_errors_are_json_too_with_kind_subject_and_suggestions() {
    let (dir, db) = demo_db();
    let o = run(
        &["--json", "tasks", "--lead", "环保厅", "--db", &db],
        dir.path(),
    );
    assert_eq!(o.status.code(), Some(3));
    let v: serde_json::Value = serde_json::from_str(stderr(&o).trim()).unwrap();
    let e = &v["error"];
    assert_eq!(e["kind"], "KeyNotFound");
    assert_eq!(e["subject"], "环保厅");
    assert!(
        e["suggestions"]
            .as_array()
            .unwrap()
            .iter()
            .any(|s| s == "省环保厅"),
        "{v}"
    );
    assert!(e["message"].as_str().unwrap().contains("环保厅"));
    assert!(e["hint"].is_string());
    // A command line the CLI cannot parse: exit 2, kind Usage.
    let bad = run(&["--json", "no-such-command"], dir.path());
    assert_eq!(bad.status.code(), Some(2));
    let v: serde_json::Value = serde_json::from_str(stderr(&bad).trim()).unwrap();
    assert_eq!(v["error"]["kind"], "Usage");
    assert!(
        v["error"]["message"]
            .as_str()
            .unwrap()
            .contains("no-such-command")
    );
    // Without --json, errors stay text.
    let text = run(&["tasks", "--lead", "环保厅", "--db", &db], dir.path());
    assert!(stderr(&text).starts_with("error: "), "{}", stderr(&text));
}

/// Runs `demo` into a fresh directory and returns it with the database path.
fn demo_db() -> (tempfile::TempDir, String) {
    let dir = tempfile::tempdir().unwrap();
    let o = run(&["demo"], dir.path());
    assert!(o.status.success(), "{}", stderr(&o));
    let db = dir.path().join("reformgraph.redb");
    assert!(
        db.exists(),
        "demo writes reformgraph.redb in the current directory"
    );
    (dir, db.to_string_lossy().into_owned())
}

/// The figures are those of the official publications the bundled data file names
/// (track/data/shanxi-2013-2015-published.tsv): 服务业 40.0 % in 2013 (2013 bulletin, 一、),
/// 森林覆盖率 18.0 % (2015 bulletin, 十三、), 城镇化率 55.03 % in 2015 (中国统计年鉴2016, 表2-8);
/// the plan's targets are ≥ 40 %, 23 % and 55 %.
#[test]
fn demo_shows_which_targets_the_published_figures_show_met_by_2015() {
    let dir = tempfile::tempdir().unwrap();
    let o = run(&["demo"], dir.path());
    assert!(o.status.success(), "{}", stderr(&o));
    let out = stdout(&o);
    let row = |name: &str| {
        out.lines()
            .find(|l| l.starts_with(name) && l.contains('('))
            .unwrap_or_else(|| panic!("no row for {name}: {out}"))
            .to_owned()
    };
    assert!(
        row("城镇化率").contains("55.03% (2015)") && row("城镇化率").ends_with("yes"),
        "{out}"
    );
    assert!(
        row("森林覆盖率").contains("18% (2015)") && row("森林覆盖率").ends_with("no"),
        "{out}"
    );
    assert!(row("服务业增加值比重").contains("40% (2013)"), "{out}");
    // Again: the figures are held already, nothing new is recorded.
    let again = run(&["demo", "--json"], dir.path());
    let v: serde_json::Value = serde_json::from_str(&stdout(&again)).unwrap();
    assert_eq!(v["attainment_2015"].as_array().map(Vec::len), Some(3));
    let h = run(&["--json", "history", "城镇化率"], dir.path());
    let events: serde_json::Value = serde_json::from_str(&stdout(&h)).unwrap();
    assert_eq!(events.as_array().map(Vec::len), Some(1), "{events}");
    assert!(
        events.to_string().contains("中国统计年鉴2016"),
        "the source travels: {events}"
    );
}

#[test]
fn demo_prints_counts_leads_and_targets_a_newcomer_understands() {
    let dir = tempfile::tempdir().unwrap();
    let o = run(&["demo"], dir.path());
    assert!(o.status.success(), "{}", stderr(&o));
    let out = stdout(&o);
    // The plan's title as its metadata gives it (data/shanxi-2013/meta.json).
    assert!(
        out.starts_with("山西省国家资源型经济转型综合配套改革试验实施方案（2013—2015年）\n"),
        "{out}"
    );
    assert!(
        out.contains("50 重大改革 (reform), 100 重大事项 (matter)"),
        "{out}"
    );
    assert!(out.contains("省发展改革委"), "{out}");
    assert!(out.contains("城镇化率"), "{out}");
    assert!(out.contains("−16% vs 2010"), "{out}");
    // Running it again re-imports in place.
    let again = run(&["demo", "--json"], dir.path());
    let v: serde_json::Value = serde_json::from_str(&stdout(&again)).unwrap();
    assert_eq!(v["report"]["created"], 0);
    assert_eq!(v["report"]["counts"]["task:reform"], 50);
}

#[test]
fn tasks_json_has_keys_roles_numbers_titles_categories_and_ordered_leads() {
    let (dir, db) = demo_db();
    let o = run(
        &["tasks", "--db", &db, "--lead", "省安监局", "--json"],
        dir.path(),
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    let task = v
        .as_array()
        .unwrap()
        .iter()
        .find(|t| t["key"] == "shanxi-2013/matter/64")
        .unwrap();
    assert_eq!(task["role"], "matter");
    assert_eq!(task["number"], "64");
    assert_eq!(task["title"], "构建公共安全体系");
    assert_eq!(task["category"]["title"], "民生改善");
    let leads: Vec<&str> = task["leads"]
        .as_array()
        .unwrap()
        .iter()
        .map(|l| l["name"].as_str().unwrap())
        .collect();
    assert_eq!(leads, ["省安监局", "省食品药品监管局", "省公安厅"]);
    assert_eq!(task["leads"][0]["key"], "org/省安监局");
}

#[test]
fn tasks_filter_by_role_category_and_mentions() {
    let (dir, db) = demo_db();
    let o = run(
        &[
            "tasks",
            "--db",
            &db,
            "--role",
            "reform",
            "--category",
            "（二）",
            "--json",
        ],
        dir.path(),
    );
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(v.as_array().unwrap().len(), 10, "reforms 10–19");
    let o = run(&["tasks", "--db", &db, "--mentions", "孝义市"], dir.path());
    assert!(stdout(&o).contains("shanxi-2013/matter/46"));
    let o = run(&["tasks", "--db", &db, "--role", "nonsense"], dir.path());
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("reform"));
    // An unknown category is an error naming the close titles, as an unknown lead is.
    let o = run(&["tasks", "--db", &db, "--category", "生态"], dir.path());
    assert!(!o.status.success());
    assert!(stderr(&o).contains("生态修复"), "{}", stderr(&o));
}

#[test]
fn search_json_hits_have_key_kind_score_and_snippet_best_first() {
    let (dir, db) = demo_db();
    let o = run(&["search", "煤层气", "--db", &db, "--json"], dir.path());
    assert!(o.status.success(), "{}", stderr(&o));
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    let hits = v["hits"].as_array().unwrap();
    assert!(hits.len() >= 4);
    assert_eq!(hits[0]["key"], "shanxi-2013/reform/5");
    assert_eq!(hits[0]["kind"], "task");
    assert!(hits[0]["snippet"].as_str().unwrap().contains("【煤层气】"));
    let scores: Vec<f64> = hits.iter().map(|h| h["score"].as_f64().unwrap()).collect();
    assert!(scores.windows(2).all(|w| w[0] >= w[1]));
}

#[test]
fn show_prints_a_node_and_its_edges_and_an_unknown_key_is_exit_3() {
    let (dir, db) = demo_db();
    let o = run(&["show", "shanxi-2013/reform/20", "--db", &db], dir.path());
    assert!(o.status.success(), "{}", stderr(&o));
    let out = stdout(&o);
    assert!(
        out.contains("五规合一") && out.contains("省发展改革委") && out.contains("same_as"),
        "{out}"
    );
    let o = run(&["show", "shanxi-2013/reform/999", "--db", &db], dir.path());
    assert_eq!(o.status.code(), Some(3));
    assert!(stderr(&o).contains("reform/999"));
}

#[test]
fn path_finds_a_route_or_says_there_is_none() {
    let (dir, db) = demo_db();
    let o = run(
        &["path", "省发改委", "孝义市", "--db", &db, "--json"],
        dir.path(),
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    let hops = v.as_array().unwrap();
    assert_eq!(hops.first().unwrap()["key"], "org/省发展改革委");
    assert_eq!(hops.last().unwrap()["key"], "area/孝义市");
    let o = run(
        &[
            "path",
            "省发改委",
            "孝义市",
            "--via",
            "same_as",
            "--db",
            &db,
        ],
        dir.path(),
    );
    assert_eq!(o.status.code(), Some(1));
    assert!(stdout(&o).contains("no path"));
}

/// The same question as Python's `test_shortest_path_uses_the_core_defaults` and Kotlin's
/// `shortestPathUsesTheCoreDefaults`: with no labels and no depth given, the core's
/// defaults. Matters 46 and 58 (支持资源型城市转型, 开展城乡一体化试点) are led by
/// 省发展改革委 and name 孝义 in the plan, so the route is two edges through one of them.
#[test]
fn path_with_no_options_uses_the_core_defaults_and_names_resolve_with_suggestions() {
    let (dir, db) = demo_db();
    let o = run(
        &["path", "省发展改革委", "孝义市", "--db", &db, "--json"],
        dir.path(),
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    let keys: Vec<&str> = v
        .as_array()
        .unwrap()
        .iter()
        .map(|h| h["key"].as_str().unwrap())
        .collect();
    assert_eq!(keys.len(), 3, "{keys:?}");
    assert_eq!((keys[0], keys[2]), ("org/省发展改革委", "area/孝义市"));
    assert!(
        ["shanxi-2013/matter/46", "shanxi-2013/matter/58"].contains(&keys[1]),
        "{keys:?}"
    );
    let store = reformgraph::Store::open_read_only(&db).unwrap();
    let core = reformgraph::query::path_between(
        &store.read().unwrap(),
        "省发展改革委",
        "孝义市",
        &reformgraph::query::PathOptions::default(),
    )
    .unwrap()
    .unwrap();
    let core: Vec<&str> = core.iter().map(|h| h.key.as_str()).collect();
    assert_eq!(keys, core, "the CLI answers what the core answers");
    // A name that is no name: exit 3, and the message suggests the one it is part of.
    let o = run(&["path", "环保厅", "孝义市", "--db", &db], dir.path());
    assert_eq!(o.status.code(), Some(3));
    assert!(
        stderr(&o).contains("did you mean 省环保厅?"),
        "{}",
        stderr(&o)
    );
}

/// As Python's `test_selections_without_a_year_use_the_core_report_year` and Kotlin's
/// `selectionsWithoutAYearUseTheCoreReportYear`: the as-of year, else this year moved into
/// the plan's 2013–2015 period.
#[test]
fn selections_without_a_year_use_the_core_report_year() {
    let (dir, db) = demo_db();
    let year_of = |args: &[&str]| {
        let mut all = vec!["report", "selections", "--db", &db, "--json"];
        all.extend_from_slice(args);
        let o = run(&all, dir.path());
        assert!(o.status.success(), "{}", stderr(&o));
        let v: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
        (
            v["year"].as_u64().unwrap(),
            v["violations"].as_array().unwrap().len(),
        )
    };
    assert_eq!(
        year_of(&[]),
        (2015, 22),
        "11 cities and 11 counties chose nothing"
    );
    assert_eq!(year_of(&["--as-of", "2014-03-01"]).0, 2014);
}

#[test]
fn report_workload_json_is_a_matrix() {
    let (dir, db) = demo_db();
    let o = run(&["report", "workload", "--db", &db, "--json"], dir.path());
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    let orgs = v["organizations"].as_array().unwrap();
    let counts = v["counts"].as_array().unwrap();
    assert_eq!(orgs.len(), counts.len());
    assert_eq!(orgs[0], "省发展改革委");
    assert_eq!(v["totals"][0], 28);
}

#[test]
fn import_reports_unparsed_paragraphs_and_strict_refuses_them() {
    let dir = tempfile::tempdir().unwrap();
    let plan = dir.path().join("plan.txt");
    std::fs::write(
        &plan,
        "一、重大改革\n（一）产业。\n1.推进煤电体制改革。统筹两个市场。（牵头部门：省经信委）\n这段话没有归属？\n2.深化国有企业改革。完善现代企业制度。（牵头部门：省国资委）\n",
    )
    .unwrap();
    let o = run(
        &["import", "plan.txt", "--plan-key", "t-2020", "--json"],
        dir.path(),
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(v["plan_key"], "t-2020");
    assert_eq!(v["counts"]["task:reform"], 2);
    assert_eq!(v["unparsed"][0]["line"], 4);
    let strict = run(
        &["import", "plan.txt", "--plan-key", "t-2021", "--strict"],
        dir.path(),
    );
    assert_eq!(strict.status.code(), Some(3));
    assert!(stderr(&strict).contains("line 4"));
    let info = run(&["info", "--json"], dir.path());
    let v: serde_json::Value = serde_json::from_str(&stdout(&info)).unwrap();
    assert_eq!(v["nodes"]["plan"], 1, "the strict failure wrote nothing");
}

#[test]
fn import_of_a_gb18030_file_decodes_it() {
    use reformgraph::GraphRead;
    let dir = tempfile::tempdir().unwrap();
    // "一、重大改革\n（一）产业。\n1.推进煤电体制改革。（牵头部门：省经信委）\n" in GB18030.
    let gb: [u8; 69] = [
        0xd2, 0xbb, 0xa1, 0xa2, 0xd6, 0xd8, 0xb4, 0xf3, 0xb8, 0xc4, 0xb8, 0xef, 0x0a, 0xa3, 0xa8,
        0xd2, 0xbb, 0xa3, 0xa9, 0xb2, 0xfa, 0xd2, 0xb5, 0xa1, 0xa3, 0x0a, 0x31, 0x2e, 0xcd, 0xc6,
        0xbd, 0xf8, 0xc3, 0xba, 0xb5, 0xe7, 0xcc, 0xe5, 0xd6, 0xc6, 0xb8, 0xc4, 0xb8, 0xef, 0xa1,
        0xa3, 0xa3, 0xa8, 0xc7, 0xa3, 0xcd, 0xb7, 0xb2, 0xbf, 0xc3, 0xc5, 0xa3, 0xba, 0xca, 0xa1,
        0xbe, 0xad, 0xd0, 0xc5, 0xce, 0xaf, 0xa3, 0xa9, 0x0a,
    ];
    std::fs::write(dir.path().join("gb.txt"), gb).unwrap();
    let o = run(
        &["import", "gb.txt", "--plan-key", "gb-2020", "--json"],
        dir.path(),
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(v["counts"]["task:reform"], 1);
    // The text arrived as Chinese, not mojibake.
    let store = reformgraph::Store::open_read_only(dir.path().join("reformgraph.redb")).unwrap();
    let read = store.read().unwrap();
    let task = read
        .get_by_key::<reformgraph::Task>("gb-2020/reform/1")
        .unwrap()
        .unwrap();
    assert!(
        task.value.title.starts_with("推进煤电体制改革"),
        "{}",
        task.value.title
    );
    assert!(read.node_by_key("org/省经信委").unwrap().is_some());
}

#[test]
fn import_of_a_binary_file_is_refused_with_a_hint() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("plan.docx"),
        b"PK\x03\x04\x14\x00\x06\x00\x08\x00",
    )
    .unwrap();
    let o = run(&["import", "plan.docx"], dir.path());
    assert_eq!(o.status.code(), Some(3));
    assert!(stderr(&o).contains("NUL bytes"), "{}", stderr(&o));
}

#[test]
fn record_history_and_reports_work_from_the_command_line() {
    let (dir, db) = demo_db();
    let ok = |args: &[&str]| {
        let mut all = args.to_vec();
        all.extend(["--db", db.as_str()]);
        let o = run(&all, dir.path());
        assert!(o.status.success(), "{args:?}: {}", stderr(&o));
        stdout(&o)
    };
    ok(&[
        "record",
        "status",
        "shanxi-2013/reform/10",
        "--status",
        "in_progress",
        "--progress",
        "40",
        "--actor",
        "张三",
        "--org",
        "省环保厅",
        "--effective",
        "2014-06-30",
        "--doc",
        "晋环发〔2014〕1号",
    ]);
    ok(&[
        "record",
        "register",
        "shanxi-2013/project/qinshui",
        "--name",
        "沁水煤层气开发",
        "--portfolio",
        "shanxi-2013/portfolio",
        "--year",
        "2014",
        "--area",
        "晋城市",
        "--actor",
        "李四",
        "--effective",
        "2014-03-01",
    ]);
    ok(&[
        "record",
        "stage",
        "shanxi-2013/project/qinshui",
        "签约",
        "--actor",
        "李四",
        "--effective",
        "2014-04-01",
    ]);
    ok(&[
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
        "统计局",
    ]);
    ok(&[
        "record",
        "selection",
        "大同市",
        "shanxi-2013/city-option/1",
        "--year",
        "2014",
        "--actor",
        "市改革办",
    ]);
    ok(&[
        "record",
        "deadline",
        "shanxi-2013/reform/10",
        "2016-06-30",
        "--actor",
        "张三",
        "--effective",
        "2014-07-01",
    ]);
    let history = ok(&["history", "shanxi-2013/reform/10"]);
    assert!(
        history.contains("in_progress 40%") && history.contains("晋环发〔2014〕1号"),
        "{history}"
    );
    // A moved deadline shows its new date, not only that there was one. (The deadline is
    // extended, so the lag class as of 2014-07-01 below stays green.)
    assert!(
        history.contains("task_deadline deadline=2016-06-30"),
        "{history}"
    );
    let tasks: serde_json::Value = serde_json::from_str(&ok(&[
        "report",
        "tasks",
        "--lead",
        "省环保厅",
        "--as-of",
        "2014-07-01",
        "--json",
    ]))
    .unwrap();
    let first = &tasks[0];
    assert_eq!(first["key"], "shanxi-2013/reform/10");
    assert_eq!(first["status"], "in_progress");
    assert_eq!(first["class"], "green");
    let funnel: serde_json::Value =
        serde_json::from_str(&ok(&["report", "projects", "--json"])).unwrap();
    assert_eq!(funnel[0][1]["total"], 1);
    let sel = ok(&["report", "selections", "--year", "2014"]);
    assert!(sel.contains("大同市") && sel.contains("violation"), "{sel}");
    assert!(ok(&["verify"]).contains("ok"));
    // The observation was given no unit: the indicator's own (城镇化率 is a percentage), as
    // in Python and Kotlin.
    let store = reformgraph::Store::open_read_only(&db).unwrap();
    let observed =
        reformgraph::GraphRead::observations(&store.read().unwrap(), "indicator/城镇化率", None)
            .unwrap();
    // The demo recorded the published 2015 figure; this test recorded 2013's.
    let recorded: Vec<_> = observed.iter().filter(|o| o.year == 2013).collect();
    assert_eq!((observed.len(), recorded.len()), (2, 1));
    assert_eq!(recorded[0].unit, reformgraph::Unit::Percent);
}

#[test]
fn an_invalid_stage_move_or_bad_value_is_exit_3_and_writes_nothing() {
    let (dir, db) = demo_db();
    let go = |args: &[&str]| {
        let mut all = args.to_vec();
        all.extend(["--db", db.as_str()]);
        run(&all, dir.path())
    };
    let reg = go(&[
        "record",
        "register",
        "shanxi-2013/project/p",
        "--name",
        "项目",
        "--portfolio",
        "shanxi-2013/portfolio",
        "--year",
        "2014",
        "--actor",
        "李四",
    ]);
    assert!(reg.status.success(), "{}", stderr(&reg));
    assert!(
        go(&[
            "record",
            "stage",
            "shanxi-2013/project/p",
            "投产",
            "--actor",
            "李四"
        ])
        .status
        .success()
    );
    let back = go(&[
        "record",
        "stage",
        "shanxi-2013/project/p",
        "储备",
        "--actor",
        "李四",
    ]);
    assert_eq!(back.status.code(), Some(3));
    assert!(stderr(&back).contains("投产"), "{}", stderr(&back));
    let bad = go(&[
        "record",
        "status",
        "shanxi-2013/reform/1",
        "--status",
        "in_progress",
        "--progress",
        "120",
        "--actor",
        "x",
    ]);
    assert_eq!(bad.status.code(), Some(3));
    let date = go(&[
        "record",
        "status",
        "shanxi-2013/reform/1",
        "--status",
        "in_progress",
        "--effective",
        "1850-01-01",
        "--actor",
        "x",
    ]);
    assert_eq!(
        date.status.code(),
        Some(2),
        "a date outside 1900–2200 is a usage error"
    );
    let history = go(&["history", "shanxi-2013/project/p", "--json"]);
    let v: serde_json::Value = serde_json::from_str(&stdout(&history)).unwrap();
    assert_eq!(
        v.as_array().unwrap().len(),
        2,
        "registration and one stage, nothing else"
    );
}

#[test]
fn a_changeset_moves_events_between_two_databases_once() {
    let (dir, db) = demo_db();
    let other = dir.path().join("other.redb");
    let other = other.to_str().unwrap();
    assert!(run(&["demo", "--db", other], dir.path()).status.success());
    let rec = run(
        &[
            "record",
            "status",
            "shanxi-2013/matter/7",
            "--status",
            "delayed",
            "--progress",
            "15",
            "--actor",
            "王五",
            "--db",
            &db,
        ],
        dir.path(),
    );
    assert!(rec.status.success(), "{}", stderr(&rec));
    let out = dir.path().join("c.json");
    // After the demo's own events (the 3 published figures it records, which `other` holds
    // as well): the one status recorded here.
    let o = run(
        &[
            "changeset",
            "export",
            "--after",
            "3",
            "--out",
            out.to_str().unwrap(),
            "--db",
            &db,
        ],
        dir.path(),
    );
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(stderr(&o).contains("--after 4"));
    for expected_applied in [1, 0] {
        let o = run(
            &[
                "changeset",
                "apply",
                out.to_str().unwrap(),
                "--db",
                other,
                "--json",
            ],
            dir.path(),
        );
        assert!(o.status.success(), "{}", stderr(&o));
        let v: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
        assert_eq!(v["applied"], expected_applied);
    }
    let h = run(
        &["history", "shanxi-2013/matter/7", "--db", other],
        dir.path(),
    );
    assert!(stdout(&h).contains("delayed 15%"));
}

#[test]
fn export_json_then_import_json_gives_the_same_dump() {
    let (dir, db) = demo_db();
    let rec = run(
        &[
            "record",
            "status",
            "shanxi-2013/reform/3",
            "--status",
            "completed",
            "--actor",
            "张三",
            "--db",
            &db,
        ],
        dir.path(),
    );
    assert!(rec.status.success(), "{}", stderr(&rec));
    let a = dir.path().join("a.json");
    let o = run(
        &["export", "json", "--out", a.to_str().unwrap(), "--db", &db],
        dir.path(),
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let copy = dir.path().join("copy.redb");
    let o = run(
        &[
            "import-json",
            a.to_str().unwrap(),
            "--db",
            copy.to_str().unwrap(),
            "--json",
        ],
        dir.path(),
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    // The demo's 3 published figures and the status recorded here.
    assert_eq!(v["events"], 4);
    let b = dir.path().join("b.json");
    let o = run(
        &[
            "export",
            "json",
            "--out",
            b.to_str().unwrap(),
            "--db",
            copy.to_str().unwrap(),
        ],
        dir.path(),
    );
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(std::fs::read(&a).unwrap(), std::fs::read(&b).unwrap());
    // Loading into a database that already holds data is refused.
    let again = run(
        &[
            "import-json",
            a.to_str().unwrap(),
            "--db",
            copy.to_str().unwrap(),
        ],
        dir.path(),
    );
    assert_eq!(again.status.code(), Some(3));
    assert!(stderr(&again).contains("not empty"));
}

#[test]
fn export_csv_xlsx_graphml_and_node_link_write_files() {
    let (dir, db) = demo_db();
    let csv = dir.path().join("csv");
    let o = run(
        &[
            "export",
            "csv",
            "--bom",
            "--out",
            csv.to_str().unwrap(),
            "--db",
            &db,
        ],
        dir.path(),
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let tasks = std::fs::read_to_string(csv.join("nodes_task.csv")).unwrap();
    assert!(tasks.starts_with('\u{feff}') && tasks.contains("shanxi-2013/reform/20"));
    for (format, name) in [
        ("xlsx", "ledger.xlsx"),
        ("graphml", "g.graphml"),
        ("node-link", "g.json"),
    ] {
        let out = dir.path().join(name);
        let mut args = vec![
            "export",
            format,
            "--out",
            out.to_str().unwrap(),
            "--db",
            &db,
        ];
        if format == "xlsx" {
            args.extend(["--org", "省环保厅", "--plan", "shanxi-2013"]);
        }
        let o = run(&args, dir.path());
        assert!(o.status.success(), "{format}: {}", stderr(&o));
        assert!(std::fs::metadata(&out).unwrap().len() > 1000, "{format}");
    }
    let bad = run(&["export", "pdf", "--out", "x", "--db", &db], dir.path());
    assert_eq!(bad.status.code(), Some(2));
    let unknown_org = run(
        &[
            "export",
            "xlsx",
            "--org",
            "不存在的厅",
            "--out",
            "x.xlsx",
            "--db",
            &db,
        ],
        dir.path(),
    );
    assert_eq!(unknown_org.status.code(), Some(3));
}

#[test]
fn reports_draw_svg_charts() {
    let (dir, db) = demo_db();
    for report in ["workload", "attainment", "projects"] {
        let svg = dir.path().join(format!("{report}.svg"));
        let o = run(
            &[
                "report",
                report,
                "--svg",
                svg.to_str().unwrap(),
                "--db",
                &db,
            ],
            dir.path(),
        );
        assert!(o.status.success(), "{report}: {}", stderr(&o));
        let text = std::fs::read_to_string(&svg).unwrap();
        assert!(
            text.starts_with("<svg") && text.trim_end().ends_with("</svg>"),
            "{report}"
        );
    }
    let o = run(
        &["report", "selections", "--svg", "x.svg", "--db", &db],
        dir.path(),
    );
    assert_eq!(o.status.code(), Some(2));
}

/// A plan whose text carries terminal escape sequences (ESC [ … m, OSC … BEL) is shown with
/// them escaped, never sent raw to the terminal.
#[test]
fn control_characters_in_imported_text_are_escaped_when_printed() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("plan.txt"),
        "一、重大改革\n（一）产业。\n1.推进\u{1b}[2J煤电\u{1b}]0;x\u{7}体制改革。统筹两个市场。（牵头部门：省经信委）\n",
    )
    .unwrap();
    let o = run(
        &["import", "plan.txt", "--plan-key", "esc-2020"],
        dir.path(),
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let json = run(&["show", "esc-2020/reform/1", "--json"], dir.path());
    assert!(
        stdout(&json).contains("\\u001b"),
        "the title keeps the ESC as imported: {}",
        stdout(&json)
    );
    for args in [&["show", "esc-2020/reform/1"][..], &["tasks"][..]] {
        let o = run(args, dir.path());
        assert!(o.status.success(), "{args:?}: {}", stderr(&o));
        let out = stdout(&o);
        assert!(
            !out.contains('\u{1b}') && !out.contains('\u{7}'),
            "{args:?}: {out:?}"
        );
        assert!(out.contains("\\u{1b}"), "{args:?}: {out}");
    }
}
