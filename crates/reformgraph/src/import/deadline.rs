//! Stage 5: deadlines, from a clause's time phrase or from a task's own text.
//!
//! Forms: `2020年底前`, `2021年6月底前`, `2023年1月15日前`, `到2020年`, `2020年前`,
//! `2019年上半年`, `2014—2015年`, `年内` (the plan's year), as a date; `持续推进`, `长期坚持`
//! as continuous work; `每年` as yearly work. A date wins over 持续推进 in one phrase
//! (`年内持续推进` is due at the year's end). Continuous and yearly kinds are read from a
//! clause or a time column only: in running text 持续推进 is a verb, not a deadline.

use crate::model::{Date, DeadlineKind};

/// A deadline as the text states it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Stated {
    /// How it is stated.
    pub kind: DeadlineKind,
    /// The date, for [`DeadlineKind::Date`].
    pub date: Option<Date>,
    /// The wording as printed.
    pub text: String,
}

const CONTINUOUS: [&str; 5] = ["持续推进", "长期坚持", "持续开展", "长期推进", "持续实施"];
const YEARLY: [&str; 3] = ["每年", "年度", "逐年"];

/// A piece of a clause that is only a time phrase (`年内持续推进`, `2020年底前完成`, `每年`),
/// verbatim.
pub fn time_phrase(piece: &str) -> Option<String> {
    let p = piece.trim().trim_end_matches(['。', '；', ';']);
    if p.is_empty() || p.chars().count() > 16 {
        return None;
    }
    let core = p
        .trim_end_matches("完成")
        .trim_end_matches("前")
        .trim_start_matches("于");
    let is_time = p == "年内"
        || p.starts_with("年内")
        || CONTINUOUS.iter().any(|w| p == *w || p.ends_with(w))
        || YEARLY
            .iter()
            .any(|w| p.starts_with(w) && p.chars().count() <= 6)
        || dates_in(core, None).first().is_some_and(|(_, text)| {
            // The phrase is the date and little else.
            p.chars().count() <= text.chars().count() + 4
        });
    is_time.then(|| p.to_owned())
}

/// Reads a time phrase from a clause or a 完成时限 column. `year` is the plan's year (for
/// `年内`).
///
/// ```
/// use reformgraph::import::deadline::from_phrase;
/// use reformgraph::{Date, DeadlineKind};
/// let d = from_phrase("年内持续推进", Some(2020)).unwrap();
/// assert_eq!((d.kind, d.date), (DeadlineKind::Date, Some(Date::new(2020, 12, 31)?)));
/// assert_eq!(from_phrase("长期坚持", None).unwrap().kind, DeadlineKind::Continuous);
/// assert_eq!(from_phrase("每年", None).unwrap().kind, DeadlineKind::Yearly);
/// # Ok::<(), reformgraph::DateError>(())
/// ```
pub fn from_phrase(phrase: &str, year: Option<u16>) -> Option<Stated> {
    let text = phrase.trim().to_owned();
    if let Some(date) = latest(dates_in(&text, year)) {
        return Some(Stated {
            kind: DeadlineKind::Date,
            date: Some(date),
            text,
        });
    }
    if CONTINUOUS.iter().any(|w| text.contains(w)) {
        return Some(Stated {
            kind: DeadlineKind::Continuous,
            date: None,
            text,
        });
    }
    if YEARLY.iter().any(|w| text.contains(w)) {
        return Some(Stated {
            kind: DeadlineKind::Yearly,
            date: None,
            text,
        });
    }
    None
}

/// The latest date a task's own text sets for its work (`2019年6月底前，研究建立…`), with
/// its wording. A year after 比 or 较 is a base year, and a bare year (`2020年全市…`) is not a
/// deadline.
///
/// ```
/// use reformgraph::import::deadline::from_text;
/// use reformgraph::Date;
/// let d = from_text("2019年6月底前，研究建立指标体系。到2020年，基本建成。", None).unwrap();
/// assert_eq!(d.date, Some(Date::new(2020, 12, 31)?));
/// assert!(from_text("比2010年下降15%", None).is_none());
/// # Ok::<(), reformgraph::DateError>(())
/// ```
pub fn from_text(text: &str, year: Option<u16>) -> Option<Stated> {
    let found = dates_in(text, year);
    let (date, wording) = found.into_iter().max_by_key(|(d, _)| *d)?;
    Some(Stated {
        kind: DeadlineKind::Date,
        date: Some(date),
        text: wording,
    })
}

