//! What the records module promises: the codec takes record types and never a public one,
//! the table of the module's documentation names every table and record, and a record the
//! public type refuses is corruption, not a panic.

use super::common::DateV1;
use super::event_v1::EventV1;
use super::node_v2::{NodeDataV2, NodeRecordV2, SectionLevelV2, SectionV2};
use super::*;
use crate::model::{Actor, Change, Date, EdgeKind, EventId, NodeData, TaskStatus};

/// `implements!(T: Trait)` is true when `T` implements `Trait`, false otherwise, at compile
/// time: the inherent constant is only there when the bound holds, and takes precedence
/// over the trait's.
macro_rules! implements {
    ($ty:ty: $bound:path) => {{
        // One of the two constants goes unused in each expansion.
        #[allow(dead_code)]
        trait Not {
            const YES: bool = false;
        }
        impl<T: ?Sized> Not for T {}
        struct Probe<T: ?Sized>(std::marker::PhantomData<T>);
        #[allow(dead_code)]
        impl<T: ?Sized + $bound> Probe<T> {
            const YES: bool = true;
        }
        <Probe<$ty>>::YES
    }};
}

#[test]
fn the_codec_takes_record_types_and_no_public_type() {
    assert!(implements!(NodeRecordV2: StoredRecord));
    assert!(implements!(EventV1: StoredRecord));
    assert!(implements!(CheckpointV1: StoredRecord));
    assert!(implements!(EdgeKindV1: StoredRecord));
    assert!(implements!(u64: StoredRecord));
    // The public types keep their serde derives (JSON), but the codec refuses them.
    assert!(implements!(Event: serde::Serialize));
    assert!(!implements!(Event: StoredRecord));
    assert!(!implements!(NodeData: StoredRecord));
    assert!(!implements!(TaskState: StoredRecord));
    assert!(!implements!(ProjectState: StoredRecord));
    assert!(!implements!(Observation: StoredRecord));
    assert!(!implements!(Checkpoint: StoredRecord));
    assert!(!implements!(EdgeKind: StoredRecord));
    assert!(!implements!(NodeRecord: StoredRecord));
    // Nor does it take a nested record on its own: only what a table stores.
    assert!(!implements!(SectionV2: StoredRecord));
}

/// Whitespace-free, so `Vec<String>` matches however `stringify!` spaces it.
fn squeeze(s: &str) -> String {
    s.split_whitespace().collect()
}

#[test]
fn the_records_table_names_every_table_and_record_type() {
    let doc = squeeze(include_str!("mod.rs"));
    let tables = include_str!("../tables.rs");
    let names: Vec<&str> = tables
        .split("TableDefinition::new(\"")
        .skip(1)
        .filter_map(|rest| rest.split('"').next())
        .collect();
    assert!(names.len() >= 20, "{names:?}");
    for name in names {
        assert!(
            doc.contains(&format!("|`{name}`")) || doc.contains(&format!(",`{name}`")),
            "the table of store/records/mod.rs does not list `{name}`"
        );
    }
    for record in STORED_RECORDS {
        let record = squeeze(record);
        assert!(
            doc.contains(&format!("{record}`")),
            "the table of store/records/mod.rs does not name `{record}`"
        );
    }
}

fn corrupt_in(result: Result<impl std::fmt::Debug>, table: &str, key: &str) {
    match result {
        Err(Error::Corrupt {
            table: t, key: k, ..
        }) => assert_eq!((t, k.as_str()), (table, key)),
        other => unreachable!("expected corruption in {table} [{key}], got {other:?}"),
    }
}

#[test]
fn a_record_the_public_type_refuses_is_corruption_with_table_and_key() {
    let section = NodeDataV2::Section(SectionV2 {
        level: SectionLevelV2::Part,
        number: "二".into(),
        ordinal: 2,
        title: "重大改革".into(),
        paragraphs: vec![],
    });
    let bad_key = NodeRecordV2 {
        key: "p//part".into(),
        source: None,
        data: section,
    };
    let bytes = codec::encode_as(FORMAT_V2, &bad_key).unwrap_or_default();
    corrupt_in(decode_node(&bytes, || "7".into()), "nodes", "7");

    let event = Event {
        id: EventId(9),
        recorded_at: 0,
        effective: Date::MIN,
        actor: Actor {
            person: "张三".into(),
            organization: None,
        },
        evidence: None,
        subject: "p/reform/1".into(),
        change: Change::TaskStatus {
            status: TaskStatus::Completed,
            progress: None,
            note: None,
        },
        supersedes: None,
        seal: None,
    };
    let mut record = EventV1::from(event.clone());
    assert_eq!(
        decode_event(&encode_event(&event).unwrap_or_default(), String::new).ok(),
        Some(event)
    );
    record.effective = DateV1 {
        year: 2014,
        month: 2,
        day: 30,
    };
    let bytes = codec::encode(&record).unwrap_or_default();
    corrupt_in(decode_event(&bytes, || "e".into()), "events", "e");
}
