//! The document importer on arbitrary bytes: decoding, parsing and loading never panic, and
//! whatever loads verifies clean.
#![no_main]

use libfuzzer_sys::fuzz_target;
use reformgraph::Store;
use reformgraph::import::{self, ImportOptions, PlanMeta, Registry};

fuzz_target!(|data: &[u8]| {
    let Ok(text) = import::decode_text(data) else {
        return;
    };
    let Ok(registry) = Registry::shanxi() else {
        return;
    };
    let meta = PlanMeta {
        key: Some("fuzz".into()),
        ..PlanMeta::default()
    };
    let Ok(store) = Store::in_memory() else { return };
    if import::import_text(&store, &text, &meta, &registry, ImportOptions::default()).is_ok() {
        assert!(store.verify().map(|p| p.is_empty()).unwrap_or(false));
    }
});
