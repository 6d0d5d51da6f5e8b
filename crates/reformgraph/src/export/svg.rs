//! Charts as hand-written SVG (lighter than a plotting crate): department workload, target
//! attainment and the project stage funnel.

use crate::error::Result;
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

/// A horizontal bar chart. `max` fixes the scale (otherwise the largest value).
pub fn bar_chart(title: &str, bars: &[Bar], max: Option<f64>) -> String {
    let (label_w, bar_w, row_h, top) = (260.0, 420.0, 22.0, 48.0);
    let width = label_w + bar_w + 160.0;
    let height = top + row_h * bars.len() as f64 + 20.0;
    let max = max
        .unwrap_or_else(|| bars.iter().map(|b| b.value).fold(0.0, f64::max))
        .max(f64::MIN_POSITIVE);
    let mut s = format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{width}\" height=\"{height}\" viewBox=\"0 0 {width} {height}\" font-family=\"{FONT}\" font-size=\"13\">\n\
         <rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n\
         <text x=\"12\" y=\"28\" font-size=\"17\" font-weight=\"bold\">{}</text>\n",
        esc(title)
    );
    for (i, b) in bars.iter().enumerate() {
        let y = top + row_h * i as f64;
        let w = (b.value.max(0.0) / max).min(1.0) * bar_w;
        s.push_str(&format!(
            "<text x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"end\">{}</text>\n\
             <rect x=\"{label_w:.1}\" y=\"{:.1}\" width=\"{w:.1}\" height=\"{:.1}\" fill=\"{}\"/>\n\
             <text x=\"{:.1}\" y=\"{:.1}\" fill=\"#333\">{}</text>\n",
            label_w - 8.0,
            y + 15.0,
            esc(&b.label),
            y + 3.0,
            row_h - 6.0,
            b.color,
            label_w + w + 6.0,
            y + 15.0,
            esc(&b.note)
        ));
    }
    s.push_str("</svg>\n");
    s
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
    Ok(bar_chart(
        "目标进展 · progress towards each target",
        &bars,
        Some(100.0),
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
    Ok(bar_chart(&title, &bars, f.quota.map(f64::from)))
}
