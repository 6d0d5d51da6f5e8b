//! Comparing a returned ledger with the file: each row matched to its task (by key, else by
//! title and number; never guessed), what the office filled in read as a status, a
//! progress and a note, and compared with the task's state on the ledger's 截至 date.

use std::collections::{BTreeMap, HashMap};

use super::{LedgerDiff, ReturnedLedger, ReturnedRow, RowChange, RowProblem, RowProblemKind};
use crate::error::Result;
use crate::model::{NodeKind, TaskStatus};
use crate::query::{self, TaskFilter, TaskSummary};
use crate::store::GraphRead;
use crate::track::{self, LagThresholds, TaskView};

/// The words offices write for each status, beside [`TaskStatus::name_zh`] and
/// [`TaskStatus::name`].
const STATUS_WORDS: &[(TaskStatus, &[&str])] = &[
    (TaskStatus::NotStarted, &["未开始", "尚未启动", "未开展"]),
    (
        TaskStatus::InProgress,
        &[
            "进行中",
            "正在推进",
            "正在实施",
            "实施中",
            "推进",
            "序时推进",
            "按序时推进",
            "有序推进",
            "持续推进",
            "已启动",
            "正在进行",
        ],
    ),
    (TaskStatus::Completed, &["完成", "已办结", "办结", "已落实"]),
    (
        TaskStatus::Delayed,
        &[
            "进度滞后",
            "延期",
            "逾期",
            "未按期完成",
            "滞后推进",
            "未完成",
        ],
    ),
    (TaskStatus::Suspended, &["暂缓", "已暂停"]),
    (TaskStatus::Cancelled, &["已取消", "撤销"]),
];

/// A status as an office writes it, or `None`.
pub(crate) fn status_of(text: &str) -> Option<TaskStatus> {
    let t = text.trim();
    TaskStatus::ALL
        .into_iter()
        .find(|s| s.name_zh() == t || s.name() == t.to_ascii_lowercase())
        .or_else(|| {
            STATUS_WORDS
                .iter()
                .find(|(_, words)| words.contains(&t))
                .map(|(s, _)| *s)
        })
}

/// A progress cell: `40`, `40.5`, `40%`; between 0 and 100.
fn progress_of(text: &str) -> Option<f64> {
    let t = text.trim().trim_end_matches(['%', '％']).trim();
    t.parse::<f64>()
        .ok()
        .filter(|p| p.is_finite() && (0.0..=100.0).contains(p))
}

/// A 完成时限 cell that is a date: `2015-12-31` (a date cell reads so) or `2015年12月31日`;
/// `None` for words (2015年底, 长期坚持) that name no single day.
fn deadline_of(text: &str) -> Option<crate::model::Date> {
    let t = text.trim();
    if let Ok(d) = t.parse() {
        return Some(d);
    }
    let (y, rest) = t.split_once('年')?;
    let (m, rest) = rest.split_once('月')?;
    let d = rest.strip_suffix('日')?;
    crate::model::Date::new(y.parse().ok()?, m.parse().ok()?, d.parse().ok()?).ok()
}

/// The note of a 进展情况 cell: this project's export appends the evidence as
/// `（依据：…）`, which is not part of the note.
fn note_of(text: &str) -> String {
    let t = text.trim();
    match t.rfind("（依据：") {
        Some(at) if t.ends_with('）') => t[..at].trim_end().to_owned(),
        _ => t.to_owned(),
    }
}

/// Titles and numbers compared as people retype them: without spaces or line breaks,
/// the final 。 or ； dropped, full-width brackets as half-width.
fn normal(text: &str) -> String {
    let s: String = text
        .chars()
        .filter(|c| !c.is_whitespace())
        .map(|c| match c {
            '（' => '(',
            '）' => ')',
            c => c,
        })
        .collect();
    s.trim_end_matches(['。', '；', ';', '.', '、']).to_owned()
}

fn normal_number(text: &str) -> String {
    normal(text)
        .trim_matches(['(', ')', '、', '.', '．'])
        .to_owned()
}

/// What a row reports, read: `None` in a field the office left blank.
#[derive(Debug, Default)]
struct Reported {
    status: Option<TaskStatus>,
    progress: Option<f64>,
    note: Option<String>,
}

