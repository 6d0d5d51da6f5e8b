"""The API on the bundled Shanxi plan, with the known answers of the core's own tests."""

from __future__ import annotations

import datetime
import json
import shutil
import threading
from pathlib import Path

import pandas
import pytest

import reformgraph
from reformgraph import Database

D = datetime.date


# ---- lifecycle ---------------------------------------------------------------------------


def test_memory_context_manager_closes() -> None:
    with reformgraph.memory() as db:
        assert not db.closed and db.path is None and not db.read_only
        assert db.count() == 0
    assert db.closed
    with pytest.raises(reformgraph.DatabaseClosedError, match="closed") as e:
        db.count()
    assert isinstance(e.value, ValueError)
    db.close()  # twice is harmless
    assert "closed" in repr(db)


def test_every_method_raises_after_close(fresh: Database) -> None:
    fresh.close()
    calls = [
        lambda: fresh.get("org/省环保厅"),
        lambda: fresh.tasks(),
        lambda: fresh.search("煤层气"),
        lambda: fresh.import_bundled(),
        lambda: fresh.record_status("shanxi-2013/reform/1", "in_progress", actor="张三"),
        lambda: fresh.workload(),
        lambda: fresh.export_changeset(),
        lambda: fresh.iter_nodes("task"),
        lambda: fresh.info(),
        lambda: "x" in fresh,
    ]
    for call in calls:
        with pytest.raises(reformgraph.DatabaseClosedError):
            call()
    with pytest.raises(reformgraph.DatabaseClosedError):
        with fresh:
            pass


def test_create_open_and_read_only(plan_file: Path) -> None:
    with reformgraph.open(plan_file) as db:
        assert db.count("task") > 0
        assert db.path == str(plan_file)
        assert db.info().read_only is False
    with reformgraph.open(plan_file, read_only=True) as a, reformgraph.open(plan_file, read_only=True) as b:
        assert a.read_only and b.read_only
        assert a.count() == b.count()
        with pytest.raises(reformgraph.ReadOnlyError, match="read-only"):
            a.import_bundled()
        with pytest.raises(reformgraph.ReadOnlyError):
            a.record_status("shanxi-2013/reform/1", "in_progress", actor="张三")


def test_a_writer_excludes_other_writers(plan_file: Path) -> None:
    with reformgraph.open(plan_file) as writer:
        with pytest.raises(reformgraph.AlreadyOpenError) as e:
            reformgraph.open(plan_file)
        assert isinstance(e.value, OSError) and isinstance(e.value, reformgraph.StoreIOError)
        assert e.value.filename == str(plan_file)
        assert "read-only" in str(e.value)
        # A reader next to the writer: refused by the committed core; the core's work in
        # progress (redb SingleWriter mode) lets it open and follow the writer's commits.
        try:
            reader = reformgraph.open(plan_file, read_only=True)
        except reformgraph.AlreadyOpenError:
            pass
        else:
            with reader:
                writer.record_status("shanxi-2013/reform/1", "in_progress", 5, actor="张三")
                assert len(reader.history("shanxi-2013/reform/1")) == 1
    # Closed: it opens again.
    reformgraph.open(plan_file).close()


def test_file_errors(tmp_path: Path) -> None:
    with pytest.raises(reformgraph.StoreIOError) as e:
        reformgraph.open(tmp_path / "missing.redb")
    assert isinstance(e.value, OSError) and e.value.errno == 2
    junk = tmp_path / "junk.redb"
    junk.write_bytes(b"this is not a database at all" * 100)
    with pytest.raises(reformgraph.NotAStoreError):
        reformgraph.open(junk)
    with pytest.raises(reformgraph.InvalidInputError, match="mode"):
        Database(None, "open")


def test_a_file_left_by_a_crash_says_to_open_it_for_writing_and_that_recovers_it(
    plan_file: Path, tmp_path: Path
) -> None:
    crashed = tmp_path / "crashed.redb"
    with reformgraph.open(plan_file) as writer:
        writer.record_status("shanxi-2013/reform/1", "in_progress", 5, actor="张三")
        # Copied while the writer has it open: the copy says it was not closed cleanly.
        shutil.copyfile(plan_file, crashed)
    with pytest.raises(reformgraph.NeedsRecoveryError) as e:
        reformgraph.open(crashed, read_only=True)
    assert isinstance(e.value, reformgraph.StoreIOError) and isinstance(e.value, OSError)
    assert e.value.filename == str(crashed)
    assert "reformgraph.open(path)" in str(e.value)
    # Opening it for writing once recovers it, and the committed change is there.
    reformgraph.open(crashed).close()
    with reformgraph.open(crashed, read_only=True) as db:
        assert [(ev.change, ev.actor) for ev in db.history("shanxi-2013/reform/1")] == [("task_status", "张三")]
        assert db.verify() == []


def test_info_and_verify(shanxi: Database) -> None:
    info = shanxi.info()
    # 50 reforms, 100 matters, 10 research topics, 10 city options, 6 county and 8 enterprise
    # areas; the principles and safeguard measures are section text.
    assert info.nodes["task"] == shanxi.count("task") == 184
    assert info.schema_version == reformgraph.SCHEMA_VERSION
    assert info.edges > 0 and info.path is None
    assert shanxi.verify() == []


