//! Hostile input at every entry point that reads outside data: plan text, JSON dumps,
//! changesets and stored record bytes. Whatever comes in, the result is a value or a typed
//! error — never a panic — and a store that accepted something still verifies clean. The
//! same entry points are fuzzed with cargo-fuzz (`fuzz/`, `make fuzz`).
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::sync::OnceLock;

use proptest::prelude::*;
use reformgraph::import::bundled;
use reformgraph::track::{self, Changeset, EventInput};
use reformgraph::*;

/// A small dump and a changeset to mutate: the bundled plan with one event.
fn seeds() -> &'static (String, String) {
    static SEEDS: OnceLock<(String, String)> = OnceLock::new();
    SEEDS.get_or_init(|| {
        let store = Store::in_memory().unwrap();
        bundled::import_shanxi_2013(&store).unwrap();
        track::record(
            &store,
            EventInput::task_status(
                "shanxi-2013/reform/1",
                TaskStatus::InProgress,
                Some(10.0),
                "x",
            ),
        )
        .unwrap();
        let snap = store.read().unwrap();
        let dump = export::to_json(&snap).unwrap();
        let changes = track::export_changeset(&snap, 0, 10)
            .unwrap()
            .to_json()
            .unwrap();
        (dump, changes)
    })
}

/// Flips, deletes and inserts characters at `edits` places.
fn mutate(text: &str, edits: &[(usize, u8)]) -> String {
    let mut chars: Vec<char> = text.chars().collect();
    for &(at, op) in edits {
        if chars.is_empty() {
            break;
        }
        let i = at % chars.len();
        match op % 4 {
            0 => {
                chars.remove(i);
            }
            1 => chars.insert(
                i,
                ['"', '{', '}', ',', '9', '-', 'x', '煤'][usize::from(op / 4) % 8],
            ),
            2 => {
                let j = (i * 7 + 3) % chars.len();
                chars.swap(i, j);
            }
            _ => chars.truncate(i),
        }
    }
    chars.into_iter().collect()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

    #[test]
    fn a_mutated_dump_loads_cleanly_or_is_refused(edits in prop::collection::vec((any::<usize>(), any::<u8>()), 1..6)) {
        let text = mutate(&seeds().0, &edits);
        let store = Store::in_memory().unwrap();
        if export::load_json(&store, &text).is_ok() {
            prop_assert!(store.verify().unwrap().is_empty());
            prop_assert!(track::verify_state(&store.read().unwrap()).unwrap().is_empty());
        } else {
            prop_assert_eq!(store.read().unwrap().node_count().unwrap(), 0, "a refused dump writes nothing");
        }
    }

    #[test]
    fn arbitrary_text_is_never_a_dump_that_panics(text in "\\PC{0,200}") {
        let store = Store::in_memory().unwrap();
        let _ = export::load_json(&store, &text);
    }

    #[test]
    fn a_mutated_changeset_applies_cleanly_or_is_refused(edits in prop::collection::vec((any::<usize>(), any::<u8>()), 1..6)) {
        let text = mutate(&seeds().1, &edits);
        let Ok(changes) = Changeset::from_json(&text) else {
            return Ok(());
        };
        let store = Store::in_memory().unwrap();
        bundled::import_shanxi_2013(&store).unwrap();
        if track::apply_changeset(&store, &changes).is_ok() {
            prop_assert!(store.verify().unwrap().is_empty());
            prop_assert!(track::verify_state(&store.read().unwrap()).unwrap().is_empty());
        } else {
            prop_assert_eq!(store.read().unwrap().event_count().unwrap(), 0);
        }
    }
}
