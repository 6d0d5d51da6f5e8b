//! Quantitative targets with their indicators, and the tasks behind a target.

use super::*;

/// A target with its indicator.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TargetSummary {
    /// Natural key.
    pub key: String,
    /// Indicator name, if linked.
    pub indicator: Option<String>,
    /// The target.
    pub target: Target,
}

fn target_summary<R: GraphRead + ?Sized>(r: &R, node: Node) -> Result<Option<TargetSummary>> {
    let NodeData::Target(target) = node.data else {
        return Ok(None);
    };
    let indicator = r
        .neighbors(node.id, Some(EdgeLabel::MeasuredBy), Direction::Outgoing)?
        .into_iter()
        .next()
        .map(|(_, n)| n.data.label().to_owned());
    Ok(Some(TargetSummary {
        key: node.key.to_string(),
        indicator,
        target,
    }))
}

/// Targets of a task or plan (by key).
///
/// # Errors
/// [`Error::KeyNotFound`] if there is no such node.
///
/// ```
/// use reformgraph::{query, Store};
/// let store = Store::in_memory()?;
/// assert!(query::targets_of(&store.read()?, "shanxi-2013").is_err());
/// # Ok::<(), reformgraph::Error>(())
/// ```
pub fn targets_of<R: GraphRead + ?Sized>(r: &R, key: &str) -> Result<Vec<TargetSummary>> {
    let node = r.require(key)?;
    let mut out = Vec::new();
    for (_, n) in r.neighbors(node.id, Some(EdgeLabel::HasTarget), Direction::Outgoing)? {
        if let Some(t) = target_summary(r, n)? {
            out.push(t);
        }
    }
    Ok(out)
}

/// Every target of a plan and its tasks, in key order.
///
/// # Errors
/// Storage or decoding errors.
///
/// ```
/// use reformgraph::{query, Store};
/// assert!(query::all_targets(&Store::in_memory()?.read()?)?.is_empty());
/// # Ok::<(), reformgraph::Error>(())
/// ```
pub fn all_targets<R: GraphRead + ?Sized>(r: &R) -> Result<Vec<TargetSummary>> {
    let mut out = Vec::new();
    for id in r.ids_of_kind(NodeKind::Target)? {
        if let Some(n) = r.node(id)?
            && let Some(t) = target_summary(r, n)?
        {
            out.push(t);
        }
    }
    Ok(out)
}

/// Tasks that carry a target (by target key), in document order.
///
/// # Errors
/// [`Error::KeyNotFound`] if there is no such target.
///
/// ```
/// use reformgraph::{query, Store};
/// let store = Store::in_memory()?;
/// assert!(query::tasks_behind(&store.read()?, "shanxi-2013/target/城镇化率").is_err());
/// # Ok::<(), reformgraph::Error>(())
/// ```
pub fn tasks_behind<R: GraphRead + ?Sized>(r: &R, target: &str) -> Result<Vec<TaskSummary>> {
    let mut memo = Memo::default();
    let node = r.require(target)?;
    let mut out = Vec::new();
    for (_, n) in r.neighbors(node.id, Some(EdgeLabel::HasTarget), Direction::Incoming)? {
        if n.kind() == NodeKind::Task {
            out.push(summarize_with(r, n, &mut memo)?);
        }
    }
    document_order(&mut out);
    Ok(out)
}
