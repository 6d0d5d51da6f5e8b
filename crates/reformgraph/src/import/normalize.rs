//! The importer's second stage: decoded text → the one canonical form the parser matches,
//! character for character.
//!
//! Plans write the same thing in several ways: `(牵头单位:省发展改革委)` with half-width
//! brackets and colon, `（牵头单位：省发展改革委）` with full-width ones, `２０１４` with
//! full-width digits, `2014～2015年` with a wave dash, and, in Traditional Chinese,
//! `（牽頭單位：省發展改革委）`. [`normalize`] folds each variant to one form, so the parser
//! needs one pattern per construct:
//!
//! | variants | canonical form |
//! |---|---|
//! | `(` `)` `:` `,` `;` `!` `?` | `（` `）` `：` `，` `；` `！` `？` (full-width, as Chinese punctuation) |
//! | `０`–`９` `Ａ`–`Ｚ` `ａ`–`ｚ` | `0`–`9` `A`–`Z` `a`–`z` |
//! | `．` `﹒` | `.` |
//! | ideographic space U+3000, no-break space U+00A0 | ` ` |
//! | `－` `–` `―` `～` `〜` `~` | `—` (the dash of year ranges, 2014—2015年) |
//! | Traditional characters (牽 頭 單 發 …) | Simplified characters (牵 头 单 发 …) |
//!
//! Everything else — `〔〕` and `【】` (clause brackets the parser knows), `［］`, `。`, `、`,
//! ASCII `-` and `.` — is left alone.
//!
//! The fold is character for character: the normalised text has exactly as many characters
//! as the original, and the character at index *i* of one is the variant of the character
//! at index *i* of the other. [`Normalized::original_offset`] maps byte offsets of the
//! normalised text (where the parser found something) back to the original (where the user
//! wrote it).
//!
//! The Traditional→Simplified table is OpenCC's character table (`TSCharacters.txt`,
//! Apache-2.0, shipped in `data/`), the first (most common) choice of each
//! character. A character of GB2312, the Simplified Chinese standard set, is never changed
//! — it is Simplified already, even where OpenCC would map it (乾, 徵, 夥 …) — except 後
//! and 於, which Simplified text writes 后 and 于.
//!
//! ```
//! use reformgraph::import::normalize::normalize;
//! let n = normalize("(牽頭單位:省發展改革委)");
//! assert_eq!(n.text, "（牵头单位：省发展改革委）");
//! assert_eq!(n.text, normalize("（牵头单位：省发展改革委）").text);
//! // "省" is at byte 18 of the normalised text and at byte 14 of the original.
//! assert_eq!(n.text.find('省'), Some(18));
//! assert_eq!(n.original_offset(18), 14);
//! ```

use std::collections::HashMap;
use std::sync::OnceLock;

/// Text in canonical form, aligned character for character with the original.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Normalized {
    /// The normalised text: as many characters as the original.
    pub text: String,
    original: String,
    /// After each character whose UTF-8 length changed: (byte offset in `text`, byte
    /// offset in `original`) of the next character. Between two entries, characters have
    /// the same length in both texts.
    shifts: Vec<(usize, usize)>,
}

impl Normalized {
    /// The text [`normalize`] was given.
    ///
    /// ```
    /// use reformgraph::import::normalize::normalize;
    /// assert_eq!(normalize("2014～2015年").original_text(), "2014～2015年");
    /// ```
    pub fn original_text(&self) -> &str {
        &self.original
    }

