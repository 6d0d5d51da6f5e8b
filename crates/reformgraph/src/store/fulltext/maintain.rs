//! Keeping the index in step with the data inside a write transaction: which documents
//! changed, their terms re-tokenised, posting blocks rewritten.

use super::*;

impl WriteTx<'_> {
    /// The names as a trie: the store's cached one when this transaction changed no name,
    /// else built afresh from the name index as this transaction leaves it.
    fn name_matcher(&mut self, names_changed: bool) -> Result<std::sync::Arc<NameMatcher>> {
        if names_changed {
            self.names_cache.clear();
            return Ok(std::sync::Arc::new(self.read_names()?));
        }
        let cache = self.names_cache.clone();
        cache.get_or_build(|| self.read_names())
    }

    fn read_names(&self) -> Result<NameMatcher> {
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
    pub(in crate::store) fn write_blocks(
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
    pub(in crate::store) fn fts_flush(&mut self) -> Result<()> {
        let names_changed = !self.changed_names.is_empty();
        if names_changed {
            // Cleared even if no document needs re-indexing: the cache must not outlive
            // the names it was built from.
            self.names_cache.clear();
            let names = std::mem::take(&mut self.changed_names);
            for name in &names {
                // A name changes the terms only of texts that contain it (normalised, as the
                // tokeniser matches it), and a name of one character is no term at all. The
                // index gives candidates (texts with all its bigrams); reading a candidate's
                // text is much cheaper than re-tokenising it, so only real matches are
                // re-tokenised — a new 省发展改革委#p7 does not re-index every text that
                // mentions 省发展改革委.
                let needle: String = normalize(name).into_iter().collect();
                if needle.chars().count() < 2 {
                    continue;
                }
                for id in self.docs_possibly_containing(name)? {
                    let text = self
                        .node(id)?
                        .map(|n| n.data.search_text())
                        .unwrap_or_default();
                    let text: String = normalize(&text).into_iter().collect();
                    if text.contains(&needle) {
                        self.fts_dirty.insert(id, true);
                    }
                }
            }
        }
        if self.fts_dirty.is_empty() {
            return Ok(());
        }
        let dirty = std::mem::take(&mut self.fts_dirty);
        let matcher = self.name_matcher(names_changed)?;
        // Per term, per document: the new posting, or `None` to remove it. An update
        // removes every old term first; re-adding a term overwrites its removal.
        let mut changes: BTreeMap<String, BTreeMap<u64, Option<(u32, u32)>>> = BTreeMap::new();
        let mut df_delta: BTreeMap<String, i64> = BTreeMap::new();
        let mut total_delta: i64 = 0;
        for (id, force) in dirty {
            // Indexing is most of an import's time: a cancelled call stops here.
            crate::cancel::checkpoint()?;
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
