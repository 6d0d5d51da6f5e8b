//! Target attainment: baseline, latest observation, projection, class.

use std::collections::BTreeMap;

use serde::Serialize;

use super::super::state;
use crate::error::{Error, Result};
use crate::model::{
    Comparator, Date, Direction, EdgeLabel, Event, NodeData, NodeKind, Observation, Unit,
};
use crate::query::{self};
use crate::store::GraphRead;

/// How a target stands, in the SDG progress classes of the observed ÷ required growth.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum AttainmentClass {
    /// Ratio ≥ 0.95, or attained.
    OnTrack,
    /// 0.60 ≤ ratio < 0.95.
    Progressing,
    /// 0 ≤ ratio < 0.60.
    Slow,
    /// Ratio < 0: moving away from the target.
    Regressing,
}

impl AttainmentClass {
    /// The name in JSON and the bindings: `on_track`, `progressing`, `slow` or `regressing`.
    pub fn name(self) -> &'static str {
        match self {
            Self::OnTrack => "on_track",
            Self::Progressing => "progressing",
            Self::Slow => "slow",
            Self::Regressing => "regressing",
        }
    }

    /// The Chinese name a 台账 prints: 符合进度, 基本符合, 进展缓慢 or 反向变化.
    pub fn name_zh(self) -> &'static str {
        match self {
            Self::OnTrack => "符合进度",
            Self::Progressing => "基本符合",
            Self::Slow => "进展缓慢",
            Self::Regressing => "反向变化",
        }
    }
}

/// A target's attainment for one area.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Attainment {
    /// Target key.
    pub target: String,
    /// Indicator key.
    pub indicator: Option<String>,
    /// Area key assessed.
    pub area: Option<String>,
    /// The target, compactly (`≥ 40%`).
    pub summary: String,
    /// The value to reach (for change-against-base targets, base × (1 ∓ change)).
    pub target_value: Option<f64>,
    /// The baseline observation (the base year's for change targets, else the earliest).
    pub baseline: Option<Observation>,
    /// The latest observation.
    pub latest: Option<Observation>,
    /// Whether the latest value meets the target.
    pub attained: Option<bool>,
    /// Remaining distance to the target value, in its unit (0 when attained).
    pub distance: Option<f64>,
    /// How far the latest value trails the straight line from baseline to target at the
    /// deadline, in the indicator's unit (positive = behind).
    pub time_lag: Option<f64>,
    /// Observed ÷ required compound annual growth.
    pub growth_ratio: Option<f64>,
    /// Class of the growth ratio.
    pub class: Option<AttainmentClass>,
    /// The value at the deadline if the baseline → latest trend continues linearly.
    pub projected: Option<f64>,
    /// What could not be assessed and why (a missing baseline is reported, never guessed).
    pub notes: Vec<AttainmentNote>,
}

/// Why a target could not be (fully) assessed: in English (`Display`, and JSON) for the
/// operator, in Chinese ([`AttainmentNote::zh`]) for a 台账.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum AttainmentNote {
    /// The target has no indicator, or its plan no area to assess.
    NoIndicatorOrArea,
    /// Nothing observed yet.
    NoObservation {
        /// Indicator key.
        indicator: String,
        /// Area key.
        area: String,
    },
    /// A change-against-base target without its base year's observation.
    NoBaseline {
        /// The base year.
        year: u16,
        /// Indicator key.
        indicator: String,
        /// Area key.
        area: String,
    },
    /// A change-against-base target without a base year.
    NoBaseYear,
    /// A target against an external reference whose value is not recorded.
    NoReference {
        /// The reference as the plan names it.
        reference: Option<String>,
    },
    /// One observation only: growth needs an earlier year too.
    OneObservation,
}

/// A key's name part: `indicator/城镇化率` → `城镇化率`.
fn bare(key: &str) -> &str {
    key.split_once('/').map_or(key, |(_, name)| name)
}

