//! Containing panics raised below the store.
//!
//! redb trusts the pages it reads: its ordinary read paths do not check page checksums (its
//! integrity check does), so a damaged file can make a B-tree walk index out of bounds and
//! panic deep inside redb. No caller of reformgraph should see that as a crash or a Python
//! `PanicException`. Every read and write entry point of the store runs inside
//! [`contain`], which turns such a panic into [`Error::Corrupt`] saying what to do, and marks
//! the handle damaged: a redb handle that panicked may hold half-rebuilt state, so it takes
//! no further writes (reopen it after `verify`).

use std::cell::Cell;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Once};

use crate::error::{Error, Result};

/// What a caller is told when the file turned out to be damaged.
pub(crate) const DAMAGED: &str = "the database file is damaged (a page of it could not be read); nothing was changed. Run `reformgraph verify FILE` to see what, restore the file from a backup, or export what still reads with `reformgraph export json`";

thread_local! {
    /// How many [`contain`] calls are running on this thread (for the quiet panic hook).
    static CONTAINING: Cell<u32> = const { Cell::new(0) };
}

/// Whether this handle met damage (shared by a store and its snapshots and transactions).
#[derive(Debug, Clone, Default)]
pub struct DamageFlag(Arc<AtomicBool>);

impl DamageFlag {
    /// Marks the handle damaged.
    pub(crate) fn set(&self) {
        self.0.store(true, Ordering::SeqCst);
    }

    /// Whether the handle met damage.
    pub(crate) fn is_set(&self) -> bool {
        self.0.load(Ordering::SeqCst)
    }
}

/// Runs `f`; a panic inside it becomes [`Error::Corrupt`] naming `operation`, and marks
/// `damage`.
pub(crate) fn contain<T>(
    damage: &DamageFlag,
    operation: &'static str,
    f: impl FnOnce() -> Result<T>,
) -> Result<T> {
    CONTAINING.with(|c| c.set(c.get().saturating_add(1)));
    let outcome = catch_unwind(AssertUnwindSafe(f));
    CONTAINING.with(|c| c.set(c.get().saturating_sub(1)));
    match outcome {
        Ok(result) => result,
        Err(_) => {
            damage.set();
            Err(Error::Corrupt {
                table: "(file)",
                key: operation.to_owned(),
                reason: DAMAGED.to_owned(),
            })
        }
    }
}

/// Keeps the panic hook quiet about panics the store contains (they are reported as
/// [`Error::Corrupt`]), and leaves every other panic to the hook installed before. For
/// programs (the CLI, the Python and mobile bindings) that do not want a Rust backtrace on
/// stderr for a damaged file. Installing it twice does nothing more.
///
/// ```
/// reformgraph::quiet_contained_panics();
/// ```
pub fn quiet_contained_panics() {
    static INSTALL: Once = Once::new();
    INSTALL.call_once(|| {
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            if CONTAINING.with(Cell::get) == 0 {
                previous(info);
            }
        }));
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_panic_inside_becomes_a_corrupt_error_and_marks_the_handle() {
        quiet_contained_panics();
        let flag = DamageFlag::default();
        let r: Result<u32> = contain(&flag, "reading a node", || {
            let v: Vec<u32> = Vec::new();
            // An out-of-bounds index, as a damaged B-tree page gives redb.
            Ok(v[usize::from(flag.is_set())])
        });
        assert!(
            matches!(&r, Err(Error::Corrupt { key, reason, .. }) if key == "reading a node" && reason.contains("verify")),
            "{r:?}"
        );
        assert!(flag.is_set());
        assert_eq!(contain(&flag, "x", || Ok(3)).ok(), Some(3));
    }
}
