//! The 台账 (ledger) as an Excel workbook, laid out the way an office keeps and prints one:
//! a title and 截至 row, header rows repeated on every printed page, landscape A4 fitted
//! to the width, running 序号, dates as date cells, and 红黄绿 as a column of its own
//! (filterable, and readable in black and white) as well as a fill.

use rust_xlsxwriter::{
    Color, ExcelDateTime, Format, FormatAlign, FormatBorder, Workbook, Worksheet, XlsxError,
};

use super::ledger::{Ledger, LedgerOptions, ledger};
use crate::error::{Error, Result};
use crate::model::{Date, ProjectStage};
use crate::store::GraphRead;
use crate::track::LagClass;

pub(super) fn xerr(e: XlsxError) -> Error {
    Error::invalid("workbook", e.to_string())
}

/// The task sheet's columns: header and width. The last, the task's key, is hidden: it is
/// what matches a returned ledger's rows to their tasks.
pub(crate) const TASK_COLUMNS: [(&str, f64); 16] = [
    ("序号", 5.0),
    ("编号", 6.0),
    ("类别", 14.0),
    ("任务", 40.0),
    ("牵头单位", 14.0),
    ("配合单位", 14.0),
    ("完成时限", 11.0),
    ("进展情况", 30.0),
    ("状态", 7.0),
    ("进度(%)", 7.0),
    ("序时进度(%)", 8.0),
    ("红黄绿", 6.0),
    ("逾期天数", 6.0),
    ("更新人", 8.0),
    ("更新时间", 11.0),
    ("任务键", 30.0),
];

/// The first row of data: after the title, the 截至 line and the header.
pub(super) const FIRST_ROW: u32 = 3;

pub(super) struct Formats {
    pub(super) title: Format,
    pub(super) subtitle: Format,
    pub(super) header: Format,
    pub(super) text: Format,
    pub(super) wrapped: Format,
    pub(super) number: Format,
    pub(super) percent: Format,
    pub(super) date: Format,
}

impl Formats {
    pub(super) fn new() -> Self {
        let cell = Format::new()
            .set_border(FormatBorder::Thin)
            .set_align(FormatAlign::VerticalCenter)
            .set_font_size(10);
        Self {
            title: Format::new()
                .set_bold()
                .set_font_size(16)
                .set_align(FormatAlign::Center),
            subtitle: Format::new().set_font_size(10),
            header: cell
                .clone()
                .set_bold()
                .set_text_wrap()
                .set_align(FormatAlign::Center)
                .set_background_color(Color::RGB(0x00D9_E1F2)),
            wrapped: cell.clone().set_text_wrap(),
            number: cell.clone().set_num_format("0"),
            percent: cell.clone().set_num_format("0.0"),
            date: cell.clone().set_num_format("yyyy-mm-dd"),
            text: cell,
        }
    }
}

fn class_format(base: &Format, c: LagClass) -> Format {
    let f = base
        .clone()
        .set_align(FormatAlign::Center)
        .set_background_color(Color::RGB(match c {
            LagClass::Red => 0x00FF_C7CE,
            LagClass::Yellow => 0x00FF_EB9C,
            LagClass::Green => 0x00C6_EFCE,
        }));
    // Red reads apart from the others in black and white too.
    if c == LagClass::Red { f.set_bold() } else { f }
}

pub(super) fn col(c: usize) -> u16 {
    u16::try_from(c).unwrap_or(u16::MAX)
}

pub(super) fn row(r: usize) -> u32 {
    u32::try_from(r).unwrap_or(u32::MAX)
}

fn excel_date(d: Date) -> Result<ExcelDateTime> {
    ExcelDateTime::from_ymd(d.year(), d.month(), d.day()).map_err(xerr)
}

/// `截至2014年9月1日`, after `填报单位：X` for a department's ledger: what a returned
/// ledger's 截至 date is read from.
pub(super) fn cut_off_line(as_of: Date, organization: Option<&str>) -> String {
    let d = as_of;
    let as_of = format!("截至{}年{}月{}日", d.year(), d.month(), d.day());
    match organization {
        Some(o) => format!("填报单位：{o}　　{as_of}"),
        None => as_of,
    }
}

