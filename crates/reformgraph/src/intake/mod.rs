//! What comes back from the offices: a 台账 (task ledger) filled in and returned.
//!
//! Offices keep the ledger in Excel and send it back: this project's own export
//! ([`crate::export::ledger_xlsx`]) or a sheet of their own whose header row names the usual
//! columns (序号 / 任务 / 牵头单位 / 进展情况 / 完成情况 / 状态 / 进度 / 完成时限). Reading it
//! is three steps, so a person can look before anything is recorded:
//!
//! 1. [`read_ledger`] reads the cells (no store involved);
//! 2. [`diff_ledger`] matches each row to its task — by the hidden 任务键 column, else by
//!    title (and 编号 when the sheet has one) — and compares what the office wrote with the
//!    task's state on the ledger's 截至 date; rows that match no task or several, that
//!    cannot be read, or whose task was updated after that date are reported, never guessed;
//! 3. [`apply_ledger`] records each changed row as one task-status event, with the file as
//!    its evidence, through the same door as every other event ([`crate::track::record_all`]:
//!    validation, signature and access checks; all rows or none).
//!
//! An unchanged ledger records nothing, and so does a ledger applied a second time.

mod columns;
mod diff;
mod sheet;

use std::path::Path;

use serde::Serialize;
use sha2::{Digest, Sha256};

pub use sheet::SheetFormat;

use crate::error::{Error, Result};
use crate::model::{Change, Date, Event, Evidence, TaskStatus};
use crate::store::{GraphRead, Store};
use crate::track::{self, EventInput, RecordedBy};

/// A returned ledger's rows, as read from the file.
#[derive(Debug, Clone, PartialEq)]
pub struct ReturnedLedger {
    /// The file's name (its evidence in the events recorded from it).
    pub source: String,
    /// SHA-256 of the file's bytes, hex.
    pub digest: String,
    /// The 截至 date written above the header, if any: the date the ledger was exported
    /// for, whose state the office's entries are compared with.
    pub as_of: Option<Date>,
    /// The rows below the header of every sheet that has a ledger header, in order.
    pub rows: Vec<ReturnedRow>,
}

/// One row of a returned ledger: the cells of the columns reformgraph reads, trimmed,
/// `None` when blank.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ReturnedRow {
    /// The sheet's name.
    pub sheet: String,
    /// The row's number as a spreadsheet shows it (from 1).
    pub row: u32,
    /// 任务键: the task's key (this project's export writes it in a hidden column).
    pub key: Option<String>,
    /// 编号: the task's number in the plan.
    pub number: Option<String>,
    /// 任务: the task's title.
    pub title: Option<String>,
    /// 牵头单位.
    pub leads: Option<String>,
    /// 状态.
    pub status: Option<String>,
    /// 进度 (%).
    pub progress: Option<String>,
    /// 进展情况: what was done.
    pub report: Option<String>,
    /// 完成情况: a status word (已完成) or, in a sheet without 进展情况, what was done.
    pub completion: Option<String>,
    /// 完成时限, as the cell shows it (a date cell as `YYYY-MM-DD`).
    pub deadline: Option<String>,
}

/// What a returned ledger changes, row by row, and what it cannot.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct LedgerDiff {
    /// The file's name.
    pub source: String,
    /// The date whose state the rows were compared with (the ledger's 截至 date, else today).
    pub as_of: Date,
    /// The rows that change their task, in the file's order.
    pub changes: Vec<RowChange>,
    /// The rows that cannot be applied, and why.
    pub problems: Vec<RowProblem>,
    /// How many rows match their task's state already.
    pub unchanged: u32,
    /// How many rows name a task but report nothing (status, progress and notes blank).
    pub blank: u32,
}

