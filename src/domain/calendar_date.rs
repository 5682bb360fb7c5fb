//! A calendar date typed by a person or a page (`YYYY-MM-DD`), within the years a clinic's
//! calendar can mean. chrono reads years up to 262142, where adding a week overflows: a date
//! outside [`FIRST_YEAR`, `LAST_YEAR`] is refused like any other malformed date.

use chrono::{Datelike, NaiveDate};

/// The earliest year a schedule, agenda or history date may name.
pub const FIRST_YEAR: i32 = 1900;
/// The latest year a schedule, agenda or history date may name.
pub const LAST_YEAR: i32 = 2199;

/// `raw` (surrounding spaces ignored) as a date between 1900 and 2199, or `None`.
pub fn parse_calendar_date(raw: &str) -> Option<NaiveDate> {
    let raw = raw.trim();
    // Four-digit years only: chrono also reads "+262142-01-01" and "12026-01-01".
    if raw.len() != 10 || !raw.starts_with(|c: char| c.is_ascii_digit()) {
        return None;
    }
    NaiveDate::parse_from_str(raw, "%Y-%m-%d")
        .ok()
        .filter(|date| (FIRST_YEAR..=LAST_YEAR).contains(&date.year()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn ordinary_dates_are_read_and_far_or_malformed_ones_refused() {
        assert_eq!(parse_calendar_date(" 2026-11-23 "), NaiveDate::from_ymd_opt(2026, 11, 23));
        assert_eq!(parse_calendar_date("2199-12-31"), NaiveDate::from_ymd_opt(2199, 12, 31));
        for raw in [
            "",
            "+262142-01-01",
            "262142-01-01",
            "-0001-01-01",
            "2200-01-01",
            "1899-12-31",
            "2026-02-30",
            "2026-2-3",
            "2026-11-23T10:00",
            "١٢٣٤-01-01",
        ] {
            assert_eq!(parse_calendar_date(raw), None, "{raw:?}");
        }
    }

    proptest! {
        #[test]
        fn every_accepted_date_can_be_moved_a_year_either_way(raw in "\\PC{0,12}") {
            if let Some(date) = parse_calendar_date(&raw) {
                prop_assert!(date.checked_add_days(chrono::Days::new(366)).is_some());
                prop_assert!(date.checked_sub_days(chrono::Days::new(366)).is_some());
            }
        }
    }
}
