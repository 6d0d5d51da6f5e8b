//! The JSON dump loader: never panics, and a dump it accepts verifies clean.
#![no_main]

use libfuzzer_sys::fuzz_target;
use reformgraph::{Store, export, track};

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let Ok(store) = Store::in_memory() else { return };
    if export::load_json(&store, text).is_ok() {
        assert!(store.verify().map(|p| p.is_empty()).unwrap_or(false));
        let snap = store.read().ok();
        assert!(snap.is_some_and(|s| track::verify_state(&s).map(|p| p.is_empty()).unwrap_or(false)));
    }
});
