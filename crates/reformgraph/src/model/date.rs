//! A calendar date without time zone, enough for deadlines and reporting periods.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

/// A proleptic Gregorian calendar date between year 1900 and 2200.
///
/// The range is deliberately narrow: a plan deadline or an observation outside it is a typo,
/// not data.
///
/// In JSON (human-readable formats) it is `"YYYY-MM-DD"`; in the store's binary records,
/// the three numbers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    year: u16,
    month: u8,
    day: u8,
}

/// Why a date is invalid.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("invalid date {input:?}: {reason} (expected YYYY-MM-DD between 1900-01-01 and 2200-12-31)")]
pub struct DateError {
    input: String,
    reason: &'static str,
}

/// The first year a [`Date`] may have.
pub const MIN_YEAR: u16 = 1900;
/// The last year a [`Date`] may have.
pub const MAX_YEAR: u16 = 2200;

fn is_leap(year: u16) -> bool {
    (year.is_multiple_of(4) && !year.is_multiple_of(100)) || year.is_multiple_of(400)
}

fn days_in_month(year: u16, month: u8) -> u8 {
    match month {
        2 if is_leap(year) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

impl Date {
    /// The earliest date accepted, 1900-01-01.
    pub const MIN: Date = Date {
        year: MIN_YEAR,
        month: 1,
        day: 1,
    };
    /// The latest date accepted, 2200-12-31.
    pub const MAX: Date = Date {
        year: MAX_YEAR,
        month: 12,
        day: 31,
    };

    /// Builds a date.
    ///
    /// # Errors
    /// [`DateError`] if the year is outside 1900–2200 or the day does not exist.
    ///
    /// ```
    /// use reformgraph::Date;
    /// let d = Date::new(2015, 12, 31)?;
    /// assert_eq!(d.to_string(), "2015-12-31");
    /// assert!(Date::new(2015, 2, 29).is_err());
    /// # Ok::<(), reformgraph::DateError>(())
    /// ```
    pub fn new(year: u16, month: u8, day: u8) -> Result<Self, DateError> {
        let err = |reason| DateError {
            input: format!("{year:04}-{month:02}-{day:02}"),
            reason,
        };
        if !(MIN_YEAR..=MAX_YEAR).contains(&year) {
            return Err(err("year out of range"));
        }
        if !(1..=12).contains(&month) {
            return Err(err("month out of range"));
        }
        if day == 0 || day > days_in_month(year, month) {
            return Err(err("no such day in that month"));
        }
        Ok(Self { year, month, day })
    }

    /// The last day of `year`.
    ///
    /// # Errors
    /// [`DateError`] if the year is outside 1900–2200.
    pub fn end_of_year(year: u16) -> Result<Self, DateError> {
        Self::new(year, 12, 31)
    }

    /// The year.
    pub fn year(self) -> u16 {
        self.year
    }
    /// The month, 1–12.
    pub fn month(self) -> u8 {
        self.month
    }
    /// The day of the month, 1–31.
    pub fn day(self) -> u8 {
        self.day
    }

    /// Days since 1970-01-01 (negative before), for interval arithmetic.
    pub fn days_since_epoch(self) -> i64 {
        // Howard Hinnant's days_from_civil.
        let y = i64::from(self.year) - i64::from(self.month <= 2);
        let era = y.div_euclid(400);
        let yoe = y - era * 400;
        let m = i64::from(self.month);
        let mp = if m > 2 { m - 3 } else { m + 9 };
        let doy = (153 * mp + 2) / 5 + i64::from(self.day) - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        era * 146_097 + doe - 719_468
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

impl FromStr for Date {
    type Err = DateError;
    fn from_str(s: &str) -> Result<Self, DateError> {
        let err = |reason| DateError {
            input: s.to_owned(),
            reason,
        };
        let mut parts = s.trim().splitn(3, '-');
        let mut next = |what| {
            parts
                .next()
                .and_then(|p| p.parse::<u16>().ok())
                .ok_or_else(|| err(what))
        };
        let year = next("bad year")?;
        let month = u8::try_from(next("bad month")?).map_err(|_| err("bad month"))?;
        let day = u8::try_from(next("bad day")?).map_err(|_| err("bad day"))?;
        Self::new(year, month, day).map_err(|e| DateError {
            input: s.to_owned(),
            reason: e.reason,
        })
    }
}

impl Serialize for Date {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        if s.is_human_readable() {
            s.serialize_str(&self.to_string())
        } else {
            (self.year, self.month, self.day).serialize(s)
        }
    }
}

impl<'de> Deserialize<'de> for Date {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        if d.is_human_readable() {
            let s = String::deserialize(d)?;
            s.parse().map_err(serde::de::Error::custom)
        } else {
            let (y, m, day) = <(u16, u8, u8)>::deserialize(d)?;
            Date::new(y, m, day).map_err(serde::de::Error::custom)
        }
    }
}

impl TryFrom<String> for Date {
    type Error = DateError;
    fn try_from(s: String) -> Result<Self, DateError> {
        s.parse()
    }
}

impl From<Date> for String {
    fn from(d: Date) -> String {
        d.to_string()
    }
}
