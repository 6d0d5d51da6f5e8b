//! 督办 (issue 17, item 3): the overdue tasks by organisation, with whom to chase.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

#[path = "support/stores.rs"]
mod stores;

use reformgraph::query::TaskFilter;
use reformgraph::track::{self, EventInput};
use reformgraph::*;

fn d(s: &str) -> Date {
    s.parse().unwrap()
}

/// Four tasks with their deadlines in the text: 省经信委 leads the first two (the second
/// with 省环保厅), 省环保厅 the last two.
const PLAN: &str = "1.推进煤电体制改革，2014年6月底前完成。（牵头部门：省经信委）
2.推进煤层气开发利用，2014年底前完成。（牵头部门：省经信委、省环保厅）
3.建立排污权交易制度，2015年底前完成。（牵头部门：省环保厅）
4.开展生态补偿调研，2014年9月底前完成。（牵头部门：省环保厅）
";

fn store() -> Store {
    stores::demo_store(PLAN)
}

#[test]
fn overdue_tasks_come_by_organisation_most_first_longest_late_first() {
    let store = store();
    track::record(
        &store,
        EventInput::task_status("demo/task/4", TaskStatus::InProgress, Some(50.0), "李四")
            .effective(d("2014-10-01")),
    )
    .unwrap();
    let late = track::overdue(
        &store.read().unwrap(),
        &TaskFilter::default(),
        Some(d("2015-01-10")),
    )
    .unwrap();
    let rows: Vec<(&str, Option<&str>, u32)> = late
        .iter()
        .map(|t| (t.task.as_str(), t.organization_name.as_deref(), t.days_late))
        .collect();
    // Task 1 due 2014-06-30: 194 days late on 2015-01-10; task 2 due 2014-12-31: 10; task
    // 4 due 2014-09-30: 102. Task 3 is due at the end of 2015. 省经信委 has two to chase.
    assert_eq!(
        rows,
        [
            ("demo/task/1", Some("省经信委"), 194),
            ("demo/task/2", Some("省经信委"), 10),
            ("demo/task/4", Some("省环保厅"), 102),
        ]
    );
    assert_eq!(late[1].co_leads, ["省环保厅"]);
    assert_eq!(late[0].last_update, None, "never updated");
    let four = &late[2];
    assert_eq!(
        (four.status, four.progress, four.last_actor.as_deref()),
        (TaskStatus::InProgress, 50.0, Some("李四"))
    );
    // 2014-10-01 → 2015-01-10.
    assert_eq!(four.days_since_update, Some(101));
}

#[test]
fn a_closed_task_is_not_overdue_and_one_organisation_can_be_asked_for() {
    let store = store();
    track::record(
        &store,
        EventInput::task_status("demo/task/1", TaskStatus::Completed, None, "王五")
            .effective(d("2014-07-15")),
    )
    .unwrap();
    let snap = store.read().unwrap();
    let all = track::overdue(&snap, &TaskFilter::default(), Some(d("2015-01-10"))).unwrap();
    assert!(
        all.iter().all(|t| t.task != "demo/task/1"),
        "completed late, not overdue"
    );
    let env = TaskFilter {
        lead: Some("省环保厅".into()),
        ..TaskFilter::default()
    };
    let mine = track::overdue(&snap, &env, Some(d("2015-01-10"))).unwrap();
    let tasks: Vec<&str> = mine.iter().map(|t| t.task.as_str()).collect();
    // 省环保厅 co-leads task 2 (省经信委 first: chased there) and leads task 4. One task
    // each: the longer overdue (task 4, 102 days against 10) comes first.
    assert_eq!(tasks, ["demo/task/4", "demo/task/2"]);
    assert_eq!(mine[1].organization_name.as_deref(), Some("省经信委"));
    // Before any deadline, nothing.
    assert!(
        track::overdue(&snap, &TaskFilter::default(), Some(d("2014-06-30")))
            .unwrap()
            .is_empty()
    );
    let unknown = TaskFilter {
        lead: Some("不存在的厅".into()),
        ..TaskFilter::default()
    };
    assert!(track::overdue(&snap, &unknown, None).is_err());
    let other_plan = TaskFilter {
        plan: Some("shanxi-2013".into()),
        ..TaskFilter::default()
    };
    assert!(
        matches!(
            track::overdue(&snap, &other_plan, None),
            Err(Error::KeyNotFound { .. } | Error::NameNotFound { .. })
        ),
        "a plan the store does not hold is an error, not an empty list"
    );
}
