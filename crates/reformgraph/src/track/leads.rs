//! Who is responsible for a task, once the plan has been re-imported with other leads.
//!
//! The first import of a plan is the baseline: its lead (牵头) and co-operating (配合) edges
//! say who may record on each task. A later import that names other organisations for a
//! task is a `leads_assigned` event — the administrator's, signed, in a store with an
//! administrator key — so the change is in the history, travels in changesets, and the
//! access policy of every device that has the event reads the same organisations for the
//! task from its effective date ([`assigned`]), whether or not that device re-imported the
//! plan.

use super::{EventInput, SecretKey, engine::record_in, state};
use crate::error::{Error, Result};
use crate::model::{Change, Date};
use crate::store::{GraphRead, WriteTx};

/// A task whose responsible organisations a new version of its plan changes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reassignment {
    /// The task's key.
    pub task: String,
    /// Lead organisation keys before, in the plan's order.
    pub previous_leads: Vec<String>,
    /// Co-operating organisation keys before, sorted.
    pub previous_cooperating: Vec<String>,
    /// Lead organisation keys now, in the plan's order.
    pub leads: Vec<String>,
    /// Co-operating organisation keys now, sorted.
    pub cooperating: Vec<String>,
}

/// The organisations responsible for the task `key` on `date` by its `leads_assigned`
/// events: those of the latest assignment effective by then or, before the first, those it
/// replaced. `None` for a task never re-assigned: the plan's edges say.
pub(crate) fn assigned(tx: &WriteTx<'_>, key: &str, date: Date) -> Result<Option<Vec<String>>> {
    // Most tasks are never re-assigned: one slot lookup instead of reading their history.
    if tx.slot_winner(&format!("{key}#leads"))?.is_none() {
        return Ok(None);
    }
    let mut history = tx.events_of(key)?;
    state::sort(&mut history);
    let mut before_first = None;
    let mut current = None;
    for e in &history {
        if let Change::LeadsAssigned {
            leads,
            cooperating,
            previous_leads,
            previous_cooperating,
        } = &e.change
        {
            if before_first.is_none() {
                before_first = Some([previous_leads.as_slice(), previous_cooperating].concat());
            }
            if e.effective <= date {
                current = Some([leads.as_slice(), cooperating].concat());
            }
        }
    }
    Ok(current.or(before_first))
}

/// The latest assignment of the task `key`, as (leads, co-operating), if any.
fn latest_assignment(tx: &WriteTx<'_>, key: &str) -> Result<Option<(Vec<String>, Vec<String>)>> {
    let Some(id) = tx.slot_winner(&format!("{key}#leads"))? else {
        return Ok(None);
    };
    Ok(match tx.event(id)?.map(|e| e.change) {
        Some(Change::LeadsAssigned {
            leads, cooperating, ..
        }) => Some((leads, cooperating)),
        _ => None,
    })
}

/// Records a `leads_assigned` event for each re-assignment that the task's latest
/// assignment does not already say (a device re-importing a version whose assignments it
/// received from the administrator records nothing). Signed by `admin` when given. Returns
/// the tasks it recorded an event for.
///
/// # Errors
/// [`Error::AccessDenied`] naming the tasks when the store has an administrator key and
/// `admin` is not given (only the administrator re-assigns leads) or is not that key;
/// validation and storage errors. The caller's transaction then writes nothing.
pub fn record_reassignments(
    tx: &mut WriteTx<'_>,
    reassignments: &[Reassignment],
    admin: Option<&SecretKey>,
) -> Result<Vec<String>> {
    let mut pending = Vec::new();
    for r in reassignments {
        let known = latest_assignment(tx, &r.task)?;
        if known.as_ref() != Some(&(r.leads.clone(), r.cooperating.clone())) {
            pending.push(r);
        }
    }
    if pending.is_empty() {
        return Ok(Vec::new());
    }
    if admin.is_none() && tx.admin_key()?.is_some() {
        let first: Vec<&str> = pending.iter().take(5).map(|r| r.task.as_str()).collect();
        return Err(Error::AccessDenied {
            actor: "import".into(),
            subject: first.join(", "),
            reason: format!(
                "this version of the plan changes who leads or co-operates on {} task(s), and in a store with an administrator key only the administrator re-assigns them: re-import with the administrator's key (--admin FILE)",
                pending.len()
            ),
        });
    }
    let mut recorded = Vec::with_capacity(pending.len());
    for r in pending {
        let change = Change::LeadsAssigned {
            leads: r.leads.clone(),
            cooperating: r.cooperating.clone(),
            previous_leads: r.previous_leads.clone(),
            previous_cooperating: r.previous_cooperating.clone(),
        };
        let mut input = EventInput::new(r.task.clone(), change, "administrator");
        // Its date is the store clock's, not a caller's: no date check to pass.
        input.allow_unusual_date = true;
        if let Some(key) = admin {
            input = input.signed_by(key);
        }
        record_in(tx, input)?;
        recorded.push(r.task.clone());
    }
    Ok(recorded)
}
