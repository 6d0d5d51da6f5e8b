//! Actor-scoped writes: with the policy on, an actor of organisation X may record changes
//! only on tasks X leads or co-operates on (and their annual sub-tasks), projects X is
//! responsible for, and whatever X was granted (`MayRecord` edges to a plan, section, task,
//! area, indicator or portfolio). Enforced in the core, so every binding inherits it; a
//! refusal changes nothing but is itself kept in the history as an `access_refused` event.
//! Grants are events too (`access_granted`, `grant_withdrawn` on the organisation, the
//! administrator's in a store with an administrator key); the edges are derived from them.

use crate::error::{Error, Result};
use crate::model::{
    Change, Date, Direction, EdgeLabel, Event, NodeData, NodeId, NodeKind, TaskRole,
};
use crate::query;
use crate::store::{GraphRead, Store, WriteTx};

fn deny(e: &Event, reason: impl Into<String>) -> Error {
    Error::AccessDenied {
        actor: match &e.actor.organization {
            Some(o) => format!("{} ({o})", e.actor.person),
            None => e.actor.person.clone(),
        },
        subject: e.subject.clone(),
        reason: reason.into(),
    }
}

fn granted(tx: &WriteTx<'_>, org: NodeId, target: NodeId) -> Result<bool> {
    Ok(tx.edge(org, EdgeLabel::MayRecord, target, 0)?.is_some())
}

/// The node and its containers (section, part, parent task …), nearest first.
fn ancestry(tx: &WriteTx<'_>, id: NodeId) -> Result<Vec<NodeId>> {
    let mut out = vec![id];
    let mut cursor = id;
    for _ in 0..6 {
        match tx
            .edges(cursor, Some(EdgeLabel::Contains), Direction::Incoming)?
            .first()
        {
            Some(e) => {
                out.push(e.from);
                cursor = e.from;
            }
            None => break,
        }
    }
    Ok(out)
}

/// Whether `org` leads or co-operates on `task` on `date` or, for an annual sub-task, on
/// its parent.
fn works_on(
    tx: &WriteTx<'_>,
    org: NodeId,
    org_key: &str,
    task: NodeId,
    date: Date,
) -> Result<bool> {
    for id in ancestry(tx, task)? {
        let Some(node) = tx.node(id)? else { break };
        let NodeData::Task(t) = &node.data else {
            break;
        };
        let responsible = match super::leads::assigned(tx, node.key.as_str(), date)? {
            Some(orgs) => orgs.iter().any(|o| o == org_key),
            None => {
                tx.edge(org, EdgeLabel::Leads, id, 0)?.is_some()
                    || tx.edge(org, EdgeLabel::Cooperates, id, 0)?.is_some()
            }
        };
        if responsible {
            return Ok(true);
        }
        // Only an annual sub-task defers to its parent.
        if t.role != TaskRole::AnnualAction {
            break;
        }
    }
    Ok(false)
}

/// Checks `e` against the access policy, if it is on.
pub(crate) fn check(tx: &WriteTx<'_>, e: &Event) -> Result<()> {
    // Certifications are the administrator's alone, checked with the signature
    // (`keys::admit`); refusals change nothing.
    if !tx.access_enforced()?
        || matches!(
            e.change,
            Change::AccessRefused { .. }
                | Change::KeyCertified { .. }
                | Change::KeyRevoked { .. }
                | Change::AccessGranted { .. }
                | Change::GrantWithdrawn { .. }
                | Change::LeadsAssigned { .. }
        )
    {
        return Ok(());
    }
    let Some(org_key) = &e.actor.organization else {
        return Err(deny(
            e,
            "the access policy is on: say which organisation you record for (--org)",
        ));
    };
    let org = tx.require(org_key)?.id;
    let plan_key = e.subject.split('/').next().unwrap_or_default();
    if let Some(plan) = tx.id_of(plan_key)?
        && granted(tx, org, plan)?
    {
        return Ok(());
    }
    let subject = tx.id_of(&e.subject)?;
    let grant_hint = format!("ask for a grant: reformgraph access grant {org_key} <scope key>");
    let ok = match &e.change {
        Change::TaskStatus { .. } | Change::TaskDeadline { .. } | Change::SubTaskAdded { .. } => {
            let Some(task) = subject else {
                return Err(Error::KeyNotFound {
                    key: e.subject.clone(),
                });
            };
            if works_on(tx, org, org_key, task, e.effective)? {
                true
            } else {
                let mut any = false;
                for id in ancestry(tx, task)? {
                    any |= granted(tx, org, id)?;
                }
                if !any {
                    return Err(deny(
                        e,
                        format!("{org_key} neither leads nor co-operates on it; {grant_hint}"),
                    ));
                }
                true
            }
        }
        Change::ProjectRegistered(spec) | Change::ProjectAdjusted(spec) => {
            let current = tx
                .project_state(&e.subject)?
                .and_then(|s| s.spec.responsible);
            let responsible =
                current.as_deref().or(spec.responsible.as_deref()) == Some(org_key.as_str());
            let portfolio = tx.id_of(&spec.portfolio)?;
            responsible || portfolio.map_or(Ok(false), |p| granted(tx, org, p))?
        }
        Change::ProjectWithdrawn | Change::ProjectStage { .. } => {
            let state = tx.project_state(&e.subject)?;
            let responsible = state.as_ref().and_then(|s| s.spec.responsible.as_deref())
                == Some(org_key.as_str());
            let portfolio = match state {
                Some(s) => tx.id_of(&s.spec.portfolio)?,
                None => None,
            };
            responsible || portfolio.map_or(Ok(false), |p| granted(tx, org, p))?
        }
        Change::Observation { area, .. } => {
            let on_indicator = subject.map_or(Ok(false), |i| granted(tx, org, i))?;
            let on_area = tx.id_of(area)?.map_or(Ok(false), |a| granted(tx, org, a))?;
            on_indicator || on_area
        }
        Change::Selection { .. } => {
            subject == Some(org) || subject.map_or(Ok(false), |s| granted(tx, org, s))?
        }
        Change::AccessRefused { .. }
        | Change::KeyCertified { .. }
        | Change::KeyRevoked { .. }
        | Change::AccessGranted { .. }
        | Change::GrantWithdrawn { .. }
        | Change::LeadsAssigned { .. } => true,
    };
    if ok {
        Ok(())
    } else {
        Err(deny(
            e,
            format!("{org_key} is not responsible for it and has no grant; {grant_hint}"),
        ))
    }
}

