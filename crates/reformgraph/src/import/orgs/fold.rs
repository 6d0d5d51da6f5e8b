//! One spelling for a body's many names: the folding rules of
//! `data/org_abbreviations.tsv`, parsed once, applied to a fixpoint.

use std::collections::HashMap;
use std::sync::OnceLock;

/// The folding rules (`long<TAB>short` lines, see the module documentation).
pub(super) const ABBREVIATIONS_TSV: &str = include_str!("../data/org_abbreviations.tsv");

/// At most this many folding passes; a name that has not settled by then is kept as
/// printed (no shipped rule needs more than three).
pub(super) const MAX_FOLD_PASSES: usize = 8;

// --- Folding -------------------------------------------------------------------------------

/// The parsed folding rules: for each first character, the `(long, short)` pairs that start
/// with it, longest `long` first.
pub(super) struct FoldRules {
    by_first: HashMap<char, Vec<(String, String)>>,
}

impl FoldRules {
    pub(super) fn new(rules: Vec<(String, String)>) -> Self {
        let mut by_first: HashMap<char, Vec<(String, String)>> = HashMap::new();
        for (long, short) in rules {
            if let Some(c) = long.chars().next() {
                by_first.entry(c).or_default().push((long, short));
            }
        }
        for list in by_first.values_mut() {
            list.sort_by(|a, b| b.0.len().cmp(&a.0.len()).then_with(|| a.0.cmp(&b.0)));
        }
        FoldRules { by_first }
    }

    /// The longest rule whose `long` starts `rest`.
    pub(super) fn longest_at(&self, rest: &str) -> Option<&(String, String)> {
        let c = rest.chars().next()?;
        self.by_first
            .get(&c)?
            .iter()
            .find(|(long, _)| rest.starts_with(long.as_str()))
    }
}

/// The shipped rules, parsed once (malformed lines skipped).
pub(super) fn fold_rules() -> &'static FoldRules {
    static RULES: OnceLock<FoldRules> = OnceLock::new();
    RULES.get_or_init(|| FoldRules::new(parse_rules(ABBREVIATIONS_TSV).0))
}

/// Parses `long<TAB>short` lines: the rules, and the 1-based numbers of the lines skipped as
/// malformed (not two non-empty fields, whitespace or `(` `)` in a field, `short` equal to or
/// containing `long`, or a `long` already given).
pub(super) fn parse_rules(text: &str) -> (Vec<(String, String)>, Vec<usize>) {
    let mut rules: Vec<(String, String)> = Vec::new();
    let mut malformed = Vec::new();
    for (i, line) in text.lines().enumerate() {
        let line = line.trim_end_matches('\r');
        if line.trim().is_empty() || line.trim_start().starts_with('#') {
            continue;
        }
        let fields: Vec<&str> = line.split('\t').collect();
        let ok = match fields.as_slice() {
            [long, short] => {
                let clean = |f: &str| {
                    !f.is_empty() && !f.chars().any(|c| c.is_whitespace() || c == '(' || c == ')')
                };
                clean(long)
                    && clean(short)
                    && !short.contains(long)
                    && !rules.iter().any(|(l, _)| l == long)
            }
            _ => false,
        };
        match fields.as_slice() {
            [long, short] if ok => rules.push(((*long).to_owned(), (*short).to_owned())),
            _ => malformed.push(i + 1),
        }
    }
    (rules, malformed)
}

/// The fixpoint of [`fold_pass`] from `name`, if reached within [`MAX_FOLD_PASSES`].
///
/// Returning the name itself when it does not settle keeps [`canonical_name`] idempotent
/// whatever the table: its result is always either a fixpoint or a name that does not settle.
pub(super) fn settle(name: &str) -> Option<String> {
    settle_with(name, fold_rules())
}

/// [`settle`] with the given rules.
pub(super) fn settle_with(name: &str, rules: &FoldRules) -> Option<String> {
    let mut current = name.to_owned();
    for _ in 0..=MAX_FOLD_PASSES {
        let next = fold_pass(&current, rules);
        if next == current {
            return Some(current);
        }
        current = next;
    }
    None
}

/// One pass: drop whitespace, fold `(` `)`, then replace each longest match left to right.
pub(super) fn fold_pass(name: &str, rules: &FoldRules) -> String {
    let pre: String = name
        .chars()
        .filter(|c| !c.is_whitespace())
        .map(|c| match c {
            '(' => '（',
            ')' => '）',
            other => other,
        })
        .collect();
    let mut out = String::with_capacity(pre.len());
    let mut i = 0;
    while let Some(rest) = pre.get(i..) {
        let Some(c) = rest.chars().next() else {
            break;
        };
        if let Some((long, short)) = rules.longest_at(rest) {
            out.push_str(short);
            i += long.len();
        } else {
            out.push(c);
            i += c.len_utf8();
        }
    }
    out
}