# ---- import ------------------------------------------------------------------------------


def test_import_report_counts() -> None:
    with reformgraph.memory() as db:
        r = db.import_bundled()
        assert r.plan_key == reformgraph.BUNDLED_PLAN_KEY == "shanxi-2013"
        assert r.counts["task:reform"] == 50 and r.counts["task:matter"] == 100
        assert r.unparsed == [] and r.created == db.count()
        again = db.import_bundled()
        assert (again.created, again.updated, again.removed) == (0, 0, 0)


TEXT = "一、重大改革\n（一）产业。\n1.推进煤电体制改革。统筹煤炭和电力两个市场建设。（牵头部门：省经信委）\n"


def test_import_text_with_metadata() -> None:
    with reformgraph.memory() as db:
        r = db.import_text(TEXT, key="demo", title="示范方案", issued_on=D(2014, 1, 2), period_start=2014, period_end=2016)
        assert r.counts["task:reform"] == 1
        plan = db["demo"]
        assert isinstance(plan, reformgraph.Plan)
        assert (plan.title, plan.issued_on, plan.period_end) == ("示范方案", D(2014, 1, 2), 2016)
        assert db.task("demo/reform/1").deadline == D(2016, 12, 31)
        assert [l.name for l in db.leads_of("demo/reform/1")] == ["省经信委"]


def test_import_file_and_registry(tmp_path: Path) -> None:
    path = tmp_path / "plan.txt"
    path.write_text(TEXT, encoding="utf-8")
    reg = reformgraph.Registry.from_tsv("省经信委\tprovincial_department\t山西省经济和信息化委员会\n", "")
    assert reg.organization_count == 1 and reg.area_count == 0
    assert reformgraph.Registry.shanxi().organization_count > 10
    assert reformgraph.Registry.empty().organization_count == 0
    with reformgraph.memory() as db:
        db.import_file(path, key="f", registry=reg)
        assert db.organization("山西省经济和信息化委员会").key == "org/省经信委"


def test_import_file_decodes_gb18030_and_utf16(tmp_path: Path) -> None:
    with reformgraph.memory() as db:
        for key, encoding in [("gb", "gb18030"), ("u16", "utf-16")]:
            path = tmp_path / f"{key}.txt"
            path.write_bytes(TEXT.encode(encoding))
            assert db.import_file(path, key=key).counts["task:reform"] == 1
            assert db.task(f"{key}/reform/1").title.startswith("推进煤电体制改革")
            assert [l.name for l in db.leads_of(f"{key}/reform/1")] == ["省经信委"]


def test_import_errors(tmp_path: Path) -> None:
    with reformgraph.memory() as db:
        with pytest.raises(reformgraph.StoreIOError):
            db.import_file(tmp_path / "nope.txt")
        binary = tmp_path / "plan.docx"
        binary.write_bytes(b"PK\x03\x04\x14\x00\x06\x00\x08\x00")
        with pytest.raises(reformgraph.PlanImportError, match="NUL bytes"):
            db.import_file(binary)
        with pytest.raises(reformgraph.PlanImportError, match="strict") as e:
            db.import_text(TEXT + "这一段不是任务也不是标题，只是一段说明文字。\n", key="s", strict=True)
        assert isinstance(e.value, ValueError) and e.value.line is not None
        assert db.count() == 0, "a failed import writes nothing"
        with pytest.raises(reformgraph.InvalidInputError, match="date"):
            db.import_text(TEXT, issued_on="2014-13-01")
        with pytest.raises(reformgraph.PlanImportError, match="ministry"):
            reformgraph.Registry.from_tsv("省环保厅\tministry\t\n", "")


def test_import_any_plan_of_the_genre() -> None:
    # 平顶山市 2013 (data/corpus): units on lines of their own under each item.
    text = "一、加快产业转型\n（一）调整优化存量\n1.搭建产销对接、银企对接服务平台。\n牵头单位：市工业和信息化局\n责任单位：市发改委、市商务局\n"
    with reformgraph.memory() as db:
        r = db.import_text(text, key="pds")
        assert r.counts["task:task"] == 1 and r.tasks_without_units == []
        assert [l.name for l in db.leads_of("pds/task/1")] == ["市工业和信息化局"]
        with pytest.raises(reformgraph.PlanImportError, match="no task found"):
            db.import_text("一、总体要求\n坚持稳中求进。\n", key="none")


def test_a_reimport_dropping_a_tracked_task_needs_allow_removals() -> None:
    two = "一、重点任务\n1.完善预案体系。（市应急局牵头）\n2.加强应急演练。（市应急局牵头）\n"
    one = "一、重点任务\n1.完善预案体系。（市应急局牵头）\n"
    with reformgraph.memory() as db:
        db.import_text(two, key="p")
        db.record_status("p/task/2", "in_progress", 40, actor="张三")
        with pytest.raises(reformgraph.PlanImportError, match="allow-removals"):
            db.import_text(one, key="p")
        r = db.import_text(one, key="p", allow_removals=True)
        assert r.removed_with_history == ["p/task/2"]
        assert len(db.history("p/task/2")) == 1
        assert db.verify() == []


