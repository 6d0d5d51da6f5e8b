//! Tasks of the role-aware parser: keys, deadlines, responsibility edges and the
//! organisations they name.

use crate::error::Result;
use crate::model::{Date, EdgeKind, NodeData, NodeKey, Organization, SourceSpan, Task, TaskRole};

use super::super::registry::normalize_name;
use super::text::{Para, first_sentence, trim_punct};
use super::{LastTask, Parser, resp, role_slug};

impl Parser<'_> {
    /// A unique key for a task: `<plan>/<role>/<ordinal>`, or the next free ordinal with a
    /// warning when the printed number repeats (numbering restarting in each category).
    pub(super) fn task_key(
        &mut self,
        role: TaskRole,
        ordinal: u32,
        line: u32,
        text: &str,
    ) -> Result<NodeKey> {
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
    pub(super) fn task_deadline(&self, body: &str) -> Option<Date> {
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
    pub(super) fn make_task(
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

    pub(super) fn responsibility_edges(
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
    pub(super) fn org(&mut self, name: &str, para: &Para<'_>) -> Option<NodeKey> {
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

    pub(super) fn org_node(&mut self, org: Organization, para: &Para<'_>) -> Option<NodeKey> {
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
}
