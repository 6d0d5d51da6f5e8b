//! Questions people ask of a plan graph, answered on any [`GraphRead`] (a snapshot or a
//! write transaction). Results are owned, serialisable values.
//!
//! ```
//! use reformgraph::{query, Store};
//! let store = Store::in_memory()?;
//! let snap = store.read()?;
//! assert!(query::tasks(&snap, &query::TaskFilter::default())?.is_empty());
//! # Ok::<(), reformgraph::Error>(())
//! ```

mod graph;
mod names;
mod nodes;
mod resolve;
mod summary;
mod targets;
mod tasks;
pub mod vocabulary;
mod workload;

use std::collections::{BTreeMap, BTreeSet, HashMap};

use serde::Serialize;

pub use graph::{Hop, PathOptions, neighborhood, path_between, shortest_path};
pub use nodes::{KeyedEdge, edges_at, nodes_of_kind, whole_graph};
pub use resolve::{RESOLVED_KINDS, resolve, resolve_any};
pub use summary::{LeadRef, LeadRole, LedTask, SectionRef, TaskSummary, leads_of, task_summary};
use summary::{Memo, document_order, summarize_with};
pub use targets::{TargetSummary, all_targets, targets_of, tasks_behind};
pub(crate) use tasks::in_section;
pub use tasks::{TaskFilter, tasks, tasks_led_by, tasks_mentioning};
pub use vocabulary::edge_labels;
pub use workload::{CoLead, LeadCount, Workload, co_leadership, lead_counts, workload};

use crate::error::{Error, Result};
use crate::model::{
    Area, Direction, EdgeKind, EdgeLabel, Id, Node, NodeData, NodeId, NodeKind, Organization,
    OrganizationKind, Record, Section, SectionLevel, Target, TaskRole,
};
use crate::store::GraphRead;

/// The areas directly inside an area (by `InArea`): a city's counties, a province's cities.
///
/// # Errors
/// [`Error::KeyNotFound`] if no area has that name.
///
/// ```
/// use reformgraph::{query, Store, import::bundled};
/// let store = Store::in_memory()?;
/// bundled::import_shanxi_2013(&store)?;
/// let inside = query::areas_within(&store.read()?, "吕梁市")?;
/// assert!(inside.iter().any(|a| a.key.as_str() == "area/孝义市"));
/// # Ok::<(), reformgraph::Error>(())
/// ```
pub fn areas_within<R: GraphRead + ?Sized>(r: &R, name: &str) -> Result<Vec<Record<Area>>> {
    let area = resolve(r, NodeKind::Area, name)?;
    let mut out = Vec::new();
    for (_, n) in r.neighbors(area.id, Some(EdgeLabel::InArea), Direction::Incoming)? {
        if let NodeData::Area(value) = n.data {
            out.push(Record {
                id: Id::from_raw(n.id.0),
                key: n.key,
                source: n.source,
                value,
            });
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Store;
    use crate::import::bundled;

    /// Walking down from the matching sections finds exactly the tasks that filtering every
    /// task would, for every way of naming a section: key, title, and each number form.
    #[test]
    fn a_category_filter_finds_the_same_tasks_as_filtering_all_of_them() {
        let store = Store::in_memory().unwrap_or_else(|e| unreachable!("{e}"));
        bundled::import_shanxi_2013(&store).unwrap_or_else(|e| unreachable!("{e}"));
        let snap = store.read().unwrap_or_else(|e| unreachable!("{e}"));
        let all = tasks(&snap, &TaskFilter::default()).unwrap_or_default();
        let mut names: Vec<String> = vec!["没有这一节".into(), "（十九）".into(), "".into()];
        for t in &all {
            for s in t.category.iter().chain(t.part.iter()) {
                names.push(s.key.clone());
                names.push(s.title.clone());
                names.push(s.number.clone());
                names.push(format!("（{}）", s.number));
                names.push(format!("{}、", s.number));
            }
        }
        names.sort();
        names.dedup();
        let mut matched = 0;
        for wanted in &names {
            let filter = TaskFilter {
                category: Some(wanted.clone()),
                ..TaskFilter::default()
            };
            let got: Vec<String> = tasks(&snap, &filter)
                .unwrap_or_default()
                .into_iter()
                .map(|t| t.key)
                .collect();
            let want: Vec<String> = all
                .iter()
                .filter(|t| in_section(t, wanted))
                .map(|t| t.key.clone())
                .collect();
            assert_eq!(got, want, "category {wanted:?}");
            matched += usize::from(!want.is_empty());
        }
        assert!(matched > 40, "only {matched} names matched anything");
    }
}