impl Reported {
    fn read(row: &ReturnedRow) -> std::result::Result<Self, String> {
        let mut out = Reported::default();
        if let Some(s) = &row.status {
            out.status =
                Some(status_of(s).ok_or_else(|| {
                    format!("状态 {s:?} is not a status: write one of 未启动, 推进中, 已完成, 滞后, 暂停, 取消")
                })?);
        }
        if let Some(c) = &row.completion {
            match status_of(c) {
                Some(s) if out.status.is_none() => out.status = Some(s),
                Some(_) => {}
                None if row.report.is_none() => out.note = Some(note_of(c)),
                None => {}
            }
        }
        if let Some(p) = &row.progress {
            out.progress = Some(
                progress_of(p)
                    .ok_or_else(|| format!("进度 {p:?} is not a percentage between 0 and 100"))?,
            );
        }
        if let Some(r) = &row.report {
            out.note = Some(note_of(r));
        }
        Ok(out)
    }

    fn is_empty(&self) -> bool {
        self.status.is_none() && self.progress.is_none() && self.note.is_none()
    }

    /// Whether `view` already says everything the row says.
    fn agrees_with(&self, view: &TaskView) -> bool {
        self.status.is_none_or(|s| s == view.status)
            && self
                .progress
                .is_none_or(|p| (p - view.progress).abs() < 0.05)
            && self
                .note
                .as_deref()
                .is_none_or(|n| n == view.note.as_deref().unwrap_or_default())
    }
}

fn problem(row: &ReturnedRow, kind: RowProblemKind, message: String) -> RowProblem {
    RowProblem {
        sheet: row.sheet.clone(),
        row: row.row,
        title: row.title.clone(),
        kind,
        candidates: Vec::new(),
        message,
    }
}

