//! Formatting helpers for display.

use chrono::DateTime;

/// A unix-seconds instant as a calendar date (UTC), e.g. `2026-11-21`.
pub fn date(unix_seconds: i64) -> String {
    DateTime::from_timestamp(unix_seconds, 0)
        .map(|t| t.format("%Y-%m-%d").to_string())
        .unwrap_or_default()
}

/// The local time of an instant in `zone`, e.g. `14:30`.
pub fn time_in(zone: crate::domain::schedule::TimeZone, instant: DateTime<chrono::Utc>) -> String {
    instant.with_timezone(&zone.tz()).format("%H:%M").to_string()
}

/// A long label of a date, e.g. `Monday, 23 November 2026`.
pub fn long_date(date: chrono::NaiveDate) -> String {
    date.format("%A, %-d %B %Y").to_string()
}

/// An instant as a date and time in `zone`, e.g. `Mon 23 Nov 2026, 10:00 EST`.
pub fn when_in(zone: crate::domain::schedule::TimeZone, instant: DateTime<chrono::Utc>) -> String {
    let local = instant.with_timezone(&zone.tz());
    format!("{} {}", local.format("%a %-d %b %Y, %H:%M"), zone.abbreviation(instant))
}

/// "★★★★☆" for 4 stars.
pub fn stars(stars: u8) -> String {
    let stars = usize::from(stars.min(5));
    format!("{}{}", "★".repeat(stars), "☆".repeat(5 - stars))
}