# ---- look-ups ----------------------------------------------------------------------------


def test_get_getitem_contains(shanxi: Database) -> None:
    org = shanxi.get("org/省环保厅")
    assert isinstance(org, reformgraph.Organization)
    assert org.name == "省环保厅" and org.kind == "provincial_department" and "山西省环境保护厅" in org.aliases
    assert repr(org) == "Organization(key='org/省环保厅', name='省环保厅', kind='provincial_department')"
    assert shanxi.get("nope") is None and shanxi.get("nope", 7) == 7
    assert "org/省环保厅" in shanxi and "nope" not in shanxi
    assert shanxi["org/省环保厅"] == org
    with pytest.raises(reformgraph.KeyNotFoundError) as e:
        shanxi["nope"]
    assert isinstance(e.value, KeyError) and e.value.key == "nope"
    assert str(e.value) == 'no node with key "nope"'


def test_typed_nodes(shanxi: Database) -> None:
    t = shanxi.task("shanxi-2013/reform/5")
    assert (t.role, t.number, t.ordinal, t.title) == ("reform", "5", 5, "深化煤层气管理体制改革")
    assert t.deadline == D(2015, 12, 31) and t.source is not None and t.source.line > 0
    assert t._fields[0] == "key" and t._asdict()["title"] == t.title
    with pytest.raises(reformgraph.WrongKindError, match="not a task") as e:
        shanxi.task("org/省环保厅")
    assert isinstance(e.value, reformgraph.InvalidInputError) and isinstance(e.value, ValueError)
    with pytest.raises(reformgraph.KeyNotFoundError):
        shanxi.task("shanxi-2013/reform/999")
    kinds = {reformgraph.kind_of(n) for n in shanxi.iter_nodes()}
    assert {"plan", "section", "task", "organization", "area", "indicator", "target", "portfolio", "selection_rule"} <= kinds
    plan = shanxi["shanxi-2013"]
    assert isinstance(plan, reformgraph.Plan) and plan.period_start == 2013 and plan.period_end == 2015
    target = shanxi["shanxi-2013/target/城镇化率"]
    assert isinstance(target, reformgraph.Target) and target.unit == "%" and "%" in target.summary
    ind = shanxi.indicator("城镇化率")
    assert ind.key == "indicator/城镇化率" and ind.unit == "%"
    area = shanxi.area("孝义")
    assert area.key == "area/孝义市" and area.level == "county_level_city"
    portfolio = shanxi["shanxi-2013/portfolio"]
    assert isinstance(portfolio, reformgraph.Portfolio) and portfolio.quota == 100
    rules = shanxi.nodes("selection_rule")
    assert rules and all(isinstance(r, reformgraph.SelectionRule) for r in rules)
    sections = shanxi.nodes("section")
    assert {s.level for s in sections} == {"part", "category"}
    assert shanxi.resolve("organization", "省发改委").key == "org/省发展改革委"
    with pytest.raises(reformgraph.InvalidInputError, match="node kind"):
        shanxi.nodes("department")


def test_records_are_frozen(shanxi: Database) -> None:
    t = shanxi.task("shanxi-2013/reform/5")
    with pytest.raises(AttributeError):
        t.title = "x"  # type: ignore[misc]


# ---- queries -----------------------------------------------------------------------------


def test_tasks_by_lead_and_alias(shanxi: Database) -> None:
    canonical = [t.key for t in shanxi.tasks(lead="省发展改革委")]
    assert len(canonical) == 28
    for alias in ["山西省发展和改革委员会", "省发改委", "org/省发展改革委"]:
        assert [t.key for t in shanxi.tasks(lead=alias)] == canonical
    env = shanxi.tasks(lead="省环保厅")
    assert len(env) == 12 and "shanxi-2013/reform/10" in [t.key for t in env]
    with pytest.raises(reformgraph.KeyNotFoundError):
        shanxi.tasks(lead="省宇宙厅")


def test_task_filters(shanxi: Database) -> None:
    assert len(shanxi.tasks(role="reform")) == 50
    assert len(shanxi.tasks(role="matter")) == 100
    eco = shanxi.tasks(category="生态修复")
    assert eco and all(t.category is not None and t.category.title == "生态修复" for t in eco)
    # No section is titled 生态: an error with the titles that contain it, not an empty list.
    with pytest.raises(reformgraph.KeyNotFoundError) as unknown:
        shanxi.tasks(category="生态")
    assert "生态修复" in unknown.value.suggestions
    both = shanxi.tasks(lead="省环保厅", role="reform")
    assert both and all(t.role == "reform" for t in both)
    xiaoyi = [t.key for t in shanxi.tasks(mentions="孝义")]
    assert "shanxi-2013/matter/46" in xiaoyi and "shanxi-2013/matter/58" in xiaoyi
    assert len(shanxi.tasks(plan="shanxi-2013")) == shanxi.count("task")
    # An unknown plan is an error, as an unknown lead is: not an empty list that reads as none.
    with pytest.raises(reformgraph.KeyNotFoundError):
        shanxi.tasks(plan="other")
    with pytest.raises(reformgraph.InvalidInputError, match="task role"):
        shanxi.tasks(role="dream")