/// A row that changes its task: before and after.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RowChange {
    /// The sheet.
    pub sheet: String,
    /// The row's number.
    pub row: u32,
    /// The task's key.
    pub task: String,
    /// The task's title.
    pub title: String,
    /// Status on the ledger's date.
    pub status_before: TaskStatus,
    /// Status the row reports (the same when it reports none).
    pub status_after: TaskStatus,
    /// Progress on the ledger's date, %.
    pub progress_before: f64,
    /// The progress the row reports, when it differs.
    pub progress_after: Option<f64>,
    /// The note on the ledger's date.
    pub note_before: Option<String>,
    /// The note the row reports, when it differs.
    pub note_after: Option<String>,
}

impl RowChange {
    /// The event that records the row: a status update carrying only what changed.
    pub fn change(&self) -> Change {
        Change::TaskStatus {
            status: self.status_after,
            progress: self.progress_after,
            note: self.note_after.clone(),
        }
    }
}

/// Why a row cannot be applied.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum RowProblemKind {
    /// No task has the row's key, or its title (and number).
    NoMatch,
    /// Several tasks have the row's title: [`RowProblem::candidates`] lists them.
    SeveralMatches,
    /// An earlier row reports the same task.
    Repeated,
    /// A status or progress cell says something that is not one.
    Unreadable,
    /// The task was updated after the ledger's date: what the office saw is no longer
    /// its state, so its entry would overwrite a later one.
    UpdatedSince,
    /// The row's 完成时限 is another date than the task's: a deadline is changed by its own
    /// decision (`record deadline`), never read from a ledger. The row's other entries are
    /// still applied.
    DeadlineNotImported,
}

impl RowProblemKind {
    /// Snake-case name.
    pub fn name(self) -> &'static str {
        match self {
            RowProblemKind::NoMatch => "no_match",
            RowProblemKind::SeveralMatches => "several_matches",
            RowProblemKind::Repeated => "repeated",
            RowProblemKind::Unreadable => "unreadable",
            RowProblemKind::UpdatedSince => "updated_since",
            RowProblemKind::DeadlineNotImported => "deadline_not_imported",
        }
    }
}

/// A row that cannot be applied.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RowProblem {
    /// The sheet.
    pub sheet: String,
    /// The row's number.
    pub row: u32,
    /// The row's title, if any.
    pub title: Option<String>,
    /// Why.
    pub kind: RowProblemKind,
    /// The tasks it could be, for [`RowProblemKind::SeveralMatches`].
    pub candidates: Vec<String>,
    /// What is wrong and what to do, in English.
    pub message: String,
}

/// A ledger applied: what it changed and the events recorded.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct LedgerImport {
    /// The changes (and the rows that could not be applied).
    pub diff: LedgerDiff,
    /// The events recorded, one per change, in the same order.
    pub events: Vec<Event>,
}

/// Reads a returned ledger from bytes.
///
/// # Errors
/// [`Error::Import`] when the bytes are not a readable workbook or CSV text, or when no
/// sheet has a header row naming a task column (任务 or 任务键) and another usual column.
///
/// ```
/// use reformgraph::intake::{self, SheetFormat};
/// let csv = "序号,任务,进展情况,状态\n1,推进排污权交易,已出台办法,推进中\n";
/// let ledger = intake::read_ledger(csv.as_bytes(), SheetFormat::Csv, "省环保厅.csv")?;
/// assert_eq!(ledger.rows[0].title.as_deref(), Some("推进排污权交易"));
/// assert_eq!(ledger.rows[0].row, 2);
/// # Ok::<(), reformgraph::Error>(())
/// ```
pub fn read_ledger(bytes: &[u8], format: SheetFormat, source: &str) -> Result<ReturnedLedger> {
    let grids = match format {
        SheetFormat::Workbook => sheet::workbook_grids(bytes)?,
        SheetFormat::Csv => vec![sheet::csv_grid(bytes, source)?],
    };
    let mut as_of = None;
    let mut rows = Vec::new();
    let mut found = false;
    for grid in &grids {
        if let Some((date, sheet_rows)) = columns::ledger_rows(grid) {
            found = true;
            as_of = as_of.or(date);
            rows.extend(sheet_rows);
        }
    }
    if !found {
        return Err(Error::Import {
            line: None,
            reason: format!(
                "{source} has no ledger header: one of its first rows must name the task column (任务 or 任务键) and another usual one (进展情况, 状态, 进度, 牵头单位 …)"
            ),
        });
    }
    let digest: String = Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    Ok(ReturnedLedger {
        source: source.to_owned(),
        digest,
        as_of,
        rows,
    })
}