/// A sheet with a title, its 截至 line and a header, set up to print landscape
/// on A4, one page wide, the three top rows on every page.
pub(super) fn sheet<'a>(
    wb: &'a mut Workbook,
    name: &str,
    title: &str,
    line: &str,
    columns: &[(&str, f64)],
    f: &Formats,
) -> Result<&'a mut Worksheet> {
    let ws = wb.add_worksheet();
    ws.set_name(name).map_err(xerr)?;
    let last = col(columns.len().saturating_sub(1));
    ws.merge_range(0, 0, 0, last, title, &f.title)
        .map_err(xerr)?;
    ws.merge_range(1, 0, 1, last, line, &f.subtitle)
        .map_err(xerr)?;
    for (c, (h, w)) in columns.iter().enumerate() {
        ws.write_string_with_format(2, col(c), *h, &f.header)
            .map_err(xerr)?;
        ws.set_column_width(col(c), *w).map_err(xerr)?;
    }
    // Two lines: 序时进度(%) and the like wrap in their narrow columns.
    ws.set_row_height(2, 30.0).map_err(xerr)?;
    ws.set_freeze_panes(FIRST_ROW, 0).map_err(xerr)?;
    ws.set_landscape();
    ws.set_paper_size(9); // A4
    ws.set_print_fit_to_pages(1, 0);
    ws.set_repeat_rows(0, 2).map_err(xerr)?;
    ws.set_footer("&C第 &P 页，共 &N 页");
    Ok(ws)
}

/// Sets a row's height to show its wrapped cells whole: neither Excel nor LibreOffice
/// grows a row for wrapped text written by a program, so long titles would print cut off
/// or over the next row. A CJK character takes about 1.6 units of the column width (the
/// width of a `0`; measured on LibreOffice's rendering, Excel's is close), a Latin one one.
fn fit_height(ws: &mut Worksheet, r: u32, cells: &[(&str, f64)]) -> Result<()> {
    let lines = cells
        .iter()
        .map(|(text, width)| {
            let units: f64 = text
                .chars()
                .map(|c| if c.is_ascii() { 1.0 } else { 1.6 })
                .sum();
            (units / width.max(1.0)).ceil().max(1.0)
        })
        .fold(1.0, f64::max);
    if lines > 1.0 {
        ws.set_row_height(r, 15.0 * lines.min(20.0)).map_err(xerr)?;
    }
    Ok(())
}

pub(super) fn finish(ws: &mut Worksheet, rows: usize, columns: usize) -> Result<()> {
    ws.autofilter(2, 0, FIRST_ROW - 1 + row(rows.max(1)), col(columns - 1))
        .map_err(xerr)?;
    Ok(())
}

fn task_sheet(wb: &mut Workbook, l: &Ledger, f: &Formats) -> Result<()> {
    let title = format!("{}任务推进台账", l.title);
    let ws = sheet(
        wb,
        "任务台账",
        &title,
        &cut_off_line(l.as_of, l.organization.as_deref()),
        &TASK_COLUMNS,
        f,
    )?;
    for (i, t) in l.tasks.iter().enumerate() {
        let r0 = FIRST_ROW + row(i);
        let v = &t.view;
        let section = v
            .task
            .category
            .as_ref()
            .or(v.task.part.as_ref())
            .map(|s| s.title.as_str())
            .unwrap_or_default();
        ws.write_number_with_format(r0, 0, f64::from(t.serial), &f.number)
            .map_err(xerr)?;
        let texts: [(u16, String, &Format); 5] = [
            (1, v.task.number.clone(), &f.text),
            (2, section.to_owned(), &f.wrapped),
            (3, v.task.title.clone(), &f.wrapped),
            (4, t.leads(), &f.wrapped),
            (5, t.cooperating.join("、"), &f.wrapped),
        ];
        for (c, s, fmt) in &texts {
            ws.write_string_with_format(r0, *c, s, fmt).map_err(xerr)?;
        }
        let report = t.progress_report();
        let wrapped: Vec<(&str, f64)> = texts[1..]
            .iter()
            .map(|(c, s, _)| (s.as_str(), TASK_COLUMNS[usize::from(*c)].1))
            .chain([(report.as_str(), TASK_COLUMNS[7].1)])
            .collect();
        fit_height(ws, r0, &wrapped)?;
        match v.deadline {
            Some(d) => ws.write_datetime_with_format(r0, 6, excel_date(d)?, &f.date),
            None => ws.write_blank(r0, 6, &f.date),
        }
        .map_err(xerr)?;
        ws.write_string_with_format(r0, 7, &report, &f.wrapped)
            .map_err(xerr)?;
        ws.write_string_with_format(r0, 8, v.status.name_zh(), &f.text)
            .map_err(xerr)?;
        ws.write_number_with_format(r0, 9, v.progress, &f.number)
            .map_err(xerr)?;
        match v.expected_progress {
            Some(e) => ws.write_number_with_format(r0, 10, (e * 10.0).round() / 10.0, &f.percent),
            None => ws.write_blank(r0, 10, &f.percent),
        }
        .map_err(xerr)?;
        ws.write_string_with_format(r0, 11, v.class.name_zh(), &class_format(&f.text, v.class))
            .map_err(xerr)?;
        match t.days_overdue {
            Some(n) => ws.write_number_with_format(r0, 12, n as f64, &f.number),
            None => ws.write_blank(r0, 12, &f.number),
        }
        .map_err(xerr)?;
        ws.write_string_with_format(r0, 13, v.last_actor.clone().unwrap_or_default(), &f.text)
            .map_err(xerr)?;
        match v.last_update {
            Some(d) => ws.write_datetime_with_format(r0, 14, excel_date(d)?, &f.date),
            None => ws.write_blank(r0, 14, &f.date),
        }
        .map_err(xerr)?;
        ws.write_string_with_format(r0, 15, v.task.key.as_str(), &f.text)
            .map_err(xerr)?;
    }
    ws.set_column_hidden(col(TASK_COLUMNS.len() - 1))
        .map_err(xerr)?;
    finish(ws, l.tasks.len(), TASK_COLUMNS.len())
}