impl AttainmentNote {
    /// The note in Chinese, as a 台账 prints it.
    ///
    /// ```
    /// use reformgraph::track::AttainmentNote;
    /// let n = AttainmentNote::NoObservation { indicator: "indicator/城镇化率".into(), area: "area/山西省".into() };
    /// assert_eq!(n.zh(), "尚无山西省城镇化率的观测值");
    /// ```
    pub fn zh(&self) -> String {
        match self {
            Self::NoIndicatorOrArea => "目标未关联指标，或规划未指定评估地区".into(),
            Self::NoObservation { indicator, area } => {
                format!("尚无{}{}的观测值", bare(area), bare(indicator))
            }
            Self::NoBaseline {
                year,
                indicator,
                area,
            } => format!(
                "缺少{}{year}年{}的基期值，录入后方可评估",
                bare(area),
                bare(indicator)
            ),
            Self::NoBaseYear => "目标未给出基期年份".into(),
            Self::NoReference { reference } => format!(
                "请将参照值（{}）录入为参照观测值",
                reference.as_deref().unwrap_or("外部参照")
            ),
            Self::OneObservation => "仅有一年观测值，测算增速还需更早年份的数据".into(),
        }
    }
}

impl std::fmt::Display for AttainmentNote {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::NoIndicatorOrArea => {
                f.write_str("the target has no indicator or the plan no area to assess")
            }
            Self::NoObservation { indicator, area } => {
                write!(f, "no observation of {indicator} for {area} yet")
            }
            Self::NoBaseline {
                year,
                indicator,
                area,
            } => write!(
                f,
                "no {year} baseline observation of {indicator} for {area}: record it to assess this target"
            ),
            Self::NoBaseYear => f.write_str("the target has no base year"),
            Self::NoReference { reference } => write!(
                f,
                "record the reference value ({}) as an observation with reference = true",
                reference.as_deref().unwrap_or("the external reference")
            ),
            Self::OneObservation => {
                f.write_str("one observation only: growth needs an earlier year too")
            }
        }
    }
}

