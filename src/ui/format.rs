//! Formatting helpers for display.

use chrono::DateTime;

/// A unix-seconds instant as a calendar date (UTC), e.g. `2026-11-21`.
pub fn date(unix_seconds: i64) -> String {
    DateTime::from_timestamp(unix_seconds, 0)
        .map(|t| t.date_naive().to_string())
        .unwrap_or_default()
}

/// The local time of an instant in `zone`, e.g. `14:30`.
pub fn time_in(zone: crate::domain::schedule::TimeZone, instant: DateTime<chrono::Utc>) -> String {
    crate::domain::date_text::hour_minute(zone.local(instant))
}

/// A long label of a date, e.g. `Monday, 23 November 2026`.
pub fn long_date(date: chrono::NaiveDate) -> String {
    crate::domain::date_text::long_date(date)
}

/// An instant as a date and time in `zone`, e.g. `Mon 23 Nov 2026, 10:00 GMT-5`.
pub fn when_in(zone: crate::domain::schedule::TimeZone, instant: DateTime<chrono::Utc>) -> String {
    let local = crate::domain::date_text::short_date_time(zone.local(instant));
    format!("{local} {}", zone.offset_label(instant))
}

/// "★★★★☆" for 4 stars.
pub fn stars(stars: u8) -> String {
    let stars = usize::from(stars.min(5));
    format!("{}{}", "★".repeat(stars), "☆".repeat(5 - stars))
}

/// How long until `to` from `now`, roughly: "in 2 days, 3 hours", "in 45 minutes", "now".
pub fn countdown(now: DateTime<chrono::Utc>, to: DateTime<chrono::Utc>) -> String {
    let minutes = (to - now).num_minutes();
    let plural =
        |n: i64, unit: &str| if n == 1 { format!("1 {unit}") } else { format!("{n} {unit}s") };
    let (days, hours, mins) = (minutes / 1440, minutes % 1440 / 60, minutes % 60);
    match minutes {
        i64::MIN..=0 => "now".to_owned(),
        1..=59 => format!("in {}", plural(mins, "minute")),
        60..=1439 if mins == 0 => format!("in {}", plural(hours, "hour")),
        60..=1439 => format!("in {}, {}", plural(hours, "hour"), plural(mins, "minute")),
        _ if hours == 0 => format!("in {}", plural(days, "day")),
        _ => format!("in {}, {}", plural(days, "day"), plural(hours, "hour")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_countdown_reads_in_the_two_largest_units() {
        let now = DateTime::from_timestamp(1_800_000_000, 0).expect("instant");
        let at = |minutes: i64| countdown(now, now + chrono::Duration::minutes(minutes));
        assert_eq!(at(-5), "now");
        assert_eq!(at(0), "now");
        assert_eq!(at(1), "in 1 minute");
        assert_eq!(at(45), "in 45 minutes");
        assert_eq!(at(60), "in 1 hour");
        assert_eq!(at(61), "in 1 hour, 1 minute");
        assert_eq!(at(1440), "in 1 day");
        assert_eq!(at(2 * 1440 + 3 * 60 + 59), "in 2 days, 3 hours");
    }
}
