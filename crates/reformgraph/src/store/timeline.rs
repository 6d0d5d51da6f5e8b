//! The timeline: each task's and project's state after every one of its events, in
//! application order (effective date, recording time, id). What goes into a checkpoint is
//! `track`'s business; the store only keeps them in order and finds the one in force at a
//! date with a single reverse range step.

use redb::ReadableTable;

use super::read::{sealed::RawTables, storage};
use super::records;
use super::tables::day_key;
use super::write::WriteTx;
use crate::error::Result;
use crate::model::{Checkpoint, Date, Event, EventId};

/// Where an event sits in its subject's timeline: `(effective day, recorded at, id)`.
pub(crate) type Position = (u32, i64, u128);

/// An event's position.
pub(crate) fn position(e: &Event) -> Position {
    (day_key(e.effective), e.recorded_at, e.id.0)
}

fn decode(subject: &str, at: Position, bytes: &[u8]) -> Result<Checkpoint> {
    records::decode(bytes, || format!("({subject}, {at:?})"))
}

/// The last checkpoint of `subject` within `range` of the timeline, if any.
fn last_checkpoint<'k, T: RawTables + ?Sized>(
    r: &T,
    subject: &str,
    range: impl std::ops::RangeBounds<(&'k str, u32, i64, u128)> + 'k,
) -> Result<Option<Checkpoint>> {
    let last = r
        .timeline_table()?
        .range(range)
        .map_err(storage("reading a timeline"))?
        .next_back();
    match last {
        Some(entry) => {
            let (k, v) = entry.map_err(storage("reading a timeline"))?;
            let (_, d, r, id) = k.value();
            decode(subject, (d, r, id), v.value()).map(Some)
        }
        None => Ok(None),
    }
}

/// Read access to the timeline.
pub(crate) trait TimelineRead: RawTables {
    /// The checkpoint in force at the end of `date` (the last one effective on or before
    /// it), or `None` if the subject had no event by then.
    fn checkpoint_at(&self, subject: &str, date: Date) -> Result<Option<Checkpoint>> {
        super::guard::contain(self.damage(), "checkpoint_at", || {
            let end = (subject, day_key(date), i64::MAX, u128::MAX);
            last_checkpoint(self, subject, (subject, 0, i64::MIN, 0)..=end)
        })
    }

    /// The checkpoint just before `at` (exclusive), if any.
    fn checkpoint_before(&self, subject: &str, at: Position) -> Result<Option<Checkpoint>> {
        super::guard::contain(self.damage(), "checkpoint_before", || {
            let end = (subject, at.0, at.1, at.2);
            last_checkpoint(self, subject, (subject, 0, i64::MIN, 0)..end)
        })
    }

    /// The events after `at` (exclusive), in application order.
    fn timeline_after(&self, subject: &str, at: Position) -> Result<Vec<EventId>> {
        super::guard::contain(self.damage(), "timeline_after", || {
            let range = self
                .timeline_table()?
                .range((subject, at.0, at.1, at.2)..=(subject, u32::MAX, i64::MAX, u128::MAX))
                .map_err(storage("reading a timeline"))?;
            let mut out = Vec::new();
            for entry in range {
                let (k, _) = entry.map_err(storage("reading a timeline"))?;
                let (_, d, r, id) = k.value();
                if (d, r, id) != at {
                    out.push(EventId(id));
                }
            }
            Ok(out)
        })
    }

    /// Every `(subject, position, checkpoint)`, for `verify_state`.
    fn timeline_all(&self) -> Result<Vec<(String, Position, Result<Checkpoint>)>> {
        super::guard::contain(self.damage(), "timeline_all", || {
            let mut out = Vec::new();
            for entry in self
                .timeline_table()?
                .iter()
                .map_err(storage("reading the timeline"))?
            {
                let (k, v) = entry.map_err(storage("reading the timeline"))?;
                let (subject, d, r, id) = k.value();
                out.push((
                    subject.to_owned(),
                    (d, r, id),
                    decode(subject, (d, r, id), v.value()),
                ));
            }
            Ok(out)
        })
    }
}

impl<T: RawTables + ?Sized> TimelineRead for T {}

impl WriteTx<'_> {
    /// Stores the checkpoint after event `e` (replacing one at the same position).
    pub(crate) fn put_checkpoint(&mut self, e: &Event, checkpoint: &Checkpoint) -> Result<()> {
        let damage = self.damage.clone();
        super::guard::contain(&damage, "put_checkpoint", || {
            let (d, r, id) = position(e);
            let bytes = records::encode(checkpoint)?;
            self.timeline
                .insert((e.subject.as_str(), d, r, id), bytes.as_slice())
                .map_err(storage("writing a timeline"))?;
            Ok(())
        })
    }

    /// Removes a subject's whole timeline (before it is rebuilt from the history).
    pub(crate) fn clear_timeline(&mut self, subject: &str) -> Result<()> {
        let damage = self.damage.clone();
        super::guard::contain(&damage, "clear_timeline", || {
            self.timeline
                .retain_in(
                    (subject, 0, i64::MIN, 0)..=(subject, u32::MAX, i64::MAX, u128::MAX),
                    |_, _| false,
                )
                .map_err(storage("clearing a timeline"))?;
            Ok(())
        })
    }
}
