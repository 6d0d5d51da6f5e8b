//! Finds the areas and enterprises a task body names.
//!
//! Rules, chosen to be simple and explainable:
//! - every official name and short form from the registry is a pattern (the province is
//!   left out: every task of a provincial plan is about the province); organisations count
//!   only if they are enterprises (departments appear in responsibility clauses instead);
//! - at each position the longest pattern wins (大同煤矿集团 beats 大同, 运城市盐湖区 beats
//!   运城), and the scan resumes after it;
//! - a short form directly followed by 山 is a mountain range, not the city (吕梁山);
//! - a short form starting with 晋 (晋中) is a region, not the city, when its clause also
//!   names a directional region 晋北/晋南/晋东/晋西 (晋北、晋中、晋东南三大煤电基地).

use crate::model::{AreaLevel, OrganizationKind};

use super::super::registry::Registry;

/// What a pattern refers to: index into the registry's areas or organisations.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(super) enum Named {
    Area(usize),
    Org(usize),
}

struct Pattern {
    text: String,
    official: bool,
    named: Named,
}

pub(super) struct Dictionary {
    patterns: Vec<Pattern>,
    /// Pattern indexes by first character, each list in the order of `patterns` (longest
    /// first), so a scan only tries the patterns that can start where it stands.
    by_first: Vec<(char, Vec<usize>)>,
}

const CLAUSE_ENDS: [char; 8] = ['，', '。', '；', '：', ',', ';', '（', '）'];

fn region_context(clause: &str) -> bool {
    ["晋北", "晋南", "晋东", "晋西"]
        .iter()
        .any(|r| clause.contains(r))
}

impl Dictionary {
    pub fn new(registry: &Registry) -> Self {
        let mut patterns = Vec::new();
        for (i, a) in registry.areas().iter().enumerate() {
            if a.area.level == AreaLevel::Province {
                continue;
            }
            patterns.push(Pattern {
                text: a.area.name.clone(),
                official: true,
                named: Named::Area(i),
            });
            for alias in &a.area.aliases {
                patterns.push(Pattern {
                    text: alias.clone(),
                    official: false,
                    named: Named::Area(i),
                });
            }
        }
        for (i, o) in registry.organizations().iter().enumerate() {
            if o.kind != OrganizationKind::Enterprise {
                continue;
            }
            patterns.push(Pattern {
                text: o.name.clone(),
                official: true,
                named: Named::Org(i),
            });
            for alias in &o.aliases {
                patterns.push(Pattern {
                    text: alias.clone(),
                    official: false,
                    named: Named::Org(i),
                });
            }
        }
        patterns.retain(|p| !p.text.is_empty());
        // Longest first; ties broken by text so the order never depends on file order.
        patterns.sort_by(|a, b| {
            b.text
                .chars()
                .count()
                .cmp(&a.text.chars().count())
                .then_with(|| a.text.cmp(&b.text))
        });
        let mut by_first: Vec<(char, Vec<usize>)> = Vec::new();
        for (i, p) in patterns.iter().enumerate() {
            let Some(c) = p.text.chars().next() else {
                continue;
            };
            match by_first.binary_search_by_key(&c, |(f, _)| *f) {
                Ok(at) => by_first
                    .get_mut(at)
                    .into_iter()
                    .for_each(|(_, v)| v.push(i)),
                Err(at) => by_first.insert(at, (c, vec![i])),
            }
        }
        Self { patterns, by_first }
    }

    /// Everything `text` names, once each, in order of first appearance.
    pub fn find(&self, text: &str) -> Vec<Named> {
        let mut out: Vec<Named> = Vec::new();
        let mut skip_until = 0usize;
        for (i, c) in text.char_indices() {
            if i < skip_until {
                continue;
            }
            let Some(rest) = text.get(i..) else {
                continue;
            };
            let Ok(at) = self.by_first.binary_search_by_key(&c, |(f, _)| *f) else {
                continue;
            };
            let Some((_, candidates)) = self.by_first.get(at) else {
                continue;
            };
            let Some(p) = candidates
                .iter()
                .filter_map(|k| self.patterns.get(*k))
                .find(|p| rest.starts_with(&p.text))
            else {
                continue;
            };
            let end = i + p.text.len();
            if !p.official {
                let after = text.get(end..).unwrap_or("");
                if after.starts_with('山') {
                    continue;
                }
                if p.text.starts_with('晋') {
                    let before = text.get(..i).unwrap_or("");
                    let from = before
                        .rfind(CLAUSE_ENDS)
                        .and_then(|k| before.get(k..)?.chars().next().map(|c| k + c.len_utf8()))
                        .unwrap_or(0);
                    let to = after
                        .find(CLAUSE_ENDS)
                        .map(|k| end + k)
                        .unwrap_or(text.len());
                    let clause = text
                        .get(from..to)
                        .or_else(|| text.get(i..end))
                        .unwrap_or("");
                    if region_context(clause) {
                        continue;
                    }
                }
            }
            skip_until = end;
            if !out.contains(&p.named) {
                out.push(p.named);
            }
        }
        out
    }
}
