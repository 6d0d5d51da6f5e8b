//! `verify`'s check of the index against the data.

use super::*;

/// Checks the index against the data; used by `Store::verify`.
pub(crate) fn check<R: FtsRead + super::super::read::GraphRead>(
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
        if let Ok(node) = super::super::read::decode_node(id, v.value())
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
