//! What a task is in one row: its section, category and leads (`TaskSummary`), and the
//! document order results are sorted in.

use super::*;

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

impl LeadRole {
    /// The name in JSON and the bindings: `sole`, `first` or `co`.
    pub fn name(self) -> &'static str {
        match self {
            Self::Sole => "sole",
            Self::First => "first",
            Self::Co => "co",
        }
    }
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

pub(super) fn summarize<R: GraphRead + ?Sized>(r: &R, node: Node) -> Result<TaskSummary> {
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
    pub(super) fn section<R: GraphRead + ?Sized>(
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

    pub(super) fn leads<R: GraphRead + ?Sized>(
        &mut self,
        r: &R,
        task: NodeId,
    ) -> Result<Vec<LeadRef>> {
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

pub(super) fn lead_role(rank: u16, lead_count: usize) -> LeadRole {
    match (rank, lead_count) {
        (_, 0 | 1) => LeadRole::Sole,
        (1, _) => LeadRole::First,
        _ => LeadRole::Co,
    }
}

pub(super) fn document_order(tasks: &mut [TaskSummary]) {
    document_order_by(tasks, |t| t);
}

/// Sorts by the task each item holds: role in the plan's order, then number, then key.
pub(super) fn document_order_by<T>(items: &mut [T], task: impl Fn(&T) -> &TaskSummary) {
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
