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
mod lists;
mod mentions;
mod report;
mod resp;
mod targets;
mod text;

use std::collections::{BTreeMap, BTreeSet};

use crate::error::Result;
use crate::import::{Draft, PlanMeta};
use crate::model::{
    AdminLevel, Area, AreaLevel, Date, EdgeKind, Indicator, NodeData, NodeKey, Organization,
    OrganizationKind, Plan, Portfolio, Section, SectionLevel, SelectionSubject, SourceSpan, Task,
    TaskRole,
};

use super::registry::{Registry, normalize_name};
use builder::Builder;
use mentions::{Dictionary, Named};
use text::{Marker, MarkerKind, Para, first_sentence, marker, paragraphs, trim_punct};

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

    fn on_part(&mut self, m: &Marker<'_>, para: &Para<'_>) -> Result<()> {
        self.flush_pending()?;
        self.cat = None;
        self.part = None;
        self.last_task = None;
        let heading = first_sentence(m.rest);
        let title = trim_punct(heading).to_owned();
        let lines: Vec<&str> = self.lines.iter().map(String::as_str).collect();
        if role_of(&title).is_none() && generic::is_task(m.rest, &lines, self.plan_year()) {
            // A 一、 item with its own clause is a task of the plan itself.
            return self.generic_item(m, para);
        }
        let kind = if let Some(r) = role_of(&title) {
            Kind::Tasks(r)
        } else if title.contains("项目") {
            Kind::Portfolio
        } else if title.contains("试点") && lists::selection_subject(&title).is_some() {
            Kind::Pilots
        } else if title.contains("目标") {
            Kind::Goals
        } else {
            Kind::Plain
        };
        let mut key = self.b.key(&format!("part/{}", m.ordinal))?;
        if self.b.has(&key) {
            key = self.b.key(&format!("part/{}-{}", m.ordinal, para.line))?;
            self.b.warn(
                para.line,
                para.text,
                "part number repeats; key made unique with the line number",
            );
        }
        self.b.add(
            key.clone(),
            Some(para.span()),
            NodeData::Section(Section {
                level: SectionLevel::Part,
                number: m.number.to_owned(),
                ordinal: m.ordinal,
                title,
                paragraphs: Vec::new(),
            }),
        );
        self.contain(&key);
        self.part = Some(Ctx {
            key,
            kind,
            order: 0,
            has_tasks: false,
        });
        let inline = m
            .rest
            .get(heading.len()..)
            .unwrap_or("")
            .trim_start_matches('。')
            .trim();
        if !inline.is_empty() {
            self.on_plain(inline, para)?;
        }
        Ok(())
    }

    fn on_category(&mut self, m: &Marker<'_>, para: &Para<'_>) -> Result<()> {
        self.flush_pending()?;
        self.last_task = None;
        let heading = first_sentence(m.rest);
        let title = trim_punct(heading).to_owned();
        let inline = m
            .rest
            .get(heading.len()..)
            .unwrap_or("")
            .trim_start_matches('。')
            .trim()
            .to_owned();
        let part_kind = self.part.as_ref().map(|p| p.kind);
        let part_role = match part_kind {
            Some(Kind::Tasks(r)) => Some(r),
            _ => None,
        };
        // Under a part whose role is known, a bracketed number with text after its heading
        // sentence may be a task (重大课题 （一）…研究。着眼于…); a bare heading under 保障措施
        // or 基本原则 waits for its body, which decides (`flush_pending`).
        if let Some(role) = part_role {
            self.cat = None;
            let lines: Vec<&str> = self.lines.iter().map(String::as_str).collect();
            // The heading's words choose the role; whether the item is a task is its content's
            // to say (a clause, a deadline, a study it names), else it is a section.
            if !inline.is_empty()
                && !matches!(role, TaskRole::Reform | TaskRole::Matter)
                && (generic::is_task(m.rest, &lines, self.plan_year()) || names_study(&title))
            {
                self.make_task(role, m.number, m.ordinal, m.rest, para.span(), para)?;
                return Ok(());
            }
            if inline.is_empty()
                && matches!(
                    role,
                    TaskRole::SafeguardMeasure | TaskRole::Principle | TaskRole::ResearchTopic
                )
            {
                self.pending = Some(Pending {
                    role,
                    number: m.number.to_owned(),
                    ordinal: m.ordinal,
                    title,
                    heading: para.text.to_owned(),
                    span: para.span(),
                    body: Vec::new(),
                });
                return Ok(());
            }
        }
        let lines: Vec<&str> = self.lines.iter().map(String::as_str).collect();
        if part_role.is_none()
            && role_of(&title).is_none()
            && generic::is_task(m.rest, &lines, self.plan_year())
        {
            return self.generic_item(m, para);
        }
        let kind = if let Some(r) = role_of(&title) {
            Kind::Tasks(r)
        } else if title.contains("目标") {
            Kind::Goals
        } else if part_kind == Some(Kind::Pilots) {
            lists::selection_subject(&title).map_or(Kind::Plain, Kind::Pilot)
        } else if let Some(r) = part_role {
            Kind::Tasks(r)
        } else {
            Kind::Plain
        };
        self.cat = None;
        let key = self.category_section(m.number, m.ordinal, title, para.span(), para)?;
        self.cat = Some(Ctx {
            key,
            kind,
            order: 0,
            has_tasks: false,
        });
        if !inline.is_empty() {
            self.on_plain(&inline, para)?;
        }
        Ok(())
    }

    /// Adds a category section (（一）…) under the current part; returns its key.
    fn category_section(
        &mut self,
        number: &str,
        ordinal: u32,
        title: String,
        span: SourceSpan,
        para: &Para<'_>,
    ) -> Result<NodeKey> {
        let prefix = match &self.part {
            Some(p) => format!(
                "{}/{ordinal}",
                p.key.as_str().rsplit('/').next().unwrap_or("0"),
            ),
            None => format!("0/{ordinal}"),
        };
        let mut key = self.b.key(&format!("part/{prefix}"))?;
        if self.b.has(&key) {
            key = self.b.key(&format!("part/{prefix}-{}", para.line))?;
            self.b.warn(
                para.line,
                para.text,
                "category number repeats; key made unique with the line number",
            );
        }
        self.b.add(
            key.clone(),
            Some(span),
            NodeData::Section(Section {
                level: SectionLevel::Category,
                number: number.to_owned(),
                ordinal,
                title,
                paragraphs: Vec::new(),
            }),
        );
        self.contain(&key);
        Ok(key)
    }

    /// A bare heading whose body made no task (切实加强组织领导。 and what it says): a
    /// category section holding the body's paragraphs.
    fn pending_section(&mut self, p: Pending) -> Result<()> {
        let para = Para {
            line: p.span.line,
            start: usize::try_from(p.span.start).unwrap_or(0),
            text: &p.heading,
        };
        let key = self.category_section(&p.number, p.ordinal, p.title, p.span, &para)?;
        if let Some(NodeData::Section(s)) = self.b.data_mut(&key) {
            s.paragraphs = p.body;
        }
        Ok(())
    }

    fn on_item(&mut self, m: &Marker<'_>, para: &Para<'_>) -> Result<()> {
        self.flush_pending()?;
        // （1） under a 1. item continues that item.
        if m.kind == MarkerKind::SubItem {
            let container = self.container().map(|c| c.key.clone());
            if let Some(last) = &self.last_task
                && last.from_item
                && Some(&last.container) == container.as_ref()
            {
                let key = last.key.clone();
                self.append_to_task(&key, para)?;
                return Ok(());
            }
        }
        let Some(role) = self.role() else {
            return self.generic_item(m, para);
        };
        let key = self.make_task(role, m.number, m.ordinal, m.rest, para.span(), para)?;
        if let Some(last) = &mut self.last_task {
            last.from_item = m.kind == MarkerKind::Item;
            last.key = key;
        }
        Ok(())
    }

    /// Appends a sub-item paragraph to a task's body; a responsibility clause at its end is
    /// taken when the task has none yet.
    fn append_to_task(&mut self, key: &NodeKey, para: &Para<'_>) -> Result<()> {
        let first_leads = self.first_leads;
        let has_resp =
            matches!(self.b.data(key), Some(NodeData::Task(t)) if t.responsibility.is_some());
        let resp = if has_resp {
            None
        } else {
            resp::split_responsibility(para.text, first_leads)
        };
        let body = resp.as_ref().map_or(para.text, |r| r.body);
        if let Some(NodeData::Task(t)) = self.b.data_mut(key) {
            t.body.push('\n');
            t.body.push_str(body);
            if let Some(r) = &resp {
                t.responsibility = Some(r.clause.to_owned());
            }
        }
        if let Some(r) = resp {
            self.responsibility_edges(key, &r.leads, &r.cooperates, para);
        }
        self.mentions(key, body, para);
        Ok(())
    }

    fn on_dash(&mut self, m: &Marker<'_>, para: &Para<'_>) -> Result<()> {
        self.flush_pending()?;
        let Some(role) = self.role() else {
            self.b.unparsed(
                para.line,
                para.text,
                "dash item under a heading that names no task role",
            );
            return Ok(());
        };
        // A dash item is a task when its content makes one (a clause, a deadline); a
        // statement of principle (——坚持统筹兼顾，重点突破) stays text of its section.
        let lines: Vec<&str> = self.lines.iter().map(String::as_str).collect();
        if !generic::is_task(m.rest, &lines, self.plan_year()) {
            self.push_paragraph(para.text);
            return Ok(());
        }
        let next = self
            .used
            .get(role_slug(role))
            .and_then(|s| s.iter().next_back())
            .map_or(1, |n| n.saturating_add(1));
        let number = next.to_string();
        self.make_task(role, &number, next, m.rest, para.span(), para)?;
        Ok(())
    }

    fn on_plain(&mut self, text: &str, para: &Para<'_>) -> Result<()> {
        if let Some(p) = &mut self.pending {
            p.body.push(text.to_owned());
            p.span.end = para.sub_span(0, para.text.len()).end;
            return Ok(());
        }
        if resp::states_first_leads(text) {
            self.first_leads = true;
        }
        let cat_kind = self.cat.as_ref().map(|c| c.kind);
        let part_kind = self.part.as_ref().map(|c| c.kind);
        let kind = cat_kind.or(part_kind);
        if self.role().is_none() && !matches!(kind, Some(Kind::Pilot(_))) {
            let lines: Vec<String> = std::mem::take(&mut self.lines);
            let lines: Vec<&str> = lines.iter().map(String::as_str).collect();
            if lines.is_empty()
                && let Some(members) = enumeration::members(text)
            {
                return self.enumeration(None, text, &members, para);
            }
            let reading = generic::read(text, &lines);
            if reading.clause.as_ref().is_some_and(|c| !c.units.is_empty()) {
                self.generic_task("", 0, text, &lines, para, None)?;
                return Ok(());
            }
        }
        if self.part.is_none() {
            self.preamble.push(text.to_owned());
            return Ok(());
        }
        match kind {
            Some(Kind::Goals) => {
                self.push_paragraph(text);
                let deadline = self.default_deadline();
                let plan = self.b.plan_key.clone();
                self.targets(&plan, text, deadline, para, true);
            }
            Some(Kind::Pilot(subject)) => {
                self.push_paragraph(text);
                self.pilot(subject, text, para)?;
            }
            Some(Kind::Portfolio) if cat_kind.is_none() && !self.portfolio_done => {
                self.portfolio(text, para)?;
            }
            _ => {
                if self.container().is_some_and(|c| c.has_tasks) {
                    self.b.unparsed(
                        para.line,
                        text,
                        "unnumbered paragraph after the numbered tasks of its section; not attached to any task",
                    );
                } else {
                    self.push_paragraph(text);
                }
            }
        }
        Ok(())
    }

    fn push_paragraph(&mut self, text: &str) {
        let Some(key) = self.container().map(|c| c.key.clone()) else {
            self.preamble.push(text.to_owned());
            return;
        };
        if let Some(NodeData::Section(s)) = self.b.data_mut(&key) {
            s.paragraphs.push(text.to_owned());
        }
    }

    fn flush_pending(&mut self) -> Result<()> {
        let Some(p) = self.pending.take() else {
            return Ok(());
        };
        let body = if p.body.is_empty() {
            p.title.clone()
        } else {
            p.body.join("\n")
        };
        let content = format!("{}\n{body}", p.heading);
        if !generic::is_task(&content, &[], self.plan_year()) && !names_study(&p.title) {
            return self.pending_section(p);
        }
        let key = self.task_key(p.role, p.ordinal, p.span.line, &p.title)?;
        let deadline = self.task_deadline(&body);
        self.b.add(
            key.clone(),
            Some(p.span),
            NodeData::Task(Task {
                role: p.role,
                number: p.number,
                ordinal: p.ordinal,
                title: p.title.clone(),
                body: body.clone(),
                responsibility: None,
                deadline,
                ..Task::default()
            }),
        );
        self.contain(&key);
        self.tasks.push((key.clone(), p.role, p.title));
        // Areas first named in the body get the heading's span: the task's own start.
        let para = Para {
            line: p.span.line,
            start: usize::try_from(p.span.start).unwrap_or(0),
            text: &p.heading,
        };
        self.mentions(&key, &body, &para);
        Ok(())
    }

    /// A unique key for a task: `<plan>/<role>/<ordinal>`, or the next free ordinal with a
    /// warning when the printed number repeats (numbering restarting in each category).
    fn task_key(&mut self, role: TaskRole, ordinal: u32, line: u32, text: &str) -> Result<NodeKey> {
        let slug = role_slug(role);
        let used = self.used.entry(slug).or_default();
        let n = if used.contains(&ordinal) || ordinal == 0 {
            let next = used.iter().next_back().map_or(1, |n| n.saturating_add(1));
            self.b.warn(
                line,
                text,
                format!("{slug} number {ordinal} repeats; keyed as {slug}/{next}"),
            );
            next
        } else {
            ordinal
        };
        if let Some(set) = self.used.get_mut(slug) {
            set.insert(n);
        }
        self.b.key(&format!("{slug}/{n}"))
    }

    /// End of the plan period, or of a year within the period that the text states
    /// (2014年在全省范围内实施). A year after 比 is a base year, not a deadline.
    fn task_deadline(&self, body: &str) -> Option<Date> {
        let mut best: Option<u16> = None;
        for (at, _) in body.match_indices('年') {
            let Some(before) = body.get(..at) else {
                continue;
            };
            let digits: String = before
                .chars()
                .rev()
                .take_while(char::is_ascii_digit)
                .collect();
            if digits.len() != 4 {
                continue;
            }
            let year_text: String = digits.chars().rev().collect();
            let Ok(year) = year_text.parse::<u16>() else {
                continue;
            };
            let lead = before.get(..before.len() - 4).unwrap_or("");
            if lead.ends_with('比') || lead.ends_with('较') || lead.ends_with('自') {
                continue;
            }
            let in_period = match (self.period_start, self.period_end) {
                (Some(a), Some(b)) => (a..=b).contains(&year),
                _ => true,
            };
            if in_period {
                best = Some(best.map_or(year, |b| b.max(year)));
            }
        }
        best.and_then(|y| Date::end_of_year(y).ok())
            .or_else(|| self.default_deadline())
    }

    /// Creates a task from the text after its number; returns its key.
    fn make_task(
        &mut self,
        role: TaskRole,
        number: &str,
        ordinal: u32,
        rest: &str,
        span: SourceSpan,
        para: &Para<'_>,
    ) -> Result<NodeKey> {
        let resp = resp::split_responsibility(rest, self.first_leads);
        let body = resp.as_ref().map_or(rest.trim(), |r| r.body).to_owned();
        let title = trim_punct(first_sentence(&body)).to_owned();
        let key = self.task_key(role, ordinal, para.line, para.text)?;
        let deadline = self.task_deadline(&body);
        self.b.add(
            key.clone(),
            Some(span),
            NodeData::Task(Task {
                role,
                number: number.to_owned(),
                ordinal,
                title: title.clone(),
                body: body.clone(),
                responsibility: resp.as_ref().map(|r| r.clause.to_owned()),
                deadline,
                ..Task::default()
            }),
        );
        self.contain(&key);
        let container = self.container().map(|c| {
            c.has_tasks = true;
            c.key.clone()
        });
        self.last_task = container.map(|container| LastTask {
            key: key.clone(),
            container,
            from_item: false,
        });
        self.tasks.push((key.clone(), role, title));
        match &resp {
            Some(r) => self.responsibility_edges(&key, &r.leads, &r.cooperates, para),
            None if matches!(role, TaskRole::Reform | TaskRole::Matter) => {
                self.b
                    .warn(para.line, para.text, "task has no responsibility clause");
            }
            None => {}
        }
        self.mentions(&key, &body, para);
        self.targets(&key, &body, deadline, para, false);
        Ok(key)
    }

    fn responsibility_edges(
        &mut self,
        task: &NodeKey,
        leads: &[String],
        cooperates: &[String],
        para: &Para<'_>,
    ) {
        for (i, name) in leads.iter().enumerate() {
            if let Some(org) = self.org(name, para) {
                let rank = u16::try_from(i + 1).unwrap_or(u16::MAX);
                self.b.edge(&org, EdgeKind::Leads { rank }, task);
            }
        }
        for name in cooperates {
            if let Some(org) = self.org(name, para) {
                self.b.edge(&org, EdgeKind::Cooperates, task);
            }
        }
    }

    /// The node for an organisation named `name`, registered on first use.
    fn org(&mut self, name: &str, para: &Para<'_>) -> Option<NodeKey> {
        let org = match self.registry.organization(name) {
            Some(o) => o.clone(),
            None => {
                let printed = normalize_name(name);
                // Stage 6: one node for every spelling of a body (发改委 = 发展改革委), its
                // kind and level from the form of its name and the plan's issuer.
                let canonical = crate::import::orgs::canonical_name(&printed);
                if let Some(o) = self.registry.organization(&canonical) {
                    return self.org_node(o.clone(), para);
                }
                let (kind, level) = crate::import::orgs::infer(&canonical, self.issuer_level);
                if self.warned_orgs.insert(canonical.clone()) {
                    self.b.warn(
                        para.line,
                        para.text,
                        format!(
                            "organisation {canonical:?} is not in the registry; created with kind {} and level {} inferred from its name",
                            kind.name(),
                            level.name()
                        ),
                    );
                }
                let aliases = if printed == canonical {
                    Vec::new()
                } else {
                    vec![printed]
                };
                Organization {
                    name: canonical,
                    kind,
                    aliases,
                    level,
                }
            }
        };
        self.org_node(org, para)
    }

    fn org_node(&mut self, org: Organization, para: &Para<'_>) -> Option<NodeKey> {
        match NodeKey::organization(&org.name) {
            Ok(key) => {
                self.b
                    .add(key.clone(), Some(para.span()), NodeData::Organization(org));
                Some(key)
            }
            Err(e) => {
                self.b.warn(
                    para.line,
                    para.text,
                    format!("organisation name {:?} cannot be a key: {e}", org.name),
                );
                None
            }
        }
    }

    /// The node for an area and its enclosing areas (with `InArea` edges).
    fn area_node(
        &mut self,
        area: Area,
        parent: Option<String>,
        span: Option<SourceSpan>,
    ) -> Option<NodeKey> {
        let key = NodeKey::area(&area.name).ok()?;
        let fresh = self.b.add(key.clone(), span, NodeData::Area(area));
        if fresh
            && let Some(parent) = parent.and_then(|p| self.registry.area(&p).cloned())
            && let Some(pk) = self.area_node(parent.area, parent.parent, span)
        {
            self.b.edge(&key, EdgeKind::InArea, &pk);
        }
        Some(key)
    }

    fn mentions(&mut self, task: &NodeKey, body: &str, para: &Para<'_>) {
        let span = Some(para.span());
        for named in self.dictionary.find(body) {
            let key = match named {
                Named::Area(i) => self
                    .registry
                    .areas()
                    .get(i)
                    .cloned()
                    .and_then(|a| self.area_node(a.area, a.parent, span)),
                Named::Org(i) => self
                    .registry
                    .organizations()
                    .get(i)
                    .cloned()
                    .and_then(|o| self.org_node(o, para)),
            };
            if let Some(k) = key {
                self.b.edge(task, EdgeKind::Mentions, &k);
            }
        }
    }

    /// Targets in `text`, attached to `owner` (the plan for 主要目标, else a task). A task
    /// restating a plan target links to the same target node.
    fn targets(
        &mut self,
        owner: &NodeKey,
        text: &str,
        deadline: Option<Date>,
        para: &Para<'_>,
        main: bool,
    ) {
        for found in targets::find_targets(text, deadline) {
            let (Ok(tkey), Ok(ikey)) = (
                self.b.key(&format!("target/{}", found.indicator)),
                NodeKey::from_segments(["indicator", found.indicator.as_str()]),
            ) else {
                self.b.warn(
                    para.line,
                    text,
                    format!("target on {:?} cannot be keyed", found.indicator),
                );
                continue;
            };
            if self.b.has(&tkey) {
                if main {
                    self.b.warn(
                        para.line,
                        &found.target.wording,
                        "the same indicator has two targets; the second is not imported",
                    );
                } else {
                    self.b.edge(owner, EdgeKind::HasTarget, &tkey);
                }
                continue;
            }
            // Offsets are within `text`, which for tasks is the body (not the paragraph).
            let span = para
                .text
                .find(found.target.wording.as_str())
                .map(|at| para.sub_span(at, at + found.target.wording.len()))
                .or(Some(para.span()));
            self.b.add(
                ikey.clone(),
                span,
                NodeData::Indicator(Indicator {
                    name: found.indicator.clone(),
                    unit: found.target.unit.clone(),
                }),
            );
            self.b
                .add(tkey.clone(), span, NodeData::Target(found.target));
            self.b.edge(owner, EdgeKind::HasTarget, &tkey);
            self.b.edge(&tkey, EdgeKind::MeasuredBy, &ikey);
        }
    }

    fn portfolio(&mut self, text: &str, para: &Para<'_>) -> Result<()> {
        let parsed = lists::portfolio(text);
        let name = parsed
            .name
            .or_else(|| {
                self.part.as_ref().and_then(|p| match self.b.data(&p.key) {
                    Some(NodeData::Section(s)) => Some(s.title.clone()),
                    _ => None,
                })
            })
            .unwrap_or_else(|| "重大项目".to_owned());
        let key = self.b.key("portfolio")?;
        self.b.add(
            key.clone(),
            Some(para.span()),
            NodeData::Portfolio(Portfolio {
                name,
                quota: parsed.quota,
                period_start: self.period_start,
                period_end: self.period_end,
                stages: parsed.stages,
                domains: parsed.domains,
                body: text.to_owned(),
            }),
        );
        self.contain(&key);
        self.portfolio_done = true;
        Ok(())
    }

    /// A paragraph about a pilot group: its options, its yearly rule and the designated
    /// pilots.
    fn pilot(&mut self, subject: SelectionSubject, text: &str, para: &Para<'_>) -> Result<()> {
        let offset = para.text.find(text).unwrap_or(0);
        let mut options: Vec<NodeKey> = Vec::new();
        // Designated pilots: the 、-list before 等11个 / 等12户.
        if matches!(
            subject,
            SelectionSubject::PilotCounties | SelectionSubject::PilotEnterprises
        ) && let Some((names, count, _)) = lists::counted_list(text)
        {
            if count.is_some_and(|c| usize::try_from(c).ok() != Some(names.len())) {
                self.b.warn(
                    para.line,
                    text,
                    format!("the text says {count:?} pilots but lists {}", names.len()),
                );
            }
            let plan = self.b.plan_key.clone();
            for name in names {
                let key = if subject == SelectionSubject::PilotCounties {
                    let (area, parent) = match self.registry.area(&name) {
                        Some(a) => (a.area.clone(), a.parent.clone()),
                        None => {
                            self.b.warn(
                                para.line,
                                text,
                                format!("area {name:?} is not in the registry; level guessed"),
                            );
                            (
                                Area {
                                    level: guess_level(&name),
                                    name: normalize_name(&name),
                                    aliases: Vec::new(),
                                },
                                None,
                            )
                        }
                    };
                    self.area_node(area, parent, Some(para.span()))
                } else {
                    let org = match self.registry.organization(&name) {
                        Some(o) => o.clone(),
                        None => {
                            self.b.warn(
                                para.line,
                                text,
                                format!("enterprise {name:?} is not in the registry"),
                            );
                            Organization {
                                name: normalize_name(&name),
                                kind: OrganizationKind::Enterprise,
                                aliases: Vec::new(),
                                ..Organization::default()
                            }
                        }
                    };
                    self.org_node(org, para)
                };
                if let Some(k) = key {
                    self.b.edge(&plan, EdgeKind::DesignatedPilot, &k);
                }
            }
        }
        // Options.
        match subject {
            SelectionSubject::Cities | SelectionSubject::PilotEnterprises => {
                let role = if subject == SelectionSubject::Cities {
                    TaskRole::CityTaskOption
                } else {
                    TaskRole::EnterpriseInnovationArea
                };
                for item in lists::shi_items(text) {
                    let span = para.sub_span(offset + item.start, offset + item.end);
                    let key =
                        self.make_task(role, &item.number, item.ordinal, &item.text, span, para)?;
                    options.push(key);
                }
            }
            SelectionSubject::PilotCounties => {
                for (i, (at, name)) in lists::focus_list(text).into_iter().enumerate() {
                    let n = u32::try_from(i + 1).unwrap_or(u32::MAX);
                    let span = para.sub_span(offset + at, offset + at + name.len());
                    let key = self.make_task(
                        TaskRole::CountyPilotArea,
                        &n.to_string(),
                        n,
                        &name,
                        span,
                        para,
                    )?;
                    options.push(key);
                }
            }
            _ => {}
        }
        // The yearly rule.
        if let Some(rule) = lists::selection_rule(text, subject) {
            let slug = match subject {
                SelectionSubject::Cities => "cities",
                SelectionSubject::PilotCounties => "pilot-counties",
                SelectionSubject::ProvincialDepartments => "departments",
                _ => "pilot-enterprises",
            };
            let key = self.b.key(&format!("rule/{slug}"))?;
            let span = para
                .text
                .find(rule.wording.as_str())
                .map(|at| para.sub_span(at, at + rule.wording.len()));
            if self.b.add(key.clone(), span, NodeData::SelectionRule(rule)) {
                self.contain(&key);
            }
            for o in &options {
                self.b.edge(&key, EdgeKind::AppliesTo, o);
            }
        }
        Ok(())
    }

    /// City options that restate a reform get a `SameAs` edge. Titles match when one
    /// contains the other, or when they do after dropping the two-character leading verb
    /// (创新/深化/完善/建立 …) and the rest is at least four characters
    /// (创新就业促进机制 ~ 完善就业促进机制). Among several loose matches the one with the same
    /// leading verb wins, else the first in document order.
    fn same_as(&mut self) {
        fn object(title: &str) -> &str {
            let mut chars = title.char_indices();
            match chars.nth(2) {
                Some((at, _)) => title.get(at..).unwrap_or(title),
                None => title,
            }
        }
        let reforms: Vec<(NodeKey, String)> = self
            .tasks
            .iter()
            .filter(|(_, r, _)| *r == TaskRole::Reform)
            .map(|(k, _, t)| (k.clone(), t.clone()))
            .collect();
        let options: Vec<(NodeKey, String)> = self
            .tasks
            .iter()
            .filter(|(_, r, _)| *r == TaskRole::CityTaskOption)
            .map(|(k, _, t)| (k.clone(), t.clone()))
            .collect();
        for (okey, otitle) in options {
            let exact = reforms
                .iter()
                .find(|(_, r)| r.contains(otitle.as_str()) || otitle.contains(r.as_str()));
            let loose = || {
                let o = object(&otitle);
                let verb = otitle.get(..otitle.len() - o.len()).unwrap_or("");
                let candidates: Vec<&(NodeKey, String)> = reforms
                    .iter()
                    .filter(|(_, r)| {
                        let ro = object(r);
                        o.chars().count() >= 4
                            && ro.chars().count() >= 4
                            && (r.contains(o) || otitle.contains(ro))
                    })
                    .collect();
                // Several reforms share the object (土地审批制度改革, 行政审批制度改革):
                // prefer the one with the same leading verb (深化审批制度改革 ~ 深化行政审批制度改革).
                candidates
                    .iter()
                    .find(|(_, r)| !verb.is_empty() && r.starts_with(verb))
                    .or_else(|| candidates.first())
                    .copied()
            };
            if let Some((rkey, _)) = exact.or_else(loose) {
                self.b.edge(&okey, EdgeKind::SameAs, rkey);
            }
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
