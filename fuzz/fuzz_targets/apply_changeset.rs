//! Changeset apply on a fresh store holding the bundled plan, for every input: never
//! panics, and the store stays consistent (`verify`) with its derived state equal to a
//! replay of its history (`verify_state`) whatever is applied.
#![no_main]

use std::path::PathBuf;
use std::sync::OnceLock;
use std::sync::atomic::{AtomicU64, Ordering};

use libfuzzer_sys::fuzz_target;
use reformgraph::import::bundled;
use reformgraph::track::{self, Changeset};
use reformgraph::Store;

/// The bundled plan imported once into a file; each input gets a fresh copy of it.
fn template() -> Option<&'static (tempfile::TempDir, PathBuf)> {
    static TEMPLATE: OnceLock<Option<(tempfile::TempDir, PathBuf)>> = OnceLock::new();
    TEMPLATE
        .get_or_init(|| {
            let dir = tempfile::tempdir().ok()?;
            let path = dir.path().join("template.redb");
            let store = Store::create(&path).ok()?;
            bundled::import_shanxi_2013(&store).ok()?;
            drop(store);
            Some((dir, path))
        })
        .as_ref()
}

fuzz_target!(|data: &[u8]| {
    static N: AtomicU64 = AtomicU64::new(0);
    let Ok(text) = std::str::from_utf8(data) else { return };
    let Ok(changes) = Changeset::from_json(text) else { return };
    let Some((dir, path)) = template() else { return };
    let copy = dir.path().join(format!("input{}.redb", N.fetch_add(1, Ordering::Relaxed)));
    if std::fs::copy(path, &copy).is_err() {
        return;
    }
    if let Ok(store) = Store::open(&copy) {
        if track::apply_changeset(&store, &changes).is_ok() {
            assert!(store.verify().map(|p| p.is_empty()).unwrap_or(false));
            let snap = store.read().expect("read");
            assert!(track::verify_state(&snap).map(|p| p.is_empty()).unwrap_or(false));
        }
    }
    let _ = std::fs::remove_file(&copy);
});
