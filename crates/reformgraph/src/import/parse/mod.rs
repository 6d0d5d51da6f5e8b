//! The document parser: plan text → [`Draft`].
//!
//! The parser reads a plan paragraph by paragraph (one non-blank line each) and keeps a
//! small context: the current part (一、), the current category (（一）) and what role
//! their headings give the tasks below them (重大改革 → reform, 重大事项 → matter,
//! 重大课题 → research topic, 保障措施 → safeguard, 基本原则 → principle). A heading's words
//! choose a role only: whether an item is a task is decided by its content (a clause, a
//! stated deadline, a study it names) or by its task siblings, so Shanxi's principles and
//! safeguard measures, which name no unit, stay section text. Every paragraph
//! either becomes data (a node, a field of a node, or a section paragraph) or is listed in
//! [`ImportReport::unparsed`](crate::import::ImportReport) with the reason.
//!
//! Keys are `<plan>/<role>/<ordinal>`: `shanxi-2013/reform/20`, `shanxi-2013/matter/64`,
//! `shanxi-2013/city-option/1` (roles: `principle`, `reform`, `matter`, `research`,
//! `safeguard`, `city-option`, `county-area`, `enterprise-area`); sections are
//! `<plan>/part/<n>` and `<plan>/part/<n>/<m>`; targets `<plan>/target/<indicator>`;
//! `<plan>/portfolio`; rules `<plan>/rule/{cities,pilot-counties,departments}`.
//! Organisations, areas and indicators are shared between plans (`org/省环保厅`,
//! `area/孝义市`, `indicator/城镇化率`).
//!
//! Edges: `Contains{order}` plan → part → category → task (part → task where tasks sit
//! directly under a part; part → portfolio and category → selection rule too);
//! `Leads{rank}` and `Cooperates` organisation → task; `HasTarget` plan or task → target
//! (a task restating a plan target points at the plan's target node); `MeasuredBy`
//! target → indicator; `DesignatedPilot` plan → pilot county or enterprise; `InArea`
//! county → city → province; `AppliesTo` rule → option; `Mentions` task → area or
//! enterprise (rules in the `mentions` module: longest match, no province, 吕梁山 and
//! 晋北、晋中、晋东南 are not cities); `SameAs` city option → reform.

mod builder;
mod enumeration;
mod generic;
mod header;
mod layout;
mod links;
mod lists;
mod mentions;
mod outline;
mod report;
mod resp;
mod targets;
mod tasks;
mod text;

use std::collections::{BTreeMap, BTreeSet};

use crate::error::Result;
use crate::import::{Draft, PlanMeta};
use crate::model::{
    AdminLevel, AreaLevel, Date, EdgeKind, NodeData, NodeKey, Plan, SelectionSubject, SourceSpan,
    TaskRole,
};

use super::registry::Registry;
use builder::Builder;
use mentions::Dictionary;
use text::{MarkerKind, Para, marker, paragraphs, trim_punct};

/// Parses a plan into a [`Draft`].
///
/// `meta` overrides what the text says (title, period, key …); `registry` resolves
/// organisation and area names. The draft lists the plan node first and every other node in
/// document order; the same input always gives the same draft.
///
/// # Errors
/// [`Error::InvalidKey`] or [`Error::Invalid`] when `meta.key` is not a usable plan key.
/// Nothing in the text itself makes the parse fail: what cannot be understood is listed in
/// the report's `unparsed` entries.
///
/// ```
/// use reformgraph::import::{parse, PlanMeta, Registry};
/// let text = "一、重大改革\n（一）创新机制。\n1.深化改革。具体内容。（牵头部门：省财政厅）\n";
/// let meta = PlanMeta { key: Some("demo-2013".into()), ..PlanMeta::default() };
/// let draft = parse(text, &meta, &Registry::shanxi()?)?;
/// assert_eq!(draft.report.counts.get("task:reform"), Some(&1));
/// assert!(draft.nodes.iter().any(|n| n.key.as_str() == "demo-2013/reform/1"));
/// # Ok::<(), reformgraph::Error>(())
/// ```
pub fn parse(text: &str, meta: &PlanMeta, registry: &Registry) -> Result<Draft> {
    // Stage 1: one canonical form of punctuation widths and Simplified characters, aligned
    // character by character with the original so that spans point into the verbatim text.
    let normalized = crate::import::normalize::normalize(text);
    let mut draft = parse_normalized(&normalized.text, meta, registry)?;
    for node in &mut draft.nodes {
        if let Some(span) = &mut node.source {
            let map = |at: u32| {
                let at = usize::try_from(at).unwrap_or(usize::MAX);
                text::to_u32(normalized.original_offset(at))
            };
            span.start = map(span.start);
            span.end = map(span.end);
        }
    }
    Ok(draft)
}

