//! The draft: what the parser makes of a document, before anything touches a store.
//!
//! A draft is plain data (serde-serialisable) so it can be inspected, diffed and tested
//! without a database; [`load`](super::load) writes it in one transaction.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::model::{EdgeKind, NodeData, NodeKey, SourceSpan};

/// Caller-supplied plan metadata. The text of a plan often lacks a title line; what is given
/// here wins over what the importer finds in the text.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct PlanMeta {
    /// Key prefix for every node of the plan, e.g. `shanxi-2013`. Derived from the title and
    /// period when absent.
    pub key: Option<String>,
    /// Full title.
    pub title: Option<String>,
    /// Issuing body.
    pub issuer: Option<String>,
    /// Document number (国发〔2019〕3号).
    pub document_number: Option<String>,
    /// Date of issue, `YYYY-MM-DD`.
    pub issued_on: Option<String>,
    /// First year covered.
    pub period_start: Option<u16>,
    /// Last year covered.
    pub period_end: Option<u16>,
    /// The plan this one implements.
    pub implements: Option<String>,
    /// The province (or other area) the plan is for: 山西省.
    pub area: Option<String>,
}

/// A node to be written.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DraftNode {
    /// Natural key.
    pub key: NodeKey,
    /// Where the node was found.
    pub source: Option<SourceSpan>,
    /// The data.
    pub data: NodeData,
}

/// An edge to be written, between two natural keys.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DraftEdge {
    /// Start node key.
    pub from: NodeKey,
    /// Kind and payload.
    pub kind: EdgeKind,
    /// End node key.
    pub to: NodeKey,
}

/// A paragraph (or part of one) that did not become data.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Unparsed {
    /// 1-based line number.
    pub line: u32,
    /// The text, verbatim (truncated to 200 characters).
    pub text: String,
    /// Why it did not become data.
    pub reason: String,
}

/// What an import found: counts per kind and everything it could not use.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ImportReport {
    /// The plan's key.
    pub plan_key: String,
    /// Nodes per kind name (`task`, `organization` …) and tasks per role (`task:reform` …).
    pub counts: BTreeMap<String, usize>,
    /// Number of edges per label name.
    pub edge_counts: BTreeMap<String, usize>,
    /// Paragraphs that did not become data, in document order.
    pub unparsed: Vec<Unparsed>,
    /// Things the importer did but a reader should check (an unknown organisation name
    /// registered on the fly, a guessed deadline …).
    pub warnings: Vec<Unparsed>,
    /// Nodes created by the load (0 when re-importing an identical document).
    pub created: usize,
    /// Nodes whose data changed on load.
    pub updated: usize,
    /// Nodes and edges of this plan that the new version no longer has and were removed.
    pub removed: usize,
    /// Every non-blank line of the document by what it became: `task` (a task, or a clause
    /// line of one), `section`, `preamble`, `metadata`, `table_header`, `unparsed`.
    #[serde(default)]
    pub lines: BTreeMap<String, usize>,
    /// Tasks for which no responsible unit was found, by key.
    #[serde(default)]
    pub tasks_without_units: Vec<String>,
    /// Organisations created from their names (the registry does not know them), with the
    /// kind and level inferred.
    #[serde(default)]
    pub organizations_created: Vec<CreatedOrganization>,
    /// Clauses read with low confidence (an unlabelled list of units taken as leads).
    #[serde(default)]
    pub low_confidence: Vec<Unparsed>,
    /// Tasks with tracked history that the re-import removed (only with
    /// `ImportOptions::allow_removals`; their history stays readable by key).
    #[serde(default)]
    pub removed_with_history: Vec<String>,
    /// Tasks this version gives other lead or co-operating organisations: each got a
    /// `leads_assigned` event in its history.
    #[serde(default)]
    pub leads_reassigned: Vec<String>,
}

/// An organisation the importer created from its name.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CreatedOrganization {
    /// Its key (`org/…`).
    pub key: String,
    /// Its name.
    pub name: String,
    /// The kind inferred from the name (`department`, `group` …).
    pub kind: String,
    /// The level inferred (`national`, `provincial` …).
    pub level: String,
}

/// The parsed document.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Draft {
    /// The plan node's key; every plan-owned node key starts with it.
    pub plan_key: NodeKey,
    /// Nodes, the plan node first, in document order. Organisation and area nodes are shared
    /// between plans (keys `org/…`, `area/…`).
    pub nodes: Vec<DraftNode>,
    /// Edges.
    pub edges: Vec<DraftEdge>,
    /// The report so far (counts are filled by the parser; load fills `created`/`updated`).
    pub report: ImportReport,
}
