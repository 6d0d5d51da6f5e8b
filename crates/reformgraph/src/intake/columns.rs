//! Finding a ledger in a sheet: the header row (the first of the sheet's top rows that
//! names a task column and at least one other usual column), what each column holds, the
//! 截至 date above it, and the rows below it.

use super::ReturnedRow;
use super::sheet::Grid;
use crate::model::Date;

/// What a column holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Column {
    Key,
    Number,
    Title,
    Leads,
    Report,
    Completion,
    Status,
    Progress,
    Deadline,
}

/// The header names offices use for each column, after [`header_name`] (spaces, line
/// breaks and a `(%)` suffix removed). 序号 is not here: it is a running number in most
/// sheets, never a task's.
const NAMES: &[(Column, &[&str])] = &[
    (Column::Key, &["任务键", "key"]),
    (Column::Number, &["编号", "任务编号", "序列号"]),
    (
        Column::Title,
        &[
            "任务",
            "工作任务",
            "重点任务",
            "改革任务",
            "主要任务",
            "具体任务",
            "任务内容",
            "工作内容",
            "任务名称",
            "改革事项",
            "工作事项",
            "事项",
            "重点工作",
            "工作措施",
        ],
    ),
    (
        Column::Leads,
        &[
            "牵头单位",
            "牵头部门",
            "责任单位",
            "责任部门",
            "牵头单位（部门）",
        ],
    ),
    (
        Column::Report,
        &[
            "进展情况",
            "工作进展",
            "推进情况",
            "进展",
            "工作进展情况",
            "落实情况",
            "推进落实情况",
        ],
    ),
    (Column::Completion, &["完成情况", "完成状态"]),
    (Column::Status, &["状态", "任务状态", "推进状态"]),
    (
        Column::Progress,
        &["进度", "完成进度", "完成比例", "完成率", "进度%"],
    ),
    (
        Column::Deadline,
        &["完成时限", "时限", "完成时间", "时间节点"],
    ),
];

/// How many top rows may hold the title, the 截至 line and notes before the header.
const HEADER_SEARCH_ROWS: usize = 12;

fn header_name(cell: &str) -> String {
    let s: String = cell.chars().filter(|c| !c.is_whitespace()).collect();
    let s = s.to_lowercase();
    for suffix in ["(%)", "（%）", "(％)", "（％）"] {
        if let Some(stem) = s.strip_suffix(suffix) {
            return stem.to_owned();
        }
    }
    s
}

fn column_of(cell: &str) -> Option<Column> {
    let name = header_name(cell);
    NAMES
        .iter()
        .find(|(_, names)| names.contains(&name.as_str()))
        .map(|(c, _)| *c)
}

/// The columns of a header row, by position.
type Layout = Vec<(usize, Column)>;

fn layout(row: &[String]) -> Option<Layout> {
    let mut out: Layout = Vec::new();
    for (i, cell) in row.iter().enumerate() {
        if let Some(c) = column_of(cell) {
            // The first column of a kind wins (a second 任务 column is some other note).
            if !out.iter().any(|(_, k)| *k == c) {
                out.push((i, c));
            }
        }
    }
    let names_task = out
        .iter()
        .any(|(_, c)| matches!(c, Column::Title | Column::Key));
    (names_task && out.len() >= 2).then_some(out)
}

/// The date of a 截至 line: `截至2014年9月1日`, `截止2014-09-01`, `截至：2014.9.1`.
pub(crate) fn as_of_date(line: &str) -> Option<Date> {
    let at = line.find("截至").or_else(|| line.find("截止"))?;
    let rest = &line[at + "截至".len()..];
    let mut nums = Vec::new();
    let mut current = String::new();
    for c in rest.chars() {
        if c.is_ascii_digit() {
            current.push(c);
        } else if !current.is_empty() {
            nums.push(std::mem::take(&mut current));
            if nums.len() == 3 {
                break;
            }
        } else if !(c == '：' || c == ':' || c.is_whitespace()) && nums.is_empty() {
            return None;
        }
    }
    if !current.is_empty() {
        nums.push(current);
    }
    match nums.as_slice() {
        [y, m, d, ..] => Date::new(y.parse().ok()?, m.parse().ok()?, d.parse().ok()?).ok(),
        _ => None,
    }
}

