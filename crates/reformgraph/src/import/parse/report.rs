//! The honest part of the import report: every line accounted for, the tasks without a
//! responsible unit, the organisations created from their names, the low-confidence clauses.

use std::collections::{BTreeMap, BTreeSet};

use super::layout::Layout;
use super::text::Para;
use crate::import::draft::CreatedOrganization;
use crate::import::{Draft, Registry};
use crate::model::{EdgeKind, NodeData};

/// The reason `generic` gives an unlabelled list (moved from warnings to low confidence).
pub(super) const UNLABELLED: &str = "responsibility read from an unlabelled list";

/// Fills `lines`, `tasks_without_units`, `organizations_created` and `low_confidence`.
pub(super) fn complete(
    draft: &mut Draft,
    paras: &[Para<'_>],
    metadata: &BTreeSet<usize>,
    layout: &Layout,
    registry: &Registry,
) {
    let unparsed: BTreeSet<u32> = draft.report.unparsed.iter().map(|u| u.line).collect();
    // Byte ranges of the tasks (a pending safeguard's span covers its body paragraphs).
    let task_spans: Vec<(u32, u32)> = draft
        .nodes
        .iter()
        .filter(|n| matches!(n.data, NodeData::Task(_)))
        .filter_map(|n| n.source.map(|s| (s.start, s.end)))
        .collect();
    let first_body = draft
        .nodes
        .iter()
        .filter(|n| matches!(n.data, NodeData::Section(_) | NodeData::Task(_)))
        .filter_map(|n| n.source.map(|s| s.start))
        .min();
    let clause_owner: BTreeMap<usize, usize> = layout
        .clauses
        .iter()
        .flat_map(|(owner, ls)| ls.iter().map(move |l| (*l, *owner)))
        .collect();
    let in_task = |p: &Para<'_>| {
        let at = super::text::to_u32(p.start);
        task_spans
            .iter()
            .any(|(a, b)| *a <= at && at < (*b).max(a + 1))
    };
    let mut lines: BTreeMap<String, usize> = BTreeMap::new();
    for (i, p) in paras.iter().enumerate() {
        let what = if unparsed.contains(&p.line) {
            "unparsed"
        } else if metadata.contains(&i) {
            "metadata"
        } else if layout.headers.contains(&i) {
            "table_header"
        } else if in_task(p)
            || clause_owner
                .get(&i)
                .and_then(|o| paras.get(*o))
                .is_some_and(&in_task)
        {
            "task"
        } else if first_body.is_none_or(|f| super::text::to_u32(p.start) < f) {
            "preamble"
        } else {
            "section"
        };
        *lines.entry(what.to_owned()).or_default() += 1;
    }
    draft.report.lines = lines;

    let with_units: BTreeSet<&str> = draft
        .edges
        .iter()
        .filter(|e| {
            matches!(
                e.kind,
                EdgeKind::Leads { .. }
                    | EdgeKind::Responsible
                    | EdgeKind::Cooperates
                    | EdgeKind::Guides
            )
        })
        .map(|e| e.to.as_str())
        .collect();
    draft.report.tasks_without_units = draft
        .nodes
        .iter()
        .filter(|n| matches!(n.data, NodeData::Task(_)))
        .filter(|n| !with_units.contains(n.key.as_str()))
        .map(|n| n.key.to_string())
        .collect();
    draft.report.organizations_created = draft
        .nodes
        .iter()
        .filter_map(|n| match &n.data {
            NodeData::Organization(o) if registry.organization(&o.name).is_none() => {
                Some(CreatedOrganization {
                    key: n.key.to_string(),
                    name: o.name.clone(),
                    kind: o.kind.name().to_owned(),
                    level: o.level.name().to_owned(),
                })
            }
            _ => None,
        })
        .collect();
    let (low, warnings): (Vec<_>, Vec<_>) = std::mem::take(&mut draft.report.warnings)
        .into_iter()
        .partition(|w| w.reason.starts_with(UNLABELLED));
    draft.report.warnings = warnings;
    draft.report.low_confidence = low;
}
