//! What tasks link to: areas and enterprises they mention, targets they state, the
//! project portfolio, the pilot groups and their options, and duplicate options (`SameAs`).

use crate::error::Result;
use crate::model::{
    Area, Date, EdgeKind, Indicator, NodeData, NodeKey, Organization, OrganizationKind, Portfolio,
    SelectionSubject, SourceSpan, TaskRole,
};

use super::super::registry::normalize_name;
use super::mentions::Named;
use super::text::Para;
use super::{Parser, guess_level, lists, targets};

impl Parser<'_> {
    /// The node for an area and its enclosing areas (with `InArea` edges).
    pub(super) fn area_node(
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

    pub(super) fn mentions(&mut self, task: &NodeKey, body: &str, para: &Para<'_>) {
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
    pub(super) fn targets(
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

    pub(super) fn portfolio(&mut self, text: &str, para: &Para<'_>) -> Result<()> {
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
    pub(super) fn pilot(
        &mut self,
        subject: SelectionSubject,
        text: &str,
        para: &Para<'_>,
    ) -> Result<()> {
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
    pub(super) fn same_as(&mut self) {
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
}
