//! The full-text index, maintained by the store in the same transaction as the data.
//!
//! Each searchable node is a document (its [`NodeData::search_text`]). A document is indexed
//! as term occurrences at character positions, from three sources:
//! - jieba-rs words (search mode, default dictionary) of two or more characters;
//! - every CJK character bigram, so any substring of two or more characters can be found
//!   even when jieba would not cut there (煤层 inside 煤层气);
//! - every organisation, area or indicator name of the store found in the text, so that
//!   省人力资源社会保障厅 is one term whatever jieba makes of it.
//!
//! ASCII is indexed as lower-case alphanumeric runs (`pm2.5`, `co2`); full-width forms are
//! folded to ASCII first. The jieba dictionary (about 125 ms and 36 MB to load) is loaded
//! only when a document is indexed, never to search: queries are segmented against the
//! index's own term table.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::sync::OnceLock;

use jieba_rs::Jieba;
use redb::ReadableTable;
use serde::{Deserialize, Serialize};

use super::codec;
use super::read::{GraphRead, sealed::RawTables, storage};
use super::write::WriteTx;
use crate::error::Result;
use crate::model::NodeId;

/// Stats key of the sum of all document lengths.
pub(crate) const STAT_TOTAL_LEN: &str = "total_len";

/// The longest term looked up when segmenting a query, in characters.
pub(crate) const MAX_TERM_CHARS: usize = 24;

/// Per-document record in `fts_docs`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct FtsDoc {
    /// Number of term occurrences.
    pub(crate) len: u32,
    /// FNV-1a hash of the indexed text: `verify` compares it with the node's text.
    pub(crate) hash: u64,
}

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

fn is_word_char(c: char) -> bool {
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

fn jieba() -> &'static Jieba {
    static JIEBA: OnceLock<Jieba> = OnceLock::new();
    JIEBA.get_or_init(Jieba::new)
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

fn doc_key(id: u64) -> impl FnOnce() -> String {
    move || id.to_string()
}

pub(crate) fn decode_doc(id: u64, bytes: &[u8]) -> Result<FtsDoc> {
    codec::decode(bytes, "fts_docs", doc_key(id))
}

pub(crate) fn decode_terms(id: u64, bytes: &[u8]) -> Result<Vec<String>> {
    codec::decode(bytes, "fts_doc_terms", doc_key(id))
}

/// Documents per posting block a bulk write aims for.
pub(crate) const BLOCK_TARGET: usize = 128;
/// Most documents a stored block holds: a block that grows past it is split.
pub(crate) const BLOCK_MAX: usize = 2 * BLOCK_TARGET;

/// One posting: a term in a document, with what BM25 needs (so ranking reads nothing else).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Entry {
    /// The document (node id).
    pub(crate) id: u64,
    /// Occurrences of the term in the document.
    pub(crate) tf: u32,
    /// Term occurrences in the document (BM25's document length).
    pub(crate) doc_len: u32,
}

/// The stored form of a block: column-wise, ids as gaps (the first gap is from the block's
/// key, so 0), which bincode's varints keep to a byte or two per document.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct PostingBlock {
    pub(crate) gaps: Vec<u64>,
    pub(crate) tf: Vec<u32>,
    pub(crate) doc_len: Vec<u32>,
}

impl PostingBlock {
    pub(crate) fn from_entries(entries: &[Entry]) -> Self {
        Self {
            gaps: codec::gaps(entries.iter().map(|e| e.id)),
            tf: entries.iter().map(|e| e.tf).collect(),
            doc_len: entries.iter().map(|e| e.doc_len).collect(),
        }
    }
}

