//! Charts as hand-written SVG (lighter than a plotting crate): department workload, target
//! attainment and the project stage funnel.

use crate::error::{Error, Result};
use crate::model::Date;
use crate::query;
use crate::store::GraphRead;
use crate::track::{self, AttainmentClass};

/// One bar of a chart.
#[derive(Debug, Clone, PartialEq)]
pub struct Bar {
    /// Label on the left.
    pub label: String,
    /// Length, in the chart's unit.
    pub value: f64,
    /// Fill colour (CSS).
    pub color: &'static str,
    /// Text after the bar.
    pub note: String,
}

fn esc(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

const FONT: &str = "Noto Sans CJK SC, Source Han Sans SC, PingFang SC, Microsoft YaHei, sans-serif";

/// A row of a stacked chart: segments laid end to end.
struct Row<'a> {
    label: &'a str,
    segments: Vec<(f64, &'static str)>,
    note: &'a str,
}

/// Text cut to about `width` pixels at 13 px (a CJK character ≈ 13 px, a Latin one ≈ 7),
/// with … when cut, so a long indicator name does not run into its bar.
fn fit(text: &str, width: f64) -> String {
    let mut used = 0.0;
    let mut out = String::new();
    for c in text.chars() {
        let w = if c.is_ascii() { 7.0 } else { 13.0 };
        if used + w > width - 13.0 {
            out.push('…');
            return out;
        }
        used += w;
        out.push(c);
    }
    out
}

/// The one chart renderer: horizontal rows of stacked segments, scaled to `max` (else the
/// longest row), a legend under the title when given, labels and notes fitted to their
/// columns.
fn chart(
    title: &str,
    subtitle: Option<&str>,
    rows: &[Row<'_>],
    max: Option<f64>,
    legend: &[(&str, &'static str)],
) -> String {
    let (label_w, bar_w, note_w, row_h) = (260.0, 420.0, 300.0, 22.0);
    let top = 48.0
        + if subtitle.is_some() { 18.0 } else { 0.0 }
        + if legend.is_empty() { 0.0 } else { 22.0 };
    let width = label_w + bar_w + note_w;
    let height = top + row_h * rows.len() as f64 + 20.0;
    let total = |r: &Row<'_>| r.segments.iter().map(|(v, _)| v.max(0.0)).sum::<f64>();
    let max = max
        .unwrap_or_else(|| rows.iter().map(total).fold(0.0, f64::max))
        .max(f64::MIN_POSITIVE);
    let mut s = format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{width}\" height=\"{height}\" viewBox=\"0 0 {width} {height}\" font-family=\"{FONT}\" font-size=\"13\">\n\
         <rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n\
         <text x=\"12\" y=\"28\" font-size=\"17\" font-weight=\"bold\">{}</text>\n",
        esc(title)
    );
    let mut y = 48.0;
    if let Some(sub) = subtitle {
        s.push_str(&format!(
            "<text x=\"12\" y=\"{y:.1}\" font-size=\"12\" fill=\"#555\">{}</text>\n",
            esc(sub)
        ));
        y += 18.0;
    }
    let mut x = 12.0;
    for (name, color) in legend {
        s.push_str(&format!(
            "<rect x=\"{x:.1}\" y=\"{:.1}\" width=\"12\" height=\"12\" fill=\"{color}\"/>\n\
             <text x=\"{:.1}\" y=\"{y:.1}\" font-size=\"12\">{}</text>\n",
            y - 10.0,
            x + 16.0,
            esc(name)
        ));
        let text: f64 = name
            .chars()
            .map(|c| if c.is_ascii() { 6.5 } else { 12.0 })
            .sum();
        x += 16.0 + text + 18.0;
    }
    for (i, r) in rows.iter().enumerate() {
        let y = top + row_h * i as f64;
        s.push_str(&format!(
            "<text x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"end\"><title>{}</title>{}</text>\n",
            label_w - 8.0,
            y + 15.0,
            esc(r.label),
            esc(&fit(r.label, label_w - 8.0))
        ));
        let mut x = label_w;
        for (v, color) in &r.segments {
            let w = (v.max(0.0) / max).min(1.0) * bar_w;
            let w = w.min(label_w + bar_w - x);
            s.push_str(&format!(
                "<rect x=\"{x:.1}\" y=\"{:.1}\" width=\"{w:.1}\" height=\"{:.1}\" fill=\"{color}\"/>\n",
                y + 3.0,
                row_h - 6.0
            ));
            x += w;
        }
        s.push_str(&format!(
            "<text x=\"{:.1}\" y=\"{:.1}\" fill=\"#333\"><title>{}</title>{}</text>\n",
            x + 6.0,
            y + 15.0,
            esc(r.note),
            esc(&fit(r.note, label_w + bar_w + note_w - x - 6.0))
        ));
    }
    s.push_str("</svg>\n");
    s
}

/// Bars as one-segment rows.
fn single(bars: &[Bar]) -> Vec<Row<'_>> {
    bars.iter()
        .map(|b| Row {
            label: &b.label,
            segments: vec![(b.value, b.color)],
            note: &b.note,
        })
        .collect()
}

/// A horizontal bar chart. `max` fixes the scale (otherwise the largest value).
pub fn bar_chart(title: &str, bars: &[Bar], max: Option<f64>) -> String {
    chart(title, None, &single(bars), max, &[])
}

/// Tasks led per organisation (most first, at most `top`).
///
/// # Errors
/// Storage or decoding errors.
///
/// ```
/// use reformgraph::{Store, export, import::bundled};
/// let store = Store::in_memory()?;
/// bundled::import_shanxi_2013(&store)?;
/// let svg = export::workload_svg(&store.read()?, 15)?;
/// assert!(svg.contains("省发展改革委"));
/// # Ok::<(), reformgraph::Error>(())
/// ```
pub fn workload_svg<R: GraphRead + ?Sized>(r: &R, top: usize) -> Result<String> {
    let bars: Vec<Bar> = query::lead_counts(r)?
        .into_iter()
        .take(top)
        .map(|c| Bar {
            label: c.lead.name,
            value: f64::from(c.tasks),
            color: "#4472c4",
            note: c.tasks.to_string(),
        })
        .collect();
    Ok(bar_chart(
        "牵头任务数 · tasks led per organisation",
        &bars,
        None,
    ))
}

/// How far each observed target has come: the latest value as a share of the way from
/// the baseline (or zero) to the target, coloured by attainment class.
///
/// # Errors
/// Storage or decoding errors; a unit mismatch is reported in the bar's note.
///
/// ```
/// use reformgraph::{Store, export, import::bundled};
/// let store = Store::in_memory()?;
/// bundled::import_shanxi_2013(&store)?;
/// assert!(export::attainment_svg(&store.read()?, None)?.starts_with("<svg"));
/// # Ok::<(), reformgraph::Error>(())
/// ```
pub fn attainment_svg<R: GraphRead + ?Sized>(r: &R, as_of: Option<Date>) -> Result<String> {
    let mut bars = Vec::new();
    for t in query::all_targets(r)? {
        let name = t.indicator.clone().unwrap_or_else(|| t.key.clone());
        let a = match track::attainment(r, &t.key, None, as_of) {
            Ok(a) => a,
            Err(e) => {
                bars.push(Bar {
                    label: name,
                    value: 0.0,
                    color: "#999",
                    note: e.to_string(),
                });
                continue;
            }
        };
        let (Some(latest), Some(target)) = (a.latest.as_ref(), a.target_value) else {
            bars.push(Bar {
                label: name,
                value: 0.0,
                color: "#ccc",
                note: format!("{} · no data", a.summary),
            });
            continue;
        };
        let base = a.baseline.as_ref().map_or(0.0, |b| b.value);
        let share = if (target - base).abs() > f64::EPSILON {
            (latest.value - base) / (target - base)
        } else {
            1.0
        };
        let share = if a.attained == Some(true) {
            share.max(1.0)
        } else {
            share
        };
        let color = match a.class {
            Some(AttainmentClass::OnTrack) => "#2e8b57",
            Some(AttainmentClass::Progressing) => "#e0a800",
            Some(AttainmentClass::Slow) => "#e8743b",
            Some(AttainmentClass::Regressing) => "#c0392b",
            None => "#7f8c8d",
        };
        bars.push(Bar {
            label: name,
            value: share * 100.0,
            color,
            note: format!(
                "{:.0}% · {} · latest {} ({})",
                share * 100.0,
                a.summary,
                latest.value,
                latest.year
            ),
        });
    }
    let rows = single(&bars);
    Ok(chart(
        "目标进展 · progress towards each target",
        Some(
            "bar = (latest − baseline) ÷ (target − baseline), from 0 when there is no baseline; a full bar is the target reached",
        ),
        &rows,
        Some(100.0),
        &[
            (AttainmentClass::OnTrack.name_zh(), "#2e8b57"),
            (AttainmentClass::Progressing.name_zh(), "#e0a800"),
            (AttainmentClass::Slow.name_zh(), "#e8743b"),
            (AttainmentClass::Regressing.name_zh(), "#c0392b"),
            ("未评价 not classified", "#7f8c8d"),
            ("尚无数据 no data", "#ccc"),
        ],
    ))
}

/// Task status by lead organisation (most tasks first, at most `top`) as stacked 红黄绿
/// bars on a date: red (far behind or overdue), yellow (behind or delayed), green (on
/// schedule or done) — the departments roll-up drawn.
///
/// # Errors
/// Storage or decoding errors.
///
/// ```
/// use reformgraph::{Store, export, import::bundled};
/// let store = Store::in_memory()?;
/// bundled::import_shanxi_2013(&store)?;
/// let svg = export::departments_svg(&store.read()?, None, 15)?;
/// assert!(svg.contains("省发展改革委") && svg.contains("#c0392b"));
/// # Ok::<(), reformgraph::Error>(())
/// ```
pub fn departments_svg<R: GraphRead + ?Sized>(
    r: &R,
    as_of: Option<Date>,
    top: usize,
) -> Result<String> {
    let rollup = track::department_rollup(r, as_of, track::LagThresholds::default())?;
    let notes: Vec<String> = rollup
        .iter()
        .map(|d| {
            let c = &d.counts;
            format!(
                "{} · 红{} 黄{} 绿{} · 逾期{}",
                c.tasks, c.red, c.yellow, c.green, c.overdue
            )
        })
        .collect();
    let rows: Vec<Row<'_>> = rollup
        .iter()
        .zip(&notes)
        .take(top)
        .map(|(d, note)| Row {
            label: &d.name,
            segments: vec![
                (f64::from(d.counts.red), "#c0392b"),
                (f64::from(d.counts.yellow), "#e0a800"),
                (f64::from(d.counts.green), "#2e8b57"),
            ],
            note,
        })
        .collect();
    let day = as_of.unwrap_or_else(track::today);
    Ok(chart(
        "牵头任务进展 · tasks led, by status",
        Some(&format!(
            "截至{day} · one box per task each organisation leads (sole, first or co-lead)"
        )),
        &rows,
        None,
        &[
            ("红 far behind or overdue", "#c0392b"),
            ("黄 behind", "#e0a800"),
            ("绿 on schedule or done", "#2e8b57"),
        ],
    ))
}

/// Projects per stage of a portfolio (储备→签约→落地→开工→建设→投产, then 暂停 and 取消).
///
/// # Errors
/// As [`track::project_funnel`].
///
/// ```
/// use reformgraph::{Store, export, import::bundled};
/// let store = Store::in_memory()?;
/// bundled::import_shanxi_2013(&store)?;
/// assert!(export::funnel_svg(&store.read()?, "shanxi-2013/portfolio", None, None)?.contains("储备"));
/// # Ok::<(), reformgraph::Error>(())
/// ```
pub fn funnel_svg<R: GraphRead + ?Sized>(
    r: &R,
    portfolio: &str,
    year: Option<u16>,
    as_of: Option<Date>,
) -> Result<String> {
    let f = track::project_funnel(r, portfolio, year, as_of)?;
    let bars: Vec<Bar> = f
        .stages
        .iter()
        .map(|s| Bar {
            label: s.stage.name_zh().to_owned(),
            value: f64::from(s.projects),
            color: "#5b9bd5",
            note: s.projects.to_string(),
        })
        .collect();
    let title = format!(
        "项目阶段 · {} projects of {} (quota {})",
        f.total,
        portfolio,
        f.quota.map_or_else(|| "–".to_owned(), |q| q.to_string())
    );
    // Scaled to the largest stage, not the quota: 5 projects of a 100-project quota would
    // be slivers; the title says the quota.
    Ok(bar_chart(&title, &bars, None))
}

/// The reports that have a chart, by name: what [`report_svg`] draws.
pub const CHARTS: [&str; 5] = [
    "workload",
    "departments",
    "attainment",
    "targets",
    "projects",
];

/// The chart of a report by the report's name, as `reformgraph report NAME --svg` draws
/// it: `workload` (tasks led), `departments` (status by department), `attainment` or
/// `targets` (progress towards each target), `projects` (the first portfolio's stages).
///
/// # Errors
/// [`Error::Invalid`] for a report without a chart, or `projects` in a database without a
/// portfolio; storage errors.
///
/// ```
/// use reformgraph::{Store, export, import::bundled};
/// let store = Store::in_memory()?;
/// bundled::import_shanxi_2013(&store)?;
/// assert!(export::report_svg(&store.read()?, "departments", None)?.contains("by status"));
/// assert!(export::report_svg(&store.read()?, "co-leads", None).is_err());
/// # Ok::<(), reformgraph::Error>(())
/// ```
pub fn report_svg<R: GraphRead + ?Sized>(
    r: &R,
    report: &str,
    as_of: Option<Date>,
) -> Result<String> {
    match report {
        "workload" => workload_svg(r, 20),
        "departments" => departments_svg(r, as_of, 20),
        "attainment" | "targets" => attainment_svg(r, as_of),
        "projects" => {
            let portfolio = r
                .all::<crate::model::Portfolio>()?
                .into_iter()
                .next()
                .map(|p| p.key.to_string())
                .ok_or_else(|| {
                    Error::invalid(
                        "chart",
                        "the database has no project portfolio: import a plan with a 重大项目 part first",
                    )
                })?;
            funnel_svg(r, &portfolio, None, as_of)
        }
        other => Err(Error::invalid(
            "chart",
            format!(
                "report {other} has no chart; these have one: {}",
                CHARTS.join(", ")
            ),
        )),
    }
}