fn parse_normalized(text: &str, meta: &PlanMeta, registry: &Registry) -> Result<Draft> {
    let paras = paragraphs(text);
    let header = header::read(&paras);
    let title = meta.title.clone().or_else(|| header.title.clone());
    let period_start = meta.period_start.or(header.period_start);
    let period_end = meta.period_end.or(header.period_end);
    let first_para = paras.first().map(|p| p.text).unwrap_or("");
    let plan_key = header::plan_key(
        meta,
        &header,
        title.as_deref().unwrap_or(""),
        first_para,
        period_start.or(header.issued_on.map(Date::year)),
    )?;
    let issued_on = match &meta.issued_on {
        Some(d) => Some(d.parse::<Date>()?),
        None => header.issued_on,
    };
    let mut p = Parser::new(plan_key.clone(), registry, period_start, period_end);
    // The year 年内 means: the issue date's, else the document number's (国发〔2020〕6号).
    p.issuer_level = meta
        .issuer
        .as_deref()
        .or(header.issuer.as_deref())
        .map_or(AdminLevel::Unknown, crate::import::orgs::issuer_level);
    p.document_year = issued_on.map(Date::year).or_else(|| {
        let number = meta
            .document_number
            .as_deref()
            .or(header.document_number.as_deref())?;
        let open = number.find(['〔', '[', '［'])?;
        let digits: String = number
            .get(open..)?
            .chars()
            .skip(1)
            .take_while(char::is_ascii_digit)
            .collect();
        digits.parse().ok()
    });
    let plan = Plan {
        title: title.clone().unwrap_or_else(|| plan_key.to_string()),
        issuer: meta.issuer.clone().or_else(|| header.issuer.clone()),
        document_number: meta
            .document_number
            .clone()
            .or_else(|| header.document_number.clone()),
        issued_on,
        period_start,
        period_end,
        implements: meta
            .implements
            .clone()
            .or_else(|| header.implements.clone()),
        preamble: Vec::new(),
        retired: Vec::new(),
    };
    let plan_span = paras.first().map(|f| SourceSpan {
        line: f.line,
        start: text::to_u32(f.start),
        end: paras
            .last()
            .map(|l| text::to_u32(l.start + l.text.len()))
            .unwrap_or(0),
    });
    p.b.add(plan_key.clone(), plan_span, NodeData::Plan(plan));
    // The area the plan is for (meta.area): targets are assessed on its observations.
    if let Some(name) = &meta.area {
        match registry.area(name).cloned() {
            Some(a) => {
                // The whole plan is about its area: cite the plan's span.
                if let Some(area_key) = p.area_node(a.area, a.parent, plan_span) {
                    p.b.edge(&plan_key, EdgeKind::InArea, &area_key);
                }
            }
            None => p.b.warn(
                1,
                name,
                "the plan's area is not in the area registry; targets will have no default area",
            ),
        }
    }
    if title.is_none() {
        p.b.warn(
            1,
            first_para,
            "the text has no title line; pass the title in PlanMeta",
        );
    }
    if period_end.is_none() {
        p.b.warn(
            1,
            first_para,
            "no plan period found; tasks and targets get no default deadline",
        );
    }
    let layout = layout::read(&paras);
    for (i, para) in paras.iter().enumerate() {
        if header.consumed.contains(&i)
            || layout.clause_lines.contains(&i)
            || layout.headers.contains(&i)
            || layout.cells.contains(&i)
        {
            continue;
        }
        p.lines = layout
            .clauses
            .get(&i)
            .map(|ls| {
                ls.iter()
                    .filter_map(|j| paras.get(*j).map(|q| q.text.to_owned()))
                    .collect()
            })
            .unwrap_or_default();
        // The next paragraph's numbering: an item followed by a deeper one is a heading.
        // What comes next, past plain text: an item (of which numbering), or an unnumbered
        // paragraph with its own clause. Either way this item may be their heading.
        p.next_marker = None;
        p.next_is_plain_task = false;
        for (j, q) in paras.iter().enumerate().skip(i + 1) {
            if layout.clause_lines.contains(&j) || header.consumed.contains(&j) {
                continue;
            }
            if let Some(m) = marker(q.text) {
                p.next_marker = Some(m.kind);
                break;
            }
            if crate::import::clause::find_clauses(q.text)
                .iter()
                .any(|f| !f.clause.units.is_empty())
                || layout.clauses.contains_key(&j)
                || layout.rows.contains_key(&j)
            {
                p.next_is_plain_task = true;
                break;
            }
        }
        if let Some(kind) = marker(para.text).map(|m| m.kind)
            && !p.levels.contains(&kind)
        {
            p.levels.push(kind);
        }
        match layout.rows.get(&i) {
            Some(row) => p.on_row(row, para)?,
            None => p.paragraph(para)?,
        }
    }
    p.flush_pending()?;
    let mut draft = p.finish()?;
    report::complete(&mut draft, &paras, &header.consumed, &layout, registry);
    Ok(draft)
}

