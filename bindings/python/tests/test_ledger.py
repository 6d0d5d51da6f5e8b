"""The 台账 from a notebook: exported, filled in as an office does (openpyxl, the library
offices' scripts use), read back as a diff, recorded once."""

from datetime import date as D
from pathlib import Path

import openpyxl
import pytest

import reformgraph
from reformgraph import Database


def _edit(path: Path, edits: dict[tuple[str, str], object]) -> None:
    """Types into the task sheet's cells: (task key, column header) → value."""
    book = openpyxl.load_workbook(path)
    sheet = book["任务台账"]
    header = [c.value for c in sheet[3]]  # title, 截至 line, then the header
    key_col = header.index("任务键")
    for row in sheet.iter_rows(min_row=4):
        for (key, column), value in edits.items():
            if row[key_col].value == key:
                row[header.index(column)].value = value
    book.save(path)


def test_a_ledger_edited_with_openpyxl_records_exactly_the_edited_rows(fresh: Database, tmp_path: Path) -> None:
    path = tmp_path / "省环保厅.xlsx"
    fresh.export_xlsx(path, organization="省环保厅", as_of=D(2014, 9, 1))
    unchanged = fresh.diff_ledger(path)
    # 省环保厅 leads 12 tasks of the plan (牵头部门：省环保厅).
    assert (unchanged.changes, unchanged.unchanged, unchanged.as_of) == ([], 12, D(2014, 9, 1))

    _edit(
        path,
        {
            ("shanxi-2013/reform/13", "进展情况"): "已出台生态修复投融资办法",
            ("shanxi-2013/reform/13", "状态"): "推进中",
            ("shanxi-2013/reform/13", "进度(%)"): 30,
            ("shanxi-2013/reform/16", "状态"): "已完成",
        },
    )
    diff = fresh.diff_ledger(path)
    assert [c.task for c in diff.changes] == ["shanxi-2013/reform/13", "shanxi-2013/reform/16"]
    first = diff.changes[0]
    assert (first.status_before, first.status_after, first.progress_after) == ("not_started", "in_progress", 30.0)
    assert first.note_after == "已出台生态修复投融资办法" and diff.problems == []
    assert fresh.history("shanxi-2013/reform/13") == [], "a diff records nothing"

    done = fresh.apply_ledger(path, "王科长", organization="省环保厅", effective=D(2014, 9, 30))
    assert len(done.events) == 2 and done.diff == diff
    view = fresh.task_view("shanxi-2013/reform/13")
    assert (view.status, view.progress, view.note) == ("in_progress", 30.0, "已出台生态修复投融资办法")
    [event] = fresh.history("shanxi-2013/reform/13")
    assert event.evidence is not None and event.evidence.link == "省环保厅.xlsx"
    again = fresh.apply_ledger(path, "王科长", organization="省环保厅", effective=D(2014, 10, 15))
    assert again.events == [] and again.diff.unchanged == 12


def test_rows_that_name_no_task_are_reported_not_guessed(fresh: Database, tmp_path: Path) -> None:
    path = tmp_path / "自制表.csv"
    path.write_text("序号,重点任务,完成情况\n1,构建生态环境保护修复多元投入机制,已完成\n2,推进排污权交易,进行中\n", encoding="utf-8")
    diff = fresh.diff_ledger(path)
    assert diff.changes == []
    assert [(p.row, p.kind) for p in diff.problems] == [(2, "several_matches"), (3, "no_match")]
    # Reform 13 and the tenth city task option (十是构建生态环境保护修复多元投入机制).
    assert diff.problems[0].candidates == ["shanxi-2013/reform/13", "shanxi-2013/city-option/10"]
    with pytest.raises(reformgraph.PlanImportError, match="ledger header"):
        (tmp_path / "x.csv").write_text("a,b\n1,2\n", encoding="utf-8")
        fresh.diff_ledger(tmp_path / "x.csv")