def test_task_summary_and_leads(shanxi: Database) -> None:
    s = shanxi.task_summary("shanxi-2013/matter/90")
    assert [l.name for l in s.leads] == ["省发展改革委", "人行太原中心支行"]
    assert s.part is not None and s.deadline == D(2015, 12, 31)
    assert [l.rank for l in shanxi.leads_of("shanxi-2013/matter/90")] == [1, 2]


def test_tasks_led_by_roles(shanxi: Database) -> None:
    def role(org: str, key: str) -> str:
        return next(t.lead_role for t in shanxi.tasks_led_by(org) if t.task.key == key)

    assert role("省国土厅", "shanxi-2013/reform/1") == "sole"
    assert role("省安监局", "shanxi-2013/matter/64") == "first"
    assert role("省公安厅", "shanxi-2013/matter/64") == "co"


def test_targets(shanxi: Database) -> None:
    assert [t.key for t in shanxi.tasks_behind("shanxi-2013/target/服务业增加值比重")] == ["shanxi-2013/matter/8"]
    of = shanxi.targets_of("shanxi-2013/matter/8")
    assert [t.key for t in of] == ["shanxi-2013/target/服务业增加值比重"]
    assert of[0].target.key == of[0].key and of[0].indicator
    assert len(shanxi.all_targets()) >= len(of)
    with pytest.raises(reformgraph.KeyNotFoundError):
        shanxi.targets_of("nope")


def test_workload_and_lead_counts(shanxi: Database) -> None:
    w = shanxi.workload()
    assert w.organizations[0] == "省发展改革委"
    for row, total in zip(w.counts, w.totals):
        assert sum(row) == total
    counts = shanxi.lead_counts()
    assert sum(c.tasks for c in counts) == sum(w.totals)
    assert counts[0].lead.name == "省发展改革委" and counts[0].tasks == 28


def test_co_leadership(shanxi: Database) -> None:
    pairs = shanxi.co_leadership()
    pair = next(p for p in pairs if {p.a, p.b} == {"org/省发展改革委", "org/人行太原中心支行"})
    assert "shanxi-2013/matter/90" in pair.tasks
    assert all(p.a < p.b for p in pairs)


def test_edges_neighbors_and_paths(shanxi: Database) -> None:
    out = shanxi.edges("org/省环保厅", label="leads")
    assert len(out) == 12 and all(e.label == "leads" and e.rank for e in out)
    inc = shanxi.edges("shanxi-2013/reform/10", label="leads", direction="in")
    assert [e.source for e in inc] == ["org/省环保厅"]
    both = shanxi.edges("shanxi-2013/reform/10", direction="both")
    assert any(e.label == "contains" and e.order is not None for e in both)
    nb = shanxi.neighbors("shanxi-2013/reform/10", label="leads", direction="in")
    assert isinstance(nb[0][1], reformgraph.Organization)
    hood = shanxi.neighborhood("shanxi-2013/reform/10", depth=1)
    assert hood[0].depth == 0 and hood[0].via is None and all(h.depth <= 1 for h in hood)
    path = shanxi.shortest_path("org/省发展改革委", "area/孝义市", labels=["leads", "mentions"])
    assert path is not None and len(path) == 3 and path[1].kind == "task"
    assert shanxi.shortest_path("org/省发展改革委", "area/孝义市", labels=["same_as"]) is None
    with pytest.raises(reformgraph.InvalidInputError, match="edge label"):
        shanxi.edges("org/省环保厅", label="loves")
    with pytest.raises(reformgraph.InvalidInputError, match="direction"):
        shanxi.edges("org/省环保厅", direction="sideways")
    with pytest.raises(reformgraph.KeyNotFoundError):
        shanxi.shortest_path("nope", "area/孝义市")


def test_shortest_path_uses_the_core_defaults(shanxi: Database) -> None:
    # The question the CLI (`path_with_no_options_uses_the_core_defaults…`) and Kotlin
    # (`shortestPathUsesTheCoreDefaults`) ask too. Matters 46 and 58 are led by 省发展改革委
    # and name 孝义 in the plan: two edges through one of them.
    path = shanxi.shortest_path("省发展改革委", "孝义市")
    assert path is not None
    keys = [h.key for h in path]
    assert len(keys) == 3 and (keys[0], keys[2]) == ("org/省发展改革委", "area/孝义市")
    assert keys[1] in ("shanxi-2013/matter/46", "shanxi-2013/matter/58")
    # The default labels leave out contains and in_area.
    assert all(h.via not in ("contains", "in_area") for h in path)
    with pytest.raises(reformgraph.KeyNotFoundError, match="did you mean 省环保厅") as e:
        shanxi.shortest_path("环保厅", "孝义市")
    assert e.value.key == "环保厅" and e.value.suggestions == ["省环保厅"]


# ---- search ------------------------------------------------------------------------------


def test_search_ranks_and_snippets(shanxi: Database) -> None:
    hits = shanxi.search("煤层气", kinds=["task"], limit=100)
    assert [h.key for h in hits[:2]] == ["shanxi-2013/reform/5", "shanxi-2013/matter/7"]
    assert hits.total == len(hits) and all("【煤层气】" in h.snippet for h in hits)
    assert all(a.score >= b.score for a, b in zip(hits, hits[1:]))
    assert repr(hits).startswith("SearchResults(total=")
    assert shanxi.search("PM2.5 监测")[0].key == "shanxi-2013/matter/24"
    assert shanxi.search('"CO2捕集"')[0].key == "shanxi-2013/matter/69"
    assert shanxi.search("量子计算").total == 0


