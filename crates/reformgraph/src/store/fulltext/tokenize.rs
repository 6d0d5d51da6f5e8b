//! What a document's terms are: text folding, jieba words, CJK bigrams, ASCII words and
//! the store's own names.

use super::*;

/// FNV-1a, 64 bit: stable across Rust versions and platforms, unlike `DefaultHasher`.
pub(crate) fn text_hash(text: &str) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in text.bytes() {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    h
}

/// Is `c` a CJK ideograph (the characters jieba and the bigram index care about)?
pub(crate) fn is_cjk(c: char) -> bool {
    matches!(c,
        '\u{3400}'..='\u{4DBF}' | '\u{4E00}'..='\u{9FFF}' | '\u{F900}'..='\u{FAFF}'
        | '\u{20000}'..='\u{2FA1F}' | '〇')
}

/// Folds full-width ASCII to ASCII and ASCII to lower case, one char for one char, so
/// character positions are unchanged.
pub(crate) fn normalize(text: &str) -> Vec<char> {
    text.chars()
        .map(|c| {
            let c = match u32::from(c) {
                0xFF01..=0xFF5E => char::from_u32(u32::from(c) - 0xFEE0).unwrap_or(c),
                0x3000 => ' ',
                _ => c,
            };
            c.to_ascii_lowercase()
        })
        .collect()
}

pub(super) fn is_word_char(c: char) -> bool {
    c.is_ascii_alphanumeric()
}

/// ASCII words: alphanumeric runs, with a `.` kept between digits (`pm2.5`).
pub(crate) fn ascii_words(chars: &[char]) -> Vec<(String, u32)> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        if !chars.get(i).copied().is_some_and(is_word_char) {
            i += 1;
            continue;
        }
        let start = i;
        let mut word = String::new();
        while let Some(&c) = chars.get(i) {
            let dot_between_digits = c == '.'
                && i > start
                && chars.get(i - 1).is_some_and(char::is_ascii_digit)
                && chars.get(i + 1).is_some_and(char::is_ascii_digit);
            if is_word_char(c) || dot_between_digits {
                word.push(c);
                i += 1;
            } else {
                break;
            }
        }
        out.push((word, u32::try_from(start).unwrap_or(u32::MAX)));
    }
    out
}

pub(super) fn jieba() -> &'static Jieba {
    static JIEBA: OnceLock<Jieba> = OnceLock::new();
    JIEBA.get_or_init(Jieba::new)
}

/// The name trie of a store's committed names, kept between write transactions: building
/// it reads the whole name index, which at national scale (thousands of names) would cost
/// every small write (a status with a note re-indexes its task) more than the write itself.
/// A transaction that changes names clears it (before its commit, so a failed commit
/// leaves nothing stale) and builds its own; the next one rebuilds it from the committed
/// names. A store has one writer at a time, so no other writer can make it stale.
#[derive(Debug, Default, Clone)]
pub(crate) struct NamesCache(std::sync::Arc<std::sync::Mutex<Option<std::sync::Arc<NameMatcher>>>>);

impl NamesCache {
    fn slot(&self) -> std::sync::MutexGuard<'_, Option<std::sync::Arc<NameMatcher>>> {
        // A panic while holding the lock cannot leave a half-built matcher: it is stored
        // whole or not at all.
        self.0
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    /// The cached matcher, or one built by `build` and kept.
    pub(crate) fn get_or_build(
        &self,
        build: impl FnOnce() -> Result<NameMatcher>,
    ) -> Result<std::sync::Arc<NameMatcher>> {
        let mut slot = self.slot();
        if let Some(m) = slot.as_ref() {
            return Ok(std::sync::Arc::clone(m));
        }
        let m = std::sync::Arc::new(build()?);
        *slot = Some(std::sync::Arc::clone(&m));
        Ok(m)
    }

    /// Forgets the matcher: the names are changing.
    pub(crate) fn clear(&self) {
        *self.slot() = None;
    }
}

/// The store's names as a character trie, to find every name in a text in one pass.
#[derive(Debug)]
pub(crate) struct NameMatcher {
    /// `children[node]`: next character → child node. Node 0 is the root.
    children: Vec<HashMap<char, usize>>,
    /// Whether a name ends at the node.
    terminal: Vec<bool>,
}

impl Default for NameMatcher {
    fn default() -> Self {
        Self {
            children: vec![HashMap::new()],
            terminal: vec![false],
        }
    }
}

impl NameMatcher {
    pub(crate) fn new<'a>(names: impl IntoIterator<Item = &'a str>) -> Self {
        let mut m = Self::default();
        for name in names {
            let chars = normalize(name);
            // One-character names would just repeat single characters.
            if chars.len() < 2 {
                continue;
            }
            let mut node = 0;
            for c in chars {
                let next = m.children.len();
                let child = match m.children.get_mut(node) {
                    Some(map) => *map.entry(c).or_insert(next),
                    None => break,
                };
                if child == next {
                    m.children.push(HashMap::new());
                    m.terminal.push(false);
                }
                node = child;
            }
            if let Some(t) = m.terminal.get_mut(node) {
                *t = true;
            }
        }
        m
    }

    /// Lengths (in chars) of every name that starts at `chars[i..]`.
    fn matches_at(&self, chars: &[char], i: usize, out: &mut Vec<usize>) {
        out.clear();
        let mut node = 0;
        for (len, c) in chars.iter().skip(i).enumerate() {
            let Some(&next) = self.children.get(node).and_then(|m| m.get(c)) else {
                break;
            };
            node = next;
            if self.terminal.get(node).copied().unwrap_or(false) {
                out.push(len + 1);
            }
        }
    }
}

/// Term occurrences of a text: `term → sorted positions`.
pub(crate) fn tokenize(text: &str, names: &NameMatcher) -> BTreeMap<String, Vec<u32>> {
    let chars = normalize(text);
    let normalized: String = chars.iter().collect();
    let mut occ: BTreeMap<String, BTreeSet<u32>> = BTreeMap::new();
    let pos = |i: usize| u32::try_from(i).unwrap_or(u32::MAX);

    // HMM guessing of unknown words adds little here: bigrams already cover every
    // substring, and names cover the proper nouns that matter.
    for token in jieba().cut_for_search(&normalized, false) {
        if token.end.saturating_sub(token.start) >= 2 && token.word.chars().any(is_cjk) {
            occ.entry(token.word.to_owned())
                .or_default()
                .insert(pos(token.start));
        }
    }
    for (i, pair) in chars.windows(2).enumerate() {
        if let [a, b] = pair
            && is_cjk(*a)
            && is_cjk(*b)
        {
            occ.entry([*a, *b].iter().collect())
                .or_default()
                .insert(pos(i));
        }
    }
    for (word, at) in ascii_words(&chars) {
        occ.entry(word).or_default().insert(at);
    }
    let mut lens = Vec::new();
    for i in 0..chars.len() {
        names.matches_at(&chars, i, &mut lens);
        for &len in &lens {
            if let Some(name) = chars.get(i..i + len) {
                occ.entry(name.iter().collect()).or_default().insert(pos(i));
            }
        }
    }
    occ.into_iter()
        .map(|(t, p)| (t, p.into_iter().collect()))
        .collect()
}
