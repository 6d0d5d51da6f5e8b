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
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Condvar, Mutex, PoisonError};
use std::time::Duration;

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

impl Cancel {
    /// Runs `work` on a worker thread under this token while the calling thread watches
    /// it: `watch` is called over and over with `wait`, which blocks up to `tick` and says
    /// whether the work has ended; `watch` returns `true` to cancel the work (it then stops
    /// at its next unit, and a write it was making aborts). This is how Python stops a long
    /// call on Ctrl-C: it waits without the interpreter lock and checks for signals with it.
    /// `watch` must call `wait`, or the loop spins.
    ///
    /// # Errors
    /// What `work` returns ([`Error::Cancelled`] if it was cancelled before it ended), or
    /// [`Error::Invalid`] if the worker panicked (a bug; nothing was written).
    ///
    /// ```
    /// use std::time::Duration;
    /// use reformgraph::{Cancel, Error, Store};
    /// let store = Store::in_memory()?;
    /// let r = Cancel::new().run_watched(
    ///     Duration::from_millis(10),
    ///     || reformgraph::import::bundled::import_shanxi_2013(&store),
    ///     |_wait| true, // cancel at once
    /// );
    /// assert!(matches!(r, Err(Error::Cancelled)));
    /// # Ok::<(), reformgraph::Error>(())
    /// ```
    pub fn run_watched<T: Send>(
        &self,
        tick: Duration,
        work: impl FnOnce() -> Result<T> + Send,
        mut watch: impl FnMut(&(dyn Fn() -> bool + Sync)) -> bool,
    ) -> Result<T> {
        let ended = (Mutex::new(false), Condvar::new());
        let wait = || {
            let done = ended.0.lock().unwrap_or_else(PoisonError::into_inner);
            let (done, _) = ended
                .1
                .wait_timeout_while(done, tick, |d| !*d)
                .unwrap_or_else(PoisonError::into_inner);
            *done
        };
        std::thread::scope(|scope| {
            let worker = scope.spawn(|| {
                // Set on drop, so that a panicking worker ends the watch too.
                struct Ended<'a>(&'a (Mutex<bool>, Condvar));
                impl Drop for Ended<'_> {
                    fn drop(&mut self) {
                        *self.0.0.lock().unwrap_or_else(PoisonError::into_inner) = true;
                        self.0.1.notify_all();
                    }
                }
                let _ended = Ended(&ended);
                self.run(work)
            });
            while !*ended.0.lock().unwrap_or_else(PoisonError::into_inner) {
                if watch(&wait) {
                    self.cancel();
                }
            }
            worker.join().unwrap_or_else(|_| {
                Err(Error::invalid(
                    "call",
                    "it stopped with an internal error (a bug in reformgraph, not in your data); nothing was written; please report it",
                ))
            })
        })
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

    #[test]
    fn a_watched_call_ends_when_its_work_ends_and_keeps_its_answer() {
        let mut waits = 0;
        let out = Cancel::new().run_watched(
            Duration::from_millis(5),
            || {
                std::thread::sleep(Duration::from_millis(30));
                checkpoint().map(|()| 7)
            },
            |wait| {
                waits += 1;
                wait();
                false
            },
        );
        assert_eq!(out.ok(), Some(7));
        assert!(waits >= 1);
    }

    #[test]
    fn a_watch_that_asks_to_cancel_stops_the_work_at_its_next_unit() {
        let out = Cancel::new().run_watched(
            Duration::from_millis(5),
            || loop {
                checkpoint()?;
                std::thread::sleep(Duration::from_millis(1));
            },
            |wait| !wait(),
        );
        assert!(matches!(out, Err::<(), _>(Error::Cancelled)));
    }
}
