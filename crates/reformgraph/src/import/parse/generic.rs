//! Stage 3–5 for plans whose headings name no task role: an item (or paragraph, or table
//! row) is a task because of its content — a responsibility clause, in the text or on lines
//! of its own, or a stated deadline — never because of a heading word. Its units get their
//! roles from the clause (see [`crate::import::clause`]), its deadline from the clause's
//! time phrase or its text (see [`crate::import::deadline`]).

use crate::error::Result;
use crate::import::clause::{self, Clause, UnitRole};
use crate::import::deadline;
use crate::model::{DeadlineKind, EdgeKind, NodeData, NodeKey, Task, TaskRole};

use super::Parser;
use super::layout::Row;
use super::text::{Marker, MarkerKind, Para, first_sentence, trim_punct};

/// Everything the text says about a task: its clauses, the text without a trailing clause.
pub(super) struct Reading {
    pub clause: Option<Clause>,
    /// Clause texts verbatim (inner text), joined with `；`.
    pub clause_text: Option<String>,
    /// The text without its trailing clause.
    pub body: String,
}

/// Reads the clauses of `rest` and of its own-line clause `lines`.
pub(super) fn read(rest: &str, lines: &[&str]) -> Reading {
    let found = clause::find_clauses(rest);
    let mut merged: Option<Clause> = None;
    let mut texts: Vec<String> = Vec::new();
    for f in &found {
        texts.push(rest.get(f.inner.clone()).unwrap_or("").to_owned());
        match &mut merged {
            Some(m) => m.merge(f.clause.clone()),
            None => merged = Some(f.clause.clone()),
        }
    }
    for line in lines {
        // 牵头单位：X on a line of its own, or a line that is one bracketed clause.
        let read = clause::line_clause(line).or_else(|| {
            clause::find_clauses(line)
                .into_iter()
                .map(|f| f.clause)
                .reduce(|mut a, b| {
                    a.merge(b);
                    a
                })
        });
        if let Some(c) = read {
            texts.push(line.trim().to_owned());
            match &mut merged {
                Some(m) => m.merge(c),
                None => merged = Some(c),
            }
        }
    }
    // The body loses a clause that ends it (the usual place), not clauses inside it.
    let trimmed = rest.trim_end().trim_end_matches(['。', '；', ';', '.']);
    let body = match found.last() {
        Some(f) if f.range.end >= trimmed.len() => rest.get(..f.range.start).unwrap_or(rest),
        _ => rest,
    };
    if let Some(c) = &mut merged {
        c.settle();
    }
    Reading {
        clause: merged,
        clause_text: (!texts.is_empty()).then(|| texts.join("；")),
        body: body.trim().to_owned(),
    }
}

/// True when `rest` (with its clause lines) makes a task by content: a clause naming a unit
/// or a person, or a stated deadline (`2020年底前`, not a bare year).
pub(super) fn is_task(rest: &str, lines: &[&str], year: Option<u16>) -> bool {
    let r = read(rest, lines);
    r.clause
        .as_ref()
        .is_some_and(|c| !c.units.is_empty() || !c.leaders.is_empty())
        || has_explicit_deadline(&r.body, year)
}

/// A deadline stated as such (…底前, …前完成, …日前), not a target year (到2020年).
fn has_explicit_deadline(body: &str, year: Option<u16>) -> bool {
    deadline::from_text(body, year)
        .is_some_and(|s| s.text.ends_with('前') || s.text.contains('底') || s.text.contains("半年"))
}

