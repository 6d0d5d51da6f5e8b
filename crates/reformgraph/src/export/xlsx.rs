//! The 台账 (ledger) as an Excel workbook: one row per task, coloured by lag behind
//! time-proportional progress, plus sheets for targets and projects.

use rust_xlsxwriter::{Color, Format, Workbook, Worksheet, XlsxError};

use crate::error::{Error, Result};
use crate::model::{Date, Project};
use crate::query::{self, TaskFilter};
use crate::store::GraphRead;
use crate::track::{self, LagClass, LagThresholds};

fn xerr(e: XlsxError) -> Error {
    Error::invalid("workbook", e.to_string())
}

/// What goes into a ledger.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct LedgerOptions {
    /// Only the tasks this organisation leads (key, name or alias), the way each
    /// department keeps its own ledger.
    pub organization: Option<String>,
    /// The state as of this date (default: now).
    pub as_of: Option<Date>,
    /// Lag thresholds for the colours.
    pub thresholds: LagThresholds,
}

const HEADER: [&str; 13] = [
    "部分",
    "类别",
    "序号",
    "任务",
    "牵头单位",
    "共同牵头单位",
    "状态",
    "进度(%)",
    "完成时限",
    "序时进度(%)",
    "最近更新",
    "更新人",
    "逾期",
];

fn write_header(ws: &mut Worksheet, header: &[&str], bold: &Format) -> Result<()> {
    for (c, h) in header.iter().enumerate() {
        ws.write_string_with_format(0, col(c), *h, bold)
            .map_err(xerr)?;
    }
    ws.set_freeze_panes(1, 0).map_err(xerr)?;
    Ok(())
}

fn col(c: usize) -> u16 {
    u16::try_from(c).unwrap_or(u16::MAX)
}

fn row(r: usize) -> u32 {
    u32::try_from(r).unwrap_or(u32::MAX)
}

