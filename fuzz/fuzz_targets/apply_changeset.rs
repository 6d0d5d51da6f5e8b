//! Changeset apply on a store holding the bundled plan: never panics, and the store stays
//! consistent whatever is applied.
#![no_main]

use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;
use reformgraph::import::bundled;
use reformgraph::track::{self, Changeset};
use reformgraph::Store;

fn store() -> Option<&'static Store> {
    static STORE: OnceLock<Option<Store>> = OnceLock::new();
    STORE
        .get_or_init(|| {
            let s = Store::in_memory().ok()?;
            bundled::import_shanxi_2013(&s).ok()?;
            Some(s)
        })
        .as_ref()
}

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let Ok(changes) = Changeset::from_json(text) else { return };
    let Some(store) = store() else { return };
    if track::apply_changeset(store, &changes).is_ok() {
        assert!(store.verify().map(|p| p.is_empty()).unwrap_or(false));
    }
});
