//! Which tasks: by lead, section, role, mention and plan.

use super::summary::{document_order_by, lead_role};
use super::*;

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
/// [`Error::KeyNotFound`] / [`Error::NameNotFound`] if the filter names an organisation,
/// area, category (section) or plan that does not exist, with close names as suggestions.
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
    // A plan that is not in the store is an error, as an unknown lead is: an empty list
    // would read as "no tasks".
    let plan = match &filter.plan {
        Some(p) => Some(resolve(r, NodeKind::Plan, p)?.key.to_string()),
        None => None,
    };
    // Start from the narrowest candidate set the filter allows.
    let candidates: Vec<NodeId> = if let Some(lead) = &filter.lead {
        let org = resolve(r, NodeKind::Organization, lead)?;
        r.edges(org.id, Some(EdgeLabel::Leads), Direction::Outgoing)?
            .into_iter()
            .map(|e| e.to)
            .collect()
    } else if let Some(m) = &filter.mentions {
        mentioned_node_candidates(r, m)?
    } else if let Some(plan) = &plan {
        // What the plan owns, from the key index: not every task of every plan in the
        // store. Nodes that are not tasks are skipped below.
        r.ids_under(plan)?
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
        if let Some(plan) = &plan
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
    // No task: if the category names no section at all, say so (with the titles close to
    // it), as an unknown lead does, rather than answer an empty list that reads as "none".
    if out.is_empty()
        && let Some(c) = &filter.category
        && !section_exists(r, c, &mut memo)?
    {
        return Err(resolve::miss(r, &[NodeKind::Section], c)?);
    }
    document_order(&mut out);
    Ok(out)
}

/// Whether any section is the one a category filter names (see [`in_section`]).
fn section_exists<R: GraphRead + ?Sized>(r: &R, wanted: &str, memo: &mut Memo) -> Result<bool> {
    for id in r.ids_of_kind(NodeKind::Section)? {
        if let Some((s, level, _)) = memo.section(r, id)?
            && section_matches(&s, level, wanted)
        {
            return Ok(true);
        }
    }
    Ok(false)
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
