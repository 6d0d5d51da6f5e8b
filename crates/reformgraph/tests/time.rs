//! What "now" means: today, everywhere. A change dated ahead needs saying so, and is pending
//! until its date; a change dated before its plan's period needs saying so too; the
//! recording time is the store's clock's, never the caller's.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use reformgraph::import::bundled;
use reformgraph::track::{self, EventInput, LagThresholds};
use reformgraph::*;

fn shanxi() -> Store {
    let store = Store::in_memory().unwrap();
    bundled::import_shanxi_2013(&store).unwrap();
    store
}

const TASK: &str = "shanxi-2013/reform/10";

fn in_days(n: i64) -> Date {
    let today = track::today();
    let mut d = today;
    // Step by whole days through the calendar (Date has no arithmetic of its own here).
    for _ in 0..n {
        let next = Date::new(d.year(), d.month(), d.day() + 1)
            .or_else(|_| Date::new(d.year(), d.month() + 1, 1))
            .or_else(|_| Date::new(d.year() + 1, 1, 1))
            .unwrap();
        d = next;
    }
    d
}

fn completed(on: Date) -> EventInput {
    EventInput::task_status(TASK, TaskStatus::Completed, Some(100.0), "张三").effective(on)
}

#[test]
fn a_change_dated_after_today_is_refused_unless_allowed() {
    let store = shanxi();
    let err = track::record(&store, completed(in_days(30))).unwrap_err();
    assert!(matches!(err, Error::Invalid { .. }), "{err:?}");
    assert!(err.to_string().contains("after today"), "{err}");
    assert_eq!(store.read().unwrap().event_count().unwrap(), 0);
    track::record(&store, completed(in_days(30)).allow_unusual_date()).unwrap();
}

#[test]
fn a_change_dated_ahead_is_pending_and_reports_without_a_date_agree_with_today() {
    let store = shanxi();
    track::record(
        &store,
        EventInput::task_status(TASK, TaskStatus::InProgress, Some(40.0), "张三")
            .effective(d("2014-06-30")),
    )
    .unwrap();
    let ahead = in_days(400);
    track::record(&store, completed(ahead).allow_unusual_date()).unwrap();
    let snap = store.read().unwrap();
    let t = LagThresholds::default();
    let now = track::task_view(&snap, TASK, None, t).unwrap();
    let today = track::task_view(&snap, TASK, Some(track::today()), t).unwrap();
    assert_eq!(now, today, "no date means today");
    assert_eq!((now.status, now.progress), (TaskStatus::InProgress, 40.0));
    assert_eq!(now.pending, Some(ahead));
    // Once the date has come, the change counts and nothing is pending.
    let then = track::task_view(&snap, TASK, Some(ahead), t).unwrap();
    assert_eq!((then.status, then.pending), (TaskStatus::Completed, None));
    // The roll-ups built on the views agree too.
    assert_eq!(
        track::department_rollup(&snap, None, t).unwrap(),
        track::department_rollup(&snap, Some(track::today()), t).unwrap()
    );
}

#[test]
fn a_change_dated_before_the_plans_period_is_refused_unless_allowed() {
    let store = shanxi();
    // The plan runs 2013–2015.
    let err = track::record(&store, completed(d("2012-12-31"))).unwrap_err();
    assert!(
        err.to_string().contains("before the plan's period"),
        "{err}"
    );
    track::record(&store, completed(d("2013-01-01"))).unwrap();
    track::record(&store, completed(d("2012-12-31")).allow_unusual_date()).unwrap();
}

#[test]
fn the_recording_time_comes_from_the_stores_clock_and_ids_follow_it() {
    let store = shanxi();
    // The system clock by default: a UUIDv7 of now, not ffffffff-ffff.
    let e = track::record(
        &store,
        EventInput::task_status(TASK, TaskStatus::InProgress, None, "张三"),
    )
    .unwrap();
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_millis() as i64;
    assert!(
        (now - e.recorded_at).abs() < 60_000,
        "{} vs {now}",
        e.recorded_at
    );
    assert_eq!(e.id.0 >> 80, u128::try_from(e.recorded_at).unwrap());
    // A test installs its own clock; a caller cannot set a recording time at all.
    let clock = std::sync::Arc::new(reformgraph::store::ManualClock::new(1_400_000_000_000));
    store.set_clock(clock.clone());
    let e = track::record(
        &store,
        EventInput::task_status(TASK, TaskStatus::Delayed, None, "张三").effective(d("2014-05-13")),
    )
    .unwrap();
    assert_eq!(e.recorded_at, 1_400_000_000_000);
    assert_eq!(e.effective, d("2014-05-13"));
}

#[test]
fn a_project_stage_dated_ahead_is_not_counted_in_todays_funnel() {
    let store = shanxi();
    track::record(
        &store,
        EventInput::new(
            "shanxi-2013/project/p1",
            Change::ProjectRegistered(ProjectSpec {
                name: "煤层气输气管网".into(),
                portfolio: "shanxi-2013/portfolio".into(),
                domain: None,
                area: None,
                investment_wan_yuan: None,
                responsible: None,
                year: 2014,
            }),
            "李四",
        )
        .effective(d("2014-03-01")),
    )
    .unwrap();
    track::record(
        &store,
        EventInput::project_stage("shanxi-2013/project/p1", ProjectStage::Signed, "李四")
            .effective(in_days(10))
            .allow_unusual_date(),
    )
    .unwrap();
    let snap = store.read().unwrap();
    let now = track::project_funnel(&snap, "shanxi-2013/portfolio", None, None).unwrap();
    let today =
        track::project_funnel(&snap, "shanxi-2013/portfolio", None, Some(track::today())).unwrap();
    assert_eq!(now, today);
    assert_eq!(now.total, 1);
    let signed = now
        .stages
        .iter()
        .find(|s| s.stage == ProjectStage::Signed)
        .map_or(0, |s| s.projects);
    assert_eq!(signed, 0, "{now:?}");
}

fn d(s: &str) -> Date {
    s.parse().unwrap()
}