/// Builds the ledger workbook and returns the `.xlsx` bytes.
///
/// # Errors
/// [`Error::KeyNotFound`] for an unknown organisation; [`Error::Invalid`] if the workbook
/// cannot be assembled; storage errors.
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
    let filter = TaskFilter {
        lead: options.organization.clone(),
        ..TaskFilter::default()
    };
    let views = track::task_views(r, &filter, options.as_of, options.thresholds)?;
    let mut wb = Workbook::new();
    let bold = Format::new()
        .set_bold()
        .set_background_color(Color::RGB(0x00D9_E1F2));
    let fill = |c: LagClass| {
        Format::new().set_background_color(Color::RGB(match c {
            LagClass::Red => 0x00FF_C7CE,
            LagClass::Yellow => 0x00FF_EB9C,
            LagClass::Green => 0x00C6_EFCE,
        }))
    };

    let ws = wb.add_worksheet();
    ws.set_name("任务台账").map_err(xerr)?;
    write_header(ws, &HEADER, &bold)?;
    for (i, v) in views.iter().enumerate() {
        let r0 = row(i + 1);
        let f = fill(v.class);
        let lead = v
            .task
            .leads
            .first()
            .map(|l| l.name.clone())
            .unwrap_or_default();
        let co = v
            .task
            .leads
            .iter()
            .skip(1)
            .map(|l| l.name.as_str())
            .collect::<Vec<_>>()
            .join("、");
        let text = [
            v.task
                .part
                .as_ref()
                .map(|p| p.title.clone())
                .unwrap_or_default(),
            v.task
                .category
                .as_ref()
                .map(|c| c.title.clone())
                .unwrap_or_default(),
            v.task.number.clone(),
            v.task.title.clone(),
            lead,
            co,
            v.status.name().to_owned(),
        ];
        for (c, t) in text.iter().enumerate() {
            ws.write_string_with_format(r0, col(c), t, &f)
                .map_err(xerr)?;
        }
        ws.write_number_with_format(r0, 7, v.progress, &f)
            .map_err(xerr)?;
        ws.write_string_with_format(
            r0,
            8,
            v.deadline.map(|d| d.to_string()).unwrap_or_default(),
            &f,
        )
        .map_err(xerr)?;
        match v.expected_progress {
            Some(e) => ws.write_number_with_format(r0, 9, (e * 10.0).round() / 10.0, &f),
            None => ws.write_string_with_format(r0, 9, "", &f),
        }
        .map_err(xerr)?;
        ws.write_string_with_format(
            r0,
            10,
            v.last_update.map(|d| d.to_string()).unwrap_or_default(),
            &f,
        )
        .map_err(xerr)?;
        ws.write_string_with_format(r0, 11, v.last_actor.clone().unwrap_or_default(), &f)
            .map_err(xerr)?;
        ws.write_string_with_format(r0, 12, if v.overdue { "是" } else { "否" }, &f)
            .map_err(xerr)?;
    }
    ws.autofilter(0, 0, row(views.len().max(1)), col(HEADER.len() - 1))
        .map_err(xerr)?;
    for (c, w) in [
        8.0, 18.0, 6.0, 40.0, 16.0, 20.0, 12.0, 8.0, 12.0, 10.0, 12.0, 10.0, 6.0,
    ]
    .into_iter()
    .enumerate()
    {
        ws.set_column_width(col(c), w).map_err(xerr)?;
    }

    let ws = wb.add_worksheet();
    ws.set_name("目标").map_err(xerr)?;
    let header = [
        "指标",
        "目标",
        "目标值",
        "最新值",
        "年份",
        "是否达到",
        "进展类别",
        "说明",
    ];
    write_header(ws, &header, &bold)?;
    let targets = query::all_targets(r)?;
    for (i, t) in targets.iter().enumerate() {
        let a = track::attainment(r, &t.key, None, options.as_of)?;
        let r0 = row(i + 1);
        ws.write_string(r0, 0, t.indicator.clone().unwrap_or_default())
            .map_err(xerr)?;
        ws.write_string(r0, 1, a.summary.clone()).map_err(xerr)?;
        if let Some(v) = a.target_value {
            ws.write_number(r0, 2, v).map_err(xerr)?;
        }
        if let Some(l) = &a.latest {
            ws.write_number(r0, 3, l.value).map_err(xerr)?;
            ws.write_number(r0, 4, f64::from(l.year)).map_err(xerr)?;
        }
        let attained = match a.attained {
            Some(true) => "是",
            Some(false) => "否",
            None => "",
        };
        ws.write_string(r0, 5, attained).map_err(xerr)?;
        ws.write_string(r0, 6, a.class.map(|c| format!("{c:?}")).unwrap_or_default())
            .map_err(xerr)?;
        ws.write_string(r0, 7, a.notes.join("；")).map_err(xerr)?;
    }
    ws.autofilter(0, 0, row(targets.len().max(1)), col(header.len() - 1))
        .map_err(xerr)?;
    ws.set_column_width(0, 30).map_err(xerr)?;
    ws.set_column_width(1, 20).map_err(xerr)?;

    let ws = wb.add_worksheet();
    ws.set_name("项目").map_err(xerr)?;
    let header = [
        "项目",
        "名称",
        "组合",
        "领域",
        "阶段",
        "入库年份",
        "投资(万元)",
        "已撤出",
    ];
    write_header(ws, &header, &bold)?;
    let states = r.project_states()?;
    let mut n = 0;
    for (key, s) in &states {
        if r.get_by_key::<Project>(key)?.is_none() {
            continue;
        }
        n += 1;
        let r0 = row(n);
        ws.write_string(r0, 0, key.clone()).map_err(xerr)?;
        ws.write_string(r0, 1, s.spec.name.clone()).map_err(xerr)?;
        ws.write_string(r0, 2, s.spec.portfolio.clone())
            .map_err(xerr)?;
        ws.write_string(r0, 3, s.spec.domain.clone().unwrap_or_default())
            .map_err(xerr)?;
        ws.write_string(r0, 4, s.stage.name_zh()).map_err(xerr)?;
        ws.write_number(r0, 5, f64::from(s.spec.year))
            .map_err(xerr)?;
        if let Some(v) = s.spec.investment_wan_yuan {
            ws.write_number(r0, 6, v).map_err(xerr)?;
        }
        ws.write_string(r0, 7, if s.withdrawn { "是" } else { "否" })
            .map_err(xerr)?;
    }
    ws.autofilter(0, 0, row(n.max(1)), col(header.len() - 1))
        .map_err(xerr)?;
    // The funnel below the list: projects per stage per portfolio.
    let mut r0 = row(n + 3);
    for p in r.all::<crate::model::Portfolio>()? {
        let f = track::project_funnel(r, p.key.as_str(), None, options.as_of)?;
        ws.write_string_with_format(r0, 0, format!("{} 阶段分布", p.key), &bold)
            .map_err(xerr)?;
        r0 += 1;
        for s in &f.stages {
            ws.write_string(r0, 0, s.stage.name_zh()).map_err(xerr)?;
            ws.write_number(r0, 1, f64::from(s.projects))
                .map_err(xerr)?;
            r0 += 1;
        }
    }
    wb.save_to_buffer().map_err(xerr)
}
