//! Stage 2–3 of the role-aware parser: parts (一、), categories (（一）), items, dash items
//! and plain paragraphs, and whether each is a section, a task or text of its section.

use crate::error::Result;
use crate::model::{NodeData, NodeKey, Section, SectionLevel, SourceSpan, Task, TaskRole};

use super::text::{Marker, MarkerKind, Para, first_sentence, trim_punct};
use super::{
    Ctx, Kind, Parser, Pending, enumeration, generic, lists, names_study, resp, role_of, role_slug,
};

impl Parser<'_> {
    pub(super) fn on_part(&mut self, m: &Marker<'_>, para: &Para<'_>) -> Result<()> {
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

    pub(super) fn on_category(&mut self, m: &Marker<'_>, para: &Para<'_>) -> Result<()> {
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
    pub(super) fn category_section(
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
    pub(super) fn pending_section(&mut self, p: Pending) -> Result<()> {
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

    pub(super) fn on_item(&mut self, m: &Marker<'_>, para: &Para<'_>) -> Result<()> {
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
    pub(super) fn append_to_task(&mut self, key: &NodeKey, para: &Para<'_>) -> Result<()> {
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

    pub(super) fn on_dash(&mut self, m: &Marker<'_>, para: &Para<'_>) -> Result<()> {
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

    pub(super) fn on_plain(&mut self, text: &str, para: &Para<'_>) -> Result<()> {
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

    pub(super) fn push_paragraph(&mut self, text: &str) {
        let Some(key) = self.container().map(|c| c.key.clone()) else {
            self.preamble.push(text.to_owned());
            return;
        };
        if let Some(NodeData::Section(s)) = self.b.data_mut(&key) {
            s.paragraphs.push(text.to_owned());
        }
    }

    pub(super) fn flush_pending(&mut self) -> Result<()> {
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
}
