//! 考核 (issue 17, item 3): every unit the plan holds to account — cities, pilot counties,
//! provincial departments, pilot enterprises (七、（六）实施考核评价) — scored by the rubric
//! and ranked within its group. Expectations from the seed: 11 cities of Shanxi, 11 pilot
//! counties and 12 pilot enterprises (六、（二）（四）), 省环保厅 leads 12 tasks, cities choose
//! at least two of ten tasks a year, counties two of six.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use reformgraph::import::bundled;
use reformgraph::track::{
    self, AssessedGroup, AssessedUnit, Assessment, AssessmentOptions, AssessmentRubric, EventInput,
};
use reformgraph::*;

fn d(s: &str) -> Date {
    s.parse().unwrap()
}

fn shanxi() -> Store {
    let store = Store::in_memory().unwrap();
    bundled::import_shanxi_2013(&store).unwrap();
    store
}

fn assess(store: &Store, rubric: AssessmentRubric) -> Assessment {
    let opts = AssessmentOptions {
        year: Some(2014),
        rubric,
        ..AssessmentOptions::default()
    };
    track::assessment(&store.read().unwrap(), &opts).unwrap()
}

fn unit<'a>(a: &'a Assessment, key: &str) -> &'a AssessedUnit {
    a.units.iter().find(|u| u.key == key).unwrap()
}

fn group(a: &Assessment, g: AssessedGroup) -> Vec<&AssessedUnit> {
    a.units.iter().filter(|u| u.group == g).collect()
}

#[test]
fn every_group_the_plan_assesses_is_there() {
    let a = assess(&shanxi(), AssessmentRubric::default());
    assert_eq!((a.year, a.as_of), (2014, d("2014-12-31")));
    assert_eq!(group(&a, AssessedGroup::City).len(), 11);
    assert_eq!(group(&a, AssessedGroup::PilotCounty).len(), 11);
    assert_eq!(group(&a, AssessedGroup::PilotEnterprise).len(), 12);
    assert_eq!(unit(&a, "org/省环保厅").tasks, 12);
    // Groups come in order, cities first.
    let order: Vec<AssessedGroup> = a.units.iter().map(|u| u.group).collect();
    let mut sorted = order.clone();
    sorted.sort();
    assert_eq!(order, sorted);
}

#[test]
fn a_county_that_made_its_selections_ranks_above_those_that_did_not() {
    let store = shanxi();
    for option in ["shanxi-2013/county-area/1", "shanxi-2013/county-area/2"] {
        track::record(
            &store,
            EventInput::selection("area/孝义市", option, 2014, "孝义市改革办")
                .effective(d("2014-03-01")),
        )
        .unwrap();
    }
    let a = assess(&store, AssessmentRubric::default());
    let xiaoyi = unit(&a, "area/孝义市");
    assert_eq!(
        (xiaoyi.selections_made, xiaoyi.selections_required),
        (Some(2), Some(2))
    );
    // No task is led by 孝义市's government: it is scored on its selections alone.
    assert_eq!((xiaoyi.tasks, xiaoyi.completion), (0, None));
    assert_eq!((xiaoyi.score, xiaoyi.rank), (Some(100.0), Some(1)));
    let counties = group(&a, AssessedGroup::PilotCounty);
    assert_eq!(counties[0].key, "area/孝义市");
    assert!(
        counties[1..]
            .iter()
            .all(|c| c.score == Some(0.0) && c.rank == Some(2))
    );
}

#[test]
fn a_department_is_scored_on_completion_and_timeliness_of_the_tasks_it_leads() {
    let store = shanxi();
    track::record(
        &store,
        EventInput::task_status("shanxi-2013/reform/11", TaskStatus::Completed, None, "张三")
            .effective(d("2014-07-01")),
    )
    .unwrap();
    let a = assess(&store, AssessmentRubric::default());
    let env = unit(&a, "org/省环保厅");
    // One of its 12 tasks completed; the other 11 not started at the end of 2014, far
    // behind the calendar: red. No target of its tasks is measured and no rule asks it to
    // select, so completion (40) and timeliness (30) make the whole.
    assert_eq!((env.tasks, env.completed, env.red), (12, 1, 11));
    let twelfth = 1.0 / 12.0;
    assert!((env.completion.unwrap() - twelfth).abs() < 1e-9);
    assert!((env.timeliness.unwrap() - twelfth).abs() < 1e-9);
    assert_eq!((env.targets, env.selections), (None, None));
    assert!((env.score.unwrap() - 100.0 * twelfth).abs() < 1e-9);
    assert_eq!(
        env.rank,
        Some(1),
        "the only department with a completed task"
    );

    // Weights are the caller's: timeliness alone gives the same share.
    let only_time = AssessmentRubric::given(Some(0.0), None, Some(0.0), Some(0.0)).unwrap();
    let b = assess(&store, only_time);
    assert!((unit(&b, "org/省环保厅").score.unwrap() - 100.0 * twelfth).abs() < 1e-9);
}

#[test]
fn a_unit_with_nothing_to_measure_has_no_score_and_ranks_last() {
    let a = assess(&shanxi(), AssessmentRubric::default());
    // The plan's pilot enterprises lead no task and no rule counts their choices.
    for e in group(&a, AssessedGroup::PilotEnterprise) {
        assert_eq!((e.score, e.rank), (None, None), "{}", e.name);
    }
}

#[test]
fn the_rubric_refuses_weights_that_mean_nothing() {
    assert!(AssessmentRubric::given(Some(f64::NAN), None, None, None).is_err());
    assert!(AssessmentRubric::given(Some(0.0), Some(0.0), Some(0.0), Some(0.0)).is_err());
}

#[test]
fn an_assessment_in_progress_reads_the_state_on_its_date() {
    let store = shanxi();
    let opts = AssessmentOptions {
        year: Some(2014),
        as_of: Some(d("2014-06-30")),
        ..AssessmentOptions::default()
    };
    let a = track::assessment(&store.read().unwrap(), &opts).unwrap();
    assert_eq!(a.as_of, d("2014-06-30"));
}

#[test]
fn the_workbook_has_the_title_the_weights_and_a_row_per_unit() {
    use calamine::{Data, Reader};
    let store = shanxi();
    let a = assess(&store, AssessmentRubric::default());
    let bytes = reformgraph::export::assessment_xlsx(&a).unwrap();
    let mut book: calamine::Xlsx<_> =
        calamine::open_workbook_from_rs(std::io::Cursor::new(bytes)).unwrap();
    let range = book.worksheet_range("考核").unwrap();
    let text = |r: u32, c: u32| match range.get_value((r, c)) {
        Some(Data::String(s)) => s.clone(),
        other => format!("{other:?}"),
    };
    assert_eq!(text(0, 0), "2014年度转型综改目标责任考核");
    assert!(text(1, 0).contains("截至2014年12月31日") && text(1, 0).contains("完成情况40"));
    assert_eq!(
        (text(2, 0), text(2, 2), text(2, 3)),
        ("组别".into(), "单位".into(), "得分".into())
    );
    assert_eq!(range.height(), 3 + a.units.len());
    assert_eq!(text(3, 0), "市");
}