impl Serialize for AttainmentNote {
    fn serialize<S: serde::Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

pub(super) fn plan_area<R: GraphRead + ?Sized>(r: &R, target_key: &str) -> Result<Option<String>> {
    let plan_key = target_key.split('/').next().unwrap_or(target_key);
    let Some(plan) = r.node_by_key(plan_key)? else {
        return Ok(None);
    };
    Ok(
        r.neighbors(plan.id, Some(EdgeLabel::InArea), Direction::Outgoing)?
            .into_iter()
            .next()
            .map(|(_, n)| n.key.to_string()),
    )
}

fn observations_as_of<R: GraphRead + ?Sized>(
    r: &R,
    indicator: &str,
    area: &str,
    as_of: Option<Date>,
) -> Result<Vec<Observation>> {
    // "Now" is today: the latest observations serve unless one is dated ahead.
    let day = as_of.unwrap_or_else(super::super::today);
    let latest = r.observations(indicator, Some(area))?;
    if latest.iter().all(|o| o.effective <= day) {
        return Ok(latest);
    }
    let mut events: Vec<Event> = r
        .events_of(indicator)?
        .into_iter()
        .filter(|e| e.effective <= day)
        .collect();
    state::sort(&mut events);
    let mut slots: BTreeMap<(u16, bool), Observation> = BTreeMap::new();
    for e in &events {
        if let crate::model::Change::Observation {
            area: a,
            year,
            reference,
            ..
        } = &e.change
            && a == area
            && let Some(o) = state::observation(indicator, &events, a, *year, *reference)
        {
            slots.insert((*year, *reference), o);
        }
    }
    Ok(slots.into_values().collect())
}

/// [`attainment`] of every target in key order, each for its plan's area, as of a date:
/// the table of `reformgraph report attainment`.
///
/// # Errors
/// As [`attainment`].
///
/// ```
/// use reformgraph::{Store, import::bundled, track};
/// let store = Store::in_memory()?;
/// bundled::import_shanxi_2013(&store)?;
/// let all = track::attainments(&store.read()?, None)?;
/// assert!(all.iter().any(|a| a.target == "shanxi-2013/target/城镇化率"));
/// assert!(all.iter().all(|a| a.latest.is_none()), "nothing observed yet");
/// # Ok::<(), reformgraph::Error>(())
/// ```
pub fn attainments<R: GraphRead + ?Sized>(r: &R, as_of: Option<Date>) -> Result<Vec<Attainment>> {
    query::all_targets(r)?
        .iter()
        .map(|t| attainment(r, &t.key, None, as_of))
        .collect()
}

fn cagr(from: f64, to: f64, years: f64) -> Option<f64> {
    (from > 0.0 && to > 0.0 && years > 0.0).then(|| (to / from).powf(1.0 / years) - 1.0)
}

/// A target's attainment for an area (default: the plan's area) as of a date.
///
/// # Errors
/// [`Error::KeyNotFound`] / [`Error::WrongKind`] if `target` is not a target;
/// [`Error::Invalid`] if observations are in another unit than the target.
///
/// ```
/// use reformgraph::{Store, Unit, import::bundled, track::{self, EventInput}};
/// let store = Store::in_memory()?;
/// bundled::import_shanxi_2013(&store)?;
/// for (year, v) in [(2012, 51.3), (2013, 52.6)] {
///     track::record(&store, EventInput::observation("indicator/城镇化率", "area/山西省", year, v, Unit::Percent, "统计局"))?;
/// }
/// let a = track::attainment(&store.read()?, "shanxi-2013/target/城镇化率", None, None)?;
/// assert_eq!(a.attained, Some(false));
/// assert!(a.projected.is_some());
/// # Ok::<(), reformgraph::Error>(())
/// ```
pub fn attainment<R: GraphRead + ?Sized>(
    r: &R,
    target: &str,
    area: Option<&str>,
    as_of: Option<Date>,
) -> Result<Attainment> {
    let node = r.require(target)?;
    let NodeData::Target(t) = &node.data else {
        return Err(Error::WrongKind {
            key: target.to_owned(),
            expected: NodeKind::Target,
            found: node.kind(),
        });
    };
    let indicator = r
        .neighbors(node.id, Some(EdgeLabel::MeasuredBy), Direction::Outgoing)?
        .into_iter()
        .next()
        .map(|(_, n)| n.key.to_string());
    let area = match area {
        Some(a) => Some(query::resolve(r, NodeKind::Area, a)?.key.to_string()),
        None => plan_area(r, target)?,
    };
    let mut out = Attainment {
        target: target.to_owned(),
        indicator: indicator.clone(),
        area: area.clone(),
        summary: t.summary(),
        // An absolute target (≥ 75 %) is known before anything is observed; one relative to
        // a base year or a reference needs those observations (below).
        target_value: if matches!(
            t.comparator,
            Comparator::DecreaseFromBase
                | Comparator::IncreaseFromBase
                | Comparator::AboveReference
                | Comparator::WithinReference
        ) {
            None
        } else {
            t.value
        },
        baseline: None,
        latest: None,
        attained: None,
        distance: None,
        time_lag: None,
        growth_ratio: None,
        class: None,
        projected: None,
        notes: Vec::new(),
    };
    let (Some(indicator), Some(area)) = (indicator, area) else {
        out.notes.push(AttainmentNote::NoIndicatorOrArea);
        return Ok(out);
    };
    let all = observations_as_of(r, &indicator, &area, as_of)?;
    let (own, refs): (Vec<Observation>, Vec<Observation>) =
        all.into_iter().partition(|o| !o.reference);
    let Some(latest) = own.iter().max_by_key(|o| o.year).cloned() else {
        out.notes
            .push(AttainmentNote::NoObservation { indicator, area });
        return Ok(out);
    };
    let relative = matches!(
        t.comparator,
        Comparator::DecreaseFromBase | Comparator::IncreaseFromBase
    );
    if relative {
        if t.unit != Unit::Percent {
            return Err(Error::invalid(
                "target unit",
                format!(
                    "a change against a base year is a percentage, not {:?}",
                    t.unit
                ),
            ));
        }
    } else if !matches!(
        t.comparator,
        Comparator::AboveReference | Comparator::WithinReference
    ) && t.unit != latest.unit
    {
        return Err(Error::invalid(
            "unit",
            format!(
                "the target is in {:?} but {indicator} is observed in {:?}; they cannot be compared",
                t.unit, latest.unit
            ),
        ));
    }
    let deadline_year = t.deadline.map(Date::year);
    let baseline = match (relative, t.base_year) {
        (true, Some(y)) => match own.iter().find(|o| o.year == y) {
            Some(b) => Some(b.clone()),
            None => {
                out.notes.push(AttainmentNote::NoBaseline {
                    year: y,
                    indicator: indicator.clone(),
                    area: area.clone(),
                });
                None
            }
        },
        (true, None) => {
            out.notes.push(AttainmentNote::NoBaseYear);
            None
        }
        (false, _) => own
            .iter()
            .filter(|o| o.year < latest.year)
            .min_by_key(|o| o.year)
            .cloned(),
    };
    let v = t.value;
    let target_value = match t.comparator {
        Comparator::DecreaseFromBase => baseline
            .as_ref()
            .zip(v)
            .map(|(b, v)| b.value * (1.0 - v / 100.0)),
        Comparator::IncreaseFromBase => baseline
            .as_ref()
            .zip(v)
            .map(|(b, v)| b.value * (1.0 + v / 100.0)),
        Comparator::AboveReference | Comparator::WithinReference => refs
            .iter()
            .filter(|o| o.year <= latest.year)
            .max_by_key(|o| o.year)
            .map(|o| o.value),
        _ => v,
    };
    let x = latest.value;
    // Which way is better: up for "at least" targets, down for caps and decreases.
    let upward = !matches!(
        t.comparator,
        Comparator::AtMost | Comparator::DecreaseFromBase | Comparator::WithinReference
    );
    out.attained = match (t.comparator, target_value) {
        (Comparator::Approximately, Some(tv)) => Some((x - tv).abs() <= tv.abs() * 0.05),
        (Comparator::Range, Some(lo)) => Some(x >= lo && t.value_max.is_none_or(|hi| x <= hi)),
        (Comparator::AboveReference, Some(tv)) => Some(x > tv),
        (_, Some(tv)) if upward => Some(x >= tv),
        (_, Some(tv)) => Some(x <= tv),
        (_, None) => {
            if matches!(
                t.comparator,
                Comparator::AboveReference | Comparator::WithinReference
            ) {
                out.notes.push(AttainmentNote::NoReference {
                    reference: t.reference.clone(),
                });
            }
            None
        }
    };
    out.distance = target_value.map(|tv| {
        let gap = if upward { tv - x } else { x - tv };
        gap.max(0.0)
    });
    if let (Some(b), Some(tv), Some(dy)) = (&baseline, target_value, deadline_year) {
        let span = f64::from(dy) - f64::from(b.year);
        let gone = f64::from(latest.year) - f64::from(b.year);
        if span > 0.0 && gone > 0.0 {
            let expected = b.value + (tv - b.value) * (gone / span).min(1.0);
            out.time_lag = Some(if upward { expected - x } else { x - expected });
            out.projected = Some(b.value + (x - b.value) * span / gone);
            let observed = cagr(b.value, x, gone);
            let required = cagr(b.value, tv, span);
            if let (Some(o), Some(q)) = (observed, required)
                && q.abs() > f64::EPSILON
            {
                let ratio = o / q;
                out.growth_ratio = Some(ratio);
                out.class = Some(if ratio >= 0.95 {
                    AttainmentClass::OnTrack
                } else if ratio >= 0.60 {
                    AttainmentClass::Progressing
                } else if ratio >= 0.0 {
                    AttainmentClass::Slow
                } else {
                    AttainmentClass::Regressing
                });
            }
        }
    } else if !relative && baseline.is_none() {
        out.notes.push(AttainmentNote::OneObservation);
    }
    if out.attained == Some(true) {
        out.class = Some(AttainmentClass::OnTrack);
    }
    out.target_value = target_value;
    out.baseline = baseline;
    out.latest = Some(latest);
    Ok(out)
}