    /// The byte offset in the original text of the character at byte `normalized_byte` of
    /// [`Normalized::text`]. An offset inside a character means that character; the end of
    /// the text (or anything past it) maps to the end of the original.
    ///
    /// ```
    /// use reformgraph::import::normalize::normalize;
    /// let n = normalize("（１）推進");
    /// assert_eq!(n.text, "（1）推进");
    /// assert_eq!(n.original_offset(3), 3); // 1 ← １
    /// assert_eq!(n.original_offset(4), 6); // ） ← ）
    /// assert_eq!(n.original_offset(n.text.len()), n.original_text().len());
    /// ```
    pub fn original_offset(&self, normalized_byte: usize) -> usize {
        let mut at = normalized_byte.min(self.text.len());
        while !self.text.is_char_boundary(at) {
            at -= 1;
        }
        let i = self.shifts.partition_point(|(n, _)| *n <= at);
        let (n, o) = i
            .checked_sub(1)
            .and_then(|i| self.shifts.get(i))
            .copied()
            .unwrap_or((0, 0));
        let mut original = o
            .saturating_add(at.saturating_sub(n))
            .min(self.original.len());
        // Only if `text` was changed after normalisation: stay on a character boundary.
        while !self.original.is_char_boundary(original) {
            original -= 1;
        }
        original
    }
}

/// Normalises `text` to the canonical form of the [module](self), one character for one.
///
/// ```
/// use reformgraph::import::normalize::normalize;
/// let n = normalize("２０１４—2015年,省環保廳负责");
/// assert_eq!(n.text, "2014—2015年，省环保厅负责");
/// assert_eq!(n.text.chars().count(), n.original_text().chars().count());
/// ```
pub fn normalize(text: &str) -> Normalized {
    let table = traditional_to_simplified();
    let mut out = String::with_capacity(text.len() + text.len() / 8);
    let mut shifts = Vec::new();
    for (at, c) in text.char_indices() {
        let n = fold(c, table);
        out.push(n);
        if n.len_utf8() != c.len_utf8() {
            shifts.push((out.len(), at + c.len_utf8()));
        }
    }
    Normalized {
        text: out,
        original: text.to_owned(),
        shifts,
    }
}

/// The canonical form of one character.
fn fold(c: char, table: &TsTable) -> char {
    match c {
        '(' => '（',
        ')' => '）',
        ':' => '：',
        ',' => '，',
        ';' => '；',
        '!' => '！',
        '?' => '？',
        '０'..='９' | 'Ａ'..='Ｚ' | 'ａ'..='ｚ' => {
            char::from_u32(u32::from(c) - 0xFEE0).unwrap_or(c)
        }
        '．' | '﹒' => '.',
        '\u{3000}' | '\u{A0}' => ' ',
        '－' | '–' | '―' | '～' | '〜' | '~' => '—',
        c if c.is_ascii() => c,
        c => table.get(c).unwrap_or(c),
    }
}

/// OpenCC's Traditional → Simplified character table (Apache-2.0; see `data/README.md`).
const OPENCC_TS_CHARACTERS: &str = include_str!("data/opencc_TSCharacters.txt");

/// Traditional characters that are in GB2312 but written otherwise in Simplified text.
const TRADITIONAL_IN_GB2312: [char; 2] = ['後', '於'];

/// Traditional → Simplified, one character for one (see the [module](self)), sorted by the
/// Traditional character.
struct TsTable {
    pairs: Vec<(char, char)>,
    /// One bit per Basic Multilingual Plane character: set when it has a pair. Most
    /// characters of a Simplified text have none and cost one bit test.
    in_bmp: Vec<u64>,
}

impl TsTable {
    fn get(&self, c: char) -> Option<char> {
        let code = u32::from(c) as usize;
        if code < 0x1_0000
            && self
                .in_bmp
                .get(code / 64)
                .is_none_or(|word| word & (1 << (code % 64)) == 0)
        {
            return None;
        }
        let at = self
            .pairs
            .binary_search_by_key(&c, |(from, _)| *from)
            .ok()?;
        self.pairs.get(at).map(|(_, to)| *to)
    }
}

