//! The frozen rules agree with `model::state` today. If a change of the tracking rules
//! makes this fail, the upgrade 1 → 2 must still write what schema 2 did: keep these rules,
//! and add a schema step that rebuilds the timeline by the new ones.

use super::*;
use crate::model::state;
use crate::model::{Actor, Change, Date, Event, EventId, ProjectSpec, ProjectStage, TaskStatus};

fn event(n: usize, change: Change) -> Event {
    let day = u8::try_from(n % 28 + 1).unwrap_or(1);
    let month = u8::try_from(n / 28 % 12 + 1).unwrap_or(1);
    Event {
        id: EventId(0x0190_0000_0000_7000_8000_0000_0000_0000 + n as u128),
        recorded_at: 1_400_000_000_000 + n as i64,
        effective: Date::new(2014, month, day).unwrap_or(Date::MIN),
        actor: Actor {
            person: "张三".into(),
            organization: None,
        },
        evidence: None,
        subject: "p/x".into(),
        change,
        supersedes: None,
        seal: None,
    }
}

/// Replays `changes` both ways and compares every checkpoint.
fn agree(plan_deadline: Option<Date>, changes: &[Change]) {
    let history: Vec<Event> = changes
        .iter()
        .enumerate()
        .map(|(n, c)| event(n, c.clone()))
        .collect();
    let (today, _) = state::replay(plan_deadline, &history);
    let today: Vec<(u128, CheckpointV1)> =
        today.into_iter().map(|(e, c)| (e.id.0, c.into())).collect();
    let frozen_history: Vec<EventV1> = history.into_iter().map(Into::into).collect();
    let frozen: Vec<(u128, CheckpointV1)> = replay(plan_deadline.map(Into::into), &frozen_history)
        .into_iter()
        .map(|(e, c)| (e.id, c))
        .collect();
    assert_eq!(frozen, today, "{changes:?}");
}

fn spec(name: &str) -> ProjectSpec {
    ProjectSpec {
        name: name.into(),
        portfolio: "p/portfolio".into(),
        domain: None,
        area: None,
        investment_wan_yuan: Some(1.5),
        responsible: None,
        year: 2014,
    }
}

#[test]
fn task_histories_replay_as_today() {
    let deadline = Date::new(2015, 12, 31).ok();
    let options = [
        Change::TaskStatus {
            status: TaskStatus::InProgress,
            progress: Some(30.0),
            note: Some("进展".into()),
        },
        Change::TaskStatus {
            status: TaskStatus::Completed,
            progress: None,
            note: None,
        },
        Change::TaskDeadline {
            deadline: Date::new(2016, 6, 30).unwrap_or(Date::MAX),
        },
        Change::TaskStatus {
            status: TaskStatus::Delayed,
            progress: None,
            note: Some("滞后".into()),
        },
        Change::Selection {
            option: "p/option/1".into(),
            year: 2014,
            selected: true,
        },
    ];
    for a in &options {
        for b in &options {
            for c in &options {
                for plan in [None, deadline] {
                    agree(plan, &[a.clone(), b.clone(), c.clone()]);
                }
            }
        }
    }
}

#[test]
fn project_histories_replay_as_today() {
    let mut options: Vec<Change> = ProjectStage::LIFECYCLE
        .into_iter()
        .chain([ProjectStage::Suspended, ProjectStage::Cancelled])
        .map(|stage| Change::ProjectStage { stage })
        .collect();
    options.push(Change::ProjectWithdrawn);
    options.push(Change::ProjectAdjusted(spec("调整")));
    options.push(Change::ProjectRegistered(spec("再登记")));
    for a in &options {
        for b in &options {
            for c in &options {
                let moves = [a.clone(), b.clone(), c.clone()];
                agree(None, &moves);
                let mut registered = vec![Change::ProjectRegistered(spec("项目"))];
                registered.extend(moves);
                agree(None, &registered);
            }
        }
    }
}