def test_assessment_scores_and_ranks_every_group(fresh: Database) -> None:
    fresh.record_selection("孝义市", "shanxi-2013/county-area/1", 2014, actor="孝义市改革办", effective=D(2014, 3, 1))
    fresh.record_status("shanxi-2013/reform/11", "completed", actor="张三", effective=D(2014, 7, 1))
    a = fresh.assessment(year=2014)
    assert (a.year, a.as_of, a.completion_weight) == (2014, D(2014, 12, 31), 40.0)
    groups = [u.group for u in a.units]
    # 11 cities, 11 pilot counties, 12 pilot enterprises (六、（二）（四）).
    assert (groups.count("city"), groups.count("pilot_county"), groups.count("pilot_enterprise")) == (11, 11, 12)
    frame = a.to_pandas()
    # One of the two selections a county must make: half; 省环保厅 finished 1 of its 12.
    assert frame.loc["area/孝义市", "score"] == 50.0 and frame.loc["area/孝义市", "rank"] == 1
    assert abs(frame.loc["org/省环保厅", "score"] - 100 / 12) < 1e-9
    assert str(frame["rank"].dtype) == "Int64"
    only_time = fresh.assessment(year=2014, completion=0, targets=0, selections=0)
    assert abs(next(u for u in only_time.units if u.key == "org/省环保厅").score - 100 / 12) < 1e-9
    with pytest.raises(reformgraph.InvalidInputError, match="weights"):
        fresh.assessment(completion=-1)


def test_charts_graphml_and_csv_from_a_notebook(shanxi: Database, tmp_path: Path) -> None:
    shanxi.export_svg(tmp_path / "d.svg", "departments")
    svg = (tmp_path / "d.svg").read_text(encoding="utf-8")
    # Status by department (stacked 红黄绿), not the workload chart.
    assert svg.startswith("<svg") and "by status" in svg and "省发展改革委" in svg
    with pytest.raises(reformgraph.InvalidInputError, match="no chart"):
        shanxi.export_svg(tmp_path / "x.svg", "co-leads")
    shanxi.export_graphml(tmp_path / "plan.graphml")
    assert "org/省环保厅" in (tmp_path / "plan.graphml").read_text(encoding="utf-8")
    files = list(shanxi.export_csv(tmp_path / "csv", bom=True))
    assert any(f.endswith("nodes_task.csv") for f in files)
    assert (tmp_path / "csv" / "nodes_task.csv").read_bytes().startswith("\ufeff".encode())


def test_frames_have_real_dtypes_and_are_indexed_by_key(fresh: Database) -> None:
    fresh.record_status("shanxi-2013/reform/10", "in_progress", 40, actor="张三", effective=D(2014, 6, 30))
    tasks = fresh.tasks(lead="省环保厅").to_pandas()
    assert tasks.index.name == "key" and "key" not in tasks.columns
    assert str(tasks["deadline"].dtype).startswith("datetime64")
    # The printed number and an integer beside it: 10 sorts after 2.
    assert str(tasks["ordinal"].dtype) == "int64"
    assert tasks.loc["shanxi-2013/reform/10", "ordinal"] == 10
    deps = fresh.departments().to_pandas()
    # A status no task of a department has is a count of 0, not NaN.
    assert str(deps["by_status_in_progress"].dtype) == "int64"
    assert deps.loc["org/省发展改革委", "by_status_in_progress"] == 0
    late = fresh.overdue(as_of=D(2016, 1, 10)).to_pandas()
    assert "task" in late.columns and str(late["days_since_update"].dtype) == "Int64"
    history = fresh.history("shanxi-2013/reform/10").to_pandas()
    assert str(history["recorded_at"].dtype).startswith("datetime64") and "UTC" in str(history["recorded_at"].dtype)
    attainments = fresh.attainments().to_pandas()
    assert "target" in attainments.columns and attainments.columns.is_unique
    assert "<table" in fresh.tasks(lead="省环保厅")._repr_html_()


def test_connect_creates_a_missing_file_and_waits_for_a_busy_writer(tmp_path: Path) -> None:
    import threading

    path = tmp_path / "shared.redb"
    first = reformgraph.connect(path)
    assert path.exists() and first.count() == 0
    with pytest.raises(reformgraph.AlreadyOpenError):
        reformgraph.connect(path, timeout=0.1)
    # The writer closes a moment later: a connect that waits gets the file.
    closer = threading.Timer(0.2, first.close)
    closer.start()
    with reformgraph.connect(path, timeout=30) as second:
        assert second.count() == 0
    closer.join()
    with pytest.raises(reformgraph.StoreIOError):
        reformgraph.open(tmp_path / "missing.redb")
