//! Who leads what together and how much: co-leadership, the organisation × category
//! workload, lead counts.

use super::*;

/// Two organisations that lead tasks together, and how many.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CoLead {
    /// One organisation's key (the smaller).
    pub a: String,
    /// The other organisation's key.
    pub b: String,
    /// Tasks they both lead.
    pub tasks: Vec<String>,
}

/// The co-leadership graph: every pair of organisations that lead at least one task
/// together, with the tasks, ordered by pair.
///
/// # Errors
/// Storage or decoding errors.
///
/// ```
/// use reformgraph::{query, Store};
/// assert!(query::co_leadership(&Store::in_memory()?.read()?)?.is_empty());
/// # Ok::<(), reformgraph::Error>(())
/// ```
pub fn co_leadership<R: GraphRead + ?Sized>(r: &R) -> Result<Vec<CoLead>> {
    let mut memo = Memo::default();
    let mut pairs: BTreeMap<(String, String), Vec<String>> = BTreeMap::new();
    for id in r.ids_of_kind(NodeKind::Task)? {
        let leads = memo.leads(r, id)?;
        if leads.len() < 2 {
            continue;
        }
        let Some(task) = r.node(id)? else { continue };
        for (i, a) in leads.iter().enumerate() {
            for b in leads.iter().skip(i + 1) {
                let (x, y) = if a.key <= b.key {
                    (a.key.clone(), b.key.clone())
                } else {
                    (b.key.clone(), a.key.clone())
                };
                pairs.entry((x, y)).or_default().push(task.key.to_string());
            }
        }
    }
    Ok(pairs
        .into_iter()
        .map(|((a, b), tasks)| CoLead { a, b, tasks })
        .collect())
}

/// Organisations × categories: how many tasks each organisation leads in each category.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Workload {
    /// Row labels: organisation names, most tasks first.
    pub organizations: Vec<String>,
    /// Column labels: category titles, in document order.
    pub categories: Vec<String>,
    /// `counts[row][column]`.
    pub counts: Vec<Vec<u32>>,
    /// Row totals.
    pub totals: Vec<u32>,
}

/// The department × category workload matrix over every task that has a category (or, for
/// tasks directly under a part, the part). Groups such as 各相关部门 are included as rows;
/// each lead of a task counts once.
///
/// # Errors
/// Storage or decoding errors.
///
/// ```
/// use reformgraph::{query, Store};
/// let w = query::workload(&Store::in_memory()?.read()?)?;
/// assert!(w.organizations.is_empty());
/// # Ok::<(), reformgraph::Error>(())
/// ```
pub fn workload<R: GraphRead + ?Sized>(r: &R) -> Result<Workload> {
    let mut memo = Memo::default();
    let mut tasks: Vec<TaskSummary> = Vec::new();
    for id in r.ids_of_kind(NodeKind::Task)? {
        if let Some(node) = r.node(id)? {
            tasks.push(summarize_with(r, node, &mut memo)?);
        }
    }
    document_order(&mut tasks);
    // Columns by title (the same category in several plans is one column), rows by name,
    // both indexed so the matrix fills in one pass.
    let mut columns: Vec<String> = Vec::new();
    let mut column_of: HashMap<String, usize> = HashMap::new();
    let mut row_of: HashMap<String, usize> = HashMap::new();
    let mut rows: Vec<(String, u32, HashMap<usize, u32>)> = Vec::new();
    for t in &tasks {
        let Some(section) = t.category.as_ref().or(t.part.as_ref()) else {
            continue;
        };
        let col = *column_of.entry(section.title.clone()).or_insert_with(|| {
            columns.push(section.title.clone());
            columns.len() - 1
        });
        for lead in &t.leads {
            let row = *row_of.entry(lead.name.clone()).or_insert_with(|| {
                rows.push((lead.name.clone(), 0, HashMap::new()));
                rows.len() - 1
            });
            if let Some((_, total, cells)) = rows.get_mut(row) {
                *total += 1;
                *cells.entry(col).or_default() += 1;
            }
        }
    }
    rows.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    let counts = rows
        .iter()
        .map(|(_, _, cells)| {
            (0..columns.len())
                .map(|c| cells.get(&c).copied().unwrap_or(0))
                .collect()
        })
        .collect();
    Ok(Workload {
        totals: rows.iter().map(|(_, n, _)| *n).collect(),
        organizations: rows.into_iter().map(|(o, _, _)| o).collect(),
        categories: columns,
        counts,
    })
}

/// An organisation and how many tasks it leads.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct LeadCount {
    /// The organisation (its rank is 0: no single task's clause is meant).
    pub lead: LeadRef,
    /// Tasks it leads, as sole, first or co-lead.
    pub tasks: u32,
}

/// Organisations by kind, with how many tasks each leads, most first.
///
/// # Errors
/// Storage or decoding errors.
///
/// ```
/// use reformgraph::{query, Store};
/// assert!(query::lead_counts(&Store::in_memory()?.read()?)?.is_empty());
/// # Ok::<(), reformgraph::Error>(())
/// ```
pub fn lead_counts<R: GraphRead + ?Sized>(r: &R) -> Result<Vec<LeadCount>> {
    let mut out = Vec::new();
    for rec in r.all::<Organization>()? {
        // Tasks of the plan only: not the projects it is responsible for, nor annual
        // sub-tasks (they count with their parent), so this is the workload's number.
        let n = r
            .neighbors(rec.id.node(), Some(EdgeLabel::Leads), Direction::Outgoing)?
            .into_iter()
            .filter(|(_, n)| {
                matches!(&n.data, NodeData::Task(t) if t.role != crate::model::TaskRole::AnnualAction)
            })
            .count();
        if n == 0 {
            continue;
        }
        out.push(LeadCount {
            lead: LeadRef {
                key: rec.key.to_string(),
                name: rec.value.name.clone(),
                kind: rec.value.kind,
                rank: 0,
            },
            tasks: u32::try_from(n).unwrap_or(u32::MAX),
        });
    }
    out.sort_by(|a, b| {
        b.tasks
            .cmp(&a.tasks)
            .then_with(|| a.lead.key.cmp(&b.lead.key))
    });
    Ok(out)
}
