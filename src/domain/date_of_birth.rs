//! Dates of birth.

use super::{Field, FieldError, FieldErrorCode};
use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

const MAX_AGE_YEARS: i32 = 130;

/// A date of birth that is not in the future and not implausibly long ago.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct DateOfBirth(NaiveDate);

impl DateOfBirth {
    /// Parses `YYYY-MM-DD` against `today` (passed in: the domain reads no clock).
    pub fn parse(raw: &str, today: NaiveDate) -> Result<DateOfBirth, FieldError> {
        let err = |code| FieldError::new(Field::DateOfBirth, code);
        let trimmed = raw.trim();
        if trimmed.is_empty() {
            return Err(err(FieldErrorCode::Required));
        }
        let date = NaiveDate::parse_from_str(trimmed, "%Y-%m-%d")
            .map_err(|_| err(FieldErrorCode::InvalidFormat))?;
        if date > today {
            return Err(err(FieldErrorCode::InFuture));
        }
        if today.year() - date.year() > MAX_AGE_YEARS {
            return Err(err(FieldErrorCode::TooOld));
        }
        Ok(DateOfBirth(date))
    }

    /// Wraps a date already validated (e.g. read back from the database).
    pub fn from_stored(date: NaiveDate) -> DateOfBirth {
        DateOfBirth(date)
    }

    /// The date.
    pub fn date(self) -> NaiveDate {
        self.0
    }

    /// Whole years lived on `today` (a 29 February birthday comes of age on 1 March in
    /// common years); zero before the date itself.
    pub fn age_on(self, today: NaiveDate) -> u32 {
        let years = today.year() - self.0.year();
        let birthday_passed = (today.month(), today.day()) >= (self.0.month(), self.0.day());
        let age = if birthday_passed { years } else { years - 1 };
        u32::try_from(age).unwrap_or(0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 21).expect("valid date")
    }

    #[test]
    fn a_past_date_is_accepted() {
        let dob = DateOfBirth::parse("1990-02-28", today()).expect("valid");
        assert_eq!(dob.date().to_string(), "1990-02-28");
    }

    #[test]
    fn age_counts_whole_years() {
        let age = |born: &str, on: &str| {
            DateOfBirth::from_stored(born.parse().expect("date")).age_on(on.parse().expect("date"))
        };
        assert_eq!(age("1990-02-28", "2026-02-27"), 35);
        assert_eq!(age("1990-02-28", "2026-02-28"), 36);
        assert_eq!(age("2000-02-29", "2025-02-28"), 24);
        assert_eq!(age("2000-02-29", "2025-03-01"), 25);
        assert_eq!(age("2000-02-29", "2024-02-29"), 24);
        assert_eq!(age("2026-11-21", "2026-11-21"), 0);
        assert_eq!(age("2026-11-21", "2026-11-20"), 0);
    }

    proptest::proptest! {
        /// The age is the number of birthdays (dates with the birth's month and day, or 1 March
        /// for 29 February in common years) from the birth to `today`.
        #[test]
        fn age_is_the_number_of_birthdays_passed(born in 0i32..40_000, lived in 0i32..40_000) {
            let start = NaiveDate::from_ymd_opt(1900, 1, 1).expect("date");
            let born = start + chrono::Duration::days(i64::from(born));
            let today = born + chrono::Duration::days(i64::from(lived));
            let birthdays = (born.year() + 1..=today.year())
                .filter(|year| {
                    let day = NaiveDate::from_ymd_opt(*year, born.month(), born.day())
                        .unwrap_or_else(|| NaiveDate::from_ymd_opt(*year, 3, 1).expect("date"));
                    day <= today
                })
                .count();
            proptest::prop_assert_eq!(DateOfBirth::from_stored(born).age_on(today) as usize, birthdays);
        }
    }

    #[test]
    fn bad_dates_are_refused() {
        let code = |raw: &str| DateOfBirth::parse(raw, today()).err().map(|e| e.code);
        assert_eq!(code(""), Some(FieldErrorCode::Required));
        assert_eq!(code("banana"), Some(FieldErrorCode::InvalidFormat));
        assert_eq!(code("1990-02-30"), Some(FieldErrorCode::InvalidFormat));
        assert_eq!(code("2026-11-22"), Some(FieldErrorCode::InFuture));
        assert_eq!(code("1890-01-01"), Some(FieldErrorCode::TooOld));
    }
}
