//! What the document says about itself: title line, document number, period, the plan it
//! implements, and the signature and date at the end. Caller-supplied [`PlanMeta`] wins.

use std::collections::BTreeSet;

use crate::error::{Error, Result};
use crate::import::PlanMeta;
use crate::model::{Date, NodeKey};

use super::text::{MarkerKind, Para, any_number, marker};

/// Header facts and the paragraphs they consumed.
#[derive(Debug, Default)]
pub(super) struct Header {
    pub title: Option<String>,
    pub document_number: Option<String>,
    pub issued_on: Option<Date>,
    pub issuer: Option<String>,
    pub period_start: Option<u16>,
    pub period_end: Option<u16>,
    pub implements: Option<String>,
    /// Indices of paragraphs that became header fields.
    pub consumed: BTreeSet<usize>,
}

const TITLE_WORDS: [&str; 8] = [
    "方案", "意见", "规划", "计划", "通知", "办法", "决定", "纲要",
];

fn is_title_line(text: &str) -> bool {
    !text.contains('。')
        && !text.contains('，')
        && text.chars().count() <= 80
        && TITLE_WORDS.iter().any(|w| text.contains(w))
}

/// 晋政发〔2013〕12号, 国发[2019]3号.
fn is_document_number(text: &str) -> bool {
    text.chars().count() <= 30
        && text.ends_with('号')
        && (text.contains('〔') || text.contains('[') || text.contains('［'))
}

/// 2013年5月20日 or 二〇一三年五月二十日 alone on a line.
pub(super) fn date_line(text: &str) -> Option<Date> {
    let t = text.trim();
    let (y, rest) = t.split_once('年')?;
    let (m, rest) = rest.split_once('月')?;
    let d = rest.strip_suffix('日')?;
    let year = u16::try_from(any_number(y)?).ok()?;
    let month = u8::try_from(any_number(m)?).ok()?;
    let day = u8::try_from(any_number(d)?).ok()?;
    Date::new(year, month, day).ok()
}

fn is_issuer_line(text: &str) -> bool {
    text.chars().count() <= 30
        && !text.contains(['。', '，', '；'])
        && ["人民政府", "办公厅", "委员会", "政府", "办公室"]
            .iter()
            .any(|s| text.ends_with(s))
}

/// Years of a five-year plan named in the text (“十二五”后三年 → 2013–2015).
fn five_year_plan(text: &str) -> Option<(u16, u16)> {
    let plans = [
        ("十一五", 2006u16),
        ("十二五", 2011),
        ("十三五", 2016),
        ("十四五", 2021),
        ("十五五", 2026),
    ];
    let (name, start) = plans.into_iter().find(|(n, _)| text.contains(n))?;
    let end = start + 4;
    let after = text.split_once(name).map(|(_, a)| a).unwrap_or("");
    let window: String = after.chars().take(6).collect();
    if window.contains("后三年") {
        Some((end - 2, end))
    } else if window.contains("后两年") {
        Some((end - 1, end))
    } else {
        Some((start, end))
    }
}

/// 2013—2015年, 2013-2015, 2013年至2015年.
fn year_range(text: &str) -> Option<(u16, u16)> {
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    for (i, &(at, c)) in chars.iter().enumerate() {
        if !c.is_ascii_digit() {
            continue;
        }
        if i > 0 && chars.get(i - 1).is_some_and(|(_, p)| p.is_ascii_digit()) {
            continue;
        }
        let rest = text.get(at..)?;
        let y1: String = rest.chars().take_while(char::is_ascii_digit).collect();
        if y1.len() != 4 {
            continue;
        }
        let after = rest.get(4..)?;
        let after = after.strip_prefix('年').unwrap_or(after);
        let Some(after) = ['-', '—', '－', '–', '~', '～', '至', '到']
            .iter()
            .find_map(|s| after.strip_prefix(*s))
        else {
            continue;
        };
        let after = after.trim_start_matches(['—', '-']);
        let y2: String = after.chars().take_while(char::is_ascii_digit).collect();
        if let (Ok(a), Ok(b)) = (y1.parse::<u16>(), y2.parse::<u16>())
            && y2.len() == 4
            && a <= b
            && (1900..=2200).contains(&a)
            && b <= 2200
        {
            return Some((a, b));
        }
    }
    None
}

/// The first 《…》 whose title names a master plan.
fn implemented_plan(text: &str) -> Option<String> {
    let mut rest = text;
    while let Some((_, after)) = rest.split_once('《') {
        let (title, more) = after.split_once('》')?;
        if ["总体方案", "总体规划", "规划纲要"]
            .iter()
            .any(|w| title.contains(w))
        {
            return Some(title.to_owned());
        }
        rest = more;
    }
    None
}

