//! Where a store's "now" comes from: the recording time of every event recorded through it.
//! Callers never give one; a test or a simulation installs its own clock instead.

use std::fmt;
use std::sync::atomic::{AtomicI64, Ordering};

/// A source of the current time, in milliseconds since the Unix epoch.
///
/// ```
/// use std::sync::Arc;
/// use std::sync::atomic::{AtomicI64, Ordering};
/// use reformgraph::{Store, store::Clock};
///
/// /// A clock a test moves by hand.
/// #[derive(Debug)]
/// struct Manual(AtomicI64);
/// impl Clock for Manual {
///     fn now_millis(&self) -> i64 {
///         self.0.load(Ordering::SeqCst)
///     }
/// }
/// let store = Store::in_memory()?;
/// store.set_clock(Arc::new(Manual(AtomicI64::new(1_400_000_000_000))));
/// assert_eq!(store.now_millis(), 1_400_000_000_000);
/// # Ok::<(), reformgraph::Error>(())
/// ```
pub trait Clock: Send + Sync + fmt::Debug {
    /// Milliseconds since the Unix epoch, now.
    fn now_millis(&self) -> i64;
}

/// The operating system's clock (the default of every store).
#[derive(Debug, Clone, Copy, Default)]
pub struct SystemClock;

impl Clock for SystemClock {
    fn now_millis(&self) -> i64 {
        match std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH) {
            Ok(d) => i64::try_from(d.as_millis()).unwrap_or(i64::MAX),
            // A clock before 1970 is broken; event ids stay unique through their random bits.
            Err(_) => 0,
        }
    }
}

/// A clock moved by hand, for tests and simulations: it says what it was last set to.
///
/// ```
/// use std::sync::Arc;
/// use reformgraph::{Store, TaskStatus, import::bundled, store::ManualClock, track::{self, EventInput}};
/// let store = Store::in_memory()?;
/// bundled::import_shanxi_2013(&store)?;
/// let clock = Arc::new(ManualClock::new(1_400_000_000_000));
/// store.set_clock(clock.clone());
/// let e = track::record(&store, EventInput::task_status("shanxi-2013/reform/10", TaskStatus::InProgress, None, "张三"))?;
/// assert_eq!(e.recorded_at, 1_400_000_000_000);
/// clock.advance(1);
/// assert_eq!(store.now_millis(), 1_400_000_000_001);
/// # Ok::<(), reformgraph::Error>(())
/// ```
#[derive(Debug, Default)]
pub struct ManualClock(AtomicI64);

impl ManualClock {
    /// A clock reading `millis`.
    pub fn new(millis: i64) -> Self {
        Self(AtomicI64::new(millis))
    }

    /// Sets the time.
    pub fn set(&self, millis: i64) {
        self.0.store(millis, Ordering::SeqCst);
    }

    /// Moves the time on by `millis`.
    pub fn advance(&self, millis: i64) {
        self.0.fetch_add(millis, Ordering::SeqCst);
    }
}

impl Clock for ManualClock {
    fn now_millis(&self) -> i64 {
        self.0.load(Ordering::SeqCst)
    }
}
