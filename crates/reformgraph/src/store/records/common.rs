//! Layouts shared by every record kind and format: dates, source spans, units, keys and
//! event ids. Frozen since format 1; node format 2 and every format-1 record use them.

use serde::{Deserialize, Serialize};

use super::mirror::{Freeze, Thaw, Unfit, freeze_and_thaw, mirror_struct};
use crate::model::{Date, EventId, NodeKey, SourceSpan, Unit};

/// `Date` as the binary records hold it: `Date`'s own serde impl writes the tuple
/// `(year, month, day)` to a non-human-readable format, and a struct of the same fields is
/// the same bytes in bincode. The field order also makes the derived order the calendar's.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub(crate) struct DateV1 {
    pub(crate) year: u16,
    pub(crate) month: u8,
    pub(crate) day: u8,
}

impl DateV1 {
    /// The date as an order-preserving `u32` (`year << 9 | month << 5 | day`): the
    /// timeline's key, a layout of its own since schema 2.
    pub(crate) fn day_key(self) -> u32 {
        (u32::from(self.year) << 9) | (u32::from(self.month) << 5) | u32::from(self.day)
    }
}

impl From<Date> for DateV1 {
    fn from(d: Date) -> Self {
        DateV1 {
            year: d.year(),
            month: d.month(),
            day: d.day(),
        }
    }
}

impl TryFrom<DateV1> for Date {
    type Error = Unfit;
    fn try_from(d: DateV1) -> Result<Self, Unfit> {
        Date::new(d.year, d.month, d.day).map_err(Unfit::from_error)
    }
}

freeze_and_thaw!(DateV1, Date);

mirror_struct! {
    /// `SourceSpan`.
    SourceSpanV1 <=> SourceSpan { line: u32, start: u32, end: u32 }
}

/// `Unit`: the variant index, then a count's or other unit's text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) enum UnitV1 {
    None,
    Percent,
    PercentagePoints,
    Permille,
    Yuan,
    Count(String),
    Other(String),
}

impl From<Unit> for UnitV1 {
    fn from(u: Unit) -> Self {
        match u {
            Unit::None => UnitV1::None,
            Unit::Percent => UnitV1::Percent,
            Unit::PercentagePoints => UnitV1::PercentagePoints,
            Unit::Permille => UnitV1::Permille,
            Unit::Yuan => UnitV1::Yuan,
            Unit::Count(s) => UnitV1::Count(s),
            Unit::Other(s) => UnitV1::Other(s),
        }
    }
}

impl From<UnitV1> for Unit {
    fn from(u: UnitV1) -> Self {
        match u {
            UnitV1::None => Unit::None,
            UnitV1::Percent => Unit::Percent,
            UnitV1::PercentagePoints => Unit::PercentagePoints,
            UnitV1::Permille => Unit::Permille,
            UnitV1::Yuan => Unit::Yuan,
            UnitV1::Count(s) => Unit::Count(s),
            UnitV1::Other(s) => Unit::Other(s),
        }
    }
}

impl Freeze<UnitV1> for Unit {
    fn freeze(self) -> UnitV1 {
        self.into()
    }
}

impl Thaw<Unit> for UnitV1 {
    fn thaw(self) -> Result<Unit, Unfit> {
        Ok(self.into())
    }
}

/// A natural key is stored as its string (`NodeKey` serialises through `String`); reading
/// it validates it again.
impl Freeze<String> for NodeKey {
    fn freeze(self) -> String {
        self.into()
    }
}

impl Thaw<NodeKey> for String {
    fn thaw(self) -> Result<NodeKey, Unfit> {
        NodeKey::new(self).map_err(Unfit::from_error)
    }
}

/// An event id is stored as its 128-bit integer (`EventId`'s serde impl for binary formats).
impl Freeze<u128> for EventId {
    fn freeze(self) -> u128 {
        self.0
    }
}

impl Thaw<EventId> for u128 {
    fn thaw(self) -> Result<EventId, Unfit> {
        Ok(EventId(self))
    }
}
