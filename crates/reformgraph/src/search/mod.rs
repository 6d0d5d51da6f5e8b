//! Chinese full-text search over the index the store keeps (see `store::fulltext`).
//!
//! A query is words separated by spaces, and phrases in quotes (`"…"` or `“…”`). Each word
//! is segmented against the index's own terms (longest match first), so the jieba
//! dictionary is never loaded to search. A document matches when it contains every word
//! (every segment of it) and every phrase (its segments at consecutive positions). Hits are
//! ranked by BM25 and come with a highlighted snippet.
//!
//! ```
//! use reformgraph::{search, Store};
//! let store = Store::in_memory()?;
//! let found = search::search(&store.read()?, &search::SearchQuery::new("煤层气"))?;
//! assert_eq!(found.total, 0);
//! # Ok::<(), reformgraph::Error>(())
//! ```

use std::collections::{BTreeMap, HashMap};

use serde::Serialize;

use crate::error::{Error, Result};
use crate::model::{EdgeLabel, NodeData, NodeId, NodeKind, SourceSpan, TaskRole};
use crate::query;
use crate::store::GraphRead;
use crate::store::fulltext::{FtsRead, MAX_TERM_CHARS, Posting, ascii_words, is_cjk, normalize};

/// BM25 parameters (the usual defaults).
const K1: f64 = 1.2;
const B: f64 = 0.75;
/// How many terms a one-character word expands to (terms starting with it).
const SINGLE_CHAR_EXPANSION: usize = 256;
/// Snippet window, in characters before and after the first match.
const SNIPPET_BEFORE: usize = 16;
const SNIPPET_AFTER: usize = 48;

/// A search request.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SearchQuery {
    /// The query text.
    pub text: String,
    /// Only nodes of these kinds (all when empty).
    pub kinds: Vec<NodeKind>,
    /// Only tasks with this role.
    pub role: Option<TaskRole>,
    /// Only tasks in this category or part (key, title or number as printed).
    pub category: Option<String>,
    /// Only tasks led by this organisation (key, name or alias).
    pub lead: Option<String>,
    /// Only nodes of the plan with this key.
    pub plan: Option<String>,
    /// Hits to skip (for paging).
    pub offset: usize,
    /// Hits to return at most.
    pub limit: usize,
}

impl SearchQuery {
    /// A query for `text` with no filters, first 20 hits.
    pub fn new(text: impl Into<String>) -> Self {
        Self {
            text: text.into(),
            kinds: Vec::new(),
            role: None,
            category: None,
            lead: None,
            plan: None,
            offset: 0,
            limit: 20,
        }
    }
}

/// One hit.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SearchHit {
    /// Natural key.
    pub key: String,
    /// Kind name.
    pub kind: &'static str,
    /// BM25 score; higher is better.
    pub score: f64,
    /// Title or name.
    pub title: String,
    /// About 60 characters around the first match, matches wrapped in 【】.
    pub snippet: String,
    /// Where the node sits in its source document, to cite.
    pub source: Option<SourceSpan>,
    /// Node id (file-local).
    #[serde(skip)]
    pub id: NodeId,
}

/// A page of hits.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SearchResults {
    /// Matching documents in all (before paging).
    pub total: usize,
    /// The requested page, best first.
    pub hits: Vec<SearchHit>,
}

/// A candidate: score, document, matched `(position, length)`s.
type Scored = (f64, NodeId, Vec<(u32, usize)>);

/// One position of a clause: any of these terms, at this offset from the clause start.
#[derive(Debug, Clone)]
struct Group {
    alternatives: Vec<String>,
    offset: u32,
}

#[derive(Debug, Clone)]
struct Clause {
    groups: Vec<Group>,
    phrase: bool,
}

/// Splits the query into words and quoted phrases.
fn split_query(text: &str) -> Vec<(String, bool)> {
    let mut out = Vec::new();
    let mut current = String::new();
    let mut in_phrase = false;
    for c in text.chars() {
        match c {
            '"' | '“' | '”' | '「' | '」' => {
                if !current.trim().is_empty() {
                    out.push((std::mem::take(&mut current), in_phrase));
                }
                current.clear();
                in_phrase = !in_phrase;
            }
            c if c.is_whitespace() && !in_phrase => {
                if !current.is_empty() {
                    out.push((std::mem::take(&mut current), false));
                }
            }
            c => current.push(c),
        }
    }
    if !current.trim().is_empty() {
        out.push((current, in_phrase));
    }
    out
}

