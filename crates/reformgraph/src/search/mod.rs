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

use std::collections::HashMap;

use serde::Serialize;

use crate::error::{Error, Result};
use crate::model::{EdgeLabel, NodeData, NodeId, NodeKind, SourceSpan, TaskRole};
use crate::query;
use crate::store::GraphRead;
use crate::store::fulltext::{FtsRead, MAX_TERM_CHARS, ascii_words, is_cjk, normalize};

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

/// Does a phrase occur in the (normalised) text: a start `p` with one of every group's
/// terms at `p + offset`? Checked on the text itself, so the index needs no positions.
fn phrase_in(chars: &[char], groups: &[Group]) -> bool {
    let terms: Vec<Vec<Vec<char>>> = groups
        .iter()
        .map(|g| g.alternatives.iter().map(|t| t.chars().collect()).collect())
        .collect();
    (0..chars.len()).any(|p| {
        groups.iter().zip(&terms).all(|(g, alternatives)| {
            let at = p + g.offset as usize;
            alternatives
                .iter()
                .any(|t| chars.get(at..at + t.len()) == Some(t.as_slice()))
        })
    })
}

/// Where the terms occur in the (normalised) text, as `(position, length)`s, sorted: what
/// the snippet highlights. An ASCII term matches whole words only, as it was indexed.
fn occurrences(chars: &[char], terms: &[&str]) -> Vec<(u32, usize)> {
    let mut out = Vec::new();
    for term in terms {
        let t: Vec<char> = term.chars().collect();
        let Some(&head) = t.first() else { continue };
        let ascii = head.is_ascii_alphanumeric();
        for p in 0..chars.len() {
            if chars.get(p) != Some(&head) || chars.get(p..p + t.len()) != Some(t.as_slice()) {
                continue;
            }
            if ascii {
                let before = p.checked_sub(1).and_then(|i| chars.get(i));
                let after = chars.get(p + t.len());
                if before.is_some_and(char::is_ascii_alphanumeric)
                    || after.is_some_and(char::is_ascii_alphanumeric)
                {
                    continue;
                }
            }
            out.push((pos(p), t.len()));
        }
    }
    out.sort_unstable();
    out.dedup();
    out
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

    let groups: Vec<&Group> = clauses.iter().flat_map(|c| c.groups.iter()).collect();
    let mut df: HashMap<&str, u64> = HashMap::new();
    for g in &groups {
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
    let Some(seed) = (0..groups.len()).min_by_key(|&i| groups.get(i).map_or(0, |g| group_df(g)))
    else {
        return Ok(empty);
    };

    let (n_docs, total_len) = r.fts_stats()?;
    let avg_len = if n_docs == 0 {
        1.0
    } else {
        total_len as f64 / n_docs as f64
    };
    // A term that several groups share is scored once, in the first group naming it.
    let mut scored_terms: HashMap<&str, usize> = HashMap::new();
    for (gi, g) in groups.iter().enumerate() {
        for t in &g.alternatives {
            scored_terms.entry(t.as_str()).or_insert(gi);
        }
    }
    let weight = |gi: usize, term: &str| -> f64 {
        if scored_terms.get(term) != Some(&gi) {
            return 0.0;
        }
        let n = df.get(term).copied().unwrap_or(0) as f64;
        (1.0 + (n_docs as f64 - n + 0.5) / (n + 0.5)).ln()
    };
    let bm25 = |w: f64, tf: u32, doc_len: u32| -> f64 {
        let tf = f64::from(tf);
        let norm = K1 * (1.0 - B + B * f64::from(doc_len) / avg_len);
        w * tf * (K1 + 1.0) / (tf + norm)
    };

    // Candidates from the rarest group, read straight from its posting blocks, in id
    // order: `(id, score so far)`.
    let mut candidates: Vec<(u64, f64)> = Vec::new();
    if let Some(g) = groups.get(seed) {
        for t in &g.alternatives {
            let w = weight(seed, t);
            candidates.extend(
                r.fts_postings(t)?
                    .into_iter()
                    .map(|e| (e.id, bm25(w, e.tf, e.doc_len))),
            );
        }
        if g.alternatives.len() > 1 {
            candidates.sort_unstable_by_key(|c| c.0);
            candidates.dedup_by(|later, kept| {
                let same = later.0 == kept.0;
                if same {
                    kept.1 += later.1;
                }
                same
            });
        }
    }
    // Every other group must occur too: look each candidate up in its blocks (few
    // candidates, long list) or merge with the whole list (many candidates).
    for (gi, g) in groups.iter().enumerate() {
        if gi == seed || candidates.is_empty() {
            continue;
        }
        let ids: Vec<u64> = candidates.iter().map(|c| c.0).collect();
        let mut found: Vec<Option<f64>> = vec![None; ids.len()];
        for t in &g.alternatives {
            let w = weight(gi, t);
            let n = df.get(t.as_str()).copied().unwrap_or(0);
            if (ids.len() as u64).saturating_mul(16) < n {
                for (slot, e) in found.iter_mut().zip(r.fts_lookup(t, &ids)?) {
                    if let Some(e) = e {
                        *slot = Some(slot.unwrap_or(0.0) + bm25(w, e.tf, e.doc_len));
                    }
                }
            } else {
                let list = r.fts_postings(t)?;
                let mut k = 0;
                for (slot, id) in found.iter_mut().zip(&ids) {
                    while list.get(k).is_some_and(|e| e.id < *id) {
                        k += 1;
                    }
                    if let Some(e) = list.get(k).filter(|e| e.id == *id) {
                        *slot = Some(slot.unwrap_or(0.0) + bm25(w, e.tf, e.doc_len));
                    }
                }
            }
        }
        candidates = candidates
            .into_iter()
            .zip(found)
            .filter_map(|((id, score), hit)| hit.map(|h| (id, score + h)))
            .collect();
    }

    // Phrases and filters need the node: decode it only when asked.
    let phrases: Vec<&Clause> = clauses
        .iter()
        .filter(|c| c.phrase && c.groups.len() > 1)
        .collect();
    if filters.has_any() || !phrases.is_empty() {
        let mut kept = Vec::with_capacity(candidates.len());
        for (id, score) in candidates {
            let Some(node) = passes(r, &filters, NodeId(id))? else {
                continue;
            };
            if !phrases.is_empty() {
                let chars = normalize(&node.data.search_text());
                if !phrases.iter().all(|c| phrase_in(&chars, &c.groups)) {
                    continue;
                }
            }
            kept.push((id, score));
        }
        candidates = kept;
    }

    let total = candidates.len();
    let by_rank = |a: &(u64, f64), b: &(u64, f64)| b.1.total_cmp(&a.1).then_with(|| a.0.cmp(&b.0));
    let wanted = q.offset.saturating_add(q.limit).min(total);
    if wanted > 0 && wanted < total {
        candidates.select_nth_unstable_by(wanted - 1, by_rank);
        candidates.truncate(wanted);
    }
    candidates.sort_unstable_by(by_rank);
    let all_terms: Vec<&str> = groups
        .iter()
        .flat_map(|g| g.alternatives.iter().map(String::as_str))
        .collect();
    let mut hits = Vec::new();
    for (id, score) in candidates.into_iter().skip(q.offset).take(q.limit) {
        let Some(node) = r.node(NodeId(id))? else {
            continue;
        };
        let text = node.data.search_text();
        let matched = occurrences(&normalize(&text), &all_terms);
        hits.push(SearchHit {
            key: node.key.to_string(),
            kind: node.kind().name(),
            score: (score * 1000.0).round() / 1000.0,
            title: node.data.label().to_owned(),
            snippet: snippet(&text, &matched),
            source: node.source,
            id: NodeId(id),
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