impl Parser<'_> {
    /// The year `年内` refers to: the year the document was issued, else the plan's first.
    pub(super) fn plan_year(&self) -> Option<u16> {
        self.document_year.or(self.period_start).or(self.period_end)
    }

    /// Creates a task of a plan whose headings name no role.
    #[allow(clippy::too_many_arguments)]
    pub(super) fn generic_task(
        &mut self,
        number: &str,
        ordinal: u32,
        rest: &str,
        lines: &[&str],
        para: &Para<'_>,
        row: Option<&Row>,
    ) -> Result<NodeKey> {
        let mut reading = read(rest, lines);
        if let Some(r) = row {
            reading.clause = Some(match reading.clause.take() {
                Some(mut c) => {
                    c.merge(r.clause.clone());
                    c
                }
                None => r.clause.clone(),
            });
        }
        let year = self.plan_year();
        let mut clause = reading.clause.unwrap_or_default();
        clause.settle();
        // A clause that said it applies to what follows (以下均需试点城市政府落实).
        if let Some(carried) = self.carried.clone() {
            let has_lead = clause.units.iter().any(|u| u.role == UnitRole::Lead);
            for name in carried {
                if !clause.units.iter().any(|u| u.name == name) {
                    let role = if has_lead {
                        UnitRole::Responsible
                    } else {
                        UnitRole::Lead
                    };
                    clause.units.push(clause::UnitRef {
                        name,
                        role,
                        provisional: false,
                    });
                }
            }
        }
        if clause.carries_forward {
            let names: Vec<String> = clause
                .units
                .iter()
                .filter(|u| u.role == UnitRole::Lead)
                .map(|u| u.name.clone())
                .collect();
            if !names.is_empty() {
                self.carried = Some(names);
            }
        }
        let stated = row
            .and_then(|r| r.deadline.as_deref())
            .or(clause.time.as_deref())
            .and_then(|t| deadline::from_phrase(t, year))
            .or_else(|| deadline::from_text(&reading.body, year));
        let body = reading.body;
        let title = trim_punct(first_sentence(&body)).to_owned();
        let key = self.generic_key()?;
        let (deadline_kind, deadline, deadline_text) = match stated {
            Some(s) => (s.kind, s.date, Some(s.text)),
            None => (DeadlineKind::Unstated, self.default_deadline(), None),
        };
        self.b.add(
            key.clone(),
            Some(para.span()),
            NodeData::Task(Task {
                role: TaskRole::Task,
                number: number.to_owned(),
                ordinal,
                title: title.clone(),
                body: body.clone(),
                responsibility: reading.clause_text,
                deadline,
                deadline_kind,
                deadline_text,
                leaders: clause.leaders.clone(),
            }),
        );
        self.contain(&key);
        if let Some(c) = self.container() {
            c.has_tasks = true;
        }
        self.tasks.push((key.clone(), TaskRole::Task, title));
        if clause.units.is_empty() {
            self.b.warn(
                para.line,
                para.text,
                "task has no responsible unit (no responsibility clause was found)",
            );
        }
        if clause.unlabelled {
            self.b.warn(
                para.line,
                para.text,
                format!(
                    "{}: every unit taken as a lead, in order",
                    super::report::UNLABELLED
                ),
            );
        }
        let mut rank = 0u16;
        for u in &clause.units {
            let Some(org) = self.org(&u.name, para) else {
                continue;
            };
            let kind = match u.role {
                UnitRole::Lead => {
                    rank = rank.saturating_add(1);
                    EdgeKind::Leads { rank }
                }
                UnitRole::Responsible => EdgeKind::Responsible,
                UnitRole::Cooperating => EdgeKind::Cooperates,
                UnitRole::Guiding => EdgeKind::Guides,
            };
            self.b.edge(&org, kind, &key);
        }
        self.mentions(&key, &body, para);
        Ok(key)
    }

    /// `<plan>/task/<n>`: numbered in document order, so a key is stable while the document
    /// keeps its order (the printed numbers of this genre restart in every section).
    fn generic_key(&mut self) -> Result<NodeKey> {
        self.generic_count = self.generic_count.saturating_add(1);
        self.b.key(&format!("task/{}", self.generic_count))
    }
}

impl Parser<'_> {
    /// A numbered item (or heading) under a section whose heading names no role: a task if
    /// its content makes it one or its earlier siblings were tasks, else text of its section.
    pub(super) fn generic_item(&mut self, m: &Marker<'_>, para: &Para<'_>) -> Result<()> {
        let lines: Vec<String> = std::mem::take(&mut self.lines);
        let lines: Vec<&str> = lines.iter().map(String::as_str).collect();
        // A clause-less item continues a run of task siblings, unless the next item is
        // deeper (then it is the heading of what follows).
        let level = |k: MarkerKind| self.levels.iter().position(|l| *l == k);
        let next_is_deeper = self.next_marker.is_some_and(|n| {
            n != m.kind && level(n).is_none_or(|ln| level(m.kind).is_none_or(|lm| ln > lm))
        });
        let sibling_run =
            self.generic_run == Some(m.kind) && !next_is_deeper && !self.next_is_plain_task;
        if lines.is_empty()
            && let Some(members) = super::enumeration::members(m.rest)
        {
            if m.kind == MarkerKind::Category {
                self.cat = None;
            }
            return self.enumeration(Some(m), m.rest, &members, para);
        }
        if is_task(m.rest, &lines, self.plan_year()) || sibling_run {
            if m.kind == MarkerKind::Category {
                // A （一） task closes the category before it.
                self.cat = None;
            }
            let key = self.generic_task(m.number, m.ordinal, m.rest, &lines, para, None)?;
            self.generic_run = Some(m.kind);
            self.last_generic = Some((key, m.kind));
            return Ok(());
        }
        // A clause-less item under a task (its 具体措施 （1）（2）…) is part of the task.
        if let Some((key, kind)) = self.last_generic.clone()
            && kind != m.kind
            && level(m.kind).is_none_or(|lm| level(kind).is_some_and(|lk| lm > lk))
        {
            if let Some(NodeData::Task(t)) = self.b.data_mut(&key) {
                t.body.push('\n');
                t.body.push_str(para.text);
            }
            self.b
                .extend_span(&key, super::text::to_u32(para.start + para.text.len()));
            return Ok(());
        }
        self.push_paragraph(para.text);
        Ok(())
    }

    /// A table row: a task whose units come from its unit columns.
    pub(super) fn on_row(&mut self, row: &Row, para: &Para<'_>) -> Result<()> {
        let lines: Vec<String> = std::mem::take(&mut self.lines);
        let lines: Vec<&str> = lines.iter().map(String::as_str).collect();
        let number = row.number.clone().unwrap_or_default();
        let ordinal = super::text::any_number(&number).unwrap_or(0);
        let key = self.generic_task(&number, ordinal, &row.text, &lines, para, Some(row))?;
        if let Some(end) = row.end {
            self.b.extend_span(&key, super::text::to_u32(end));
        }
        Ok(())
    }
}
