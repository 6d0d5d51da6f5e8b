//! Dates from timestamps: today, and the day of an event's recording time.

use crate::model::Date;

/// Today's date (UTC): what "now" means for every report without a date, and the latest
/// effective date a change may have without [`EventInput::allow_unusual_date`].
///
/// [`EventInput::allow_unusual_date`]: super::EventInput::allow_unusual_date
///
/// ```
/// assert!(reformgraph::track::today().year() >= 2024);
/// ```
pub fn today() -> Date {
    date_of_millis(id::now_millis())
}
use super::id;

/// The UTC date of a timestamp, clamped into [`Date`]'s range.
pub(crate) fn date_of_millis(millis: i64) -> Date {
    // Civil-from-days (Howard Hinnant), inverse of Date::days_since_epoch.
    let z = millis.div_euclid(86_400_000) + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    let clamp = |y: i64| u16::try_from(y.clamp(1900, 2200)).unwrap_or(1900);
    Date::new(
        clamp(year),
        u8::try_from(month).unwrap_or(1),
        u8::try_from(day).unwrap_or(1),
    )
    .unwrap_or(if year < 1900 { Date::MIN } else { Date::MAX })
}