/// Reads the header facts from the paragraphs.
pub(super) fn read(paras: &[Para<'_>]) -> Header {
    let mut h = Header::default();
    let first_part = paras
        .iter()
        .position(|p| marker(p.text).is_some_and(|m| m.kind == MarkerKind::Part))
        .unwrap_or(paras.len());
    let mut preamble = String::new();
    for (i, p) in paras.iter().enumerate().take(first_part) {
        if i < 3 && h.title.is_none() && is_title_line(p.text) {
            h.title = Some(p.text.to_owned());
            h.consumed.insert(i);
        } else if i < 4 && h.document_number.is_none() && is_document_number(p.text) {
            h.document_number = Some(p.text.to_owned());
            h.consumed.insert(i);
        } else {
            preamble.push_str(p.text);
        }
    }
    // Signature and date at the end of the document.
    if let Some(last) = paras.len().checked_sub(1)
        && let Some(date) = paras.get(last).and_then(|p| date_line(p.text))
    {
        h.issued_on = Some(date);
        h.consumed.insert(last);
        if let Some(prev) = last.checked_sub(1)
            && let Some(p) = paras.get(prev).filter(|p| is_issuer_line(p.text))
        {
            h.issuer = Some(p.text.to_owned());
            h.consumed.insert(prev);
        }
    }
    let title = h.title.clone().unwrap_or_default();
    let period = year_range(&title)
        .or_else(|| five_year_plan(&title))
        .or_else(|| year_range(&preamble))
        .or_else(|| five_year_plan(&preamble));
    if let Some((a, b)) = period {
        h.period_start = Some(a);
        h.period_end = Some(b);
    }
    h.implements = implemented_plan(&preamble);
    h
}

const PROVINCES: [(&str, &str); 31] = [
    ("北京", "beijing"),
    ("天津", "tianjin"),
    ("河北", "hebei"),
    ("山西", "shanxi"),
    ("内蒙古", "neimenggu"),
    ("辽宁", "liaoning"),
    ("吉林", "jilin"),
    ("黑龙江", "heilongjiang"),
    ("上海", "shanghai"),
    ("江苏", "jiangsu"),
    ("浙江", "zhejiang"),
    ("安徽", "anhui"),
    ("福建", "fujian"),
    ("江西", "jiangxi"),
    ("山东", "shandong"),
    ("河南", "henan"),
    ("湖北", "hubei"),
    ("湖南", "hunan"),
    ("广东", "guangdong"),
    ("广西", "guangxi"),
    ("海南", "hainan"),
    ("重庆", "chongqing"),
    ("四川", "sichuan"),
    ("贵州", "guizhou"),
    ("云南", "yunnan"),
    ("西藏", "xizang"),
    ("陕西", "shaanxi"),
    ("甘肃", "gansu"),
    ("青海", "qinghai"),
    ("宁夏", "ningxia"),
    ("新疆", "xinjiang"),
];

/// The province named earliest in `text`, as a pinyin slug.
fn province_slug(text: &str) -> Option<&'static str> {
    PROVINCES
        .iter()
        .filter_map(|(zh, slug)| text.find(zh).map(|at| (at, *slug)))
        .min_by_key(|(at, _)| *at)
        .map(|(_, slug)| slug)
}

/// The plan key: `meta.key`, else `<province>-<first year>` from what is known.
///
/// # Errors
/// [`Error::InvalidKey`] when `meta.key` is not a valid single-segment key.
pub(super) fn plan_key(
    meta: &PlanMeta,
    header: &Header,
    title: &str,
    first_para: &str,
    year: Option<u16>,
) -> Result<NodeKey> {
    if let Some(k) = &meta.key {
        let key = NodeKey::new(k.clone())?;
        if key.segments().count() != 1 {
            return Err(Error::invalid(
                "plan key",
                format!("{k:?} must be one segment without '/', e.g. shanxi-2013"),
            ));
        }
        return Ok(key);
    }
    let sources = [
        meta.area.as_deref().unwrap_or(""),
        title,
        header.implements.as_deref().unwrap_or(""),
        first_para,
    ];
    let slug = sources
        .iter()
        .find_map(|s| province_slug(s))
        .unwrap_or("plan");
    let text = match year {
        Some(y) => format!("{slug}-{y}"),
        None => slug.to_owned(),
    };
    Ok(NodeKey::new(text)?)
}
