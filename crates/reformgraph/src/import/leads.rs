//! Which tasks a new version of a plan gives other responsible organisations: the lead
//! (牵头) and co-operating (配合) edges of each task already in the store, against the
//! draft's. The history engine records each difference as a `leads_assigned` event
//! ([`crate::track::record_reassignments`]).

use super::draft::Draft;
use crate::error::Result;
use crate::model::{Direction, EdgeLabel, NodeData};
use crate::store::{GraphRead, WriteTx};
use crate::track::Reassignment;

/// (leads in rank order, co-operating sorted).
pub(super) type Responsible = (Vec<String>, Vec<String>);

fn in_store(tx: &WriteTx<'_>, task: crate::model::NodeId) -> Result<Responsible> {
    let mut leads = Vec::new();
    for e in tx.edges(task, Some(EdgeLabel::Leads), Direction::Incoming)? {
        if let Some(org) = tx.node(e.from)? {
            leads.push((e.kind.attribute(), org.key.to_string()));
        }
    }
    leads.sort();
    let mut cooperating = Vec::new();
    for e in tx.edges(task, Some(EdgeLabel::Cooperates), Direction::Incoming)? {
        if let Some(org) = tx.node(e.from)? {
            cooperating.push(org.key.to_string());
        }
    }
    cooperating.sort();
    cooperating.dedup();
    Ok((leads.into_iter().map(|(_, k)| k).collect(), cooperating))
}

/// The responsible organisations of each task of `draft` already in the store, read
/// before the draft is written.
pub(super) fn before(tx: &WriteTx<'_>, draft: &Draft) -> Result<Vec<(String, Responsible)>> {
    let mut out = Vec::new();
    for node in &draft.nodes {
        if !matches!(node.data, NodeData::Task(_)) {
            continue;
        }
        // A new task is the plan's own baseline.
        if let Some(id) = tx.id_of(node.key.as_str())? {
            out.push((node.key.to_string(), in_store(tx, id)?));
        }
    }
    Ok(out)
}

/// The tasks whose responsible organisations differ, now that the draft is written, from
/// what [`before`] read. Comparing what the store holds (not the draft's edges) keeps a
/// re-import of the same text from ever counting as a change.
pub(super) fn reassignments(
    tx: &WriteTx<'_>,
    before: Vec<(String, Responsible)>,
) -> Result<Vec<Reassignment>> {
    let mut out = Vec::new();
    for (task, (previous_leads, previous_cooperating)) in before {
        let Some(id) = tx.id_of(&task)? else {
            continue; // removed by this version
        };
        let (leads, cooperating) = in_store(tx, id)?;
        if leads != previous_leads || cooperating != previous_cooperating {
            out.push(Reassignment {
                task,
                previous_leads,
                previous_cooperating,
                leads,
                cooperating,
            });
        }
    }
    Ok(out)
}
