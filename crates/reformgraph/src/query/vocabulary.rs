//! The names front-ends pass for the core's enums (`reform`, `in_progress`, `签约`,
//! `organization`, `leads`, `both`), read here once, so the CLI, Python and Kotlin/Swift
//! accept the same names and refuse the others with the same message, which lists the
//! names there are.

use crate::error::{Error, Result};
use crate::model::{Direction, EdgeLabel, NodeKind, ProjectStage, TaskRole, TaskStatus};

/// `Invalid` for an unknown name of `what`, listing the names there are.
fn unknown(what: &str, given: &str, names: impl IntoIterator<Item = &'static str>) -> Error {
    let names: Vec<&str> = names.into_iter().collect();
    Error::invalid(
        format!("{what} {given:?}"),
        format!("unknown; one of: {}", names.join(", ")),
    )
}

/// A task role by its name (`reform`, `matter`, `research_topic` …).
///
/// # Errors
/// [`Error::Invalid`] naming the roles there are.
///
/// ```
/// use reformgraph::{TaskRole, query::vocabulary};
/// assert_eq!(vocabulary::task_role("matter")?, TaskRole::Matter);
/// assert!(vocabulary::task_role("reforms").unwrap_err().to_string().contains("reform, matter"));
/// # Ok::<(), reformgraph::Error>(())
/// ```
pub fn task_role(name: &str) -> Result<TaskRole> {
    TaskRole::from_name(name)
        .ok_or_else(|| unknown("task role", name, TaskRole::ALL.iter().map(|r| r.name())))
}

/// A task status by its name (`not_started`, `in_progress`, `completed`, `delayed`,
/// `suspended`, `cancelled`).
///
/// # Errors
/// [`Error::Invalid`] naming the statuses there are.
///
/// ```
/// use reformgraph::{TaskStatus, query::vocabulary};
/// assert_eq!(vocabulary::task_status("delayed")?, TaskStatus::Delayed);
/// assert!(vocabulary::task_status("done").is_err());
/// # Ok::<(), reformgraph::Error>(())
/// ```
pub fn task_status(name: &str) -> Result<TaskStatus> {
    TaskStatus::from_name(name).ok_or_else(|| {
        unknown(
            "task status",
            name,
            TaskStatus::ALL.iter().map(|s| s.name()),
        )
    })
}

/// A project stage by its English or Chinese name (`signed` or 签约 …).
///
/// # Errors
/// [`Error::Invalid`] naming the stages there are, in both languages.
///
/// ```
/// use reformgraph::{ProjectStage, query::vocabulary};
/// assert_eq!(vocabulary::project_stage("签约")?, ProjectStage::Signed);
/// assert_eq!(vocabulary::project_stage("in_operation")?, ProjectStage::InOperation);
/// # Ok::<(), reformgraph::Error>(())
/// ```
pub fn project_stage(name: &str) -> Result<ProjectStage> {
    ProjectStage::parse(name).ok_or_else(|| {
        let all = ProjectStage::LIFECYCLE
            .into_iter()
            .chain([ProjectStage::Suspended, ProjectStage::Cancelled]);
        let names = all
            .clone()
            .map(ProjectStage::name)
            .chain(all.map(ProjectStage::name_zh));
        unknown("project stage", name, names)
    })
}

/// A node kind by its name (`task`, `organization`, `area` …).
///
/// # Errors
/// [`Error::Invalid`] naming the kinds there are.
///
/// ```
/// use reformgraph::{NodeKind, query::vocabulary};
/// assert_eq!(vocabulary::node_kind("indicator")?, NodeKind::Indicator);
/// # Ok::<(), reformgraph::Error>(())
/// ```
pub fn node_kind(name: &str) -> Result<NodeKind> {
    NodeKind::from_name(name)
        .ok_or_else(|| unknown("node kind", name, NodeKind::ALL.iter().map(|k| k.name())))
}

/// Node kinds by their names.
///
/// # Errors
/// [`Error::Invalid`] for the first unknown name.
pub fn node_kinds<S: AsRef<str>>(names: &[S]) -> Result<Vec<NodeKind>> {
    names.iter().map(|n| node_kind(n.as_ref())).collect()
}

/// An edge label by its name (`leads`, `mentions`, `contains` …).
///
/// # Errors
/// [`Error::Invalid`] naming the labels there are.
///
/// ```
/// use reformgraph::{EdgeLabel, query::vocabulary};
/// assert_eq!(vocabulary::edge_label("leads")?, EdgeLabel::Leads);
/// # Ok::<(), reformgraph::Error>(())
/// ```
pub fn edge_label(name: &str) -> Result<EdgeLabel> {
    EdgeLabel::from_name(name)
        .ok_or_else(|| unknown("edge label", name, EdgeLabel::ALL.iter().map(|l| l.name())))
}

/// Edge labels by their names (also `query::edge_labels`).
///
/// # Errors
/// [`Error::Invalid`] for the first unknown name; the message lists the accepted ones.
///
/// ```
/// use reformgraph::{query, EdgeLabel};
/// assert_eq!(query::edge_labels(&["leads", "mentions"])?, [EdgeLabel::Leads, EdgeLabel::Mentions]);
/// assert!(query::edge_labels(&["lead"]).unwrap_err().to_string().contains("leads, "));
/// # Ok::<(), reformgraph::Error>(())
/// ```
pub fn edge_labels<S: AsRef<str>>(names: &[S]) -> Result<Vec<EdgeLabel>> {
    names.iter().map(|n| edge_label(n.as_ref())).collect()
}

/// The directions an edge question follows: `out` (or `outgoing`), `in` (or `incoming`),
/// `both`.
///
/// # Errors
/// [`Error::Invalid`] naming the three.
///
/// ```
/// use reformgraph::{Direction, query::vocabulary};
/// assert_eq!(vocabulary::directions("in")?, vec![Direction::Incoming]);
/// assert_eq!(vocabulary::directions("both")?.len(), 2);
/// # Ok::<(), reformgraph::Error>(())
/// ```
pub fn directions(name: &str) -> Result<Vec<Direction>> {
    match name {
        "out" | "outgoing" => Ok(vec![Direction::Outgoing]),
        "in" | "incoming" => Ok(vec![Direction::Incoming]),
        "both" => Ok(vec![Direction::Outgoing, Direction::Incoming]),
        other => Err(unknown("direction", other, ["out", "in", "both"])),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_enum_reads_back_from_its_own_name() {
        for r in TaskRole::ALL {
            assert_eq!(task_role(r.name()).ok(), Some(r));
        }
        for s in TaskStatus::ALL {
            assert_eq!(task_status(s.name()).ok(), Some(s));
        }
        for k in NodeKind::ALL {
            assert_eq!(node_kind(k.name()).ok(), Some(k));
        }
        for l in EdgeLabel::ALL {
            assert_eq!(edge_label(l.name()).ok(), Some(l));
        }
        for st in [ProjectStage::Reserve, ProjectStage::Cancelled] {
            assert_eq!(project_stage(st.name()).ok(), Some(st));
            assert_eq!(project_stage(st.name_zh()).ok(), Some(st));
        }
    }

    #[test]
    fn an_unknown_name_is_refused_with_the_names_there_are() {
        let e = project_stage("已签约").unwrap_err().to_string();
        assert!(
            e.contains("已签约") && e.contains("signed") && e.contains("投产"),
            "{e}"
        );
        let e = directions("up").unwrap_err().to_string();
        assert!(e.contains("out, in, both"), "{e}");
        assert!(node_kinds(&["task", "tasks"]).is_err());
    }
}
