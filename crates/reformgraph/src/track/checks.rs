//! Validation of an event before it is stored, whichever door it came through.

use super::state;
use crate::error::{Error, Result};
use crate::model::{Change, Event, NodeData, NodeKey, NodeKind, Task, TaskRole, Unit};
use crate::store::{GraphRead, WriteTx};

pub(super) fn invalid(what: &str, reason: impl Into<String>) -> Error {
    Error::invalid(what, reason)
}

pub(super) fn check_finite(what: &str, v: f64) -> Result<()> {
    if v.is_finite() {
        Ok(())
    } else {
        Err(invalid(
            what,
            format!("{v} is not a number; give a finite value"),
        ))
    }
}

pub(super) fn check_year(what: &str, y: u16) -> Result<()> {
    if (crate::model::MIN_YEAR..=crate::model::MAX_YEAR).contains(&y) {
        Ok(())
    } else {
        Err(invalid(what, format!("year {y} is outside 1900–2200")))
    }
}

pub(super) fn require_kind<R: GraphRead + ?Sized>(
    r: &R,
    key: &str,
    kind: NodeKind,
) -> Result<crate::model::Node> {
    let node = r.require(key)?;
    if node.kind() == kind {
        Ok(node)
    } else {
        Err(Error::WrongKind {
            key: key.to_owned(),
            expected: kind,
            found: node.kind(),
        })
    }
}