fn traditional_to_simplified() -> &'static TsTable {
    static TABLE: OnceLock<TsTable> = OnceLock::new();
    TABLE.get_or_init(|| {
        let single = |s: &str| {
            let mut chars = s.chars();
            match (chars.next(), chars.next()) {
                (Some(c), None) => Some(c),
                _ => None,
            }
        };
        // `key<TAB>value value …`; `#` lines are comments.
        let first: HashMap<char, char> = OPENCC_TS_CHARACTERS
            .lines()
            .filter(|l| !l.starts_with('#'))
            .filter_map(|l| {
                let (from, to) = l.split_once('\t')?;
                Some((single(from)?, single(to.split(' ').next()?)?))
            })
            .filter(|(from, to)| {
                from != to && (!in_gb2312(*from) || TRADITIONAL_IN_GB2312.contains(from))
            })
            .collect();
        // Follow chains (薴 → 苧 → 苎) so that normalising twice changes nothing.
        let mut table: Vec<(char, char)> = first
            .iter()
            .map(|(&from, &to)| {
                let mut to = to;
                for _ in 0..4 {
                    match first.get(&to) {
                        Some(&next) if next != from => to = next,
                        _ => break,
                    }
                }
                (from, to)
            })
            .collect();
        table.sort_unstable();
        let mut in_bmp = vec![0u64; 0x1_0000 / 64];
        for (from, _) in &table {
            let code = u32::from(*from) as usize;
            if let Some(word) = in_bmp.get_mut(code / 64) {
                *word |= 1 << (code % 64);
            }
        }
        TsTable {
            pairs: table,
            in_bmp,
        }
    })
}