/// Decodes the block of `term` stored under `first`, checking its shape: non-empty, at most
/// [`BLOCK_MAX`] documents, columns of one length, ids strictly increasing from `first`,
/// every frequency at least 1.
pub(crate) fn decode_block(term: &str, first: u64, bytes: &[u8]) -> Result<Vec<Entry>> {
    let key = || format!("({term}, {first})");
    let block: PostingBlock = codec::decode(bytes, "fts_blocks", key)?;
    let n = block.gaps.len();
    let corrupt = |reason: &str| crate::error::Error::Corrupt {
        table: "fts_blocks",
        key: key(),
        reason: reason.into(),
    };
    if n == 0 || n > BLOCK_MAX || block.tf.len() != n || block.doc_len.len() != n {
        return Err(corrupt(
            "a block's columns are empty, too long or of unequal length",
        ));
    }
    let mut out = Vec::with_capacity(n);
    let mut id = first;
    for (i, ((&gap, &tf), &doc_len)) in block
        .gaps
        .iter()
        .zip(&block.tf)
        .zip(&block.doc_len)
        .enumerate()
    {
        if (i == 0) != (gap == 0) || tf == 0 {
            return Err(corrupt(
                "ids are not increasing from the key, or a frequency is 0",
            ));
        }
        id = id.checked_add(gap).ok_or_else(|| corrupt("ids overflow"))?;
        out.push(Entry { id, tf, doc_len });
    }
    Ok(out)
}

/// Read access to the index, for the search module and `verify`.
pub(crate) trait FtsRead: RawTables {
    /// Number of documents containing `term`.
    fn fts_df(&self, term: &str) -> Result<u64> {
        Ok(self
            .fts_terms_table()?
            .get(term)
            .map_err(storage("reading the term table"))?
            .map_or(0, |g| g.value()))
    }

    /// Every posting of a term, in document order.
    fn fts_postings(&self, term: &str) -> Result<Vec<Entry>> {
        let mut out = Vec::new();
        let range = self
            .fts_postings_table()?
            .range((term, 0)..=(term, u64::MAX))
            .map_err(storage("reading postings"))?;
        for entry in range {
            let (k, v) = entry.map_err(storage("reading postings"))?;
            out.extend(decode_block(term, k.value().1, v.value())?);
        }
        Ok(out)
    }

    /// The postings of `term` in the documents `ids` (sorted, distinct), `None` where the
    /// term does not occur. Seeks block by block, so a few documents in a long list cost a
    /// few block reads, not the list.
    fn fts_lookup(&self, term: &str, ids: &[u64]) -> Result<Vec<Option<Entry>>> {
        let mut out = Vec::with_capacity(ids.len());
        let mut block: Vec<Entry> = Vec::new();
        for &id in ids {
            let covered = block.first().is_some_and(|f| f.id <= id)
                && block.last().is_some_and(|l| l.id >= id);
            if !covered {
                block.clear();
                let mut range = self
                    .fts_postings_table()?
                    .range((term, 0)..=(term, id))
                    .map_err(storage("reading postings"))?;
                if let Some(entry) = range.next_back() {
                    let (k, v) = entry.map_err(storage("reading postings"))?;
                    block = decode_block(term, k.value().1, v.value())?;
                }
            }
            out.push(
                block
                    .binary_search_by_key(&id, |e| e.id)
                    .ok()
                    .and_then(|i| block.get(i).copied()),
            );
        }
        Ok(out)
    }

    /// A document's record.
    fn fts_doc(&self, id: NodeId) -> Result<Option<FtsDoc>> {
        self.fts_docs_table()?
            .get(id.0)
            .map_err(storage("reading a document record"))?
            .map(|g| decode_doc(id.0, g.value()))
            .transpose()
    }

    /// A document's distinct terms, sorted.
    fn fts_doc_terms(&self, id: NodeId) -> Result<Vec<String>> {
        self.fts_doc_terms_table()?
            .get(id.0)
            .map_err(storage("reading document terms"))?
            .map(|g| decode_terms(id.0, g.value()))
            .transpose()
            .map(Option::unwrap_or_default)
    }

    /// `(documents, total length)`.
    fn fts_stats(&self) -> Result<(u64, u64)> {
        let docs = redb::ReadableTableMetadata::len(self.fts_docs_table()?)
            .map_err(storage("counting documents"))?;
        let total = self
            .fts_stats_table()?
            .get(STAT_TOTAL_LEN)
            .map_err(storage("reading index stats"))?
            .map_or(0, |g| g.value());
        Ok((docs, total))
    }