/// Checks an event against the store as it is: subject and referenced nodes exist with the
/// right kinds, numbers are finite and in range, units match, stage moves are allowed, free
/// text is within [`super::limits`].
pub(crate) fn validate(tx: &WriteTx<'_>, e: &Event, applying: bool) -> Result<()> {
    super::limits::check_event_text(e)?;
    if let Some(org) = &e.actor.organization {
        require_kind(tx, org, NodeKind::Organization)?;
    }
    if e.actor.person.trim().is_empty() {
        return Err(invalid("actor", "name the person who records the change"));
    }
    match &e.change {
        Change::AccessGranted { scope } | Change::GrantWithdrawn { scope } => {
            require_kind(tx, &e.subject, NodeKind::Organization)?;
            if tx.id_of(scope)?.is_none() {
                return Err(Error::KeyNotFound { key: scope.clone() });
            }
        }
        Change::KeyCertified { key, .. } | Change::KeyRevoked { key } => {
            if tx.admin_key()?.is_none() {
                return Err(invalid(
                    "key",
                    "this store has no administrator key, so keys cannot be certified in it: give it one first (`reformgraph key admin`)",
                ));
            }
            if e.subject != key.to_string() {
                return Err(invalid(
                    "subject",
                    format!("a certificate is about its key: the subject must be {key}"),
                ));
            }
            if let Change::KeyCertified {
                person,
                organization,
                ..
            } = &e.change
            {
                require_kind(tx, organization, NodeKind::Organization)?;
                if person.trim().is_empty() {
                    return Err(invalid("person", "name the person who holds the key"));
                }
            }
        }
        Change::LeadsAssigned {
            leads,
            cooperating,
            previous_leads,
            previous_cooperating,
        } => {
            require_kind(tx, &e.subject, NodeKind::Task)?;
            for org in leads
                .iter()
                .chain(cooperating)
                .chain(previous_leads)
                .chain(previous_cooperating)
            {
                require_kind(tx, org, NodeKind::Organization)?;
            }
        }
        Change::AccessRefused { .. } if applying => {}
        Change::AccessRefused { .. } => {
            return Err(invalid(
                "change",
                "access refusals are recorded by the store itself, not by callers",
            ));
        }
        Change::TaskStatus { progress, .. } => {
            require_kind(tx, &e.subject, NodeKind::Task)?;
            if let Some(p) = progress {
                check_finite("progress", *p)?;
                if !(0.0..=100.0).contains(p) {
                    return Err(invalid(
                        "progress",
                        format!("{p} is not between 0 and 100 (%)"),
                    ));
                }
            }
        }
        Change::TaskDeadline { .. } => {
            require_kind(tx, &e.subject, NodeKind::Task)?;
        }
        Change::SubTaskAdded {
            year,
            title,
            responsible,
            ..
        } => {
            require_kind(tx, &e.subject, NodeKind::Task)?;
            check_year("sub-task year", *year)?;
            if title.trim().is_empty() {
                return Err(invalid("sub-task title", "it is empty"));
            }
            if let Some(org) = responsible {
                require_kind(tx, org, NodeKind::Organization)?;
            }
        }
        Change::ProjectRegistered(spec) | Change::ProjectAdjusted(spec) => {
            if matches!(e.change, Change::ProjectRegistered(_)) {
                NodeKey::new(e.subject.as_str())?;
                // A registration from another device may meet the project already made
                // there by an adjustment applied first; replay sorts it out.
                if !applying && tx.id_of(&e.subject)?.is_some() {
                    return Err(Error::DuplicateKey {
                        key: e.subject.clone(),
                    });
                }
            } else if !applying {
                require_kind(tx, &e.subject, NodeKind::Project)?;
            }
            if spec.name.trim().is_empty() {
                return Err(invalid("project name", "it is empty"));
            }
            require_kind(tx, &spec.portfolio, NodeKind::Portfolio)?;
            if let Some(a) = &spec.area {
                require_kind(tx, a, NodeKind::Area)?;
            }
            if let Some(o) = &spec.responsible {
                require_kind(tx, o, NodeKind::Organization)?;
            }
            if let Some(v) = spec.investment_wan_yuan {
                check_finite("investment", v)?;
                if v < 0.0 {
                    return Err(invalid("investment", format!("{v} 万元 is negative")));
                }
            }
            check_year("portfolio year", spec.year)?;
        }
        Change::ProjectWithdrawn if applying => {
            NodeKey::new(e.subject.as_str())?;
        }
        Change::ProjectWithdrawn => {
            require_kind(tx, &e.subject, NodeKind::Project)?;
        }
        Change::ProjectStage { .. } if applying => {
            // Validity depends on the merged order; replay decides and reports.
            NodeKey::new(e.subject.as_str())?;
        }
        Change::ProjectStage { stage } => {
            require_kind(tx, &e.subject, NodeKind::Project)?;
            let current = tx.project_state(&e.subject)?.ok_or_else(|| {
                invalid(
                    "project",
                    format!("{} has no registration event", e.subject),
                )
            })?;
            if let Some(why) = state::stage_refusal(current.stage, current.resume_stage, *stage) {
                return Err(Error::InvalidTransition {
                    project: e.subject.clone(),
                    from: current.stage,
                    to: *stage,
                    reason: why,
                });
            }
        }
        Change::Observation {
            area,
            year,
            value,
            unit,
            ..
        } => {
            let node = require_kind(tx, &e.subject, NodeKind::Indicator)?;
            require_kind(tx, area, NodeKind::Area)?;
            check_year("observation year", *year)?;
            check_finite("observation value", *value)?;
            if let NodeData::Indicator(ind) = &node.data
                && ind.unit != *unit
            {
                return Err(invalid(
                    "unit",
                    format!(
                        "{} is measured in {:?}, not {:?}; convert the value first",
                        ind.name, ind.unit, unit
                    ),
                ));
            }
            let never_negative = matches!(
                unit,
                Unit::Percent | Unit::Permille | Unit::Yuan | Unit::Count(_)
            );
            if never_negative && *value < 0.0 {
                return Err(invalid(
                    "observation value",
                    format!("{value} is negative, which a share, amount or count cannot be"),
                ));
            }
        }
        Change::Selection { option, year, .. } => {
            let subject = tx.require(&e.subject)?;
            if !matches!(subject.kind(), NodeKind::Area | NodeKind::Organization) {
                return Err(Error::WrongKind {
                    key: e.subject.clone(),
                    expected: NodeKind::Area,
                    found: subject.kind(),
                });
            }
            let opt = require_kind(tx, option, NodeKind::Task)?;
            let is_option = matches!(
                &opt.data,
                NodeData::Task(Task {
                    role: TaskRole::CityTaskOption
                        | TaskRole::CountyPilotArea
                        | TaskRole::EnterpriseInnovationArea
                        | TaskRole::DepartmentSpecialReform,
                    ..
                })
            );
            if !is_option {
                return Err(invalid(
                    "selection",
                    format!(
                        "{option} is not an option that can be selected (a city task option, county pilot area or enterprise innovation area)"
                    ),
                ));
            }
            check_year("selection year", *year)?;
        }
    }
    Ok(())
}

/// Checks the effective date of a change recorded here: not after today nor before the
/// period of the subject's plan, unless `allow_unusual` says it is meant.
pub(super) fn check_effective<R: GraphRead + ?Sized>(
    r: &R,
    e: &Event,
    allow_unusual: bool,
) -> Result<()> {
    if allow_unusual {
        return Ok(());
    }
    let today = super::clock::today();
    if e.effective > today {
        return Err(invalid(
            "effective date",
            format!(
                "{} is after today ({today}): a change is recorded once it has happened; allow an unusual date (CLI --allow-unusual-date) to record one planned ahead, shown as pending until then",
                e.effective
            ),
        ));
    }
    let plan_key = e.subject.split('/').next().unwrap_or_default();
    let start = match r.node_by_key(plan_key)?.map(|n| n.data) {
        Some(NodeData::Plan(p)) => p.period_start,
        _ => None,
    };
    if let Some(year) = start
        && e.effective.year() < year
    {
        return Err(invalid(
            "effective date",
            format!(
                "{} is before the plan's period (from {year}); check the date, or allow an unusual date (CLI --allow-unusual-date) if it is meant",
                e.effective
            ),
        ));
    }
    Ok(())
}