fn target_sheet(wb: &mut Workbook, l: &Ledger, f: &Formats) -> Result<()> {
    const COLUMNS: [(&str, f64); 10] = [
        ("序号", 5.0),
        ("指标", 26.0),
        ("目标", 14.0),
        ("目标值", 9.0),
        ("基期值", 9.0),
        ("最新值", 9.0),
        ("最新年份", 7.0),
        ("是否达到", 7.0),
        ("进展评价", 9.0),
        ("说明", 40.0),
    ];
    let title = format!("{}目标完成情况", l.title);
    let ws = sheet(
        wb,
        "目标",
        &title,
        &cut_off_line(l.as_of, l.organization.as_deref()),
        &COLUMNS,
        f,
    )?;
    for (i, (t, a)) in l.targets.iter().enumerate() {
        let r0 = FIRST_ROW + row(i);
        ws.write_number_with_format(r0, 0, (i + 1) as f64, &f.number)
            .map_err(xerr)?;
        ws.write_string_with_format(r0, 1, t.indicator.clone().unwrap_or_default(), &f.wrapped)
            .map_err(xerr)?;
        ws.write_string_with_format(r0, 2, a.summary.as_str(), &f.wrapped)
            .map_err(xerr)?;
        let numbers = [
            (3, a.target_value),
            (4, a.baseline.as_ref().map(|b| b.value)),
            (5, a.latest.as_ref().map(|o| o.value)),
            (6, a.latest.as_ref().map(|o| f64::from(o.year))),
        ];
        for (c, n) in numbers {
            match n {
                Some(n) => ws.write_number_with_format(r0, c, n, &f.text),
                None => ws.write_blank(r0, c, &f.text),
            }
            .map_err(xerr)?;
        }
        let attained = match a.attained {
            Some(true) => "是",
            Some(false) => "否",
            None => "",
        };
        ws.write_string_with_format(r0, 7, attained, &f.text)
            .map_err(xerr)?;
        ws.write_string_with_format(
            r0,
            8,
            a.class.map(|c| c.name_zh()).unwrap_or_default(),
            &f.text,
        )
        .map_err(xerr)?;
        let notes: Vec<String> = a.notes.iter().map(|n| n.zh()).collect();
        let notes = notes.join("；");
        ws.write_string_with_format(r0, 9, &notes, &f.wrapped)
            .map_err(xerr)?;
        let indicator = t.indicator.clone().unwrap_or_default();
        fit_height(
            ws,
            r0,
            &[
                (&indicator, COLUMNS[1].1),
                (&a.summary, COLUMNS[2].1),
                (&notes, COLUMNS[9].1),
            ],
        )?;
    }
    finish(ws, l.targets.len(), COLUMNS.len())
}