def test_search_filters_and_paging(shanxi: Database) -> None:
    everything = shanxi.search("生态", limit=500)
    led = shanxi.search("生态", lead="省环保厅", limit=500)
    env = {t.key for t in shanxi.tasks(lead="省环保厅")}
    assert 0 < led.total < everything.total and all(h.key in env for h in led)
    reforms = shanxi.search("生态", role="reform", category="（二）", limit=500)
    assert reforms.total > 0 and all(h.key.startswith("shanxi-2013/reform/") for h in reforms)
    first = shanxi.search("改革", limit=5)
    second = shanxi.search("改革", limit=5, offset=5)
    assert first.total == second.total > 10
    assert not {h.key for h in first} & {h.key for h in second}


def test_search_errors(shanxi: Database) -> None:
    with pytest.raises(reformgraph.InvalidInputError, match="empty"):
        shanxi.search("   ")
    with pytest.raises(reformgraph.InvalidInputError, match="limit"):
        shanxi.search("改革", limit=0)
    with pytest.raises(reformgraph.KeyNotFoundError):
        shanxi.search("改革", lead="省宇宙厅")


def test_lazy_iterators(shanxi: Database) -> None:
    all_hits = shanxi.search("改革", limit=1000)
    it = shanxi.iter_search("改革", page_size=7)
    assert iter(it) is it
    assert [h.key for h in it] == [h.key for h in all_hits]
    assert next(it, None) is None
    with pytest.raises(reformgraph.InvalidInputError):
        shanxi.iter_search("")
    assert [t.key for t in shanxi.iter_tasks(lead="省环保厅")] == [t.key for t in shanxi.tasks(lead="省环保厅")]
    assert sum(1 for _ in shanxi.iter_nodes("task")) == shanxi.count("task")
    assert sum(1 for _ in shanxi.iter_nodes()) == shanxi.count()


def test_an_iterator_keeps_its_snapshot(fresh: Database) -> None:
    it = fresh.iter_nodes("task")
    fresh.record_subtask("shanxi-2013/reform/1", 2014, "制定年度方案", D(2014, 12, 31), actor="张三")
    assert sum(1 for _ in it) == fresh.count("task") - 1


# ---- tracking ----------------------------------------------------------------------------


def test_record_status_and_views(fresh: Database) -> None:
    ev = fresh.record_status(
        "shanxi-2013/reform/10", "in_progress", 40, "已起草",
        actor="张三", org="省环保厅", effective=D(2014, 6, 30),
        evidence=reformgraph.Evidence(document_number="晋政办发〔2014〕12号"),
    )
    assert (ev.subject, ev.change, ev.actor, ev.organization) == ("shanxi-2013/reform/10", "task_status", "张三", "org/省环保厅")
    assert ev.details == {"status": "in_progress", "progress": 40.0, "note": "已起草"}
    # The recording time is the database's clock's (here the system's), not the caller's.
    now_ms = datetime.datetime.now(datetime.timezone.utc).timestamp() * 1000
    assert ev.effective == D(2014, 6, 30) and abs(ev.recorded_at - now_ms) < 60_000
    assert ev.evidence == reformgraph.Evidence(document_number="晋政办发〔2014〕12号")
    assert fresh.history("shanxi-2013/reform/10") == [ev]
    before = fresh.task_view("shanxi-2013/reform/10", as_of=D(2014, 1, 1))
    after = fresh.task_view("shanxi-2013/reform/10", as_of="2014-07-01")
    assert before.status == "not_started" and after.status == "in_progress" and after.progress == 40
    assert after.as_of == D(2014, 7, 1) and after.task.title
    late = fresh.task_view("shanxi-2013/reform/1", as_of=D(2016, 1, 1))
    assert late.overdue and late.lag_class == "red"
    views = fresh.task_views(lead="省环保厅", as_of=D(2014, 7, 1))
    assert len(views) == 12
    dt = fresh.task_view("shanxi-2013/reform/10", as_of=datetime.datetime(2014, 7, 1, 12, 0))
    assert dt.as_of == D(2014, 7, 1)


