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
mod resolve;

use std::collections::{BTreeMap, BTreeSet, HashMap};

use serde::Serialize;

pub use graph::{Hop, PathOptions, edge_labels, neighborhood, path_between, shortest_path};
pub use resolve::{RESOLVED_KINDS, resolve, resolve_any};

use crate::error::{Error, Result};
use crate::model::{
    Area, Direction, EdgeKind, EdgeLabel, Id, Node, NodeData, NodeId, NodeKind, Organization,
    OrganizationKind, Record, Section, SectionLevel, Target, TaskRole,
};
use crate::store::GraphRead;

/// A section a task sits in.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SectionRef {
    /// Natural key.
    pub key: String,
    /// Number as printed.
    pub number: String,
    /// Title.
    pub title: String,
}

/// How an organisation leads a task.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum LeadRole {
    /// The only lead.
    Sole,
    /// The first of several leads.
    First,
    /// A lead listed after the first.
    Co,
}

/// A lead organisation of a task.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct LeadRef {
    /// Natural key (`org/省环保厅`).
    pub key: String,
    /// The name as the plan prints it.
    pub name: String,
    /// Kind of organisation (its name in JSON: `provincial_department` …).
    #[serde(serialize_with = "names::organization_kind")]
    pub kind: OrganizationKind,
    /// 1-based position in the responsibility clause.
    pub rank: u16,
}

/// A task with what people want to see next to it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TaskSummary {
    /// Natural key.
    pub key: String,
    /// Role (its name in JSON: `reform`, `matter` …).
    #[serde(serialize_with = "names::task_role")]
    pub role: TaskRole,
    /// Number as printed.
    pub number: String,
    /// Title.
    pub title: String,
    /// The part (一、…) the task is in.
    pub part: Option<SectionRef>,
    /// The category ((一)…) the task is in, if any.
    pub category: Option<SectionRef>,
    /// Lead organisations in lead order.
    pub leads: Vec<LeadRef>,
    /// Deadline (`YYYY-MM-DD` in JSON).
    pub deadline: Option<crate::model::Date>,
    #[serde(skip)]
    /// The node id (file-local).
    pub id: NodeId,
}

/// A task as led by one organisation.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct LedTask {
    /// The task.
    #[serde(flatten)]
    pub task: TaskSummary,
    /// How the organisation leads it.
    pub lead_role: LeadRole,
}

/// Which tasks [`tasks`] returns. Every field narrows; `None` means any.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TaskFilter {
    /// Led by this organisation (key `org/…`, name or alias).
    pub lead: Option<String>,
    /// In this category or part: a section key, a title such as 生态修复, a category number
    /// such as （二）, or a part number such as 三、.
    pub category: Option<String>,
    /// With this role.
    pub role: Option<TaskRole>,
    /// Mentioning this area or enterprise (key, name or alias).
    pub mentions: Option<String>,
    /// Belonging to the plan with this key.
    pub plan: Option<String>,
}

fn section_ref(node: &Node) -> Option<(SectionRef, SectionLevel)> {
    match &node.data {
        NodeData::Section(Section {
            number,
            title,
            level,
            ..
        }) => Some((
            SectionRef {
                key: node.key.to_string(),
                number: number.clone(),
                title: title.clone(),
            },
            *level,
        )),
        _ => None,
    }
}

/// The lead organisations of a task, in lead order.
///
/// # Errors
/// Storage or decoding errors.
///
/// ```
/// use reformgraph::{query, NodeId, Store};
/// let store = Store::in_memory()?;
/// assert!(query::leads_of(&store.read()?, NodeId(1))?.is_empty());
/// # Ok::<(), reformgraph::Error>(())
/// ```
pub fn leads_of<R: GraphRead + ?Sized>(r: &R, task: NodeId) -> Result<Vec<LeadRef>> {
    Memo::default().leads(r, task)
}

/// A task with its part, category and leads.
///
/// # Errors
/// [`Error::NodeNotFound`] if there is no such node, [`Error::WrongKind`] if it is not a
/// task; storage or decoding errors.
///
/// ```
/// use reformgraph::{query, NodeId, Store};
/// let store = Store::in_memory()?;
/// assert!(query::task_summary(&store.read()?, NodeId(1)).is_err());
/// # Ok::<(), reformgraph::Error>(())
/// ```
pub fn task_summary<R: GraphRead + ?Sized>(r: &R, id: NodeId) -> Result<TaskSummary> {
    let node = r.node(id)?.ok_or(Error::NodeNotFound { id })?;
    summarize(r, node)
}