fn latest(found: Vec<(Date, String)>) -> Option<Date> {
    found.into_iter().map(|(d, _)| d).max()
}

fn end_of_month(y: u16, m: u8) -> Option<Date> {
    let last = match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if (y.is_multiple_of(4) && !y.is_multiple_of(100)) || y.is_multiple_of(400) => 29,
        2 => 28,
        _ => return None,
    };
    Date::new(y, m, last).ok()
}

/// Reads an ASCII number at the start of `s`: (value, bytes used).
fn number_at(s: &str) -> Option<(u32, usize)> {
    let len = s.bytes().take_while(u8::is_ascii_digit).count();
    if len == 0 || len > 4 {
        return None;
    }
    Some((s.get(..len)?.parse().ok()?, len))
}

/// Every deadline-shaped date in `text`, with the words that state it.
fn dates_in(text: &str, year: Option<u16>) -> Vec<(Date, String)> {
    let mut out = Vec::new();
    if let Some(y) = year
        && let Some(at) = text.find("年内")
        // 2020年内 is read below with its year.
        && !text.get(..at).is_some_and(|b| b.ends_with(|c: char| c.is_ascii_digit()))
        && let Ok(d) = Date::end_of_year(y)
    {
        out.push((d, "年内".to_owned()));
    }
    let mut i = 0usize;
    while i < text.len() {
        let Some(rest) = text.get(i..) else { break };
        let Some((y, used)) = number_at(rest).filter(|(y, _)| (1990..=2100).contains(y)) else {
            i += rest.chars().next().map_or(1, char::len_utf8);
            continue;
        };
        // Not the tail of a longer number.
        if text
            .get(..i)
            .is_some_and(|b| b.ends_with(|c: char| c.is_ascii_digit()))
        {
            i += used;
            continue;
        }
        let start = i;
        let before = text.get(..start).unwrap_or("");
        let after = rest.get(used..).unwrap_or("");
        let y16 = u16::try_from(y).unwrap_or(0);
        let base_year = before.ends_with('比') || before.ends_with('较') || before.ends_with("以");
        let Some(after_year) = after.strip_prefix('年') else {
            // A range 2014—2015年: due at the end of its last year.
            if let Some(dash) = after.chars().next().filter(|c| "—-－至~～".contains(*c))
                && let Some(r) = after.get(dash.len_utf8()..)
                && let Some((y2, used2)) = number_at(r)
                && (1990..=2100).contains(&y2)
                && r.get(used2..).is_some_and(|t| t.starts_with('年'))
                && let Ok(d) = Date::end_of_year(u16::try_from(y2).unwrap_or(0))
            {
                let len = used + dash.len_utf8() + used2 + '年'.len_utf8();
                out.push((d, text.get(start..start + len).unwrap_or("").to_owned()));
            }
            i += used;
            continue;
        };
        let mut date = None;
        let mut len = used + '年'.len_utf8();
        if let Some((m, mused)) = number_at(after_year).filter(|(m, _)| (1..=12).contains(m))
            && let Some(after_month) = after_year.get(mused..).and_then(|s| s.strip_prefix('月'))
        {
            let m8 = u8::try_from(m).unwrap_or(1);
            len += mused + '月'.len_utf8();
            if let Some((d, dused)) = number_at(after_month).filter(|(d, _)| (1..=31).contains(d))
                && let Some(after_day) = after_month.get(dused..).and_then(|s| s.strip_prefix('日'))
            {
                if after_day.starts_with(['前', '起']) || after_day.starts_with("之前") {
                    date = Date::new(y16, m8, u8::try_from(d).unwrap_or(1)).ok();
                    len += dused + '日'.len_utf8() + 3;
                }
            } else if after_month.starts_with("底前")
                || after_month.starts_with("底")
                || after_month.starts_with("前")
                || after_month.starts_with("末")
            {
                date = if after_month.starts_with("前") {
                    Date::new(y16, m8, 1).ok()
                } else {
                    end_of_month(y16, m8)
                };
                len += if after_month.starts_with("底前") {
                    6
                } else {
                    3
                };
            }
        } else if after_year.starts_with("底前")
            || after_year.starts_with("年底")
            || after_year.starts_with("底")
            || after_year.starts_with("前")
            || after_year.starts_with("末")
            || after_year.starts_with("内")
            || before.ends_with('到')
            || before.ends_with("到了")
            || before.ends_with("至")
        {
            date = Date::end_of_year(y16).ok();
            if after_year.starts_with("底前") {
                len += 6;
            } else if after_year.starts_with(['底', '前', '末', '内']) {
                len += 3;
            }
        } else if after_year.starts_with("上半年") {
            date = Date::new(y16, 6, 30).ok();
            len += 9;
        } else if after_year.starts_with("下半年") {
            date = Date::end_of_year(y16).ok();
            len += 9;
        }
        if let Some(d) = date
            && !base_year
        {
            let from = if before.ends_with('到') {
                start - 3
            } else {
                start
            };
            let wording = text.get(from..(start + len).min(text.len())).unwrap_or("");
            out.push((d, wording.to_owned()));
        }
        i += used;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(y: u16, m: u8, d: u8) -> Option<Date> {
        Date::new(y, m, d).ok()
    }

    #[test]
    fn explicit_dates_in_every_form() {
        let cases = [
            ("2020年底前", date(2020, 12, 31)),
            ("2021年6月底前", date(2021, 6, 30)),
            ("2023年1月15日前", date(2023, 1, 15)),
            ("到2020年", date(2020, 12, 31)),
            ("2019年上半年", date(2019, 6, 30)),
            ("2014—2015年", date(2015, 12, 31)),
            ("2022年10月底前完成", date(2022, 10, 31)),
        ];
        for (text, want) in cases {
            let got = from_phrase(text, None).and_then(|s| s.date);
            assert_eq!(got, want, "{text}");
        }
    }

    #[test]
    fn within_the_year_uses_the_plans_year() {
        let s = from_phrase("年内", Some(2023)).unwrap();
        assert_eq!(s.date, date(2023, 12, 31));
        assert!(from_phrase("年内", None).is_none());
    }

    #[test]
    fn continuous_and_yearly_kinds_keep_their_wording() {
        let s = from_phrase("持续推进", None).unwrap();
        assert_eq!(
            (s.kind, s.text.as_str()),
            (DeadlineKind::Continuous, "持续推进")
        );
        assert_eq!(
            from_phrase("每年", None).unwrap().kind,
            DeadlineKind::Yearly
        );
    }

    #[test]
    fn base_years_and_bare_years_are_not_deadlines() {
        assert!(from_text("单位地区生产总值能耗比2010年下降16%", None).is_none());
        assert!(from_text("2020年全市经济运行平稳", None).is_none());
        assert!(from_text("持续推进固体废物源头减量", None).is_none());
    }

    #[test]
    fn the_latest_date_of_a_text_wins() {
        let s = from_text("2019年6月底前完成方案，2021年3月底前全面推开", None).unwrap();
        assert_eq!(s.date, date(2021, 3, 31));
        assert_eq!(s.text, "2021年3月底前");
    }

    #[test]
    fn time_phrases_are_recognised_in_clauses() {
        assert_eq!(time_phrase("年内持续推进").as_deref(), Some("年内持续推进"));
        assert_eq!(time_phrase("2020年底前").as_deref(), Some("2020年底前"));
        assert!(time_phrase("省发展改革委牵头").is_none());
    }
}
