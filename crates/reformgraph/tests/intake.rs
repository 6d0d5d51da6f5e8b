//! The ledger comes back (issue 17, item 8): a 台账 exported, filled in by an office and
//! returned is read, matched row by row to its tasks, shown as a diff and recorded — exactly
//! the edited rows, with the file as evidence; rows that match no task or several are
//! reported, never guessed; an unchanged ledger, or one applied twice, records nothing.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

#[path = "support/stores.rs"]
mod stores;

use std::io::Cursor;

use calamine::{Data, Reader};
use reformgraph::export::{self, LedgerOptions};
use reformgraph::import::bundled;
use reformgraph::intake::{self, RowProblemKind, SheetFormat};
use reformgraph::track::{self, EventInput, RecordedBy};
use reformgraph::*;
use rust_xlsxwriter::Workbook;

fn d(s: &str) -> Date {
    s.parse().unwrap()
}

/// The bundled plan, reform 10 in progress with a note on its document (2014-06-30).
fn store() -> Store {
    let store = Store::in_memory().unwrap();
    bundled::import_shanxi_2013(&store).unwrap();
    stores::reform_10_in_progress(&store);
    store
}

/// 省环保厅's ledger as of 2014-09-01.
fn exported(store: &Store) -> Vec<u8> {
    let opts = LedgerOptions {
        organization: Some("省环保厅".into()),
        as_of: Some(d("2014-09-01")),
        ..LedgerOptions::default()
    };
    export::ledger_xlsx(&store.read().unwrap(), &opts).unwrap()
}

fn by(effective: &str) -> RecordedBy {
    let mut by = RecordedBy::person("王科长", Some("省环保厅".into()));
    by.effective = Some(d(effective));
    by
}

/// What an office does in Excel: open the ledger, type into some cells of the task sheet,
/// save. The cells are read with calamine and written back with rust_xlsxwriter (values
/// only, as a re-saved sheet has them), `edits` replacing (task key, column header, text).
fn edited(bytes: &[u8], edits: &[(&str, &str, &str)]) -> Vec<u8> {
    let mut book: calamine::Xlsx<_> = calamine::open_workbook_from_rs(Cursor::new(bytes)).unwrap();
    let range = book.worksheet_range("任务台账").unwrap();
    let rows: Vec<Vec<String>> = range
        .rows()
        .map(|r| {
            r.iter()
                .map(|c| {
                    if *c == Data::Empty {
                        String::new()
                    } else {
                        c.to_string()
                    }
                })
                .collect()
        })
        .collect();
    let header = &rows[2];
    let col = |name: &str| header.iter().position(|h| h == name).unwrap();
    let key_col = col("任务键");
    let mut out = Workbook::new();
    let ws = out.add_worksheet();
    ws.set_name("任务台账").unwrap();
    for (r, row) in rows.iter().enumerate() {
        for (c, cell) in row.iter().enumerate() {
            let edit = edits.iter().find(|(key, column, _)| {
                row.get(key_col) == Some(&(*key).to_owned()) && col(column) == c
            });
            let text = edit.map_or(cell.as_str(), |(_, _, t)| *t);
            let (r, c) = (u32::try_from(r).unwrap(), u16::try_from(c).unwrap());
            match text.parse::<f64>() {
                Ok(n) => ws.write_number(r, c, n),
                Err(_) => ws.write_string(r, c, text),
            }
            .unwrap();
        }
    }
    out.save_to_buffer().unwrap()
}

#[test]
fn an_unchanged_ledger_changes_nothing() {
    let store = store();
    let ledger =
        intake::read_ledger(&exported(&store), SheetFormat::Workbook, "省环保厅.xlsx").unwrap();
    assert_eq!(ledger.as_of, Some(d("2014-09-01")), "the 截至 line is read");
    let diff = intake::diff_ledger(&store.read().unwrap(), &ledger, None).unwrap();
    // 省环保厅 leads 12 tasks (牵头部门：省环保厅, first or sole).
    assert_eq!(
        (diff.changes.len(), diff.unchanged, diff.problems.len()),
        (0, 12, 0)
    );
    let done = intake::apply_ledger(&store, &ledger, None, by("2014-09-30")).unwrap();
    assert!(done.events.is_empty());
}

