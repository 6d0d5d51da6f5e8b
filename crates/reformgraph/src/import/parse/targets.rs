//! Quantitative targets: 服务业增加值比重达到40%以上, 单位地区生产总值能耗比2010年降低16%,
//! 非化石能源占一次能源消费比重达到3%-5%, 每年营造林400万亩以上 …
//!
//! One clause (between commas) holds at most one target; the indicator is the text before
//! the comparing verb, with scope words such as 全省 and 确保 removed so that the same
//! indicator gets the same `indicator/<name>` key in every plan.

use crate::model::{Comparator, Date, Target, Unit};

use super::text::{CLAUSE_SEPS, split_top};

/// A target found in a paragraph.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct FoundTarget {
    pub indicator: String,
    pub target: Target,
    /// Byte range of the clause in the paragraph.
    pub start: usize,
    pub end: usize,
}

/// Words in front of an indicator that say who or how, not what.
const FILLERS: [&str; 8] = [
    "确保",
    "全省",
    "力争",
    "努力",
    "使",
    "其中",
    "全市",
    "到2015年",
];

fn clean_subject(s: &str) -> String {
    let mut s = s.trim();
    loop {
        let before = s;
        for f in FILLERS {
            s = s.strip_prefix(f).unwrap_or(s).trim_start();
        }
        if s == before {
            break;
        }
    }
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

/// Reads a decimal number at the start of `s`.
fn number_at(s: &str) -> Option<(f64, &str)> {
    let end = s
        .char_indices()
        .find(|(_, c)| !(c.is_ascii_digit() || *c == '.'))
        .map(|(i, _)| i)
        .unwrap_or(s.len());
    let digits = s.get(..end)?.trim_end_matches('.');
    if digits.is_empty() {
        return None;
    }
    let value = digits.parse::<f64>().ok()?;
    Some((value, s.get(digits.len()..)?))
}

const COUNT_WORDS: [&str; 10] = ["个", "户", "家", "项", "所", "座", "人", "名", "辆", "条"];

/// Reads a unit at the start of `s`.
fn unit_at(s: &str) -> (Unit, &str) {
    for (p, unit) in [
        ("%", Unit::Percent),
        ("％", Unit::Percent),
        ("个百分点", Unit::PercentagePoints),
        ("‰", Unit::Permille),
    ] {
        if let Some(rest) = s.strip_prefix(p) {
            return (unit, rest);
        }
    }
    let end = s
        .char_indices()
        .take(4)
        .find(|(_, c)| {
            c.is_ascii_digit()
                || "以左及的和与、，。；,;-－—~～至到".contains(*c)
                || c.is_whitespace()
        })
        .map(|(i, _)| i)
        .unwrap_or_else(|| s.char_indices().nth(4).map(|(i, _)| i).unwrap_or(s.len()));
    let word = s.get(..end).unwrap_or("");
    let rest = s.get(end..).unwrap_or("");
    let unit = match word {
        "" => Unit::None,
        "元" => Unit::Yuan,
        w if COUNT_WORDS.contains(&w) => Unit::Count(w.to_owned()),
        w => Unit::Other(w.to_owned()),
    };
    (unit, rest)
}

/// A value with unit, optionally a range, and the qualifier after it.
struct Quantity {
    value: f64,
    value_max: Option<f64>,
    unit: Unit,
    qualifier: Option<Comparator>,
}

fn quantity(s: &str) -> Option<Quantity> {
    let (value, rest) = number_at(s.trim_start())?;
    let (unit, rest) = unit_at(rest);
    let mut value_max = None;
    let mut unit = unit;
    let mut rest = rest;
    if let Some(after) = ['-', '－', '—', '~', '～', '至', '到']
        .iter()
        .find_map(|sep| rest.strip_prefix(*sep))
        && let Some((max, r)) = number_at(after)
    {
        let (unit2, r) = unit_at(r);
        if unit2 != Unit::None {
            unit = unit2;
        }
        value_max = Some(max);
        rest = r;
    }
    let qualifier = if rest.starts_with("以上") {
        Some(Comparator::AtLeast)
    } else if rest.starts_with("左右") {
        Some(Comparator::Approximately)
    } else if rest.starts_with("以下") || rest.starts_with("以内") {
        Some(Comparator::AtMost)
    } else {
        None
    };
    Some(Quantity {
        value,
        value_max,
        unit,
        qualifier,
    })
}

fn target(comparator: Comparator, q: Option<&Quantity>, clause: &str) -> Target {
    Target {
        comparator,
        value: q.map(|q| q.value),
        value_max: q.and_then(|q| q.value_max),
        unit: q.map(|q| q.unit.clone()).unwrap_or(Unit::None),
        base_year: None,
        deadline: None,
        annual: false,
        reference: None,
        wording: clause.to_owned(),
    }
}

fn numeric_comparator(q: &Quantity) -> Comparator {
    if q.value_max.is_some() {
        Comparator::Range
    } else {
        q.qualifier.unwrap_or(Comparator::Reach)
    }
}

/// Parses one clause.
fn clause_target(clause: &str) -> Option<(String, Target)> {
    let c = clause.trim();
    // Every form below states a number, except 控制在 and 高于 with a reference: most
    // clauses of a plan state neither and are passed over without trying each form.
    if !c.bytes().any(|b| b.is_ascii_digit()) && !c.contains("控制在") && !c.contains("高于") {
        return None;
    }
    // 控制在国家确定的约束指标之内 / 控制在5%以内
    if let Some((subject, after)) = c.split_once("控制在") {
        if let Some(q) = quantity(after) {
            let mut t = target(numeric_comparator(&q), Some(&q), c);
            if q.qualifier.is_none() && q.value_max.is_none() {
                t.comparator = Comparator::AtMost;
            }
            return Some((clean_subject(subject), t));
        }
        let reference = after
            .trim_end_matches("之内")
            .trim_end_matches("以内")
            .trim_end_matches("范围内");
        if !reference.is_empty() {
            let mut t = target(Comparator::WithinReference, None, c);
            t.reference = Some(reference.to_owned());
            return Some((clean_subject(subject), t));
        }
    }
    // 高于全国平均水平
    if let Some((subject, after)) = c.split_once("高于")
        && !after.chars().any(|ch| ch.is_ascii_digit())
        && !after.is_empty()
    {
        let mut t = target(Comparator::AboveReference, None, c);
        t.reference = Some(after.trim().to_owned());
        return Some((clean_subject(subject), t));
    }
    // 比2010年降低16%: the 比 that is followed by a year (not the one in 比重).
    for (at, _) in c.match_indices('比') {
        let (Some(subject), Some(after)) = (c.get(..at), c.get(at + '比'.len_utf8()..)) else {
            continue;
        };
        let Some((year, rest)) = number_at(after) else {
            continue;
        };
        let Some(rest) = rest.strip_prefix('年') else {
            continue;
        };
        let verbs = [
            ("降低", Comparator::DecreaseFromBase),
            ("下降", Comparator::DecreaseFromBase),
            ("减少", Comparator::DecreaseFromBase),
            ("提高", Comparator::IncreaseFromBase),
            ("增长", Comparator::IncreaseFromBase),
            ("上升", Comparator::IncreaseFromBase),
        ];
        for (verb, comparator) in verbs {
            if let Some(q) = rest.strip_prefix(verb).and_then(quantity) {
                let mut t = target(comparator, Some(&q), c);
                // Years are small integers; anything else is not a base year.
                t.base_year = (year.fract() == 0.0 && (1900.0..=2200.0).contains(&year))
                    .then_some(year as u16);
                return Some((clean_subject(subject), t));
            }
        }
    }
    // 达到 / 提高到 …
    for verb in [
        "达到",
        "提高到",
        "提升到",
        "增加到",
        "增长到",
        "降低到",
        "下降到",
    ] {
        if let Some((subject, after)) = c.split_once(verb)
            && let Some(q) = quantity(after)
        {
            return Some((
                clean_subject(subject),
                target(numeric_comparator(&q), Some(&q), c),
            ));
        }
    }
    // 每年营造林400万亩以上
    if let Some(after) = c.strip_prefix("每年") {
        let digit = after.char_indices().find(|(_, ch)| ch.is_ascii_digit())?.0;
        let subject = after.get(..digit)?;
        let q = quantity(after.get(digit..)?)?;
        let mut t = target(numeric_comparator(&q), Some(&q), c);
        t.annual = true;
        return Some((clean_subject(subject), t));
    }
    None
}

/// Splits a subject such as 二氧化硫、化学需氧量、氮氧化物、氨氮排放 into one indicator per
/// item, carrying the shared tail (排放) over to the items that lack it.
fn split_subject(subject: &str) -> Vec<String> {
    let items: Vec<&str> = split_top(subject, &['、'])
        .into_iter()
        .map(|(_, s)| s.trim())
        .filter(|s| !s.is_empty())
        .collect();
    let Some(last) = items.last() else {
        return Vec::new();
    };
    if items.len() < 2 {
        return vec![subject.to_owned()];
    }
    let tail = ["排放量", "排放", "比重", "利用率", "处理率", "率"]
        .into_iter()
        .find(|t| last.ends_with(t));
    match tail {
        Some(t) => items
            .iter()
            .map(|i| {
                if i.ends_with(t) {
                    (*i).to_owned()
                } else {
                    format!("{i}{t}")
                }
            })
            .collect(),
        None => vec![subject.to_owned()],
    }
}

/// Every target in `text`, in order; `deadline` is the due date to give them.
pub(super) fn find_targets(text: &str, deadline: Option<Date>) -> Vec<FoundTarget> {
    let mut out = Vec::new();
    for (start, clause) in split_top(text, &CLAUSE_SEPS) {
        let Some((subject, mut t)) = clause_target(clause) else {
            continue;
        };
        if subject.is_empty() || subject.chars().count() > 40 {
            continue;
        }
        t.deadline = deadline;
        for indicator in split_subject(&subject) {
            out.push(FoundTarget {
                indicator,
                target: t.clone(),
                start,
                end: start + clause.len(),
            });
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn range_with_percent_on_both_ends() {
        let t = find_targets("非化石能源占一次能源消费比重达到3%-5%", None);
        assert_eq!(t.len(), 1);
        assert_eq!(t[0].target.comparator, Comparator::Range);
        assert_eq!(t[0].target.value_max, Some(5.0));
    }

    #[test]
    fn population_band_in_subject_is_not_a_range() {
        let t = find_targets("5-10万人口规模的县城达到40个左右", None);
        assert_eq!(t[0].indicator, "5-10万人口规模的县城");
        assert_eq!(t[0].target.comparator, Comparator::Approximately);
        assert_eq!(t[0].target.unit, Unit::Count("个".into()));
    }
}