def test_record_validation_errors(fresh: Database) -> None:
    with pytest.raises(reformgraph.InvalidInputError, match="progress"):
        fresh.record_status("shanxi-2013/reform/10", "in_progress", 140, actor="张三")
    with pytest.raises(reformgraph.InvalidInputError, match="task status"):
        fresh.record_status("shanxi-2013/reform/10", "finished", actor="张三")
    with pytest.raises(reformgraph.InvalidInputError, match="actor"):
        fresh.record_status("shanxi-2013/reform/10", "in_progress", actor=" ")
    with pytest.raises(reformgraph.KeyNotFoundError):
        fresh.record_status("shanxi-2013/reform/999", "in_progress", actor="张三")
    with pytest.raises(reformgraph.KeyNotFoundError):
        fresh.record_status("shanxi-2013/reform/10", "in_progress", actor="张三", org="省宇宙厅")
    with pytest.raises(reformgraph.WrongKindError):
        fresh.record_status("org/省环保厅", "in_progress", actor="张三")
    with pytest.raises(reformgraph.InvalidInputError, match="date"):
        fresh.record_status("shanxi-2013/reform/10", "in_progress", actor="张三", effective=D(1800, 1, 1))
    with pytest.raises(reformgraph.InvalidInputError, match="date"):
        fresh.record_status("shanxi-2013/reform/10", "in_progress", actor="张三", effective="yesterday")
    with pytest.raises(reformgraph.InvalidInputError, match="datetime.date"):
        fresh.record_status("shanxi-2013/reform/10", "in_progress", actor="张三", effective=20140101)  # type: ignore[arg-type]
    with pytest.raises(reformgraph.InvalidInputError, match="unit"):
        fresh.record_observation("城镇化率", "山西省", 2013, 52.6, unit="万吨", actor="统计局")
    with pytest.raises(reformgraph.InvalidInputError, match="negative"):
        fresh.record_observation("城镇化率", "山西省", 2013, -1, actor="统计局")
    with pytest.raises(reformgraph.InvalidInputError, match="year"):
        fresh.record_observation("城镇化率", "山西省", 70000, 1, actor="统计局")
    assert fresh.export_changeset() and json.loads(fresh.export_changeset())["events"] == []


def test_deadline_and_subtask(fresh: Database) -> None:
    fresh.record_deadline("shanxi-2013/reform/1", D(2016, 6, 30), actor="张三", effective=D(2014, 1, 1))
    assert fresh.task_view("shanxi-2013/reform/1", as_of=D(2015, 1, 1)).deadline == D(2016, 6, 30)
    ev = fresh.record_subtask("shanxi-2013/reform/1", 2014, "制定年度方案", D(2014, 12, 31), responsible="省国土厅", actor="张三")
    assert ev.details["responsible"] == "org/省国土厅" and ev.details["deadline"] == D(2014, 12, 31)
    sub = fresh.tasks(role="annual_action")
    assert len(sub) == 1 and sub[0].leads[0].name == "省国土厅"
    # One sub-task, nothing recorded on it yet: none completed, mean progress 0.
    rollup = fresh.task_view("shanxi-2013/reform/1", as_of=D(2014, 6, 1)).sub_tasks
    assert rollup is not None and (rollup.count, rollup.completed, rollup.mean_progress) == (1, 0, 0.0)


def test_projects_and_funnel(fresh: Database) -> None:
    key = "shanxi-2013/project/qinshui-cbm"
    fresh.register_project(key, "沁水煤层气开发", "shanxi-2013/portfolio", 2014, area="晋城市",
                           investment_wan_yuan=50000, responsible="省发改委", actor="李四", effective=D(2014, 3, 1))
    project = fresh[key]
    assert isinstance(project, reformgraph.Project) and project.investment_wan_yuan == 50000
    fresh.record_stage(key, "签约", actor="李四", effective=D(2014, 4, 1))
    fresh.record_stage(key, "landed", actor="李四", effective=D(2014, 5, 1))
    f = fresh.funnel("shanxi-2013/portfolio")
    assert (f.quota, f.total) == (100, 1) and {s.name_zh: s.projects for s in f.stages}["落地"] == 1
    assert {s.stage: s.projects for s in f.stages}["landed"] == 1
    earlier = fresh.funnel("shanxi-2013/portfolio", as_of=D(2014, 4, 15))
    assert {s.name_zh: s.projects for s in earlier.stages}["签约"] == 1
    assert fresh.funnel("shanxi-2013/portfolio", year=2015).total == 0
    with pytest.raises(reformgraph.InvalidTransitionError) as e:
        fresh.record_stage(key, "reserve", actor="李四")
    assert isinstance(e.value, ValueError) and e.value.key == key
    with pytest.raises(reformgraph.InvalidInputError, match="project stage"):
        fresh.record_stage(key, "dreaming", actor="李四")
    with pytest.raises(reformgraph.DuplicateKeyError):
        fresh.register_project(key, "again", "shanxi-2013/portfolio", 2014, actor="李四")
    fresh.adjust_project(key, "沁水煤层气开发二期", "shanxi-2013/portfolio", 2014, actor="李四")
    assert fresh[key].name == "沁水煤层气开发二期"  # type: ignore[union-attr]
    fresh.withdraw_project(key, actor="李四")
    assert fresh.funnel("shanxi-2013/portfolio").withdrawn == 1
    with pytest.raises(reformgraph.WrongKindError):
        fresh.funnel("org/省环保厅")


