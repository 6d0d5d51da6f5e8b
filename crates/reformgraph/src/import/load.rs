//! Writing a [`Draft`] into a store: upsert by natural key, so importing the same document
//! twice changes nothing, and a corrected version updates nodes in place and removes what it
//! no longer has.

use std::collections::{BTreeSet, HashSet};

use super::draft::{Draft, ImportReport};
use crate::error::{Error, Result};
use crate::model::{Direction, Edge, EdgeLabel, NodeData, NodeId, NodeKind};
use crate::store::{GraphRead, Upsert, WriteTx};

/// Node kinds an import owns: nodes of these kinds under the plan's key prefix that the new
/// draft lacks are removed on re-import. Projects are registered by tracking events, not by
/// the document, so they are never removed here.
const IMPORT_KINDS: [NodeKind; 6] = [
    NodeKind::Plan,
    NodeKind::Section,
    NodeKind::Task,
    NodeKind::Target,
    NodeKind::Portfolio,
    NodeKind::SelectionRule,
];

/// Edge labels an import writes. Others (selections, portfolio membership) come from
/// tracking and survive re-imports.
const IMPORT_LABELS: [EdgeLabel; 10] = [
    EdgeLabel::Contains,
    EdgeLabel::Leads,
    EdgeLabel::Cooperates,
    EdgeLabel::Mentions,
    EdgeLabel::HasTarget,
    EdgeLabel::MeasuredBy,
    EdgeLabel::InArea,
    EdgeLabel::SameAs,
    EdgeLabel::DesignatedPilot,
    EdgeLabel::AppliesTo,
];

/// Nodes that tracking events create under a plan's key: a re-import leaves them alone.
fn is_tracked(data: &NodeData) -> bool {
    matches!(data, NodeData::Task(t) if t.role == crate::model::TaskRole::AnnualAction)
}

fn owned_by(plan_key: &str, key: &str) -> bool {
    key == plan_key
        || key
            .strip_prefix(plan_key)
            .is_some_and(|rest| rest.starts_with('/'))
}

/// Merges names: shared organisations and areas keep aliases other plans gave them.
fn merge_shared(existing: Option<NodeData>, new: NodeData) -> NodeData {
    fn union(old: Vec<String>, new: Vec<String>) -> Vec<String> {
        let mut out = new;
        for a in old {
            if !out.contains(&a) {
                out.push(a);
            }
        }
        out
    }
    match (existing, new) {
        (Some(NodeData::Organization(old)), NodeData::Organization(mut o)) => {
            o.aliases = union(old.aliases, o.aliases);
            NodeData::Organization(o)
        }
        (Some(NodeData::Area(old)), NodeData::Area(mut a)) => {
            a.aliases = union(old.aliases, a.aliases);
            NodeData::Area(a)
        }
        (_, new) => new,
    }
}

/// Writes `draft` inside an open write transaction and returns the report with `created`,
/// `updated` and `removed` filled in.
///
/// # Errors
/// [`Error::Import`] if an edge names a key that is neither in the draft nor in the store;
/// [`Error::WrongKind`] if a key exists with another kind; storage errors.
pub fn load(tx: &mut WriteTx<'_>, draft: &Draft) -> Result<ImportReport> {
    load_with(tx, draft, false)
}

/// [`load`], letting the re-import remove tasks that have tracked history when
/// `allow_removals` is set (their events stay, so `history KEY` still reads them).
///
/// # Errors
/// As [`load`]; [`Error::Import`] naming the tracked tasks the draft lacks when
/// `allow_removals` is not set.
pub fn load_with(
    tx: &mut WriteTx<'_>,
    draft: &Draft,
    allow_removals: bool,
) -> Result<ImportReport> {
    load_as(tx, draft, allow_removals, None)
}