fn pos(i: usize) -> u32 {
    u32::try_from(i).unwrap_or(u32::MAX)
}

/// Segments one word or phrase into groups of terms against the index. `None` when a
/// part of it occurs in no document at all (so nothing can match).
fn segment<R: FtsRead + ?Sized>(r: &R, text: &str) -> Result<Option<Vec<Group>>> {
    let chars = normalize(text);
    let mut groups = Vec::new();
    for (word, at) in ascii_words(&chars) {
        groups.push(Group {
            alternatives: vec![word],
            offset: at,
        });
    }
    let mut i = 0;
    while i < chars.len() {
        if !chars.get(i).copied().is_some_and(is_cjk) {
            i += 1;
            continue;
        }
        let start = i;
        while chars.get(i).copied().is_some_and(is_cjk) {
            i += 1;
        }
        let run = chars.get(start..i).unwrap_or_default();
        if run.len() == 1 {
            let single: String = run.iter().collect();
            let mut alternatives = r.fts_terms_with_prefix(&single, SINGLE_CHAR_EXPANSION)?;
            if alternatives.is_empty() {
                return Ok(None);
            }
            alternatives.sort();
            groups.push(Group {
                alternatives,
                offset: pos(start),
            });
            continue;
        }
        let mut j = 0;
        while j < run.len() {
            // The last character alone: take the bigram ending at it instead.
            let from = if j + 1 == run.len() { j - 1 } else { j };
            let longest = (run.len() - from).min(MAX_TERM_CHARS);
            let mut taken = None;
            for len in (2..=longest).rev() {
                let candidate: String = run
                    .get(from..from + len)
                    .unwrap_or_default()
                    .iter()
                    .collect();
                if r.fts_df(&candidate)? > 0 {
                    taken = Some((candidate, len));
                    break;
                }
            }
            let Some((term, len)) = taken else {
                return Ok(None);
            };
            groups.push(Group {
                alternatives: vec![term],
                offset: pos(start + from),
            });
            j = from + len;
        }
    }
    groups.sort_by_key(|g| g.offset);
    Ok(Some(groups))
}

/// What a document holds of one group: `(position, length)`s of any of its terms, sorted,
/// and each term's occurrence count, and the document's length.
#[derive(Default)]
struct GroupHit {
    positions: Vec<(u32, usize)>,
    tf: Vec<(usize, usize)>,
    doc_len: Option<u32>,
}

impl GroupHit {
    fn add(&mut self, alternative: usize, term: &str, p: &Posting) {
        let len = term.chars().count();
        self.positions.extend(p.positions.iter().map(|&x| (x, len)));
        self.tf.push((alternative, p.positions.len()));
        self.doc_len = Some(p.doc_len);
    }
}

/// Looks a group up in one document (one point read per alternative).
fn group_hit<R: FtsRead + ?Sized>(r: &R, g: &Group, id: NodeId) -> Result<GroupHit> {
    let mut hit = GroupHit::default();
    for (i, term) in g.alternatives.iter().enumerate() {
        if let Some(p) = r.fts_positions(term, id)? {
            hit.add(i, term, &p);
        }
    }
    hit.positions.sort_unstable();
    Ok(hit)
}

/// Does a phrase occur: a start `p` with every group at `p + offset`?
fn phrase_matches(groups: &[Group], positions: &[Vec<(u32, usize)>]) -> bool {
    let (Some(first), Some(first_pos)) = (groups.first(), positions.first()) else {
        return false;
    };
    first_pos.iter().any(|&(p, _)| {
        let Some(start) = p.checked_sub(first.offset) else {
            return false;
        };
        groups.iter().zip(positions).all(|(g, ps)| {
            ps.binary_search_by(|&(x, _)| x.cmp(&(start + g.offset)))
                .is_ok()
        })
    })
}

struct Filters {
    kinds: Vec<NodeKind>,
    role: Option<TaskRole>,
    category: Option<String>,
    lead: Option<NodeId>,
    plan_prefix: Option<String>,
}

impl Filters {
    fn has_any(&self) -> bool {
        !self.kinds.is_empty()
            || self.role.is_some()
            || self.category.is_some()
            || self.lead.is_some()
            || self.plan_prefix.is_some()
    }
}

