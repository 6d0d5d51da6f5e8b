//! The 考核 table: an [`Assessment`] as CSV and as a printable workbook, one row per
//! assessed unit, group by group, best first, with the rubric's weights printed above.

use rust_xlsxwriter::Workbook;

use super::csv::quote;
use super::xlsx::{FIRST_ROW, Formats, col, cut_off_line, finish, row, sheet, xerr};
use crate::error::Result;
use crate::track::{AssessedUnit, Assessment};

/// Headers and widths of the table.
const COLUMNS: [(&str, f64); 15] = [
    ("组别", 8.0),
    ("排名", 5.0),
    ("单位", 24.0),
    ("得分", 7.0),
    ("完成情况(%)", 8.0),
    ("序时进度(%)", 8.0),
    ("目标(%)", 7.0),
    ("选题(%)", 7.0),
    ("任务数", 6.0),
    ("已完成", 6.0),
    ("逾期", 5.0),
    ("红", 4.0),
    ("目标达到/测得", 9.0),
    ("选题/要求", 8.0),
    ("键", 26.0),
];

/// A cell of the table: text, a count, or a figure with one decimal (blank when absent).
enum Cell {
    Text(String),
    Count(Option<u32>),
    Number(Option<f64>),
}

fn percent(share: Option<f64>) -> Cell {
    Cell::Number(share.map(|s| (s * 1000.0).round() / 10.0))
}

fn cells(u: &AssessedUnit) -> [Cell; 15] {
    let pair = |a: Option<u32>, b: Option<u32>| match (a, b) {
        (Some(a), Some(b)) => format!("{a}/{b}"),
        _ => String::new(),
    };
    [
        Cell::Text(u.group.name_zh().to_owned()),
        Cell::Count(u.rank),
        Cell::Text(u.name.clone()),
        Cell::Number(u.score.map(|s| (s * 10.0).round() / 10.0)),
        percent(u.completion),
        percent(u.timeliness),
        percent(u.targets),
        percent(u.selections),
        Cell::Count(Some(u.tasks)),
        Cell::Count(Some(u.completed)),
        Cell::Count(Some(u.overdue)),
        Cell::Count(Some(u.red)),
        Cell::Text(pair(Some(u.targets_met), Some(u.targets_measured))),
        Cell::Text(pair(u.selections_made, u.selections_required)),
        Cell::Text(u.key.clone()),
    ]
}

fn weights(a: &Assessment) -> String {
    let w = a.rubric;
    format!(
        "权重：完成情况{} 序时进度{} 目标{} 选题{}",
        w.completion, w.timeliness, w.targets, w.selections
    )
}

/// The assessment as CSV (RFC 4180, `\n` line ends, a UTF-8 BOM first when `bom` so Excel
/// reads the Chinese headers), one line per unit under the header.
///
/// ```
/// use reformgraph::{Store, export, import::bundled, track::{self, AssessmentOptions}};
/// let store = Store::in_memory()?;
/// bundled::import_shanxi_2013(&store)?;
/// let a = track::assessment(&store.read()?, &AssessmentOptions { year: Some(2014), ..Default::default() })?;
/// let csv = export::assessment_csv(&a, false);
/// assert!(csv.starts_with("组别,排名,单位,得分"));
/// assert_eq!(csv.lines().count(), 1 + a.units.len());
/// # Ok::<(), reformgraph::Error>(())
/// ```
pub fn assessment_csv(a: &Assessment, bom: bool) -> String {
    let mut out = String::new();
    if bom {
        out.push('\u{feff}');
    }
    let header: Vec<&str> = COLUMNS.iter().map(|(h, _)| *h).collect();
    out.push_str(&header.join(","));
    out.push('\n');
    for u in &a.units {
        let line: Vec<String> = cells(u)
            .iter()
            .map(|c| match c {
                Cell::Text(t) => quote(t),
                Cell::Count(Some(n)) => n.to_string(),
                Cell::Number(Some(n)) => n.to_string(),
                Cell::Count(None) | Cell::Number(None) => String::new(),
            })
            .collect();
        out.push_str(&line.join(","));
        out.push('\n');
    }
    out
}

/// The assessment as a workbook: one sheet 考核, titled `{year}年度转型综改目标责任考核`, the
/// 截至 date and the weights on the second row, printable like the 台账 (landscape A4,
/// one page wide, the top rows on every page).
///
/// # Errors
/// [`crate::Error::Invalid`] if the workbook cannot be assembled.
pub fn assessment_xlsx(a: &Assessment) -> Result<Vec<u8>> {
    let f = Formats::new();
    let mut wb = Workbook::new();
    let title = format!("{}年度转型综改目标责任考核", a.year);
    let line = format!("{}　　{}", cut_off_line(a.as_of, None), weights(a));
    let ws = sheet(&mut wb, "考核", &title, &line, &COLUMNS, &f)?;
    for (i, u) in a.units.iter().enumerate() {
        let r0 = FIRST_ROW + row(i);
        for (c, cell) in cells(u).iter().enumerate() {
            match cell {
                Cell::Text(t) => ws.write_string_with_format(r0, col(c), t, &f.text),
                Cell::Count(Some(n)) => {
                    ws.write_number_with_format(r0, col(c), f64::from(*n), &f.number)
                }
                Cell::Number(Some(n)) => ws.write_number_with_format(r0, col(c), *n, &f.percent),
                Cell::Count(None) | Cell::Number(None) => ws.write_blank(r0, col(c), &f.text),
            }
            .map_err(xerr)?;
        }
    }
    finish(ws, a.units.len(), COLUMNS.len())?;
    wb.save_to_buffer().map_err(xerr)
}
