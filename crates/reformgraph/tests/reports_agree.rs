//! Reports agree (issue 17, item 2): "tasks led" is one number everywhere. A project an
//! organisation is responsible for is not a task, and an annual sub-task counts with its
//! parent: the workload, the lead counts (the chart "tasks led"), the departments roll-up
//! and the assessment all say 省环保厅 leads 12 (牵头部门：省环保厅 on 12 tasks of the seed).
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

#[path = "support/stores.rs"]
mod stores;

use reformgraph::import::bundled;
use reformgraph::query;
use reformgraph::track::{self, AssessmentOptions, EventInput, LagThresholds};
use reformgraph::*;

fn d(s: &str) -> Date {
    s.parse().unwrap()
}

#[test]
fn tasks_led_is_the_same_number_in_every_report() {
    let store = Store::in_memory().unwrap();
    bundled::import_shanxi_2013(&store).unwrap();
    let inputs = [
        stores::sub_task_of_reform_16(),
        EventInput::new(
            "shanxi-2013/project/p1",
            Change::ProjectRegistered(ProjectSpec {
                name: "晋城生态修复示范".into(),
                portfolio: "shanxi-2013/portfolio".into(),
                domain: None,
                area: Some("area/晋城市".into()),
                investment_wan_yuan: None,
                responsible: Some("org/省环保厅".into()),
                year: 2014,
            }),
            "李四",
        )
        .effective(d("2014-03-01")),
    ];
    for input in inputs {
        track::record(&store, input).unwrap();
    }
    let snap = store.read().unwrap();
    let env = "org/省环保厅";

    let workload = query::workload(&snap).unwrap();
    let row = workload
        .organizations
        .iter()
        .position(|o| o == "省环保厅")
        .unwrap();
    let from_workload: u32 = workload.counts[row].iter().sum();
    let from_lead_counts = query::lead_counts(&snap)
        .unwrap()
        .into_iter()
        .find(|c| c.lead.key == env)
        .unwrap()
        .tasks;
    let from_departments = track::department_rollup(&snap, None, LagThresholds::default())
        .unwrap()
        .into_iter()
        .find(|d| d.key == env)
        .unwrap()
        .counts
        .tasks;
    let assessment = track::assessment(
        &snap,
        &AssessmentOptions {
            year: Some(2014),
            ..AssessmentOptions::default()
        },
    )
    .unwrap();
    let from_assessment = assessment
        .units
        .iter()
        .find(|u| u.key == env)
        .unwrap()
        .tasks;
    assert_eq!(
        (
            from_workload,
            from_lead_counts,
            from_departments,
            from_assessment
        ),
        (12, 12, 12, 12)
    );
}