/// A sheet's ledger: its 截至 date and its rows, or `None` for a sheet with no ledger
/// header (a targets or projects sheet, a cover page).
pub(crate) fn ledger_rows(grid: &Grid) -> Option<(Option<Date>, Vec<ReturnedRow>)> {
    let (header_at, columns) = grid
        .rows
        .iter()
        .take(HEADER_SEARCH_ROWS)
        .enumerate()
        .find_map(|(i, row)| layout(row).map(|l| (i, l)))?;
    let as_of = grid.rows[..header_at]
        .iter()
        .flatten()
        .find_map(|cell| as_of_date(cell));
    let mut rows = Vec::new();
    for (i, cells) in grid.rows.iter().enumerate().skip(header_at + 1) {
        let get = |want: Column| {
            columns
                .iter()
                .find(|(_, c)| *c == want)
                .and_then(|(at, _)| cells.get(*at))
                .filter(|s| !s.is_empty())
                .cloned()
        };
        let row = ReturnedRow {
            sheet: grid.name.clone(),
            row: grid
                .first_row
                .saturating_add(u32::try_from(i).unwrap_or(u32::MAX)),
            key: get(Column::Key),
            number: get(Column::Number),
            title: get(Column::Title),
            leads: get(Column::Leads),
            status: get(Column::Status),
            progress: get(Column::Progress),
            report: get(Column::Report),
            completion: get(Column::Completion),
            deadline: get(Column::Deadline),
        };
        if row.key.is_some() || row.title.is_some() {
            rows.push(row);
        }
    }
    Some((as_of, rows))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn strings(cells: &[&str]) -> Vec<String> {
        cells.iter().map(|s| (*s).to_owned()).collect()
    }

    #[test]
    fn the_header_is_found_below_a_title_and_a_cut_off_line() {
        let grid = Grid {
            name: "Sheet1".into(),
            first_row: 1,
            rows: vec![
                strings(&["2014年重点改革任务推进情况表"]),
                strings(&["填报单位：省环保厅", "", "截至2014年9月1日"]),
                strings(&[
                    "序号",
                    "重点任务",
                    "牵头 单位",
                    "进展\n情况",
                    "完成进度（%）",
                ]),
                strings(&["1", "推进排污权交易", "省环保厅", "已出台办法", "60"]),
                strings(&["", "", "", "", ""]),
            ],
        };
        let (as_of, rows) = ledger_rows(&grid).unwrap();
        assert_eq!(as_of, Some(Date::new(2014, 9, 1).unwrap()));
        assert_eq!(rows.len(), 1);
        let r = &rows[0];
        assert_eq!(r.row, 4);
        assert_eq!(r.title.as_deref(), Some("推进排污权交易"));
        assert_eq!(r.leads.as_deref(), Some("省环保厅"));
        assert_eq!(r.report.as_deref(), Some("已出台办法"));
        assert_eq!(r.progress.as_deref(), Some("60"));
        assert_eq!(r.number, None, "序号 is a running number, not the task's");
    }

    #[test]
    fn a_sheet_without_a_task_column_holds_no_ledger() {
        let grid = Grid {
            name: "目标".into(),
            first_row: 1,
            rows: vec![strings(&["序号", "指标", "目标值", "进度"])],
        };
        assert!(ledger_rows(&grid).is_none());
    }

    #[test]
    fn cut_off_dates_in_the_usual_spellings() {
        let d = Some(Date::new(2014, 9, 1).unwrap());
        assert_eq!(as_of_date("填报单位：X　　截至2014年9月1日"), d);
        assert_eq!(as_of_date("截止：2014-09-01"), d);
        assert_eq!(as_of_date("截至 2014.9.1"), d);
        assert_eq!(as_of_date("截至目前"), None);
        assert_eq!(as_of_date("截至2014年13月1日"), None);
    }
}
