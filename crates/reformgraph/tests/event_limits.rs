//! What an event may carry, checked at every door: free-text limits and control characters
//! (record and changeset apply alike), and an event id reused with other content.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use reformgraph::import::bundled;
use reformgraph::track::{self, EventInput};
use reformgraph::*;

fn shanxi() -> Store {
    let store = Store::in_memory().unwrap();
    bundled::import_shanxi_2013(&store).unwrap();
    store
}

const TASK: &str = "shanxi-2013/reform/10";

fn with_note(note: String) -> EventInput {
    EventInput::task_status(TASK, TaskStatus::InProgress, Some(20.0), "张三").evidence(Evidence {
        note: Some(note),
        ..Evidence::default()
    })
}

#[test]
fn a_note_over_the_limit_is_refused_with_the_limit_named_and_nothing_is_written() {
    let store = shanxi();
    let err = track::record(&store, with_note("资".repeat(track::MAX_NOTE_CHARS + 1))).unwrap_err();
    assert!(matches!(err, Error::Invalid { .. }), "{err:?}");
    assert!(
        err.to_string().contains(&track::MAX_NOTE_CHARS.to_string()),
        "{err}"
    );
    assert_eq!(store.read().unwrap().event_count().unwrap(), 0);
    // A note of the largest size, with paragraphs, is kept whole.
    let longest = format!(
        "{}\n{}",
        "资".repeat(10),
        "金".repeat(track::MAX_NOTE_CHARS - 11)
    );
    let e = track::record(&store, with_note(longest.clone())).unwrap();
    assert_eq!(e.evidence.and_then(|ev| ev.note), Some(longest));
}

#[test]
fn terminal_escape_sequences_in_names_and_evidence_are_refused() {
    let store = shanxi();
    let person = EventInput::task_status(TASK, TaskStatus::InProgress, None, "张三\u{1b}[2J");
    assert!(matches!(
        track::record(&store, person),
        Err(Error::Invalid { .. })
    ));
    let osc = with_note("进展\u{1b}]8;;http://x\u{7}链接".to_owned());
    assert!(matches!(
        track::record(&store, osc),
        Err(Error::Invalid { .. })
    ));
    assert_eq!(store.read().unwrap().event_count().unwrap(), 0);
}

#[test]
fn a_received_event_over_the_limits_is_refused_like_a_recorded_one() {
    let device = shanxi();
    let e = track::record(&device, with_note("ok".into())).unwrap();
    let mut changes = track::export_changeset(&device.read().unwrap(), 0, usize::MAX).unwrap();
    changes.events[0].actor.person = "李\u{1b}[31m四".into();
    let office = shanxi();
    assert!(matches!(
        track::apply_changeset(&office, &changes),
        Err(Error::Invalid { .. })
    ));
    assert!(office.read().unwrap().event(e.id).unwrap().is_none());
}

#[test]
fn an_event_id_reused_with_other_content_is_refused_and_reported_not_counted_as_here() {
    let device = shanxi();
    let original = track::record(&device, with_note("原始记录".into())).unwrap();
    let office = shanxi();
    let changes = track::export_changeset(&device.read().unwrap(), 0, usize::MAX).unwrap();
    assert_eq!(
        track::apply_changeset(&office, &changes).unwrap().applied,
        1
    );
    // The same id, with the progress changed.
    let mut forged = changes.clone();
    if let Change::TaskStatus { progress, .. } = &mut forged.events[0].change {
        *progress = Some(100.0);
    }
    let report = track::apply_changeset(&office, &forged).unwrap();
    assert_eq!((report.applied, report.duplicates), (0, 0));
    assert_eq!(report.refused.len(), 1, "{report:?}");
    assert_eq!(report.refused[0].event, original.id);
    assert!(
        report.refused[0].reason.contains("different content"),
        "{report:?}"
    );
    let snap = office.read().unwrap();
    assert_eq!(snap.event(original.id).unwrap(), Some(original));
    assert_eq!(snap.task_state(TASK).unwrap().unwrap().progress, 20.0);
    // The true copy is still "already here".
    assert_eq!(
        track::apply_changeset(&office, &changes)
            .unwrap()
            .duplicates,
        1
    );
}

#[test]
fn a_progress_note_over_the_limit_is_refused_too() {
    let store = shanxi();
    let long = EventInput::new(
        TASK,
        Change::TaskStatus {
            status: TaskStatus::InProgress,
            progress: Some(10.0),
            note: Some("进".repeat(track::MAX_NOTE_CHARS + 1)),
        },
        "张三",
    );
    assert!(matches!(
        track::record(&store, long),
        Err(Error::Invalid { .. })
    ));
}