    /// Terms that start with `prefix`, up to `limit`, in order.
    fn fts_terms_with_prefix(&self, prefix: &str, limit: usize) -> Result<Vec<String>> {
        let mut out = Vec::new();
        let range = self
            .fts_terms_table()?
            .range(prefix..)
            .map_err(storage("reading the term table"))?;
        for entry in range {
            let (k, _) = entry.map_err(storage("reading the term table"))?;
            let term = k.value();
            if !term.starts_with(prefix) || out.len() >= limit {
                break;
            }
            out.push(term.to_owned());
        }
        Ok(out)
    }
}

impl<T: RawTables + ?Sized> FtsRead for T {}

impl WriteTx<'_> {
    fn name_matcher(&mut self) -> Result<NameMatcher> {
        let mut names = Vec::new();
        for entry in self
            .names
            .iter()
            .map_err(storage("reading the name index"))?
        {
            let (k, _) = entry.map_err(storage("reading the name index"))?;
            names.push(k.value().0.to_owned());
        }
        Ok(NameMatcher::new(names.iter().map(String::as_str)))
    }

    /// Documents that may contain `name`: those with it as a term, and those with all its
    /// bigrams (which a text containing the name must have).
    fn docs_possibly_containing(&self, name: &str) -> Result<BTreeSet<NodeId>> {
        let mut out: BTreeSet<NodeId> = self
            .fts_postings(name)?
            .into_iter()
            .map(|e| NodeId(e.id))
            .collect();
        let chars = normalize(name);
        let bigrams: Vec<String> = chars
            .windows(2)
            .filter(|w| w.iter().all(|c| is_cjk(*c)))
            .map(|w| w.iter().collect())
            .collect();
        if bigrams.is_empty() {
            return Ok(out);
        }
        let mut common: Option<BTreeSet<NodeId>> = None;
        for b in bigrams {
            let docs: BTreeSet<NodeId> = self
                .fts_postings(&b)?
                .into_iter()
                .map(|e| NodeId(e.id))
                .collect();
            common = Some(match common {
                None => docs,
                Some(c) => c.intersection(&docs).copied().collect(),
            });
        }
        out.extend(common.unwrap_or_default());
        Ok(out)
    }

    /// Applies per-document changes (sorted by id; `None` removes) to a term's blocks. Each
    /// touched block is read once, merged with its changes, and written back split into
    /// blocks of [`BLOCK_TARGET`] if it outgrew [`BLOCK_MAX`]; appending documents with new,
    /// higher ids (an import) only ever touches the term's last block.
    fn apply_postings(&mut self, term: &str, changes: &[(u64, Option<(u32, u32)>)]) -> Result<()> {
        let mut i = 0;
        while let Some(&(id, _)) = changes.get(i) {
            // The block that holds `id`'s place: the last starting at or before it, else
            // the first block of the term (which then gains a smaller first id).
            let found = {
                let table = &self.fts_postings;
                let mut before = table
                    .range((term, 0)..=(term, id))
                    .map_err(storage("reading postings"))?;
                match before.next_back() {
                    Some(entry) => {
                        let (k, v) = entry.map_err(storage("reading postings"))?;
                        let first = k.value().1;
                        Some((first, decode_block(term, first, v.value())?))
                    }
                    None => {
                        drop(before);
                        let mut after = table
                            .range((term, id)..=(term, u64::MAX))
                            .map_err(storage("reading postings"))?;
                        match after.next() {
                            Some(entry) => {
                                let (k, v) = entry.map_err(storage("reading postings"))?;
                                let first = k.value().1;
                                Some((first, decode_block(term, first, v.value())?))
                            }
                            None => None,
                        }
                    }
                }
            };
            let (old_first, mut entries) = match found {
                Some((first, entries)) => (Some(first), entries),
                None => (None, Vec::new()),
            };
            // The next block's first id bounds the changes this block takes.
            let bound = match entries.last() {
                Some(last) => self
                    .fts_postings
                    .range((term, last.id.saturating_add(1))..=(term, u64::MAX))
                    .map_err(storage("reading postings"))?
                    .next()
                    .transpose()
                    .map_err(storage("reading postings"))?
                    .map_or(u64::MAX, |(k, _)| k.value().1),
                None => u64::MAX,
            };
            let mut j = i;
            while let Some(&(doc, change)) = changes.get(j) {
                if doc >= bound && j > i {
                    break;
                }
                match (entries.binary_search_by_key(&doc, |e| e.id), change) {
                    (Ok(at), Some((tf, doc_len))) => {
                        if let Some(e) = entries.get_mut(at) {
                            *e = Entry {
                                id: doc,
                                tf,
                                doc_len,
                            };
                        }
                    }
                    (Err(at), Some((tf, doc_len))) => {
                        entries.insert(
                            at,
                            Entry {
                                id: doc,
                                tf,
                                doc_len,
                            },
                        );
                    }
                    (Ok(at), None) => {
                        entries.remove(at);
                    }
                    (Err(_), None) => {}
                }
                j += 1;
            }
            i = j;
            if let Some(first) = old_first {
                self.fts_postings
                    .remove((term, first))
                    .map_err(storage("removing postings"))?;
            }
            let chunk = if entries.len() > BLOCK_MAX {
                BLOCK_TARGET
            } else {
                BLOCK_MAX
            };
            self.write_blocks(term, &entries, chunk)?;
        }
        Ok(())
    }

    /// Writes `entries` (sorted by id) as blocks of `chunk` documents, each keyed by its
    /// first id.
    pub(super) fn write_blocks(
        &mut self,
        term: &str,
        entries: &[Entry],
        chunk: usize,
    ) -> Result<()> {
        for part in entries.chunks(chunk.max(1)) {
            let Some(first) = part.first() else { continue };
            let bytes = codec::encode(&PostingBlock::from_entries(part))?;
            self.fts_postings
                .insert((term, first.id), bytes.as_slice())
                .map_err(storage("writing postings"))?;
        }
        Ok(())
    }

    /// Brings the index up to date with every node written in this transaction, once per
    /// node and with the names as they stand at commit. When names changed, documents
    /// that may contain them are re-tokenised too. Writes are sorted by key, which keeps
    /// redb's B-tree work local.
    pub(super) fn fts_flush(&mut self) -> Result<()> {
        if !self.changed_names.is_empty() {
            let names = std::mem::take(&mut self.changed_names);
            for name in &names {
                for id in self.docs_possibly_containing(name)? {
                    self.fts_dirty.insert(id, true);
                }
            }
        }
        if self.fts_dirty.is_empty() {
            return Ok(());
        }
        let dirty = std::mem::take(&mut self.fts_dirty);
        let matcher = self.name_matcher()?;
        // Per term, per document: the new posting, or `None` to remove it. An update
        // removes every old term first; re-adding a term overwrites its removal.
        let mut changes: BTreeMap<String, BTreeMap<u64, Option<(u32, u32)>>> = BTreeMap::new();
        let mut df_delta: BTreeMap<String, i64> = BTreeMap::new();
        let mut total_delta: i64 = 0;
        for (id, force) in dirty {
            let old = self.fts_doc(id)?;
            let text = self
                .node(id)?
                .map(|n| n.data.search_text())
                .unwrap_or_default();
            let hash = text_hash(&text);
            if !force && !text.is_empty() && old.as_ref().is_some_and(|d| d.hash == hash) {
                continue;
            }
            if let Some(old) = &old {
                for term in self.fts_doc_terms(id)? {
                    *df_delta.entry(term.clone()).or_default() -= 1;
                    changes.entry(term).or_default().insert(id.0, None);
                }
                total_delta -= i64::from(old.len);
            }
            if text.is_empty() {
                if old.is_some() {
                    self.fts_docs
                        .remove(id.0)
                        .map_err(storage("removing a document record"))?;
                    self.fts_doc_terms
                        .remove(id.0)
                        .map_err(storage("removing document terms"))?;
                }
                continue;
            }
            let occ = tokenize(&text, &matcher);
            let len: u64 = occ.values().map(|p| p.len() as u64).sum();
            let doc = FtsDoc {
                len: u32::try_from(len).unwrap_or(u32::MAX),
                hash,
            };
            let mut terms = Vec::with_capacity(occ.len());
            for (term, positions) in occ {
                *df_delta.entry(term.clone()).or_default() += 1;
                let tf = u32::try_from(positions.len()).unwrap_or(u32::MAX);
                changes
                    .entry(term.clone())
                    .or_default()
                    .insert(id.0, Some((tf, doc.len)));
                terms.push(term);
            }
            total_delta += i64::from(doc.len);
            self.fts_docs
                .insert(id.0, codec::encode(&doc)?.as_slice())
                .map_err(storage("writing a document record"))?;
            self.fts_doc_terms
                .insert(id.0, codec::encode(&terms)?.as_slice())
                .map_err(storage("writing document terms"))?;
        }
        for (term, per_doc) in &changes {
            let sorted: Vec<(u64, Option<(u32, u32)>)> =
                per_doc.iter().map(|(id, c)| (*id, *c)).collect();
            self.apply_postings(term, &sorted)?;
        }
        for (term, delta) in df_delta {
            if delta == 0 {
                continue;
            }
            let current = self
                .fts_terms
                .get(term.as_str())
                .map_err(storage("reading the term table"))?
                .map_or(0, |g| g.value());
            let next = current.saturating_add_signed(delta);
            if next == 0 {
                self.fts_terms
                    .remove(term.as_str())
                    .map_err(storage("writing the term table"))?;
            } else {
                self.fts_terms
                    .insert(term.as_str(), next)
                    .map_err(storage("writing the term table"))?;
            }
        }
        if total_delta != 0 {
            let current = self
                .fts_stats
                .get(STAT_TOTAL_LEN)
                .map_err(storage("reading index stats"))?
                .map_or(0, |g| g.value());
            self.fts_stats
                .insert(STAT_TOTAL_LEN, current.saturating_add_signed(total_delta))
                .map_err(storage("writing index stats"))?;
        }
        Ok(())
    }
}

