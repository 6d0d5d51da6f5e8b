//! The project portfolio by stage (储备→签约→落地→开工→建设→投产).

use std::collections::BTreeMap;

use serde::Serialize;

use crate::error::{Error, Result};
use crate::model::{Date, NodeData, NodeKind, ProjectStage, ProjectState};
use crate::store::GraphRead;

/// The project portfolio by stage.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Funnel {
    /// The portfolio's quota, if the plan sets one.
    pub quota: Option<u32>,
    /// Projects per stage, in lifecycle order, then suspended and cancelled.
    pub stages: Vec<StageCount>,
    /// Projects registered (not withdrawn).
    pub total: u32,
    /// Withdrawn projects.
    pub withdrawn: u32,
}

/// How many projects are at one stage.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct StageCount {
    /// The stage (its Chinese name, 储备 …, is `stage.name_zh()`).
    pub stage: ProjectStage,
    /// Projects at that stage.
    pub projects: u32,
}

/// Counts the projects of a portfolio (key) by stage, optionally only those entering in
/// `year`, as of a date.
///
/// # Errors
/// [`Error::KeyNotFound`] if there is no such portfolio.
///
/// ```
/// use reformgraph::{Store, import::bundled, track};
/// let store = Store::in_memory()?;
/// bundled::import_shanxi_2013(&store)?;
/// let f = track::project_funnel(&store.read()?, "shanxi-2013/portfolio", None, None)?;
/// assert_eq!((f.quota, f.total), (Some(100), 0));
/// # Ok::<(), reformgraph::Error>(())
/// ```
pub fn project_funnel<R: GraphRead + ?Sized>(
    r: &R,
    portfolio: &str,
    year: Option<u16>,
    as_of: Option<Date>,
) -> Result<Funnel> {
    let node = r.require(portfolio)?;
    let NodeData::Portfolio(p) = &node.data else {
        return Err(Error::WrongKind {
            key: portfolio.to_owned(),
            expected: NodeKind::Portfolio,
            found: node.kind(),
        });
    };
    let mut counts: BTreeMap<ProjectStage, u32> = BTreeMap::new();
    let (mut total, mut withdrawn) = (0, 0);
    let day = as_of.unwrap_or_else(super::super::today);
    for (_, s) in project_states_on(r, day)? {
        if s.spec.portfolio != portfolio || year.is_some_and(|y| s.spec.year != y) {
            continue;
        }
        if s.withdrawn {
            withdrawn += 1;
            continue;
        }
        total += 1;
        *counts.entry(s.stage).or_default() += 1;
    }
    let stages = ProjectStage::LIFECYCLE
        .into_iter()
        .chain([ProjectStage::Suspended, ProjectStage::Cancelled])
        .map(|stage| StageCount {
            stage,
            projects: counts.get(&stage).copied().unwrap_or(0),
        })
        .collect();
    Ok(Funnel {
        quota: p.quota,
        stages,
        total,
        withdrawn,
    })
}

/// Every project's state at the end of `day`, by key. "Now" is today: a project whose
/// latest change is dated ahead counts as it is on `day`, and one registered after it is
/// left out.
pub(crate) fn project_states_on<R: GraphRead + ?Sized>(
    r: &R,
    day: Date,
) -> Result<Vec<(String, ProjectState)>> {
    let mut states = Vec::new();
    for (key, latest) in r.project_states()? {
        if latest.last_update.is_some_and(|d| d > day) {
            if let Some(s) = super::super::timeline::project_at(r, &key, day)? {
                states.push((key, s));
            }
        } else {
            states.push((key, latest));
        }
    }
    Ok(states)
}
