//! Cooperative cancellation of long calls (an import, `verify`, a JSON export or load, a
//! changeset apply).
//!
//! A front-end that wants a long call to stop on request (Python on Ctrl-C, an app when
//! the user leaves the screen) runs it under a [`Cancel`] token and cancels the token from
//! another thread. The core looks at the token between units of work (a node loaded, a
//! document indexed, a table checked, an event applied) and then returns
//! [`Error::Cancelled`]; a write transaction that returns an error aborts, so nothing is
//! half-written. The token is per thread: a call made outside [`Cancel::run`] is never
//! cancelled, and costs one thread-local read per unit of work.

use std::cell::RefCell;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use crate::error::{Error, Result};

thread_local! {
    static CURRENT: RefCell<Option<Cancel>> = const { RefCell::new(None) };
}

/// A cancellation token: clone it, run a call under it with [`Cancel::run`], and call
/// [`Cancel::cancel`] from anywhere to stop that call at its next unit of work.
///
/// ```
/// use reformgraph::{Cancel, Error, Store, import::bundled};
/// let store = Store::in_memory()?;
/// let token = Cancel::new();
/// token.cancel();
/// let r = token.run(|| bundled::import_shanxi_2013(&store));
/// assert!(matches!(r, Err(Error::Cancelled)));
/// assert_eq!(reformgraph::GraphRead::node_count(&store.read()?)?, 0, "nothing was written");
/// # Ok::<(), reformgraph::Error>(())
/// ```
#[derive(Debug, Clone, Default)]
pub struct Cancel(Arc<AtomicBool>);

impl Cancel {
    /// A token not cancelled yet.
    pub fn new() -> Self {
        Self::default()
    }

    /// Asks the call running under this token to stop.
    pub fn cancel(&self) {
        self.0.store(true, Ordering::SeqCst);
    }

    /// Whether [`Cancel::cancel`] was called.
    pub fn is_cancelled(&self) -> bool {
        self.0.load(Ordering::SeqCst)
    }

    /// Runs `f` on this thread under this token (restoring the previous one after).
    pub fn run<T>(&self, f: impl FnOnce() -> T) -> T {
        let previous = CURRENT.with(|c| c.replace(Some(self.clone())));
        // Restored on unwind too, so a panic does not leave the token installed.
        struct Restore(Option<Cancel>);
        impl Drop for Restore {
            fn drop(&mut self) {
                let previous = self.0.take();
                CURRENT.with(|c| *c.borrow_mut() = previous);
            }
        }
        let _restore = Restore(previous);
        f()
    }
}

/// Returns [`Error::Cancelled`] if the call running on this thread was cancelled.
pub(crate) fn checkpoint() -> Result<()> {
    let cancelled = CURRENT.with(|c| c.borrow().as_ref().is_some_and(Cancel::is_cancelled));
    if cancelled {
        Err(Error::Cancelled)
    } else {
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_the_call_under_a_cancelled_token_sees_it() {
        let token = Cancel::new();
        assert!(token.run(checkpoint).is_ok());
        token.cancel();
        assert!(matches!(token.run(checkpoint), Err(Error::Cancelled)));
        assert!(checkpoint().is_ok(), "outside run, nothing is cancelled");
        let other = Cancel::new();
        assert!(other.run(checkpoint).is_ok());
    }
}