#[test]
fn an_edited_ledger_records_exactly_the_edited_rows_with_the_file_as_evidence() {
    let store = store();
    let returned = edited(
        &exported(&store),
        &[
            (
                "shanxi-2013/reform/13",
                "进展情况",
                "已出台生态修复投融资办法",
            ),
            ("shanxi-2013/reform/13", "状态", "推进中"),
            ("shanxi-2013/reform/13", "进度(%)", "30"),
            ("shanxi-2013/reform/16", "状态", "已完成"),
            // The evidence the export appended stays; the note before it is new.
            (
                "shanxi-2013/reform/10",
                "进展情况",
                "资金已到位（依据：晋政办发〔2014〕12号）",
            ),
        ],
    );
    let ledger =
        intake::read_ledger(&returned, SheetFormat::Workbook, "省环保厅-9月.xlsx").unwrap();
    let diff = intake::diff_ledger(&store.read().unwrap(), &ledger, None).unwrap();
    let changed: Vec<&str> = diff.changes.iter().map(|c| c.task.as_str()).collect();
    assert_eq!(
        changed,
        [
            "shanxi-2013/reform/10",
            "shanxi-2013/reform/13",
            "shanxi-2013/reform/16"
        ]
    );
    assert_eq!((diff.unchanged, diff.problems.len()), (9, 0));
    let r10 = &diff.changes[0];
    assert_eq!(
        (
            r10.status_after,
            r10.progress_after,
            r10.note_before.as_deref(),
            r10.note_after.as_deref()
        ),
        (
            TaskStatus::InProgress,
            None,
            Some("资金未到位"),
            Some("资金已到位")
        )
    );
    let r13 = &diff.changes[1];
    assert_eq!(
        (r13.status_before, r13.status_after, r13.progress_after),
        (TaskStatus::NotStarted, TaskStatus::InProgress, Some(30.0))
    );

    // The dry run wrote nothing.
    assert!(
        track::history(&store.read().unwrap(), "shanxi-2013/reform/13")
            .unwrap()
            .is_empty()
    );
    let done = intake::apply_ledger(&store, &ledger, None, by("2014-09-30")).unwrap();
    assert_eq!(done.events.len(), 3);
    let snap = store.read().unwrap();
    let view = track::task_view(
        &snap,
        "shanxi-2013/reform/13",
        None,
        track::LagThresholds::default(),
    )
    .unwrap();
    assert_eq!(
        (view.status, view.progress, view.note.as_deref()),
        (
            TaskStatus::InProgress,
            30.0,
            Some("已出台生态修复投融资办法")
        )
    );
    let done16 = track::task_view(
        &snap,
        "shanxi-2013/reform/16",
        None,
        track::LagThresholds::default(),
    )
    .unwrap();
    assert_eq!(
        (done16.status, done16.progress),
        (TaskStatus::Completed, 100.0)
    );
    let event = track::history(&snap, "shanxi-2013/reform/13")
        .unwrap()
        .pop()
        .unwrap();
    let evidence = event.evidence.unwrap();
    assert_eq!(evidence.link.as_deref(), Some("省环保厅-9月.xlsx"));
    let row = diff.changes[1].row;
    assert!(evidence.note.unwrap().contains(&format!("第{row}行")));
    assert_eq!(
        (event.effective, event.actor.organization.as_deref()),
        (d("2014-09-30"), Some("org/省环保厅"))
    );
    drop(snap);

    // The same file again: its rows are now the tasks' state, so nothing is recorded.
    let again = intake::apply_ledger(&store, &ledger, None, by("2014-10-15")).unwrap();
    assert!(again.events.is_empty());
    assert_eq!(again.diff.unchanged, 12);
}

#[test]
fn a_row_whose_task_moved_on_after_the_ledgers_date_is_not_overwritten() {
    let store = store();
    let bytes = exported(&store);
    track::record(
        &store,
        EventInput::task_status(
            "shanxi-2013/reform/12",
            TaskStatus::InProgress,
            Some(50.0),
            "李四",
        )
        .effective(d("2014-10-01")),
    )
    .unwrap();
    let returned = edited(&bytes, &[("shanxi-2013/reform/12", "进度(%)", "20")]);
    let ledger = intake::read_ledger(&returned, SheetFormat::Workbook, "late.xlsx").unwrap();
    let diff = intake::diff_ledger(&store.read().unwrap(), &ledger, None).unwrap();
    assert!(diff.changes.is_empty());
    assert_eq!(diff.problems.len(), 1);
    assert_eq!(diff.problems[0].kind, RowProblemKind::UpdatedSince);
    assert!(diff.problems[0].message.contains("2014-10-01"));
}