fn summarize<R: GraphRead + ?Sized>(r: &R, node: Node) -> Result<TaskSummary> {
    summarize_with(r, node, &mut Memo::default())
}

/// What a query over many tasks looks up again and again: a task's section chain and its
/// lead organisations. Remembering them saves most node decodes of a long listing.
#[derive(Default)]
pub(crate) struct Memo {
    /// Section id → (section ref, level, its parent section id).
    sections: HashMap<NodeId, Option<(SectionRef, SectionLevel, Option<NodeId>)>>,
    /// Organisation id → (key, name, kind).
    orgs: HashMap<NodeId, Option<(String, String, OrganizationKind)>>,
}

fn parent_id<R: GraphRead + ?Sized>(r: &R, id: NodeId) -> Result<Option<NodeId>> {
    Ok(r.edges(id, Some(EdgeLabel::Contains), Direction::Incoming)?
        .first()
        .map(|e| e.from))
}

impl Memo {
    fn section<R: GraphRead + ?Sized>(
        &mut self,
        r: &R,
        id: NodeId,
    ) -> Result<Option<(SectionRef, SectionLevel, Option<NodeId>)>> {
        if let Some(hit) = self.sections.get(&id) {
            return Ok(hit.clone());
        }
        let value = match r.node(id)? {
            Some(n) => match section_ref(&n) {
                Some((s, level)) => Some((s, level, parent_id(r, id)?)),
                None => None,
            },
            None => None,
        };
        self.sections.insert(id, value.clone());
        Ok(value)
    }

    fn leads<R: GraphRead + ?Sized>(&mut self, r: &R, task: NodeId) -> Result<Vec<LeadRef>> {
        let mut leads = Vec::new();
        for e in r.edges(task, Some(EdgeLabel::Leads), Direction::Incoming)? {
            let EdgeKind::Leads { rank } = e.kind else {
                continue;
            };
            let org = match self.orgs.get(&e.from) {
                Some(hit) => hit.clone(),
                None => {
                    let v = match r.node(e.from)? {
                        Some(Node {
                            key,
                            data: NodeData::Organization(o),
                            ..
                        }) => Some((key.to_string(), o.name, o.kind)),
                        _ => None,
                    };
                    self.orgs.insert(e.from, v.clone());
                    v
                }
            };
            if let Some((key, name, kind)) = org {
                leads.push(LeadRef {
                    key,
                    name,
                    kind,
                    rank,
                });
            }
        }
        leads.sort_by(|a, b| a.rank.cmp(&b.rank).then_with(|| a.key.cmp(&b.key)));
        Ok(leads)
    }
}

pub(crate) fn summarize_with<R: GraphRead + ?Sized>(
    r: &R,
    node: Node,
    memo: &mut Memo,
) -> Result<TaskSummary> {
    let found = node.kind();
    let NodeData::Task(task) = node.data else {
        return Err(Error::WrongKind {
            key: node.key.to_string(),
            expected: NodeKind::Task,
            found,
        });
    };
    let (mut part, mut category) = (None, None);
    let mut cursor = parent_id(r, node.id)?;
    // Climb at most two section levels: category, then part.
    for _ in 0..2 {
        let Some(pid) = cursor else { break };
        match memo.section(r, pid)? {
            Some((s, SectionLevel::Category, up)) => {
                category = Some(s);
                cursor = up;
            }
            Some((s, SectionLevel::Part, _)) => {
                part = Some(s);
                break;
            }
            _ => break,
        }
    }
    Ok(TaskSummary {
        key: String::from(node.key),
        role: task.role,
        // The node is ours: move its strings rather than copy them.
        number: task.number,
        title: task.title,
        part,
        category,
        leads: memo.leads(r, node.id)?,
        deadline: task.deadline,
        id: node.id,
    })
}

fn lead_role(rank: u16, lead_count: usize) -> LeadRole {
    match (rank, lead_count) {
        (_, 0 | 1) => LeadRole::Sole,
        (1, _) => LeadRole::First,
        _ => LeadRole::Co,
    }
}