/// [`load_with`], by the plan's administrator: a version of the plan that names other lead
/// or co-operating organisations for a task records a `leads_assigned` event for it,
/// signed by `admin` (see [`crate::track::record_reassignments`]). Without `admin` the
/// events are recorded unsigned, which a store without an administrator key accepts.
///
/// # Errors
/// As [`load_with`]; [`Error::AccessDenied`] when leads change in a store with an
/// administrator key and `admin` is not given or is not that key (nothing is written).
pub fn load_as(
    tx: &mut WriteTx<'_>,
    draft: &Draft,
    allow_removals: bool,
    admin: Option<&crate::track::SecretKey>,
) -> Result<ImportReport> {
    let mut report = draft.report.clone();
    let plan_key = draft.plan_key.as_str();
    if !draft.nodes.iter().any(|n| n.key.as_str() == plan_key) {
        return Err(Error::Import {
            line: None,
            reason: format!("the draft has no plan node with key {plan_key:?}"),
        });
    }

    // Tasks an earlier re-import retired stay retired unless this version has them again.
    let draft_keys: HashSet<&str> = draft.nodes.iter().map(|n| n.key.as_str()).collect();
    let earlier_retired: Vec<String> = match tx.node_by_key(plan_key)?.map(|n| n.data) {
        Some(NodeData::Plan(p)) => p
            .retired
            .into_iter()
            .filter(|k| !draft_keys.contains(k.as_str()))
            .collect(),
        _ => Vec::new(),
    };
    let responsible_before = super::leads::before(tx, draft)?;
    let mut draft_ids: HashSet<NodeId> = HashSet::new();
    for node in &draft.nodes {
        crate::cancel::checkpoint()?;
        let shared = !owned_by(plan_key, node.key.as_str());
        let data = if shared {
            let existing = tx.node_by_key(node.key.as_str())?.map(|n| n.data);
            merge_shared(existing, node.data.clone())
        } else {
            let mut data = node.data.clone();
            if let NodeData::Plan(p) = &mut data {
                p.retired = earlier_retired.clone();
            }
            data
        };
        // Shared nodes keep the source span of the plan that first introduced them.
        let source = if shared {
            match tx.node_by_key(node.key.as_str())? {
                Some(existing) => existing.source,
                None => node.source,
            }
        } else {
            node.source
        };
        let outcome = tx.upsert(node.key.clone(), data, source)?;
        match outcome {
            Upsert::Created(_) => report.created += 1,
            Upsert::Updated(_) => report.updated += 1,
            Upsert::Unchanged(_) => {}
        }
        draft_ids.insert(outcome.id());
    }

    let mut draft_edges: HashSet<(NodeId, u8, NodeId, u32)> = HashSet::new();
    for e in &draft.edges {
        let resolve = |tx: &WriteTx<'_>, key: &str| -> Result<NodeId> {
            tx.id_of(key)?.ok_or_else(|| Error::Import {
                line: None,
                reason: format!(
                    "an edge names {key:?}, which is neither in the document nor in the database"
                ),
            })
        };
        let from = resolve(tx, e.from.as_str())?;
        let to = resolve(tx, e.to.as_str())?;
        tx.add_edge(Edge::new(from, e.kind, to))?;
        draft_edges.insert((from, e.kind.label().tag(), to, e.kind.qualifier()));
    }

    // Remove what an earlier version of this plan had and this one does not.
    // Only the nodes under the plan's key are looked at (the key index gives them), not
    // every node of the import's kinds in the store: re-importing one plan of a store of
    // hundreds costs what that plan costs.
    let mut stale_nodes = BTreeSet::new();
    let mut owned = Vec::new();
    for id in tx.ids_under(plan_key)? {
        let Some(node) = tx.node(id)? else { continue };
        // Annual sub-tasks come from tracking events, not from the document; projects
        // from registrations.
        if !IMPORT_KINDS.contains(&node.kind()) || is_tracked(&node.data) {
            continue;
        }
        if draft_ids.contains(&id) {
            owned.push(id);
        } else {
            stale_nodes.insert(id);
        }
    }
    let mut tracked_stale = Vec::new();
    for id in &stale_nodes {
        if let Some(node) = tx.node(*id)?
            && !tx.events_of(node.key.as_str())?.is_empty()
        {
            tracked_stale.push(node.key.to_string());
        }
    }
    if !tracked_stale.is_empty() && !allow_removals {
        let first: Vec<&str> = tracked_stale.iter().take(5).map(String::as_str).collect();
        return Err(Error::Import {
            line: None,
            reason: format!(
                "the new version of the plan no longer has {} node(s) with tracked history — {}; nothing was written. Restore them in the text, or re-import with --allow-removals (ImportOptions::allow_removals) to remove them: their history stays readable with `history KEY`",
                tracked_stale.len(),
                first.join(", ")
            ),
        });
    }
    if !tracked_stale.is_empty()
        && let Some(plan) = tx.node_by_key(plan_key)?
        && let NodeData::Plan(mut p) = plan.data
    {
        for k in &tracked_stale {
            if !p.retired.contains(k) {
                p.retired.push(k.clone());
            }
        }
        tx.upsert(plan.key, p, plan.source)?;
    }
    report.removed_with_history = tracked_stale;
    for id in stale_nodes {
        if tx.remove_node(id)? {
            report.removed += 1;
        }
    }
    for id in owned {
        for dir in [Direction::Outgoing, Direction::Incoming] {
            for edge in tx.edges(id, None, dir)? {
                let identity = (
                    edge.from,
                    edge.kind.label().tag(),
                    edge.to,
                    edge.kind.qualifier(),
                );
                if !IMPORT_LABELS.contains(&edge.kind.label()) || draft_edges.contains(&identity) {
                    continue;
                }
                // Links to what tracking added (annual sub-tasks) are not the document's.
                let other = if edge.from == id { edge.to } else { edge.from };
                if tx.node(other)?.is_some_and(|n| is_tracked(&n.data)) {
                    continue;
                }
                if tx.remove_edge(&edge)? {
                    report.removed += 1;
                }
            }
        }
    }
    let reassigned = super::leads::reassignments(tx, responsible_before)?;
    report.leads_reassigned = crate::track::record_reassignments(tx, &reassigned, admin)?;
    // A moved plan deadline changes where a tracked task's history starts: the history
    // engine replays those tasks in this same transaction.
    crate::track::replay_moved_deadlines(tx)?;
    Ok(report)
}