fn passes<R: GraphRead + ?Sized>(
    r: &R,
    f: &Filters,
    id: NodeId,
) -> Result<Option<crate::model::Node>> {
    let Some(node) = r.node(id)? else {
        return Ok(None);
    };
    if !f.kinds.is_empty() && !f.kinds.contains(&node.kind()) {
        return Ok(None);
    }
    if let Some(prefix) = &f.plan_prefix
        && !node.key.as_str().starts_with(prefix.as_str())
    {
        return Ok(None);
    }
    let task_filter = f.role.is_some() || f.category.is_some() || f.lead.is_some();
    if !task_filter {
        return Ok(Some(node));
    }
    let NodeData::Task(task) = &node.data else {
        return Ok(None);
    };
    if f.role.is_some_and(|role| role != task.role) {
        return Ok(None);
    }
    if let Some(org) = f.lead
        && r.edge(org, EdgeLabel::Leads, id, 0)?.is_none()
    {
        return Ok(None);
    }
    if let Some(c) = &f.category
        && !query::in_section(&query::task_summary(r, id)?, c)
    {
        return Ok(None);
    }
    Ok(Some(node))
}

/// Runs a search.
///
/// # Errors
/// [`Error::Invalid`] for an empty query or a zero limit; [`Error::KeyNotFound`] if a
/// filter names an unknown organisation; storage or decoding errors.
///
/// ```
/// use reformgraph::{search, Store};
/// let store = Store::in_memory()?;
/// assert!(search::search(&store.read()?, &search::SearchQuery::new("  ")).is_err());
/// # Ok::<(), reformgraph::Error>(())
/// ```
pub fn search<R: GraphRead + ?Sized>(r: &R, q: &SearchQuery) -> Result<SearchResults> {
    let parts = split_query(&q.text);
    if parts.is_empty() {
        return Err(Error::invalid(
            "search query",
            "it is empty; give at least one word, e.g. 煤层气",
        ));
    }
    if q.limit == 0 {
        return Err(Error::invalid("search limit", "it must be at least 1"));
    }
    let filters = Filters {
        kinds: q.kinds.clone(),
        role: q.role,
        category: q.category.clone(),
        lead: match &q.lead {
            Some(l) => Some(query::resolve(r, NodeKind::Organization, l)?.id),
            None => None,
        },
        plan_prefix: q.plan.as_ref().map(|p| format!("{p}/")),
    };
    let empty = SearchResults {
        total: 0,
        hits: Vec::new(),
    };
    let mut clauses = Vec::new();
    for (text, phrase) in parts {
        match segment(r, &text)? {
            Some(groups) if !groups.is_empty() => clauses.push(Clause { groups, phrase }),
            Some(_) => {}
            None => return Ok(empty),
        }
    }
    if clauses.is_empty() {
        return Ok(empty);
    }

    // Document frequency of each group: the rarest seeds the candidates, read in one scan
    // per alternative with its positions; the other groups are point reads per candidate.
    let groups: Vec<(usize, usize, &Group)> = clauses
        .iter()
        .enumerate()
        .flat_map(|(c, clause)| {
            clause
                .groups
                .iter()
                .enumerate()
                .map(move |(g, group)| (c, g, group))
        })
        .collect();
    let mut df: HashMap<&str, u64> = HashMap::new();
    for (_, _, g) in &groups {
        for t in &g.alternatives {
            if !df.contains_key(t.as_str()) {
                df.insert(t.as_str(), r.fts_df(t)?);
            }
        }
    }
    let group_df = |g: &Group| -> u64 {
        g.alternatives
            .iter()
            .map(|t| df.get(t.as_str()).copied().unwrap_or(0))
            .sum()
    };
    let Some(&(seed_c, seed_g, seed)) = groups.iter().min_by_key(|(_, _, g)| group_df(g)) else {
        return Ok(empty);
    };
    let mut seed_hits: BTreeMap<NodeId, GroupHit> = BTreeMap::new();
    for (i, t) in seed.alternatives.iter().enumerate() {
        for (id, p) in r.fts_postings(t)? {
            seed_hits.entry(id).or_default().add(i, t, &p);
        }
    }

    let (n_docs, total_len) = r.fts_stats()?;
    let avg_len = if n_docs == 0 {
        1.0
    } else {
        total_len as f64 / n_docs as f64
    };
    let idf = |t: &str| -> f64 {
        let n = df.get(t).copied().unwrap_or(0) as f64;
        (1.0 + (n_docs as f64 - n + 0.5) / (n + 0.5)).ln()
    };
    let filtering = filters.has_any();

    let mut scored: Vec<Scored> = Vec::new();
    'docs: for (id, mut seed_hit) in seed_hits {
        seed_hit.positions.sort_unstable();
        let mut matched: Vec<(u32, usize)> = Vec::new();
        let mut score_terms: Vec<(&str, usize)> = Vec::new();
        let mut doc_len = seed_hit.doc_len;
        let mut seed_hit = Some(seed_hit);
        for (c, clause) in clauses.iter().enumerate() {
            let mut per_group = Vec::with_capacity(clause.groups.len());
            for (g, group) in clause.groups.iter().enumerate() {
                let hit = if (c, g) == (seed_c, seed_g) {
                    seed_hit.take().unwrap_or_default()
                } else {
                    group_hit(r, group, id)?
                };
                if hit.positions.is_empty() {
                    continue 'docs;
                }
                doc_len = doc_len.or(hit.doc_len);
                for &(alt, n) in &hit.tf {
                    if let Some(t) = group.alternatives.get(alt) {
                        score_terms.push((t.as_str(), n));
                    }
                }
                per_group.push(hit.positions);
            }
            if clause.phrase && !phrase_matches(&clause.groups, &per_group) {
                continue 'docs;
            }
            matched.extend(per_group.into_iter().flatten());
        }
        if filtering && passes(r, &filters, id)?.is_none() {
            continue;
        }
        let len = doc_len.map_or(avg_len, f64::from);
        // A term that several groups share counts once.
        score_terms.sort_unstable();
        score_terms.dedup();
        let score: f64 = score_terms
            .iter()
            .map(|&(t, n)| {
                let n = n as f64;
                idf(t) * n * (K1 + 1.0) / (n + K1 * (1.0 - B + B * len / avg_len))
            })
            .sum();
        matched.sort_unstable();
        matched.dedup();
        scored.push((score, id, matched));
    }
    let total = scored.len();
    scored.sort_by(|a, b| b.0.total_cmp(&a.0).then_with(|| a.1.cmp(&b.1)));
    let mut hits = Vec::new();
    for (score, id, matched) in scored.into_iter().skip(q.offset).take(q.limit) {
        let Some(node) = r.node(id)? else { continue };
        let text = node.data.search_text();
        hits.push(SearchHit {
            key: node.key.to_string(),
            kind: node.kind().name(),
            score: (score * 1000.0).round() / 1000.0,
            title: node.data.label().to_owned(),
            snippet: snippet(&text, &matched),
            source: node.source,
            id,
        });
    }
    Ok(SearchResults { total, hits })
}

