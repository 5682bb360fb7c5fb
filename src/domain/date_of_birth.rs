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
    fn bad_dates_are_refused() {
        let code = |raw: &str| DateOfBirth::parse(raw, today()).err().map(|e| e.code);
        assert_eq!(code(""), Some(FieldErrorCode::Required));
        assert_eq!(code("banana"), Some(FieldErrorCode::InvalidFormat));
        assert_eq!(code("1990-02-30"), Some(FieldErrorCode::InvalidFormat));
        assert_eq!(code("2026-11-22"), Some(FieldErrorCode::InFuture));
        assert_eq!(code("1890-01-01"), Some(FieldErrorCode::TooOld));
    }
}
