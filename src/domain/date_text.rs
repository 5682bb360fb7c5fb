//! Dates and times as pages write them (`Mon 23 Nov 2026, 10:00`), written out by hand rather
//! than through chrono's `format` (a `strftime` interpreter: about 30 KB of the booking path's
//! wasm). The same text on the server and in the browser; tested against chrono's formats.

use chrono::{Datelike, NaiveDate, NaiveDateTime, Timelike};
use std::fmt::Write;

const WEEKDAYS: [&str; 7] =
    ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"];
const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

fn weekday(date: NaiveDate) -> &'static str {
    WEEKDAYS[date.weekday().num_days_from_monday() as usize]
}

fn month(date: NaiveDate) -> &'static str {
    MONTHS[date.month0() as usize]
}

/// `Monday, 23 November 2026` (`%A, %-d %B %Y`).
pub fn long_date(date: NaiveDate) -> String {
    format!("{}, {} {} {}", weekday(date), date.day(), month(date), date.year())
}

/// `Mon 23 Nov` (`%a %-d %b`).
pub fn short_day(date: NaiveDate) -> String {
    format!("{} {} {}", &weekday(date)[..3], date.day(), &month(date)[..3])
}

/// `Mon 23 Nov 2026, 10:00` (`%a %-d %b %Y, %H:%M`).
pub fn short_date_time(at: NaiveDateTime) -> String {
    let mut text = short_day(at.date());
    let _ = write!(text, " {}, {}", at.year(), hour_minute(at));
    text
}

/// `09:05` (`%H:%M`).
pub fn hour_minute(at: NaiveDateTime) -> String {
    format!("{:02}:{:02}", at.hour(), at.minute())
}

/// `November 2026` (`%B %Y`).
pub fn month_year(date: NaiveDate) -> String {
    format!("{} {}", month(date), date.year())
}

/// `2026-11` (`%Y-%m`).
pub fn year_month(date: NaiveDate) -> String {
    format!("{:04}-{:02}", date.year(), date.month())
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn any_date_time() -> impl Strategy<Value = NaiveDateTime> {
        // 1900-01-01 to 2199-12-31, any second.
        (-2_208_988_800_i64..7_258_118_400)
            .prop_map(|s| chrono::DateTime::from_timestamp(s, 0).expect("in range").naive_utc())
    }

    proptest! {
        #[test]
        fn every_text_is_what_chrono_formats(at in any_date_time()) {
            let date = at.date();
            prop_assert_eq!(long_date(date), date.format("%A, %-d %B %Y").to_string());
            prop_assert_eq!(short_day(date), date.format("%a %-d %b").to_string());
            prop_assert_eq!(short_date_time(at), at.format("%a %-d %b %Y, %H:%M").to_string());
            prop_assert_eq!(hour_minute(at), at.format("%H:%M").to_string());
            prop_assert_eq!(month_year(date), date.format("%B %Y").to_string());
            prop_assert_eq!(year_month(date), date.format("%Y-%m").to_string());
        }
    }

    #[test]
    fn a_known_day_reads_as_expected() {
        let at = NaiveDate::from_ymd_opt(2026, 11, 23).unwrap().and_hms_opt(9, 5, 0).unwrap();
        assert_eq!(short_date_time(at), "Mon 23 Nov 2026, 09:05");
        assert_eq!(long_date(at.date()), "Monday, 23 November 2026");
    }
}
