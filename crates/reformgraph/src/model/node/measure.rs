//! What is measured and aimed at: units, indicators, comparators, targets.

use super::*;

/// The unit of a quantity.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[non_exhaustive]
pub enum Unit {
    /// A pure number.
    None,
    /// Percent (%).
    Percent,
    /// Percentage points: a difference of two percentages, never mixed with [`Unit::Percent`].
    PercentagePoints,
    /// Per mille (‰).
    Permille,
    /// Yuan (元).
    Yuan,
    /// A count (个, 户, 家 …), with the measure word as printed.
    Count(String),
    /// Any other unit, verbatim: 万亩, 万吨/年, 万千瓦.
    Other(String),
}

impl Unit {
    /// Parses a unit as printed: `%`, `个百分点` (or `pp`), `‰`, `元`, a measure word such as
    /// `个` or `户`, empty for a pure number; anything else is kept as [`Unit::Other`].
    ///
    /// ```
    /// use reformgraph::Unit;
    /// assert_eq!(Unit::parse("%"), Unit::Percent);
    /// assert_eq!(Unit::parse("户"), Unit::Count("户".into()));
    /// assert_eq!(Unit::parse("万亩"), Unit::Other("万亩".into()));
    /// ```
    pub fn parse(s: &str) -> Unit {
        match s.trim() {
            "" => Unit::None,
            "%" | "％" | "percent" => Unit::Percent,
            "个百分点" | "百分点" | "pp" => Unit::PercentagePoints,
            "‰" => Unit::Permille,
            "元" => Unit::Yuan,
            m @ ("个" | "户" | "家" | "项" | "所" | "座" | "人") => {
                Unit::Count(m.to_owned())
            }
            other => Unit::Other(other.to_owned()),
        }
    }

    /// The unit as printed.
    pub fn symbol(&self) -> &str {
        match self {
            Unit::None => "",
            Unit::Percent => "%",
            Unit::PercentagePoints => "个百分点",
            Unit::Permille => "‰",
            Unit::Yuan => "元",
            Unit::Count(s) | Unit::Other(s) => s,
        }
    }
}

/// A measured quantity: 服务业增加值比重, 城镇化率 …
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Indicator {
    /// Name as printed.
    pub name: String,
    /// The unit readings are taken in.
    pub unit: Unit,
}

/// How a target compares an indicator's value with the target value.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[non_exhaustive]
pub enum Comparator {
    /// 以上 / 不低于: at least the value.
    AtLeast,
    /// 达到 / 提高到: reach the value.
    Reach,
    /// 以下 / 不超过: at most the value.
    AtMost,
    /// A range 3%-5%: between [`Target::value`] and [`Target::value_max`].
    Range,
    /// 左右: approximately the value.
    Approximately,
    /// 比2010年降低16%: fall by the value relative to [`Target::base_year`].
    DecreaseFromBase,
    /// 比2010年提高: rise by the value relative to [`Target::base_year`].
    IncreaseFromBase,
    /// 高于全国平均水平: above an external reference, [`Target::reference`].
    AboveReference,
    /// 控制在国家确定的约束指标之内: within an external limit, [`Target::reference`].
    WithinReference,
}

impl Comparator {
    /// Snake-case name.
    pub fn name(self) -> &'static str {
        match self {
            Comparator::AtLeast => "at_least",
            Comparator::Reach => "reach",
            Comparator::AtMost => "at_most",
            Comparator::Range => "range",
            Comparator::Approximately => "approximately",
            Comparator::DecreaseFromBase => "decrease_from_base",
            Comparator::IncreaseFromBase => "increase_from_base",
            Comparator::AboveReference => "above_reference",
            Comparator::WithinReference => "within_reference",
        }
    }
}

/// A quantitative target on an indicator.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Target {
    /// How the value is compared.
    pub comparator: Comparator,
    /// The target value (the low end of a range); `None` for reference targets.
    pub value: Option<f64>,
    /// The high end of a [`Comparator::Range`].
    pub value_max: Option<f64>,
    /// Unit of the value.
    pub unit: Unit,
    /// Base year for change-against-base targets.
    pub base_year: Option<u16>,
    /// When the target falls due.
    pub deadline: Option<Date>,
    /// True for a yearly target (每年…).
    pub annual: bool,
    /// External reference for reference targets, verbatim: 全国平均水平.
    pub reference: Option<String>,
    /// The clause as printed.
    pub wording: String,
}

impl Target {
    /// A compact statement of the target: `≥ 40%`, `3–5%`, `−16% vs 2010`, `≈ 20个`,
    /// `> 全国平均水平`, with `/yr` for yearly targets.
    ///
    /// ```
    /// use reformgraph::{Comparator, Target, Unit};
    /// let t = Target { comparator: Comparator::DecreaseFromBase, value: Some(16.0), value_max: None,
    ///     unit: Unit::Percent, base_year: Some(2010), deadline: None, annual: false,
    ///     reference: None, wording: String::new() };
    /// assert_eq!(t.summary(), "−16% vs 2010");
    /// ```
    pub fn summary(&self) -> String {
        fn num(v: f64) -> String {
            if v.fract() == 0.0 && v.abs() < 1e15 {
                format!("{v:.0}")
            } else {
                format!("{v}")
            }
        }
        let unit = self.unit.symbol();
        let v = self.value.map(num).unwrap_or_default();
        let reference = self.reference.as_deref().unwrap_or("");
        let base = self
            .base_year
            .map(|y| format!(" vs {y}"))
            .unwrap_or_default();
        let mut out = match self.comparator {
            Comparator::AtLeast => format!("≥ {v}{unit}"),
            Comparator::Reach => format!("= {v}{unit}"),
            Comparator::AtMost => format!("≤ {v}{unit}"),
            Comparator::Approximately => format!("≈ {v}{unit}"),
            Comparator::Range => {
                let hi = self.value_max.map(num).unwrap_or_default();
                format!("{v}–{hi}{unit}")
            }
            Comparator::DecreaseFromBase => format!("−{v}{unit}{base}"),
            Comparator::IncreaseFromBase => format!("+{v}{unit}{base}"),
            Comparator::AboveReference => format!("> {reference}"),
            Comparator::WithinReference => format!("≤ {reference}"),
        };
        if self.annual {
            out.push_str(" /yr");
        }
        out
    }
}
