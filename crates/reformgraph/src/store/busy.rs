//! Waiting for a busy writer: redb lets one process write a file at a time, so a second one
//! opening it for writing gets [`Error::AlreadyOpen`] at once. Notebooks and scripts that
//! share a file would rather wait a little, as `sqlite3.connect(timeout=…)` does.

use std::time::{Duration, Instant};

use super::Store;
use crate::error::{Error, Result};

/// How long to sleep between attempts.
const POLL: Duration = Duration::from_millis(50);

impl Store {
    /// Runs `open` (say `|| Store::create(&path)`) again while it fails with
    /// [`Error::AlreadyOpen`], for at most `wait`; then returns its last answer.
    ///
    /// # Errors
    /// What `open` returns: [`Error::AlreadyOpen`] when the writer kept the file past
    /// `wait`, any other error at once.
    ///
    /// ```
    /// use std::time::Duration;
    /// use reformgraph::{Error, Store};
    /// let dir = tempfile::tempdir()?;
    /// let path = dir.path().join("plan.redb");
    /// let writer = Store::create(&path)?;
    /// let busy = Store::waiting_while_busy(Duration::from_millis(120), || Store::create(&path));
    /// assert!(matches!(busy, Err(Error::AlreadyOpen { .. })));
    /// drop(writer);
    /// assert!(Store::waiting_while_busy(Duration::from_secs(1), || Store::create(&path)).is_ok());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn waiting_while_busy(
        wait: Duration,
        mut open: impl FnMut() -> Result<Store>,
    ) -> Result<Store> {
        let start = Instant::now();
        loop {
            match open() {
                Err(Error::AlreadyOpen { .. }) if start.elapsed() + POLL <= wait => {
                    std::thread::sleep(POLL);
                }
                other => return other,
            }
        }
    }
}