/// Lets an organisation record changes on `scope` and everything it contains (a plan, a
/// section, a task, an area, an indicator, a portfolio). Both are keys or names.
///
/// # Errors
/// [`Error::KeyNotFound`] for an unknown organisation or scope; [`Error::WrongKind`] if the
/// organisation is not one.
///
/// ```
/// use reformgraph::{Store, import::bundled, track};
/// let store = Store::in_memory()?;
/// bundled::import_shanxi_2013(&store)?;
/// track::grant(&store, "省统计局", "indicator/城镇化率")?;
/// assert_eq!(track::grants(&store.read()?)?, vec![("org/省统计局".to_owned(), "indicator/城镇化率".to_owned())]);
/// # Ok::<(), reformgraph::Error>(())
/// ```
pub fn grant(store: &Store, organization: &str, scope: &str) -> Result<()> {
    grant_event(store, organization, scope, true, None).map(|_| ())
}

/// [`grant`], signed by the administrator: how grants are made in a store with an
/// administrator key (see `track::keys`).
///
/// # Errors
/// As [`grant`]; [`Error::AccessDenied`] if `admin` is not the store's administrator.
pub fn grant_as(
    store: &Store,
    admin: &super::SecretKey,
    organization: &str,
    scope: &str,
) -> Result<()> {
    grant_event(store, organization, scope, true, Some(admin)).map(|_| ())
}

/// [`revoke`], signed by the administrator.
///
/// # Errors
/// As [`grant_as`].
pub fn revoke_as(
    store: &Store,
    admin: &super::SecretKey,
    organization: &str,
    scope: &str,
) -> Result<bool> {
    grant_event(store, organization, scope, false, Some(admin))
}

/// Records a grant or its withdrawal as an event (its `may_record` edge is the derived
/// state), unless it would change nothing. Returns whether it recorded one.
fn grant_event(
    store: &Store,
    organization: &str,
    scope: &str,
    on: bool,
    admin: Option<&super::SecretKey>,
) -> Result<bool> {
    let (org, target, had) = {
        let snap = store.read()?;
        let org = query::resolve(&snap, NodeKind::Organization, organization)?;
        let target = query::resolve_any(&snap, scope)?;
        let had = snap
            .edge(org.id, EdgeLabel::MayRecord, target.id, 0)?
            .is_some();
        (org.key.to_string(), target.key.to_string(), had)
    };
    if had == on {
        return Ok(false);
    }
    let change = if on {
        Change::AccessGranted { scope: target }
    } else {
        Change::GrantWithdrawn { scope: target }
    };
    let mut input = super::EventInput::new(org, change, "administrator");
    if let Some(key) = admin {
        input = input.signed_by(key);
    }
    super::record(store, input)?;
    Ok(true)
}

/// Withdraws a grant. Returns whether there was one.
///
/// # Errors
/// As [`grant`].
///
/// ```
/// use reformgraph::{Store, import::bundled, track};
/// let store = Store::in_memory()?;
/// bundled::import_shanxi_2013(&store)?;
/// assert!(!track::revoke(&store, "省统计局", "shanxi-2013")?);
/// # Ok::<(), reformgraph::Error>(())
/// ```
pub fn revoke(store: &Store, organization: &str, scope: &str) -> Result<bool> {
    grant_event(store, organization, scope, false, None)
}

/// Every grant, as (organisation key, scope key), sorted.
///
/// # Errors
/// Storage or decoding errors.
///
/// ```
/// use reformgraph::{Store, track};
/// assert!(track::grants(&Store::in_memory()?.read()?)?.is_empty());
/// # Ok::<(), reformgraph::Error>(())
/// ```
pub fn grants<R: GraphRead + ?Sized>(r: &R) -> Result<Vec<(String, String)>> {
    let mut out = Vec::new();
    for org in r.all::<crate::model::Organization>()? {
        for (_, n) in r.neighbors(
            org.id.node(),
            Some(EdgeLabel::MayRecord),
            Direction::Outgoing,
        )? {
            out.push((org.key.to_string(), n.key.to_string()));
        }
    }
    out.sort();
    Ok(out)
}

/// Switches the access policy on or off.
///
/// # Errors
/// Storage errors.
///
/// ```
/// use reformgraph::{Store, track};
/// let store = Store::in_memory()?;
/// track::set_access_enforced(&store, true)?;
/// assert!(store.access_enforced()?);
/// # Ok::<(), reformgraph::Error>(())
/// ```
pub fn set_access_enforced(store: &Store, on: bool) -> Result<()> {
    store.write(|tx| tx.set_access_enforced(on))
}