fn document_order(tasks: &mut [TaskSummary]) {
    document_order_by(tasks, |t| t);
}

/// Sorts by the task each item holds: role in the plan's order, then number, then key.
fn document_order_by<T>(items: &mut [T], task: impl Fn(&T) -> &TaskSummary) {
    fn role_order(r: TaskRole) -> usize {
        TaskRole::ALL
            .iter()
            .position(|x| *x == r)
            .unwrap_or(usize::MAX)
    }
    let ord = |t: &TaskSummary| t.number.parse::<u64>().unwrap_or(u64::MAX);
    items.sort_by(|a, b| {
        let (a, b) = (task(a), task(b));
        role_order(a.role)
            .cmp(&role_order(b.role))
            .then_with(|| ord(a).cmp(&ord(b)))
            .then_with(|| a.key.cmp(&b.key))
    });
}

/// Tasks led by an organisation, found by key, name or any alias, with how it leads each
/// (sole lead, first of several, co-lead), in document order.
///
/// # Errors
/// [`Error::KeyNotFound`] if no organisation has that name.
///
/// ```
/// use reformgraph::{query, Store};
/// let store = Store::in_memory()?;
/// assert!(query::tasks_led_by(&store.read()?, "省环保厅").is_err());
/// # Ok::<(), reformgraph::Error>(())
/// ```
pub fn tasks_led_by<R: GraphRead + ?Sized>(r: &R, organization: &str) -> Result<Vec<LedTask>> {
    let mut memo = Memo::default();
    let org = resolve(r, NodeKind::Organization, organization)?;
    let mut out = Vec::new();
    for (edge, node) in r.neighbors(org.id, Some(EdgeLabel::Leads), Direction::Outgoing)? {
        if node.kind() != NodeKind::Task {
            continue;
        }
        let EdgeKind::Leads { rank } = edge.kind else {
            continue;
        };
        let task = summarize_with(r, node, &mut memo)?;
        let lead_role = lead_role(rank, task.leads.len());
        out.push(LedTask { task, lead_role });
    }
    document_order_by(&mut out, |t| &t.task);
    Ok(out)
}

/// Whether a task sits in the section a filter names: a section key or title matches at
/// either level; a bracketed number such as （二） names a category, a number followed by
/// 、 (二、) names a part, and a bare number either.
pub(crate) fn in_section(task: &TaskSummary, wanted: &str) -> bool {
    task.category
        .as_ref()
        .is_some_and(|c| section_matches(c, SectionLevel::Category, wanted))
        || task
            .part
            .as_ref()
            .is_some_and(|p| section_matches(p, SectionLevel::Part, wanted))
}

/// Whether a section of `level` is the one a filter names (see [`in_section`]).
fn section_matches(s: &SectionRef, level: SectionLevel, wanted: &str) -> bool {
    let wanted = wanted.trim();
    if s.key == wanted || s.title == wanted {
        return true;
    }
    let number = wanted.trim_matches(|c: char| "（）()、．.".contains(c));
    if number.is_empty() || s.number != number {
        return false;
    }
    let bracketed = wanted.starts_with(['（', '(']);
    let part_form = wanted.ends_with('、');
    match level {
        SectionLevel::Category => bracketed || !part_form,
        SectionLevel::Part => !bracketed,
    }
}

/// Tasks that may sit in the section a filter names: the children of every matching
/// section, and of its child sections (a part's categories). Walking down from the few
/// matching sections spares summarising every task of the store.
fn section_candidates<R: GraphRead + ?Sized>(
    r: &R,
    wanted: &str,
    memo: &mut Memo,
) -> Result<Vec<NodeId>> {
    let mut out = Vec::new();
    for id in r.ids_of_kind(NodeKind::Section)? {
        let Some((s, level, _)) = memo.section(r, id)? else {
            continue;
        };
        if !section_matches(&s, level, wanted) {
            continue;
        }
        for child in r.edges(id, Some(EdgeLabel::Contains), Direction::Outgoing)? {
            out.push(child.to);
            if memo.section(r, child.to)?.is_some() {
                out.extend(
                    r.edges(child.to, Some(EdgeLabel::Contains), Direction::Outgoing)?
                        .into_iter()
                        .map(|e| e.to),
                );
            }
        }
    }
    Ok(out)
}