def test_observations_and_attainment(fresh: Database) -> None:
    for year, v in [(2012, 51.3), (2013, 52.6)]:
        fresh.record_observation("城镇化率", "山西省", year, v, source="统计公报", actor="统计局", effective=D(year + 1, 2, 1))
    obs = fresh.observations("城镇化率")
    assert [(o.year, o.value, o.area) for o in obs] == [(2012, 51.3, "area/山西省"), (2013, 52.6, "area/山西省")]
    # No unit given: the indicator's own (城镇化率 is a percentage), as in the CLI and Kotlin.
    assert [o.unit for o in obs] == ["%", "%"]
    a = fresh.attainment("shanxi-2013/target/城镇化率")
    assert a.attained is False and a.projected is not None and a.latest is not None and a.latest.value == 52.6
    assert a.baseline is not None and a.baseline.year == 2012
    early = fresh.attainment("shanxi-2013/target/城镇化率", as_of=D(2013, 6, 1))
    assert early.latest is not None and early.latest.year == 2012
    rows = fresh.attainments()
    assert any(r.target == "shanxi-2013/target/城镇化率" and r.latest for r in rows)
    with pytest.raises(reformgraph.WrongKindError):
        fresh.attainment("org/省环保厅")


def test_selections(fresh: Database) -> None:
    check = fresh.selections(2014)
    assert len(check.violations) == 22
    option = next(t.key for t in fresh.tasks(role="city_task_option"))
    fresh.record_selection("大同市", option, 2014, actor="王五")
    chosen = {(s.subject, s.rule): s.options for s in fresh.selections(2014).selections}
    assert any(s == "area/大同市" and option in o for (s, _), o in chosen.items())
    fresh.record_selection("大同市", option, 2014, selected=False, actor="王五")
    assert all(
        option not in s.options for s in fresh.selections(2014).selections if s.subject == "area/大同市"
    )
    with pytest.raises(reformgraph.InvalidInputError, match="option"):
        fresh.record_selection("大同市", "shanxi-2013/reform/1", 2014, actor="王五")
    df = fresh.selections(2014).to_pandas()
    assert len(df) == len(fresh.selections(2014).selections) and "violation" in df.columns


def test_selections_without_a_year_use_the_core_report_year(fresh: Database) -> None:
    # The CLI (`report selections`) and Kotlin (`selections()`) answer the same: the as-of
    # year, else this year moved into the plan's 2013–2015 period.
    assert fresh.selections().year == 2015
    assert fresh.selections(as_of=datetime.date(2014, 3, 1)).year == 2014
    assert len(fresh.selections().violations) == 22, "11 cities and 11 counties chose nothing"


def test_rollups(fresh: Database) -> None:
    fresh.record_status("shanxi-2013/reform/10", "completed", 100, actor="张三", effective=D(2014, 6, 30))
    deps = fresh.departments(as_of=D(2014, 7, 1))
    assert deps[0].name == "省发展改革委" and deps[0].tasks == 28
    env = next(d for d in deps if d.name == "省环保厅")
    assert env.by_status.get("completed") == 1 and env.tasks == 12
    cats = fresh.categories(as_of=D(2014, 7, 1))
    assert any(c.category == "生态修复" for c in cats)
    strict = fresh.departments(as_of=D(2014, 7, 1), yellow=0.0, red=1.0)
    assert sum(d.red for d in strict) >= sum(d.red for d in deps)
    # The thresholds' defaults and checks are the core's (LagThresholds::given).
    assert fresh.departments(as_of=D(2014, 7, 1), yellow=10.0, red=25.0) == deps
    with pytest.raises(reformgraph.InvalidInputError, match="thresholds"):
        fresh.departments(yellow=30.0, red=20.0)


def test_overdue_tasks_by_the_organisation_to_chase(fresh: Database) -> None:
    fresh.record_status("shanxi-2013/reform/10", "completed", 100, actor="张三", effective=D(2015, 11, 30))
    late = fresh.overdue(organization="省环保厅", as_of=D(2016, 1, 10))
    # 省环保厅 leads 12 tasks; reform 10 was completed in time. Reform 14 is due in 2014
    # ("2014年在全省范围内实施"), 375 days before 2016-01-10; the rest at the plan's end
    # (2015-12-31), ten days before.
    assert len(late) == 11 and all(t.task != "shanxi-2013/reform/10" for t in late)
    assert (late[0].task, late[0].deadline, late[0].days_late) == ("shanxi-2013/reform/14", D(2014, 12, 31), 375)
    assert all(t.days_late == 10 and t.deadline == D(2015, 12, 31) for t in late[1:])
    assert {t.organization_name for t in late} == {"省环保厅"}
    assert late[0].last_update is None and late[0].days_since_update is None
    frame = late.to_pandas()
    assert list(frame["days_late"][:2]) == [375, 10]
    with pytest.raises(reformgraph.KeyNotFoundError, match="省环保厅"):
        fresh.overdue(organization="环保厅")
    with pytest.raises(reformgraph.KeyNotFoundError):
        fresh.overdue(plan="no-such-plan")


def test_changesets_between_devices() -> None:
    with reformgraph.memory() as phone, reformgraph.memory() as office:
        phone.import_bundled()
        office.import_bundled()
        phone.record_status("shanxi-2013/matter/7", "in_progress", 30, actor="王五")
        cs = phone.export_changeset()
        doc = json.loads(cs)
        assert doc["through"] == 1 and len(doc["events"]) == 1
        assert office.apply_changeset(cs).applied == 1
        assert office.apply_changeset(cs).duplicates == 1
        assert office.task_view("shanxi-2013/matter/7").status == "in_progress"
        assert json.loads(phone.export_changeset(after=1))["events"] == []
        assert json.loads(phone.export_changeset(limit=0))["events"] == []
        with pytest.raises(reformgraph.InvalidInputError, match="changeset"):
            office.apply_changeset("{}")
        with reformgraph.memory() as empty:
            with pytest.raises(reformgraph.KeyNotFoundError):
                empty.apply_changeset(cs)