/// What a heading makes of the paragraphs under it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    /// Numbered items are tasks of this role.
    Tasks(TaskRole),
    /// Paragraphs state objectives and quantitative targets (主要目标).
    Goals,
    /// The paragraph describes a project portfolio (重大项目).
    Portfolio,
    /// Categories below are about pilot groups (各市、试点县、省直部门、试点企业).
    Pilots,
    /// A category about one pilot group.
    Pilot(SelectionSubject),
    /// Plain text (指导思想): paragraphs are kept on the section.
    Plain,
}

/// True when an item's heading names a study to be made (…机制研究): a research task by its
/// own words, whatever heading it sits under.
fn names_study(title: &str) -> bool {
    trim_punct(title).ends_with("研究")
}

/// The role a heading gives, in the plan's own words.
fn role_of(title: &str) -> Option<TaskRole> {
    let table = [
        ("基本原则", TaskRole::Principle),
        ("重大改革", TaskRole::Reform),
        ("改革任务", TaskRole::Reform),
        ("重点改革", TaskRole::Reform),
        ("重大事项", TaskRole::Matter),
        ("重点事项", TaskRole::Matter),
        ("重大课题", TaskRole::ResearchTopic),
        ("课题研究", TaskRole::ResearchTopic),
        ("保障措施", TaskRole::SafeguardMeasure),
    ];
    table
        .into_iter()
        .find(|(w, _)| title.contains(w))
        .map(|(_, r)| r)
}

fn role_slug(role: TaskRole) -> &'static str {
    match role {
        TaskRole::Reform => "reform",
        TaskRole::Matter => "matter",
        TaskRole::ResearchTopic => "research",
        TaskRole::CityTaskOption => "city-option",
        TaskRole::CountyPilotArea => "county-area",
        TaskRole::EnterpriseInnovationArea => "enterprise-area",
        TaskRole::DepartmentSpecialReform => "department-reform",
        TaskRole::SafeguardMeasure => "safeguard",
        TaskRole::Principle => "principle",
        TaskRole::AnnualAction => "annual",
        TaskRole::Task => "task",
    }
}

fn guess_level(name: &str) -> AreaLevel {
    if name.ends_with('县') {
        AreaLevel::County
    } else if name.ends_with('区') {
        AreaLevel::District
    } else if name.ends_with('市') {
        AreaLevel::CountyLevelCity
    } else {
        AreaLevel::Other
    }
}

#[derive(Debug, Clone)]
struct Ctx {
    key: NodeKey,
    kind: Kind,
    /// Children added so far (for `Contains{order}`).
    order: u32,
    /// A task has been added directly under this section.
    has_tasks: bool,
}

/// A heading under a role part that stands alone; its body, which follows, decides whether
/// it is a task or a section.
struct Pending {
    role: TaskRole,
    number: String,
    ordinal: u32,
    title: String,
    /// The heading paragraph as printed, for report entries and node spans.
    heading: String,
    span: SourceSpan,
    body: Vec<String>,
}

struct LastTask {
    key: NodeKey,
    container: NodeKey,
    from_item: bool,
}