fn project_sheet(wb: &mut Workbook, l: &Ledger, f: &Formats) -> Result<()> {
    const COLUMNS: [(&str, f64); 11] = [
        ("序号", 5.0),
        ("项目名称", 28.0),
        ("所属项目库", 16.0),
        ("领域", 10.0),
        ("所在地区", 10.0),
        ("责任单位", 14.0),
        ("阶段", 7.0),
        ("入库年份", 7.0),
        ("计划投资(万元)", 11.0),
        ("是否撤出", 7.0),
        ("更新时间", 11.0),
    ];
    let title = format!("{}项目推进台账", l.title);
    let ws = sheet(
        wb,
        "项目",
        &title,
        &cut_off_line(l.as_of, l.organization.as_deref()),
        &COLUMNS,
        f,
    )?;
    for (i, p) in l.projects.iter().enumerate() {
        let r0 = FIRST_ROW + row(i);
        let s = &p.state;
        ws.write_number_with_format(r0, 0, (i + 1) as f64, &f.number)
            .map_err(xerr)?;
        let texts = [
            (1, s.spec.name.as_str()),
            (2, p.portfolio.as_str()),
            (3, s.spec.domain.as_deref().unwrap_or_default()),
            (4, p.area.as_deref().unwrap_or_default()),
            (5, p.responsible.as_deref().unwrap_or_default()),
            (6, s.stage.name_zh()),
            (9, if s.withdrawn { "是" } else { "否" }),
        ];
        for (c, t) in texts {
            ws.write_string_with_format(r0, c, t, &f.wrapped)
                .map_err(xerr)?;
        }
        ws.write_number_with_format(r0, 7, f64::from(s.spec.year), &f.number)
            .map_err(xerr)?;
        match s.spec.investment_wan_yuan {
            Some(v) => ws.write_number_with_format(r0, 8, v, &f.number),
            None => ws.write_blank(r0, 8, &f.number),
        }
        .map_err(xerr)?;
        match s.last_update {
            Some(d) => ws.write_datetime_with_format(r0, 10, excel_date(d)?, &f.date),
            None => ws.write_blank(r0, 10, &f.date),
        }
        .map_err(xerr)?;
    }
    finish(ws, l.projects.len(), COLUMNS.len())?;
    // Below the list: how many of the listed projects stand at each stage.
    let mut r0 = FIRST_ROW + row(l.projects.len()) + 1;
    ws.write_string_with_format(r0, 1, "阶段分布（不含已撤出）", &f.header)
        .map_err(xerr)?;
    ws.write_string_with_format(r0, 2, "项目数", &f.header)
        .map_err(xerr)?;
    let stages = ProjectStage::LIFECYCLE
        .into_iter()
        .chain([ProjectStage::Suspended, ProjectStage::Cancelled]);
    for stage in stages {
        r0 += 1;
        let n = l
            .projects
            .iter()
            .filter(|p| !p.state.withdrawn && p.state.stage == stage)
            .count();
        ws.write_string_with_format(r0, 1, stage.name_zh(), &f.text)
            .map_err(xerr)?;
        ws.write_number_with_format(r0, 2, n as f64, &f.number)
            .map_err(xerr)?;
    }
    Ok(())
}

fn apart_sheet(wb: &mut Workbook, l: &Ledger, f: &Formats) -> Result<()> {
    const COLUMNS: [(&str, f64); 5] = [
        ("序号", 5.0),
        ("部分", 16.0),
        ("编号", 6.0),
        ("内容", 60.0),
        ("牵头单位", 16.0),
    ];
    let title = format!("{}基本原则和保障措施", l.title);
    let ws = sheet(
        wb,
        "原则和保障措施",
        &title,
        &cut_off_line(l.as_of, l.organization.as_deref()),
        &COLUMNS,
        f,
    )?;
    for (i, t) in l.principles_and_safeguards.iter().enumerate() {
        let r0 = FIRST_ROW + row(i);
        ws.write_number_with_format(r0, 0, (i + 1) as f64, &f.number)
            .map_err(xerr)?;
        let leads: Vec<&str> = t.leads.iter().map(|l| l.name.as_str()).collect();
        let texts = [
            (
                1,
                t.part
                    .as_ref()
                    .map(|p| p.title.as_str())
                    .unwrap_or_default(),
            ),
            (2, t.number.as_str()),
            (3, t.title.as_str()),
            (4, &leads.join("、")),
        ];
        for (c, s) in texts {
            ws.write_string_with_format(r0, c, s, &f.wrapped)
                .map_err(xerr)?;
        }
        let wrapped: Vec<(&str, f64)> = texts
            .iter()
            .map(|(c, s)| (*s, COLUMNS[usize::from(*c)].1))
            .collect();
        fit_height(ws, r0, &wrapped)?;
    }
    finish(ws, l.principles_and_safeguards.len(), COLUMNS.len())
}

/// Builds the ledger workbook and returns the `.xlsx` bytes: sheets 任务台账, 目标 and 项目,
/// and 原则和保障措施 when the scope has any.
///
/// # Errors
/// [`Error::KeyNotFound`] for an unknown organisation or plan; [`Error::Invalid`] if the
/// workbook cannot be assembled; storage errors.
///
/// ```
/// use reformgraph::{Store, export::{self, LedgerOptions}, import::bundled};
/// let store = Store::in_memory()?;
/// bundled::import_shanxi_2013(&store)?;
/// let bytes = export::ledger_xlsx(&store.read()?, &LedgerOptions::default())?;
/// assert_eq!(&bytes[..2], b"PK");
/// # Ok::<(), reformgraph::Error>(())
/// ```
pub fn ledger_xlsx<R: GraphRead + ?Sized>(r: &R, options: &LedgerOptions) -> Result<Vec<u8>> {
    let l = ledger(r, options)?;
    let f = Formats::new();
    let mut wb = Workbook::new();
    task_sheet(&mut wb, &l, &f)?;
    target_sheet(&mut wb, &l, &f)?;
    project_sheet(&mut wb, &l, &f)?;
    if !l.principles_and_safeguards.is_empty() {
        apart_sheet(&mut wb, &l, &f)?;
    }
    wb.save_to_buffer().map_err(xerr)
}