/// Whether `c` is a hanzi of GB2312 (GBK bytes B0–F7, A1–FE).
fn in_gb2312(c: char) -> bool {
    let mut buf = [0u8; 4];
    let (bytes, _, unmappable) = encoding_rs::GBK.encode(c.encode_utf8(&mut buf));
    !unmappable
        && matches!(*bytes, [lead, trail] if (0xB0..=0xF7).contains(&lead) && (0xA1..=0xFE).contains(&trail))
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn both_punctuation_widths_give_the_same_text() {
        let half = "（一）(牵头单位:省发展改革委;配合单位:省财政厅),完成!是否?";
        let full = "（一）（牵头单位：省发展改革委；配合单位：省财政厅），完成！是否？";
        assert_eq!(normalize(half).text, full);
        assert_eq!(normalize(full).text, full);
    }

    #[test]
    fn traditional_clause_normalises_to_the_simplified_one() {
        assert_eq!(
            normalize("（牽頭單位：省發展改革委；配合單位：省財政廳）").text,
            "（牵头单位：省发展改革委；配合单位：省财政厅）"
        );
    }

    #[test]
    fn traditional_characters_map_to_simplified_ones() {
        let traditional = "牽頭負責單位門協發展與會廳縣區機關務環保辦財政國務院時限年內續進後於";
        let simplified = "牵头负责单位门协发展与会厅县区机关务环保办财政国务院时限年内续进后于";
        assert_eq!(normalize(traditional).text, simplified);
        assert_eq!(normalize(simplified).text, simplified);
    }

    #[test]
    fn simplified_characters_that_opencc_would_map_stay() {
        // In GB2312, so Simplified: OpenCC's table maps them (乾→干, 徵→征 …), we do not.
        let text = "乾坤 宫商角徵羽 甚夥 蒜薹 麴 甯 榘 摺 菸 捱 醣 吒 麽";
        assert_eq!(normalize(text).text, text);
    }

    #[test]
    fn chains_are_followed_so_normalising_twice_changes_nothing() {
        assert_eq!(normalize("薴").text, "苎");
        let once = normalize("薴麻 牽頭 ２０１４～２０１５年 ( ：").text;
        assert_eq!(normalize(&once).text, once);
    }

    #[test]
    fn widths_spaces_and_dashes_fold() {
        assert_eq!(
            normalize("２０１４－２０１５年 ＡＢｃ．５﹒６\u{3000}a\u{A0}b 1–2 3~4 5～6 7〜8 9―0")
                .text,
            "2014—2015年 ABc.5.6 a b 1—2 3—4 5—6 7—8 9—0"
        );
    }

    #[test]
    fn clause_brackets_and_other_characters_stay() {
        let text = "〔2014〕【牵头】［一］。、-.《》“”——+%/a-b_c";
        assert_eq!(normalize(text).text, text);
    }

    #[test]
    fn the_bundled_plan_changes_only_by_the_punctuation_rules() {
        let plan = crate::import::bundled::SHANXI_2013_TEXT;
        let n = normalize(plan);
        let punctuation = |c: char| "():,;!?．﹒－–―～〜~\u{3000}\u{A0}".contains(c);
        let mut checked = 0;
        for (o, c) in plan.chars().zip(n.text.chars()) {
            if o.is_ascii_digit() || o.is_ascii_alphabetic() {
                assert_eq!(o, c);
            } else if !punctuation(o) && !('０'..='ｚ').contains(&o) {
                assert_eq!(o, c, "{o} became {c}");
                checked += u32::from(!o.is_ascii());
            }
        }
        assert!(checked > 10_000, "{checked}");
    }

    #[test]
    fn original_offset_maps_back_across_width_changes() {
        let n = normalize("a(１)b，c");
        assert_eq!(n.text, "a（1）b，c");
        let expect = [(0, 0), (1, 1), (4, 2), (5, 5), (8, 6), (9, 7), (12, 10)];
        for (normalized, original) in expect {
            assert_eq!(n.original_offset(normalized), original, "{normalized}");
        }
        // Inside a character: that character; past the end: the end.
        assert_eq!(n.original_offset(2), 1);
        assert_eq!(n.original_offset(100), n.original_text().len());
    }

    #[test]
    fn empty_text_normalises_to_empty_text() {
        let n = normalize("");
        assert_eq!((n.text.as_str(), n.original_text()), ("", ""));
        assert_eq!(n.original_offset(0), 0);
        assert_eq!(n.original_offset(5), 0);
    }

    #[test]
    fn a_changed_text_does_not_make_original_offset_panic() {
        let mut n = normalize("(甲)");
        n.text = "很长的另一段文字（）".into();
        for b in 0..=n.text.len() + 1 {
            let o = n.original_offset(b);
            assert!(n.original_text().is_char_boundary(o));
        }
    }

    proptest! {
        #[test]
        fn normalisation_is_character_aligned(s in any::<String>()) {
            let n = normalize(&s);
            prop_assert_eq!(n.original_text(), s.as_str());
            prop_assert_eq!(n.text.chars().count(), s.chars().count());
            let norm: Vec<usize> = n.text.char_indices().map(|(i, _)| i).collect();
            let orig: Vec<usize> = s.char_indices().map(|(i, _)| i).collect();
            for (i, (&nb, &ob)) in norm.iter().zip(&orig).enumerate() {
                prop_assert_eq!(n.original_offset(nb), ob, "char {}", i);
            }
            prop_assert_eq!(n.original_offset(n.text.len()), s.len());
            for b in 0..n.text.len() + 4 {
                let o = n.original_offset(b);
                prop_assert!(o <= s.len() && s.is_char_boundary(o));
            }
        }

        #[test]
        fn normalisation_is_character_aligned_on_cjk_text(
            s in "[（）()：:，,；;！!？?０-９0-9Ａ-Ｚａ-ｚ．﹒\u{3000}\u{A0}－–～〜~—一-龥牽頭單發與會廳區\u{20000}-\u{2000F}a-z \n]{0,60}"
        ) {
            let n = normalize(&s);
            prop_assert_eq!(n.text.chars().count(), s.chars().count());
            for ((nb, _), (ob, _)) in n.text.char_indices().zip(s.char_indices()) {
                prop_assert_eq!(n.original_offset(nb), ob);
            }
            prop_assert_eq!(n.original_offset(n.text.len()), s.len());
            prop_assert_eq!(normalize(&n.text).text, n.text.clone());
        }
    }
}