/// An office's own sheet, saved as CSV by Excel on a Chinese desktop (GB18030): no keys,
/// a 编号 column, 完成情况 instead of 状态, a 进度 column.
#[test]
fn an_offices_own_csv_matches_by_title_and_number_and_reports_what_it_cannot() {
    let store = store();
    let text = "序号,编号,重点任务,牵头单位,完成情况,进度,完成时限\n\
        1,13,构建生态环境保护修复多元投入机制,省环保厅,已完成,100%,2015年底\n\
        2,,构建生态环境保护修复多元投入机制,,正在推进,,\n\
        3,,推进排污权交易,省环保厅,进行中,,\n\
        4,16,推进排污权有偿使用和市场化改革,省环保厅,已制定排污权交易管理办法,,\n\
        5,13,构建生态环境保护修复多元投入机制,,已完成,,\n\
        6,21,深化户籍制度改革,省公安厅,,,\n\
        7,14,实施主要污染物总量管理制度改革,省环保厅,,六成,\n";
    let (gbk, _, unmappable) = encoding_rs::GB18030.encode(text);
    assert!(!unmappable);
    let ledger = intake::read_ledger(&gbk, SheetFormat::Csv, "环保厅自制表.csv").unwrap();
    let diff = intake::diff_ledger(&store.read().unwrap(), &ledger, Some("shanxi-2013")).unwrap();

    let changes: Vec<(u32, &str)> = diff
        .changes
        .iter()
        .map(|c| (c.row, c.task.as_str()))
        .collect();
    assert_eq!(
        changes,
        [(2, "shanxi-2013/reform/13"), (5, "shanxi-2013/reform/16")]
    );
    assert_eq!(
        (diff.changes[0].status_after, diff.changes[0].progress_after),
        (TaskStatus::Completed, Some(100.0))
    );
    // 完成情况 that is no status word is what was done, in a sheet without 进展情况.
    assert_eq!(
        (
            diff.changes[1].status_after,
            diff.changes[1].note_after.as_deref()
        ),
        (TaskStatus::NotStarted, Some("已制定排污权交易管理办法"))
    );
    let problems: Vec<(u32, RowProblemKind)> =
        diff.problems.iter().map(|p| (p.row, p.kind)).collect();
    assert_eq!(
        problems,
        [
            (3, RowProblemKind::SeveralMatches),
            (4, RowProblemKind::NoMatch),
            (6, RowProblemKind::Repeated),
            (8, RowProblemKind::Unreadable),
        ]
    );
    // 构建生态环境保护修复多元投入机制 is reform 13 and the tenth city task option (十是…).
    assert_eq!(
        diff.problems[0].candidates,
        ["shanxi-2013/reform/13", "shanxi-2013/city-option/10"]
    );
    assert_eq!(diff.blank, 1, "row 7 reports nothing");
}

#[test]
fn a_refused_row_records_none_of_the_ledger() {
    let store = store();
    track::set_access_enforced(&store, true).unwrap();
    // 省环保厅 may record its own tasks; reform 21 is 省公安厅's.
    let csv = "任务键,状态\nshanxi-2013/reform/13,推进中\nshanxi-2013/reform/21,推进中\n";
    let ledger = intake::read_ledger(csv.as_bytes(), SheetFormat::Csv, "x.csv").unwrap();
    let err = intake::apply_ledger(&store, &ledger, None, by("2014-09-30")).unwrap_err();
    assert!(matches!(err, Error::AccessDenied { .. }), "{err}");
    assert!(
        track::history(&store.read().unwrap(), "shanxi-2013/reform/13")
            .unwrap()
            .is_empty()
    );
}

#[test]
fn a_file_without_a_ledger_header_is_an_error_that_says_what_is_missing() {
    let err = intake::read_ledger("a,b\n1,2\n".as_bytes(), SheetFormat::Csv, "x.csv").unwrap_err();
    assert!(err.to_string().contains("任务"), "{err}");
    let err = intake::read_ledger(b"not a workbook", SheetFormat::Workbook, "x.xlsx").unwrap_err();
    assert!(matches!(err, Error::Import { .. }));
}

/// An office that moves a deadline in its sheet is told that a deadline is not changed by a
/// ledger (it needs its own decision: `record deadline`); the row's progress still counts.
#[test]
fn a_deadline_moved_in_the_sheet_is_reported_not_recorded() {
    let store = store();
    // Reform 13's deadline is the plan's end (2013—2015年): 2015-12-31.
    let csv = "任务键,状态,完成时限\nshanxi-2013/reform/13,推进中,2016年6月30日\nshanxi-2013/reform/12,,2015-12-31\n";
    let ledger = intake::read_ledger(csv.as_bytes(), SheetFormat::Csv, "x.csv").unwrap();
    let diff = intake::diff_ledger(&store.read().unwrap(), &ledger, None).unwrap();
    assert_eq!(diff.problems.len(), 1, "{:?}", diff.problems);
    assert_eq!(diff.problems[0].kind, RowProblemKind::DeadlineNotImported);
    assert!(
        diff.problems[0].message.contains("2016-06-30")
            && diff.problems[0].message.contains("2015-12-31")
    );
    let changed: Vec<&str> = diff.changes.iter().map(|c| c.task.as_str()).collect();
    assert_eq!(changed, ["shanxi-2013/reform/13"]);
    assert_eq!(
        diff.unchanged, 1,
        "reform 12's row repeats its deadline and nothing else"
    );
    let done = intake::apply_ledger(&store, &ledger, None, by("2014-09-30")).unwrap();
    assert_eq!(done.events.len(), 1);
    let view = track::task_view(
        &store.read().unwrap(),
        "shanxi-2013/reform/13",
        None,
        track::LagThresholds::default(),
    )
    .unwrap();
    assert_eq!(view.deadline, Some(d("2015-12-31")));
}

#[test]
fn an_exported_ledger_reads_its_date_cells_as_dates() {
    let store = store();
    let ledger = intake::read_ledger(&exported(&store), SheetFormat::Workbook, "x.xlsx").unwrap();
    let row = ledger
        .rows
        .iter()
        .find(|r| r.key.as_deref() == Some("shanxi-2013/reform/14"))
        .unwrap();
    // "2014年在全省范围内实施": reform 14 is due at the end of 2014.
    assert_eq!(row.deadline.as_deref(), Some("2014-12-31"));
}