/// Reads a returned ledger from a file, its format from its extension.
///
/// # Errors
/// [`Error::Io`] if the file cannot be read; as [`SheetFormat::from_file_name`] and
/// [`read_ledger`].
pub fn read_ledger_file(path: &Path) -> Result<ReturnedLedger> {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| path.display().to_string());
    let format = SheetFormat::from_file_name(&name)?;
    let bytes = std::fs::read(path).map_err(|e| Error::Io {
        path: path.to_path_buf(),
        source: e,
    })?;
    read_ledger(&bytes, format, &name)
}

/// What a returned ledger would change, without recording anything (a dry run).
///
/// # Errors
/// [`Error::KeyNotFound`] / [`Error::NameNotFound`] for an unknown `plan`; storage errors.
/// Rows that cannot be applied are not errors: they are in [`LedgerDiff::problems`].
pub fn diff_ledger<R: GraphRead + ?Sized>(
    r: &R,
    ledger: &ReturnedLedger,
    plan: Option<&str>,
) -> Result<LedgerDiff> {
    diff::diff(r, ledger, plan)
}

/// Records the changes of a returned ledger: one status event per changed row, by `by`,
/// each with the file (its name, the row and the file's SHA-256) as evidence beside any
/// document `by` names. All of them or none.
///
/// # Errors
/// As [`diff_ledger`]; as [`track::record_all`] for the first event refused (access,
/// signature, dates), and then nothing is recorded.
///
/// ```
/// use reformgraph::{Store, TaskStatus, import::bundled, intake::{self, SheetFormat}, track::RecordedBy};
/// let store = Store::in_memory()?;
/// bundled::import_shanxi_2013(&store)?;
/// let csv = "任务键,状态,进度,进展情况\nshanxi-2013/reform/10,推进中,40,资金未到位\n";
/// let ledger = intake::read_ledger(csv.as_bytes(), SheetFormat::Csv, "returned.csv")?;
/// let mut by = RecordedBy::person("张三", Some("省环保厅".into()));
/// by.effective = Some("2014-06-30".parse()?);
/// let done = intake::apply_ledger(&store, &ledger, None, by.clone())?;
/// assert_eq!(done.events.len(), 1);
/// assert_eq!(done.diff.changes[0].status_after, TaskStatus::InProgress);
/// // The same ledger again changes nothing.
/// assert!(intake::apply_ledger(&store, &ledger, None, by)?.events.is_empty());
/// # Ok::<(), reformgraph::Error>(())
/// ```
pub fn apply_ledger(
    store: &Store,
    ledger: &ReturnedLedger,
    plan: Option<&str>,
    by: RecordedBy,
) -> Result<LedgerImport> {
    let diff = diff_ledger(&store.read()?, ledger, plan)?;
    let short = ledger.digest.get(..16).unwrap_or(&ledger.digest);
    let inputs = diff.changes.iter().map(|c| {
        let mut row_by = by.clone();
        let named = by.evidence.clone().unwrap_or_default();
        row_by.evidence = Some(Evidence {
            document_number: named.document_number,
            link: named.link.or_else(|| Some(ledger.source.clone())),
            note: Some(match named.note {
                Some(n) => format!("{n}；台账 {} 第{}行（sha256 {short}）", c.sheet, c.row),
                None => format!("台账 {} 第{}行（sha256 {short}）", c.sheet, c.row),
            }),
        });
        EventInput::recorded_by(c.task.clone(), c.change(), row_by)
    });
    let events = track::record_all(store, inputs.collect::<Vec<_>>())?;
    Ok(LedgerImport { diff, events })
}