/// Checks the index against the data; used by `Store::verify`.
pub(crate) fn check<R: FtsRead + super::read::GraphRead>(
    r: &R,
    push: &mut dyn FnMut(&'static str, String, String),
) -> Result<()> {
    let mut docs: HashMap<u64, FtsDoc> = HashMap::new();
    let mut doc_terms: HashMap<u64, Vec<String>> = HashMap::new();
    for entry in r
        .fts_doc_terms_table()?
        .iter()
        .map_err(storage("verifying fts_doc_terms"))?
    {
        let (k, v) = entry.map_err(storage("verifying fts_doc_terms"))?;
        match decode_terms(k.value(), v.value()) {
            Ok(t) => {
                doc_terms.insert(k.value(), t);
            }
            Err(e) => push("fts_doc_terms", k.value().to_string(), e.to_string()),
        }
    }
    let mut total: u64 = 0;
    for entry in r
        .fts_docs_table()?
        .iter()
        .map_err(storage("verifying fts_docs"))?
    {
        let (k, v) = entry.map_err(storage("verifying fts_docs"))?;
        let id = k.value();
        match decode_doc(id, v.value()) {
            Ok(doc) => {
                total += u64::from(doc.len);
                match r.node(NodeId(id)) {
                    Ok(Some(node)) => {
                        let text = node.data.search_text();
                        if text_hash(&text) != doc.hash {
                            push(
                                "fts_docs",
                                id.to_string(),
                                "indexed text differs from the node's text".into(),
                            );
                        }
                    }
                    Ok(None) => push(
                        "fts_docs",
                        id.to_string(),
                        "document of a missing node".into(),
                    ),
                    Err(e) => push("fts_docs", id.to_string(), e.to_string()),
                }
                docs.insert(id, doc);
            }
            Err(e) => push("fts_docs", id.to_string(), e.to_string()),
        }
    }
    for entry in r
        .nodes_table()?
        .iter()
        .map_err(storage("verifying nodes"))?
    {
        let (k, v) = entry.map_err(storage("verifying nodes"))?;
        let id = k.value();
        if let Ok(node) = super::read::decode_node(id, v.value())
            && !node.data.search_text().is_empty()
            && !docs.contains_key(&id)
        {
            push(
                "fts_docs",
                id.to_string(),
                "searchable node is not indexed".into(),
            );
        }
    }
    let mut df: BTreeMap<String, u64> = BTreeMap::new();
    let mut tf_sum: HashMap<u64, u64> = HashMap::new();
    // The last id of the previous block of the same term: blocks must not overlap.
    let mut previous: Option<(String, u64)> = None;
    for entry in r
        .fts_postings_table()?
        .iter()
        .map_err(storage("verifying postings"))?
    {
        let (k, v) = entry.map_err(storage("verifying postings"))?;
        let (term, first) = k.value();
        let block_key = format!("({term}, {first})");
        let entries = match decode_block(term, first, v.value()) {
            Ok(entries) => entries,
            Err(e) => {
                push("fts_blocks", block_key, e.to_string());
                continue;
            }
        };
        if let Some((prev_term, prev_last)) = &previous
            && prev_term == term
            && *prev_last >= first
        {
            push(
                "fts_blocks",
                block_key.clone(),
                "overlaps the previous block of its term".into(),
            );
        }
        previous = entries.last().map(|e| (term.to_owned(), e.id));
        for e in entries {
            let id = e.id;
            *tf_sum.entry(id).or_default() += u64::from(e.tf);
            if docs.get(&id).is_some_and(|d| d.len != e.doc_len) {
                push(
                    "fts_blocks",
                    format!("({term}, {id})"),
                    "document length differs from the document's".into(),
                );
            }
            match (docs.get(&id), doc_terms.get(&id)) {
                (Some(_), Some(terms))
                    if terms.binary_search_by(|t| t.as_str().cmp(term)).is_ok() => {}
                (Some(_), _) => push(
                    "fts_blocks",
                    format!("({term}, {id})"),
                    "term not listed by its document".into(),
                ),
                (None, _) => push(
                    "fts_blocks",
                    format!("({term}, {id})"),
                    "posting of an unindexed document".into(),
                ),
            }
            *df.entry(term.to_owned()).or_default() += 1;
        }
    }
    for id in doc_terms.keys() {
        if !docs.contains_key(id) {
            push(
                "fts_doc_terms",
                id.to_string(),
                "terms of an unindexed document".into(),
            );
        }
    }
    for (id, doc) in &docs {
        if tf_sum.get(id).copied().unwrap_or(0) != u64::from(doc.len) {
            push(
                "fts_docs",
                id.to_string(),
                "length differs from its postings".into(),
            );
        }
    }
    let mut stored_df: BTreeMap<String, u64> = BTreeMap::new();
    for entry in r
        .fts_terms_table()?
        .iter()
        .map_err(storage("verifying terms"))?
    {
        let (k, v) = entry.map_err(storage("verifying terms"))?;
        stored_df.insert(k.value().to_owned(), v.value());
    }
    if stored_df != df {
        let wrong = df
            .iter()
            .filter(|(t, n)| stored_df.get(*t) != Some(n))
            .map(|(t, _)| t.clone())
            .chain(stored_df.keys().filter(|t| !df.contains_key(*t)).cloned())
            .take(5)
            .collect::<Vec<_>>()
            .join(", ");
        push(
            "fts_terms",
            wrong,
            "document frequencies differ from postings".into(),
        );
    }
    let (_, stored_total) = r.fts_stats()?;
    if stored_total != total {
        push(
            "fts_stats",
            STAT_TOTAL_LEN.into(),
            format!("{stored_total} != {total}"),
        );
    }
    Ok(())
}