def test_concurrent_changes_are_reported() -> None:
    with reformgraph.memory() as a, reformgraph.memory() as b:
        a.import_bundled()
        b.import_bundled()
        a.record_status("shanxi-2013/reform/3", "in_progress", 10, actor="甲")
        b.record_status("shanxi-2013/reform/3", "delayed", 5, actor="乙")
        report = b.apply_changeset(a.export_changeset())
        assert report.applied == 1 and len(report.conflicts) == 1
        assert report.conflicts[0].subject == "shanxi-2013/reform/3"


# ---- analyst conventions -----------------------------------------------------------------


def test_to_pandas(shanxi: Database) -> None:
    df = shanxi.tasks().to_pandas()
    assert len(df) == shanxi.count("task")
    row = df.loc["shanxi-2013/matter/90"]
    assert row["leads"] == "省发展改革委、人行太原中心支行" and row["deadline"] == pandas.Timestamp(2015, 12, 31)
    led = shanxi.tasks_led_by("省环保厅").to_pandas()
    assert led.index.name == "key" and set(led.columns) >= {"title", "lead_role", "leads"} and len(led) == 12
    w = shanxi.workload().to_pandas()
    assert w.loc["省发展改革委"].sum() == 28 and list(w.columns) == shanxi.workload().categories
    deps = shanxi.departments().to_pandas()
    assert {"name", "tasks", "red"} <= set(deps.columns)
    hits = shanxi.search("煤层气").to_pandas()
    assert hits.index[0] == "shanxi-2013/reform/5" and "source_line" in hits.columns
    counts = shanxi.lead_counts().to_pandas()
    assert counts.iloc[0]["name"] == "省发展改革委" and counts.iloc[0]["tasks"] == 28
    targets = shanxi.all_targets().to_pandas()
    assert targets.index.name == "key" and {"indicator", "summary"} <= set(targets.columns)
    assert shanxi.funnel("shanxi-2013/portfolio").to_pandas()["projects"].sum() == 0
    # The seed's principles (基本原则) have no lead: an empty result, still a DataFrame.
    assert len(shanxi.tasks(lead="省环保厅", role="principle").to_pandas()) == 0


def test_to_networkx(shanxi: Database) -> None:
    g = shanxi.to_networkx()
    assert g.number_of_nodes() == shanxi.count() and g.number_of_edges() == shanxi.info().edges
    assert g.nodes["org/省环保厅"]["kind"] == "organization"
    assert g.nodes["shanxi-2013/reform/5"]["title"] == "深化煤层气管理体制改革"
    led = [v for _, v, d in g.out_edges("org/省环保厅", data=True) if d["label"] == "leads"]
    assert len(led) == 12


def test_threads_share_one_database(shanxi: Database) -> None:
    errors: list[BaseException] = []
    expected = [t.key for t in shanxi.tasks(lead="省环保厅")]

    def work() -> None:
        try:
            for _ in range(50):
                assert [t.key for t in shanxi.tasks(lead="省环保厅")] == expected
                assert shanxi.search("煤层气")[0].key == "shanxi-2013/reform/5"
                assert shanxi.get("org/省环保厅") is not None
        except BaseException as e:  # noqa: BLE001 - collected for the main thread
            errors.append(e)

    threads = [threading.Thread(target=work) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []


def test_threads_read_while_one_writes(fresh: Database) -> None:
    errors: list[BaseException] = []
    stop = threading.Event()

    def reader() -> None:
        try:
            while not stop.is_set():
                assert len(fresh.tasks(lead="省环保厅")) == 12
        except BaseException as e:  # noqa: BLE001
            errors.append(e)

    readers = [threading.Thread(target=reader) for _ in range(4)]
    for t in readers:
        t.start()
    for n in range(1, 21):
        fresh.record_status(f"shanxi-2013/matter/{n}", "in_progress", n, actor="张三")
    stop.set()
    for t in readers:
        t.join()
    assert errors == []
    assert len(json.loads(fresh.export_changeset())["events"]) == 20
    assert fresh.verify() == []


def test_close_while_other_threads_read(plan_file: Path) -> None:
    db = reformgraph.open(plan_file)
    outcomes: list[str] = []

    def reader() -> None:
        for _ in range(200):
            try:
                db.tasks(lead="省环保厅")
            except reformgraph.DatabaseClosedError:
                outcomes.append("closed")
                return
        outcomes.append("done")

    threads = [threading.Thread(target=reader) for _ in range(4)]
    for t in threads:
        t.start()
    db.close()
    for t in threads:
        t.join()
    assert len(outcomes) == 4
    reformgraph.open(plan_file).close()  # the lock was released


def test_extension_docstring_examples() -> None:
    import doctest

    from reformgraph import _reformgraph

    result = doctest.testmod(_reformgraph, verbose=False)
    assert result.attempted >= 2 and result.failed == 0
