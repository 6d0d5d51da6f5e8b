//! UUIDv7 event ids, from the clock and a per-process random seed.

use std::collections::hash_map::RandomState;
use std::hash::{BuildHasher, Hasher};
use std::sync::Mutex;
use std::sync::atomic::{AtomicU64, Ordering};

use crate::model::EventId;

/// Milliseconds since the Unix epoch, now.
pub(crate) fn now_millis() -> i64 {
    match std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH) {
        Ok(d) => i64::try_from(d.as_millis()).unwrap_or(i64::MAX),
        // A clock before 1970 is broken; the id stays unique through its random bits.
        Err(_) => 0,
    }
}

/// 64 random bits. `RandomState` is seeded from the operating system's randomness once per
/// process; hashing a counter with it gives independent values without a dependency.
fn random_u64() -> u64 {
    static STATE: std::sync::OnceLock<RandomState> = std::sync::OnceLock::new();
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    let mut h = STATE.get_or_init(RandomState::new).build_hasher();
    h.write_u64(COUNTER.fetch_add(1, Ordering::Relaxed));
    h.finish()
}

/// A new UUIDv7 for `millis`. Within one process ids strictly increase, so local order is
/// recording order: within one millisecond the 12-bit `rand_a` field counts up; when it
/// runs out, or the clock steps back, the id borrows the next millisecond instead.
pub(crate) fn new_event_id(millis: i64) -> EventId {
    static LAST: Mutex<(u64, u16)> = Mutex::new((0, 0));
    let now = u64::try_from(millis).unwrap_or(0) & 0xFFFF_FFFF_FFFF;
    let (ms, seq) = match LAST.lock() {
        Ok(mut last) => {
            if now > last.0 {
                *last = (now, (random_u64() & 0x03FF) as u16);
            } else if last.1 < 0x0FFF {
                last.1 += 1;
            } else {
                *last = (last.0 + 1, 0);
            }
            *last
        }
        Err(_) => (now, (random_u64() & 0x0FFF) as u16),
    };
    let rand_b = random_u64() & 0x3FFF_FFFF_FFFF_FFFF;
    let v = (u128::from(ms) << 80)
        | (0x7u128 << 76)
        | (u128::from(seq & 0x0FFF) << 64)
        | (0b10u128 << 62)
        | u128::from(rand_b);
    EventId(v)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_version_7_and_increase_within_a_millisecond() {
        let a = new_event_id(1_700_000_000_000);
        let b = new_event_id(1_700_000_000_000);
        assert!(b > a);
        assert_eq!((a.0 >> 76) & 0xF, 7);
        assert_eq!((a.0 >> 62) & 0b11, 0b10);
        // Never earlier than asked; later only if this process already issued later ids.
        assert!(a.millis() >= 1_700_000_000_000);
        let s = a.to_string();
        assert_eq!(s.len(), 36);
        assert_eq!(s.parse::<EventId>().ok(), Some(a));
    }

    #[test]
    fn ids_keep_increasing_past_4096_in_a_millisecond_and_when_the_clock_steps_back() {
        let mut last = new_event_id(1_700_000_000_500);
        for i in 0..5_000 {
            let t = if i == 2_500 {
                1_700_000_000_000
            } else {
                1_700_000_000_500
            };
            let next = new_event_id(t);
            assert!(next > last, "id {i} went backwards");
            last = next;
        }
    }
}