/// Cuts a window around the first match and wraps every match in it in 【】.
fn snippet(text: &str, matched: &[(u32, usize)]) -> String {
    let chars: Vec<char> = text.chars().collect();
    let first = matched.first().map_or(0, |&(p, _)| p as usize);
    let start = first.saturating_sub(SNIPPET_BEFORE);
    let end = (first + SNIPPET_AFTER).min(chars.len());
    // Merge overlapping matches (a word and its bigrams) into spans.
    let mut spans: Vec<(usize, usize)> = Vec::new();
    for &(p, len) in matched {
        let (s, e) = (p as usize, p as usize + len);
        if e <= start || s >= end {
            continue;
        }
        match spans.last_mut() {
            Some(last) if s <= last.1 => last.1 = last.1.max(e),
            _ => spans.push((s, e)),
        }
    }
    let mut out = String::new();
    if start > 0 {
        out.push('…');
    }
    let mut i = start;
    for (s, e) in spans {
        let (s, e) = (s.max(start), e.min(end));
        out.extend(
            chars
                .get(i..s)
                .unwrap_or_default()
                .iter()
                .map(|c| if *c == '\n' { ' ' } else { *c }),
        );
        out.push('【');
        out.extend(chars.get(s..e).unwrap_or_default());
        out.push('】');
        i = e;
    }
    out.extend(
        chars
            .get(i..end)
            .unwrap_or_default()
            .iter()
            .map(|c| if *c == '\n' { ' ' } else { *c }),
    );
    if end < chars.len() {
        out.push('…');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quotes_make_phrases_and_spaces_split_words() {
        assert_eq!(
            split_query(r#"煤层气 "资源 型" 改革"#),
            vec![
                ("煤层气".to_owned(), false),
                ("资源 型".to_owned(), true),
                ("改革".to_owned(), false)
            ]
        );
        assert_eq!(
            split_query("“五规合一”"),
            vec![("五规合一".to_owned(), true)]
        );
    }

    #[test]
    fn a_snippet_marks_overlapping_matches_once() {
        let s = snippet("加快煤层气开发和综合利用", &[(2, 3), (2, 2), (3, 2)]);
        assert_eq!(s, "加快【煤层气】开发和综合利用");
    }
}