/// Tasks matching a filter, in document order.
///
/// # Errors
/// [`Error::KeyNotFound`] if the filter names an organisation or area that does not exist.
///
/// ```
/// use reformgraph::{query, Store, TaskRole};
/// let store = Store::in_memory()?;
/// let filter = query::TaskFilter { role: Some(TaskRole::Reform), ..Default::default() };
/// assert!(query::tasks(&store.read()?, &filter)?.is_empty());
/// # Ok::<(), reformgraph::Error>(())
/// ```
pub fn tasks<R: GraphRead + ?Sized>(r: &R, filter: &TaskFilter) -> Result<Vec<TaskSummary>> {
    let mut memo = Memo::default();
    // Start from the narrowest candidate set the filter allows.
    let candidates: Vec<NodeId> = if let Some(lead) = &filter.lead {
        let org = resolve(r, NodeKind::Organization, lead)?;
        r.edges(org.id, Some(EdgeLabel::Leads), Direction::Outgoing)?
            .into_iter()
            .map(|e| e.to)
            .collect()
    } else if let Some(m) = &filter.mentions {
        mentioned_node_candidates(r, m)?
    } else if let Some(c) = &filter.category {
        section_candidates(r, c, &mut memo)?
    } else {
        r.ids_of_kind(NodeKind::Task)?
    };
    let mentioned: Option<BTreeSet<NodeId>> = match (&filter.lead, &filter.mentions) {
        (Some(_), Some(m)) => Some(mentioned_node_candidates(r, m)?.into_iter().collect()),
        _ => None,
    };
    let mut out = Vec::new();
    let mut seen = BTreeSet::new();
    for id in candidates {
        if !seen.insert(id) {
            continue;
        }
        if mentioned.as_ref().is_some_and(|m| !m.contains(&id)) {
            continue;
        }
        let Some(node) = r.node(id)? else { continue };
        let NodeData::Task(t) = &node.data else {
            continue;
        };
        if filter.role.is_some_and(|role| role != t.role) {
            continue;
        }
        if let Some(plan) = &filter.plan
            && !node.key.as_str().starts_with(&format!("{plan}/"))
        {
            continue;
        }
        let summary = summarize_with(r, node, &mut memo)?;
        if let Some(c) = &filter.category
            && !in_section(&summary, c)
        {
            continue;
        }
        out.push(summary);
    }
    document_order(&mut out);
    Ok(out)
}

fn mentioned_node_candidates<R: GraphRead + ?Sized>(r: &R, name: &str) -> Result<Vec<NodeId>> {
    let target = resolve::resolve_in(r, &[NodeKind::Area, NodeKind::Organization], name)?;
    Ok(
        r.edges(target.id, Some(EdgeLabel::Mentions), Direction::Incoming)?
            .into_iter()
            .map(|e| e.from)
            .collect(),
    )
}

/// Tasks that mention an area or enterprise (key, name or alias), in document order.
///
/// # Errors
/// [`Error::KeyNotFound`] if nothing has that name.
///
/// ```
/// use reformgraph::{query, Store};
/// let store = Store::in_memory()?;
/// assert!(query::tasks_mentioning(&store.read()?, "孝义市").is_err());
/// # Ok::<(), reformgraph::Error>(())
/// ```
pub fn tasks_mentioning<R: GraphRead + ?Sized>(r: &R, name: &str) -> Result<Vec<TaskSummary>> {
    tasks(
        r,
        &TaskFilter {
            mentions: Some(name.to_owned()),
            ..TaskFilter::default()
        },
    )
}

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
pub fn lead_counts<R: GraphRead + ?Sized>(r: &R) -> Result<Vec<(LeadRef, u32)>> {
    let mut out = Vec::new();
    for rec in r.all::<Organization>()? {
        let n = r
            .edges(rec.id.node(), Some(EdgeLabel::Leads), Direction::Outgoing)?
            .len();
        if n == 0 {
            continue;
        }
        out.push((
            LeadRef {
                key: rec.key.to_string(),
                name: rec.value.name.clone(),
                kind: rec.value.kind,
                rank: 0,
            },
            u32::try_from(n).unwrap_or(u32::MAX),
        ));
    }
    out.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.key.cmp(&b.0.key)));
    Ok(out)
}

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