struct Parser<'r> {
    b: Builder,
    registry: &'r Registry,
    dictionary: Dictionary,
    period_start: Option<u16>,
    period_end: Option<u16>,
    first_leads: bool,
    part: Option<Ctx>,
    cat: Option<Ctx>,
    plan_order: u32,
    pending: Option<Pending>,
    last_task: Option<LastTask>,
    used: BTreeMap<&'static str, BTreeSet<u32>>,
    tasks: Vec<(NodeKey, TaskRole, String)>,
    preamble: Vec<String>,
    warned_orgs: BTreeSet<String>,
    portfolio_done: bool,
    /// Own-line clauses of the paragraph being read (`牵头单位：X`).
    lines: Vec<String>,
    /// Units a clause said apply to the tasks that follow (`以下均需…落实`).
    carried: Option<Vec<String>>,
    /// Tasks of plans without role headings so far (their keys' numbers).
    generic_count: u32,
    /// The last numbered item of a role-less section became a task (its clause-less
    /// siblings are tasks too).
    generic_run: Option<MarkerKind>,
    /// The year the document was issued, when known.
    document_year: Option<u16>,
    /// The level of government that issued the plan (for names without a level prefix).
    issuer_level: AdminLevel,
    /// The numbering of the next paragraph, if it has one.
    next_marker: Option<MarkerKind>,
    /// Numbering styles in the order the document first uses them: its outline levels.
    levels: Vec<MarkerKind>,
    /// The last numbered task of a role-less section and its numbering.
    last_generic: Option<(NodeKey, MarkerKind)>,
    /// The next paragraph is unnumbered and carries its own clause.
    next_is_plain_task: bool,
}

impl<'r> Parser<'r> {
    fn new(
        plan_key: NodeKey,
        registry: &'r Registry,
        period_start: Option<u16>,
        period_end: Option<u16>,
    ) -> Self {
        Self {
            b: Builder::new(plan_key),
            registry,
            dictionary: Dictionary::new(registry),
            period_start,
            period_end,
            first_leads: false,
            part: None,
            cat: None,
            plan_order: 0,
            pending: None,
            last_task: None,
            used: BTreeMap::new(),
            tasks: Vec::new(),
            preamble: Vec::new(),
            warned_orgs: BTreeSet::new(),
            portfolio_done: false,
            lines: Vec::new(),
            carried: None,
            generic_count: 0,
            generic_run: None,
            document_year: None,
            issuer_level: AdminLevel::Unknown,
            next_marker: None,
            levels: Vec::new(),
            last_generic: None,
            next_is_plain_task: false,
        }
    }

    fn default_deadline(&self) -> Option<Date> {
        self.period_end.and_then(|y| Date::end_of_year(y).ok())
    }

    /// The section new tasks and paragraphs go to.
    fn container(&mut self) -> Option<&mut Ctx> {
        match self.cat {
            Some(ref mut c) => Some(c),
            None => self.part.as_mut(),
        }
    }

    fn role(&self) -> Option<TaskRole> {
        let kind = self.cat.as_ref().or(self.part.as_ref()).map(|c| c.kind);
        match kind {
            Some(Kind::Tasks(r)) => Some(r),
            _ => None,
        }
    }

    /// Adds a `Contains` edge from the current container (or the plan) to `child`.
    fn contain(&mut self, child: &NodeKey) {
        let plan = self.b.plan_key.clone();
        let (from, order) = match self.container() {
            Some(c) => {
                c.order += 1;
                (c.key.clone(), c.order)
            }
            None => {
                self.plan_order += 1;
                (plan, self.plan_order)
            }
        };
        self.b.edge(&from, EdgeKind::Contains { order }, child);
    }

    fn paragraph(&mut self, para: &Para<'_>) -> Result<()> {
        match marker(para.text) {
            Some(m) if m.kind == MarkerKind::Part => self.on_part(&m, para),
            Some(m) if m.kind == MarkerKind::Category => self.on_category(&m, para),
            Some(m)
                if matches!(
                    m.kind,
                    MarkerKind::Item | MarkerKind::SubItem | MarkerKind::Circled
                ) =>
            {
                self.on_item(&m, para)
            }
            Some(m) => self.on_dash(&m, para),
            None => self.on_plain(para.text, para),
        }
    }

    fn finish(mut self) -> Result<Draft> {
        self.same_as();
        // Every prefecture city and the province are nodes even when a plan never names them.
        let wanted: Vec<_> = self
            .registry
            .areas()
            .iter()
            .filter(|a| {
                matches!(
                    a.area.level,
                    AreaLevel::Province | AreaLevel::PrefectureCity
                )
            })
            .cloned()
            .collect();
        for a in wanted {
            self.area_node(a.area, a.parent, None);
        }
        let plan_key = self.b.plan_key.clone();
        let preamble = std::mem::take(&mut self.preamble);
        if let Some(NodeData::Plan(p)) = self.b.data_mut(&plan_key) {
            p.preamble = preamble;
        }
        Ok(self.b.finish())
    }
}
