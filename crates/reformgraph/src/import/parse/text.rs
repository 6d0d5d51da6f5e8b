//! Text primitives: paragraphs with their spans, numbering markers, Chinese numerals and
//! bracket-aware splitting. Everything works on `&str` methods and char boundaries, so no
//! input can make a slice split a character.

use crate::model::SourceSpan;

/// A non-blank line of the document, trimmed (U+3000 and ASCII indentation alike).
#[derive(Debug, Clone, Copy)]
pub(super) struct Para<'a> {
    /// 1-based line number.
    pub line: u32,
    /// Byte offset of the trimmed text in the document.
    pub start: usize,
    /// The trimmed text.
    pub text: &'a str,
}

impl Para<'_> {
    pub fn span(&self) -> SourceSpan {
        self.sub_span(0, self.text.len())
    }

    /// The span of `text[from..to]` (byte offsets into the paragraph).
    pub fn sub_span(&self, from: usize, to: usize) -> SourceSpan {
        SourceSpan {
            line: self.line,
            start: to_u32(self.start.saturating_add(from)),
            end: to_u32(self.start.saturating_add(to)),
        }
    }
}

pub(super) fn to_u32(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

/// Splits the document into paragraphs: one per non-blank line. Plans in this genre put one
/// paragraph on a line; wrapped paragraphs would need a different rule and are not seen.
pub(super) fn paragraphs(text: &str) -> Vec<Para<'_>> {
    let mut out = Vec::new();
    let mut offset = 0usize;
    for (i, raw) in text.split('\n').enumerate() {
        let lead = raw.len() - raw.trim_start().len();
        let trimmed = raw.trim();
        if !trimmed.is_empty() {
            out.push(Para {
                line: to_u32(i + 1),
                start: offset + lead,
                text: trimmed,
            });
        }
        offset += raw.len() + 1;
    }
    out
}

pub(super) use crate::model::{any_number, cn_number};

fn is_cn_digit(c: char) -> bool {
    "零〇一二两三四五六七八九十百".contains(c)
}

fn is_digit(c: char) -> bool {
    c.is_ascii_digit() || ('０'..='９').contains(&c)
}

/// The numbering that opens a paragraph.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum MarkerKind {
    /// 一、
    Part,
    /// （一） or (一)
    Category,
    /// 1. 1． 1、
    Item,
    /// （1） or (1)
    SubItem,
    /// --, ——: an unnumbered list item (基本原则).
    Dash,
    /// ① … ⑳
    Circled,
}

#[derive(Debug, Clone, Copy)]
pub(super) struct Marker<'a> {
    pub kind: MarkerKind,
    /// The number as printed, without punctuation (empty for dashes).
    pub number: &'a str,
    pub ordinal: u32,
    /// The text after the marker.
    pub rest: &'a str,
}

/// Reads the numbering marker at the start of `text`, if any.
pub(super) fn marker(text: &str) -> Option<Marker<'_>> {
    // Circled numbers ① … ⑳: a level of their own.
    if let Some(c) = text.chars().next()
        && ('①'..='⑳').contains(&c)
    {
        let ordinal = u32::from(c) - u32::from('①') + 1;
        let len = c.len_utf8();
        return Some(Marker {
            kind: MarkerKind::Circled,
            number: text.get(..len)?,
            ordinal,
            rest: text.get(len..)?.trim_start(),
        });
    }
    // 第一条: an article.
    if let Some(after) = text.strip_prefix('第')
        && let Some(end) = after.find('条')
        && let Some(number) = after.get(..end)
        && !number.is_empty()
        && number.chars().all(|c| is_cn_digit(c) || is_digit(c))
        && let Some(ordinal) = any_number(number)
    {
        return Some(Marker {
            kind: MarkerKind::Item,
            number,
            ordinal,
            rest: after.get(end + '条'.len_utf8()..)?.trim_start(),
        });
    }
    // Dashes first: "--坚持…".
    let undashed = text.trim_start_matches(['-', '—', '－', '─', '–']);
    let dashes = text.len() - undashed.len();
    if dashes > 0 {
        // A single ASCII hyphen is too weak a signal (a negative number, a range).
        if dashes >= 2 || !text.starts_with('-') {
            return Some(Marker {
                kind: MarkerKind::Dash,
                number: "",
                ordinal: 0,
                rest: undashed.trim_start(),
            });
        }
        return None;
    }
    // Bracketed: （一） (一) （1） (1).
    if let Some(inner) = text.strip_prefix('（').or_else(|| text.strip_prefix('(')) {
        let close = inner.find(['）', ')'])?;
        let number = inner.get(..close)?.trim();
        let after = inner.get(close..)?;
        let rest = after
            .strip_prefix('）')
            .or_else(|| after.strip_prefix(')'))?
            .trim_start();
        if number.is_empty() || number.chars().count() > 4 {
            return None;
        }
        let kind = if number.chars().all(is_cn_digit) {
            MarkerKind::Category
        } else if number.chars().all(is_digit) {
            MarkerKind::SubItem
        } else {
            return None;
        };
        let ordinal = any_number(number)?;
        return Some(Marker {
            kind,
            number,
            ordinal,
            rest,
        });
    }
    // 一、 / 1. 1． 1、
    let digits_end = text
        .char_indices()
        .find(|(_, c)| !(is_digit(*c) || is_cn_digit(*c)))
        .map(|(i, _)| i)
        .unwrap_or(text.len());
    let number = text.get(..digits_end)?;
    if number.is_empty() || number.chars().count() > 4 {
        return None;
    }
    let after = text.get(digits_end..)?;
    let mut chars = after.chars();
    let sep = chars.next()?;
    let rest = chars.as_str();
    let cn = number.chars().all(is_cn_digit);
    let ar = number.chars().all(is_digit);
    let kind = match sep {
        '、' if cn => MarkerKind::Part,
        '.' | '．' | '、' if ar => {
            // "2.2%" is a decimal, not an item; "3.2020年底前…" and "11.121人才…" are items
            // whose text begins with a digit.
            let digits: String = rest.chars().take_while(|c| is_digit(*c)).collect();
            let after = rest.get(digits.len()..).unwrap_or("");
            if !digits.is_empty()
                && (after.starts_with(['%', '％', '‰', '倍', '.', '．'])
                    || (after.is_empty() && digits.len() <= 2))
            {
                return None;
            }
            MarkerKind::Item
        }
        _ => return None,
    };
    let ordinal = any_number(number)?;
    Some(Marker {
        kind,
        number,
        ordinal,
        rest: rest.trim_start(),
    })
}

/// The first sentence: text up to the first 。 (without it), or all of it.
pub(super) fn first_sentence(text: &str) -> &str {
    match text.find('。') {
        Some(i) => text.get(..i).unwrap_or(text),
        None => text,
    }
}

/// Splits at separators that are not inside brackets or quotes (one splitter for the
/// whole importer: names such as 各县（市、区）人民政府 keep their inner 、).
pub(super) use crate::import::clause::split_top;

/// Clause separators inside a sentence.
pub(super) const CLAUSE_SEPS: [char; 6] = ['，', ',', '；', ';', '。', '：'];

/// At most 200 characters, for report entries.
pub(super) fn truncate(text: &str) -> String {
    text.chars().take(200).collect()
}

/// Strips any of `suffixes` from the end of `text` (trailing 。；, and so on).
pub(super) fn trim_punct(text: &str) -> &str {
    text.trim()
        .trim_end_matches(['。', '；', ';', '，', ',', '、', '：', ':', '.', '．'])
        .trim()
}
