//! Stage 2 inside a paragraph: an enumeration 一是…；二是…；三是… whose members carry their
//! own responsibility clauses is several tasks, one per member, under a section made of the
//! paragraph's heading. An enumeration with one clause for all (at the end) stays one task.

use crate::error::Result;
use crate::import::clause;
use crate::model::{NodeData, Section, SectionLevel};

use super::text::{Marker, Para, first_sentence, trim_punct};
use super::{Ctx, Kind, Parser};

/// Chinese numerals of the enumerators, in order: 一是, 二是, … 二十是.
const NUMERALS: [&str; 20] = [
    "一", "二", "三", "四", "五", "六", "七", "八", "九", "十", "十一", "十二", "十三", "十四",
    "十五", "十六", "十七", "十八", "十九", "二十",
];

/// Punctuation after which an enumerator starts a member (so 统一是 is not 一是).
const BEFORE: [char; 6] = ['。', '；', '，', '：', '、', ' '];

/// The members of an enumeration in `text`: byte ranges, each starting at its enumerator
/// (一是) and ending where the next begins. `None` unless there are two members or more and
/// at least two of them carry a clause naming a unit.
pub(super) fn members(text: &str) -> Option<Vec<std::ops::Range<usize>>> {
    let mut starts: Vec<usize> = Vec::new();
    let mut from = 0;
    for numeral in NUMERALS {
        let word = format!("{numeral}是");
        let found = text
            .get(from..)?
            .match_indices(word.as_str())
            .find(|(at, _)| {
                let at = from + at;
                at == 0
                    || text
                        .get(..at)
                        .and_then(|b| b.chars().next_back())
                        .is_some_and(|c| BEFORE.contains(&c))
            });
        let Some((at, _)) = found else {
            break;
        };
        starts.push(from + at);
        from += at + word.len();
    }
    if starts.len() < 2 {
        return None;
    }
    let ranges: Vec<std::ops::Range<usize>> = starts
        .iter()
        .enumerate()
        .map(|(i, s)| *s..starts.get(i + 1).copied().unwrap_or(text.len()))
        .collect();
    let with_units = ranges
        .iter()
        .filter(|r| {
            clause::find_clauses(text.get((*r).clone()).unwrap_or(""))
                .iter()
                .any(|f| !f.clause.units.is_empty())
        })
        .count();
    (with_units >= 2).then_some(ranges)
}

impl Parser<'_> {
    /// Makes one task of every member of an enumeration (see [`members`]) under a section
    /// holding the paragraph's heading and lead-in; `m` is the paragraph's numbering, if any.
    pub(super) fn enumeration(
        &mut self,
        m: Option<&Marker<'_>>,
        text: &str,
        members: &[std::ops::Range<usize>],
        para: &Para<'_>,
    ) -> Result<()> {
        // `text` is a suffix of the paragraph (the text after its number).
        let offset = para.text.len().saturating_sub(text.len());
        let lead_in = text
            .get(..members.first().map_or(0, |r| r.start))
            .unwrap_or("");
        let heading = trim_punct(first_sentence(lead_in)).to_owned();
        let (number, ordinal) = m.map_or(("", 0), |m| (m.number, m.ordinal));
        let parent = self.container().map(|c| c.key.as_str().to_owned());
        let suffix = parent
            .as_deref()
            .and_then(|p| p.split_once("/part/").map(|(_, s)| s.to_owned()))
            .unwrap_or_else(|| "0".to_owned());
        let mut key = self.b.key(&format!("part/{suffix}/{ordinal}"))?;
        if self.b.has(&key) || ordinal == 0 {
            key = self
                .b
                .key(&format!("part/{suffix}/{ordinal}-{}", para.line))?;
        }
        self.b.add(
            key.clone(),
            Some(para.span()),
            NodeData::Section(Section {
                level: SectionLevel::Category,
                number: number.to_owned(),
                ordinal,
                title: heading,
                paragraphs: vec![lead_in.trim().to_owned()],
            }),
        );
        self.contain(&key);
        if let Some(c) = self.container() {
            c.has_tasks = true;
        }
        // The members go into the new section; the section around it is restored after.
        let outer = self.cat.replace(Ctx {
            key,
            kind: Kind::Plain,
            order: 0,
            has_tasks: false,
        });
        for (i, range) in members.iter().enumerate() {
            let member = text.get(range.clone()).unwrap_or("");
            let enumerator = NUMERALS.get(i).copied().unwrap_or("");
            let rest = member
                .strip_prefix(enumerator)
                .and_then(|r| r.strip_prefix('是'))
                .unwrap_or(member)
                .trim_end_matches(['；', ';', '，'])
                .trim();
            let start = offset + range.start;
            let sub = Para {
                line: para.line,
                start: para.start + start,
                text: para.text.get(start..offset + range.end).unwrap_or(member),
            };
            let ordinal = u32::try_from(i + 1).unwrap_or(u32::MAX);
            // The number as printed without its 是, like （一） gives 一.
            self.generic_task(enumerator, ordinal, rest, &[], &sub, None)?;
        }
        self.cat = outer;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::members;

    #[test]
    fn members_with_their_own_clauses_are_found() {
        let text = "推进改革。一是深化放管服（市发改委负责）；二是优化服务（市政务服务局负责）；三是加强监管。";
        let m = members(text).unwrap_or_default();
        assert_eq!(m.len(), 3);
        assert!(text[m[0].clone()].starts_with("一是深化放管服"));
        assert!(text[m[2].clone()].starts_with("三是加强监管"));
    }

    #[test]
    fn one_clause_for_the_whole_enumeration_is_not_split() {
        let text = "推进改革。一是深化放管服；二是优化服务。（市发改委负责）";
        assert_eq!(members(text), None);
    }

    #[test]
    fn a_numeral_inside_a_word_is_not_an_enumerator() {
        // 统一是 is not 一是; only one real member remains.
        let text = "标准统一是前提（市场监管局负责）。二是优化服务（市政务服务局负责）。";
        assert_eq!(members(text), None);
    }
}
