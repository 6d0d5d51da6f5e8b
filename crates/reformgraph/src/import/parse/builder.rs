//! Accumulates nodes, edges and report entries while the document is read, keeping
//! document order and refusing duplicates so that organisation and area nodes appear once.

use std::collections::{BTreeMap, BTreeSet};

use crate::error::Result;
use crate::import::{Draft, DraftEdge, DraftNode, ImportReport, Unparsed};
use crate::model::{EdgeKind, NodeData, NodeKey, SourceSpan};

use super::text::truncate;

pub(super) struct Builder {
    pub plan_key: NodeKey,
    nodes: Vec<DraftNode>,
    index: BTreeMap<NodeKey, usize>,
    edges: Vec<DraftEdge>,
    edge_ids: BTreeSet<(NodeKey, u8, NodeKey, u32)>,
    unparsed: Vec<Unparsed>,
    warnings: Vec<Unparsed>,
}

impl Builder {
    pub fn new(plan_key: NodeKey) -> Self {
        Self {
            plan_key,
            nodes: Vec::new(),
            index: BTreeMap::new(),
            edges: Vec::new(),
            edge_ids: BTreeSet::new(),
            unparsed: Vec::new(),
            warnings: Vec::new(),
        }
    }

    /// `<plan>/<rest>`.
    pub fn key(&self, rest: &str) -> Result<NodeKey> {
        let full = format!("{}/{rest}", self.plan_key);
        Ok(NodeKey::new(full)?)
    }

    pub fn has(&self, key: &NodeKey) -> bool {
        self.index.contains_key(key)
    }

    /// Adds a node; false (and nothing changes) if the key is taken.
    pub fn add(&mut self, key: NodeKey, source: Option<SourceSpan>, data: NodeData) -> bool {
        if self.index.contains_key(&key) {
            return false;
        }
        self.index.insert(key.clone(), self.nodes.len());
        self.nodes.push(DraftNode { key, source, data });
        true
    }

    pub fn data_mut(&mut self, key: &NodeKey) -> Option<&mut NodeData> {
        let i = *self.index.get(key)?;
        self.nodes.get_mut(i).map(|n| &mut n.data)
    }

    /// Extends a node's span to `end` (a table row printed one cell per line).
    pub fn extend_span(&mut self, key: &NodeKey, end: u32) {
        if let Some(i) = self.index.get(key).copied()
            && let Some(span) = self.nodes.get_mut(i).and_then(|n| n.source.as_mut())
        {
            span.end = span.end.max(end);
        }
    }

    pub fn data(&self, key: &NodeKey) -> Option<&NodeData> {
        let i = *self.index.get(key)?;
        self.nodes.get(i).map(|n| &n.data)
    }

    /// Adds an edge unless one with the same identity exists.
    pub fn edge(&mut self, from: &NodeKey, kind: EdgeKind, to: &NodeKey) {
        let id = (
            from.clone(),
            kind.label().tag(),
            to.clone(),
            kind.qualifier(),
        );
        if self.edge_ids.insert(id) {
            self.edges.push(DraftEdge {
                from: from.clone(),
                kind,
                to: to.clone(),
            });
        }
    }

    pub fn unparsed(&mut self, line: u32, text: &str, reason: impl Into<String>) {
        self.unparsed.push(Unparsed {
            line,
            text: truncate(text),
            reason: reason.into(),
        });
    }

    pub fn warn(&mut self, line: u32, text: &str, reason: impl Into<String>) {
        self.warnings.push(Unparsed {
            line,
            text: truncate(text),
            reason: reason.into(),
        });
    }

    /// Freezes the draft and counts what it holds.
    pub fn finish(self) -> Draft {
        let mut counts: BTreeMap<String, usize> = BTreeMap::new();
        for n in &self.nodes {
            *counts.entry(n.data.kind().name().to_owned()).or_default() += 1;
            if let NodeData::Task(t) = &n.data {
                *counts.entry(format!("task:{}", t.role.name())).or_default() += 1;
            }
        }
        let mut edge_counts: BTreeMap<String, usize> = BTreeMap::new();
        for e in &self.edges {
            *edge_counts
                .entry(e.kind.label().name().to_owned())
                .or_default() += 1;
        }
        let mut unparsed = self.unparsed;
        unparsed.sort_by_key(|u| u.line);
        let mut warnings = self.warnings;
        warnings.sort_by_key(|u| u.line);
        Draft {
            report: ImportReport {
                plan_key: self.plan_key.to_string(),
                counts,
                edge_counts,
                unparsed,
                warnings,
                ..ImportReport::default()
            },
            plan_key: self.plan_key,
            nodes: self.nodes,
            edges: self.edges,
        }
    }
}