/// The task a row is about, or why none can be said to be.
fn match_row<'a, R: GraphRead + ?Sized>(
    r: &R,
    row: &ReturnedRow,
    by_title: &'a HashMap<String, Vec<TaskSummary>>,
    by_key: &'a BTreeMap<String, TaskSummary>,
) -> Result<std::result::Result<TaskSummary, RowProblem>> {
    if let Some(key) = &row.key {
        if let Some(t) = by_key.get(key) {
            return Ok(Ok(t.clone()));
        }
        let why = match r.node_by_key(key)? {
            Some(n) if n.data.kind() == NodeKind::Task => "a task of another plan".to_owned(),
            Some(n) => format!("a {}, not a task", n.data.kind().name()),
            None => "not in this file".to_owned(),
        };
        return Ok(Err(problem(
            row,
            RowProblemKind::NoMatch,
            format!("任务键 {key} is {why}"),
        )));
    }
    let title = row.title.as_deref().unwrap_or_default();
    let same_title = by_title
        .get(&normal(title))
        .map(Vec::as_slice)
        .unwrap_or(&[]);
    let found: Vec<&TaskSummary> = match &row.number {
        Some(n) => same_title
            .iter()
            .filter(|t| normal_number(&t.number) == normal_number(n))
            .collect(),
        None => same_title.iter().collect(),
    };
    Ok(match found.as_slice() {
        [one] => Ok((*one).clone()),
        [] => {
            let message = match (&row.number, same_title.is_empty()) {
                (Some(n), false) => format!(
                    "the tasks titled so are numbered {}, not {n}",
                    same_title
                        .iter()
                        .map(|t| t.number.as_str())
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
                _ => "no task has this title (add the 任务键 column, or copy the title exactly)"
                    .to_owned(),
            };
            Err(problem(row, RowProblemKind::NoMatch, message))
        }
        several => {
            let mut p = problem(
                row,
                RowProblemKind::SeveralMatches,
                format!(
                    "{} tasks have this title: add the 任务键 or 编号 column",
                    several.len()
                ),
            );
            p.candidates = several.iter().map(|t| t.key.clone()).collect();
            Err(p)
        }
    })
}

/// The changes a returned ledger asks for.
pub(crate) fn diff<R: GraphRead + ?Sized>(
    r: &R,
    ledger: &ReturnedLedger,
    plan: Option<&str>,
) -> Result<LedgerDiff> {
    let plan = match plan {
        Some(p) => Some(query::resolve(r, NodeKind::Plan, p)?.key.to_string()),
        None => None,
    };
    let tasks = query::tasks(
        r,
        &TaskFilter {
            plan,
            ..TaskFilter::default()
        },
    )?;
    let mut by_title: HashMap<String, Vec<TaskSummary>> = HashMap::new();
    let mut by_key = BTreeMap::new();
    for t in tasks {
        by_title
            .entry(normal(&t.title))
            .or_default()
            .push(t.clone());
        by_key.insert(t.key.clone(), t);
    }
    let as_of = ledger.as_of.unwrap_or_else(track::today);
    let mut out = LedgerDiff {
        source: ledger.source.clone(),
        as_of,
        changes: Vec::new(),
        problems: Vec::new(),
        unchanged: 0,
        blank: 0,
    };
    let mut seen: HashMap<String, (String, u32)> = HashMap::new();
    for row in &ledger.rows {
        let reported = match Reported::read(row) {
            Ok(r) => r,
            Err(message) => {
                out.problems
                    .push(problem(row, RowProblemKind::Unreadable, message));
                continue;
            }
        };
        if reported.is_empty() && row.deadline.as_deref().and_then(deadline_of).is_none() {
            out.blank += 1;
            continue;
        }
        let task = match match_row(r, row, &by_title, &by_key)? {
            Ok(t) => t,
            Err(p) => {
                out.problems.push(p);
                continue;
            }
        };
        if let Some((sheet, first)) = seen.get(&task.key) {
            out.problems.push(problem(
                row,
                RowProblemKind::Repeated,
                format!("{sheet} row {first} already reports {}", task.key),
            ));
            continue;
        }
        seen.insert(task.key.clone(), (row.sheet.clone(), row.row));
        let base = track::task_view(r, &task.key, Some(as_of), LagThresholds::default())?;
        if let Some(written) = row.deadline.as_deref().and_then(deadline_of)
            && Some(written) != base.deadline
        {
            out.problems.push(problem(
                row,
                RowProblemKind::DeadlineNotImported,
                format!(
                    "完成时限 {written} is not the task's {}: a deadline is changed by its own decision (reformgraph record deadline {} {written}), not read from a ledger",
                    base.deadline.map(|d| d.to_string()).unwrap_or_else(|| "(none)".into()),
                    task.key
                ),
            ));
        }
        // 已完成 over a progress cell left as it was: completing means 100 %, as a status
        // update without progress does; the old figure is not a report of its own.
        let mut reported = reported;
        if reported.status == Some(TaskStatus::Completed)
            && reported
                .progress
                .is_some_and(|p| (p - base.progress).abs() < 0.05)
        {
            reported.progress = None;
        }
        let latest = track::task_view(r, &task.key, None, LagThresholds::default())?;
        let moved_on = latest.last_event != base.last_event;
        if reported.agrees_with(&base) || (moved_on && reported.agrees_with(&latest)) {
            out.unchanged += 1;
            continue;
        }
        if moved_on {
            out.problems.push(problem(
                row,
                RowProblemKind::UpdatedSince,
                format!(
                    "{} was updated on {} after the ledger's date {as_of}: export a new ledger and fill that in",
                    task.key,
                    latest
                        .last_update
                        .map(|d| d.to_string())
                        .unwrap_or_default()
                ),
            ));
            continue;
        }
        let note = reported
            .note
            .filter(|n| n.as_str() != base.note.as_deref().unwrap_or_default());
        out.changes.push(RowChange {
            sheet: row.sheet.clone(),
            row: row.row,
            task: task.key.clone(),
            title: task.title.clone(),
            status_before: base.status,
            status_after: reported.status.unwrap_or(base.status),
            progress_before: base.progress,
            progress_after: reported
                .progress
                .filter(|p| (p - base.progress).abs() >= 0.05),
            note_before: base.note.clone(),
            note_after: note,
        });
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn statuses_in_the_words_offices_write() {
        assert_eq!(status_of("已完成"), Some(TaskStatus::Completed));
        assert_eq!(status_of(" 正在推进 "), Some(TaskStatus::InProgress));
        assert_eq!(status_of("in_progress"), Some(TaskStatus::InProgress));
        assert_eq!(status_of("滞后"), Some(TaskStatus::Delayed));
        assert_eq!(status_of("差不多了"), None);
    }

    #[test]
    fn progress_cells_with_and_without_a_percent_sign() {
        assert_eq!(progress_of("40"), Some(40.0));
        assert_eq!(progress_of("37.5%"), Some(37.5));
        assert_eq!(progress_of("120"), None);
        assert_eq!(progress_of("四成"), None);
    }

    #[test]
    fn a_deadline_cell_is_a_date_only_when_it_names_a_day() {
        let d = crate::model::Date::new(2015, 12, 31).ok();
        assert_eq!(deadline_of("2015-12-31"), d);
        assert_eq!(deadline_of("2015年12月31日"), d);
        assert_eq!(deadline_of("2015年底"), None);
    }

    #[test]
    fn the_exports_evidence_suffix_is_not_part_of_the_note() {
        assert_eq!(
            note_of("资金未到位（依据：晋政办发〔2014〕12号）"),
            "资金未到位"
        );
        assert_eq!(note_of("已完成（部分）"), "已完成（部分）");
    }

    #[test]
    fn titles_compare_without_spaces_and_final_punctuation() {
        assert_eq!(normal("推进 排污权交易。"), normal("推进排污权交易"));
        assert_eq!(normal_number("（三）"), normal_number("三、"));
    }
}
