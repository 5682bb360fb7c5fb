//! The working intervals of one day (gaps between them are breaks).

use super::wall_time::{IntervalError, WorkInterval};
use crate::domain::{FieldError, FieldErrorCode, field_error::Field};
use serde::{Deserialize, Serialize};

/// Most intervals a day may have.
pub const MAX_INTERVALS: usize = 12;

/// Sorted, non-overlapping working intervals of a day; empty means not working.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct DayHours(Vec<WorkInterval>);

impl DayHours {
    /// Checks and sorts intervals: no overlaps, each at least `slot_minutes` long.
    pub fn new(
        mut intervals: Vec<WorkInterval>,
        slot_minutes: u16,
        field: Field,
    ) -> Result<DayHours, FieldError> {
        let err = |code| FieldError::new(field, code);
        if intervals.len() > MAX_INTERVALS {
            return Err(err(FieldErrorCode::TooLong));
        }
        intervals.sort();
        if intervals.windows(2).any(|pair| pair[0].overlaps(pair[1])) {
            return Err(err(FieldErrorCode::Overlap));
        }
        if intervals.iter().any(|i| i.minutes() < slot_minutes) {
            return Err(err(FieldErrorCode::SlotTooLong));
        }
        Ok(DayHours(intervals))
    }

    /// Parses `10:00-13:00, 14:00-17:00` (commas, semicolons or new lines between intervals;
    /// empty or `off` for a day off) and checks it against the slot length.
    pub fn parse(raw: &str, slot_minutes: u16, field: Field) -> Result<DayHours, FieldError> {
        let trimmed = raw.trim();
        if trimmed.is_empty() || trimmed.eq_ignore_ascii_case("off") {
            return Ok(DayHours::default());
        }
        if trimmed.len() > 400 {
            return Err(FieldError::new(field, FieldErrorCode::TooLong));
        }
        let intervals = trimmed
            .split([',', ';', '\n'])
            .map(str::trim)
            .filter(|part| !part.is_empty())
            .map(|part| {
                WorkInterval::parse(part).map_err(|e| match e {
                    IntervalError::Format => FieldError::new(field, FieldErrorCode::InvalidFormat),
                    IntervalError::EndBeforeStart => {
                        FieldError::new(field, FieldErrorCode::EndBeforeStart)
                    }
                })
            })
            .collect::<Result<Vec<_>, _>>()?;
        DayHours::new(intervals, slot_minutes, field)
    }

    /// Wraps intervals read back from storage (already valid).
    pub fn from_stored(mut intervals: Vec<WorkInterval>) -> DayHours {
        intervals.sort();
        DayHours(intervals)
    }

    /// The intervals, sorted.
    pub fn intervals(&self) -> &[WorkInterval] {
        &self.0
    }

    /// True when there is no working time.
    pub fn is_off(&self) -> bool {
        self.0.is_empty()
    }
}

impl std::fmt::Display for DayHours {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let parts: Vec<String> = self.0.iter().map(ToString::to_string).collect();
        f.write_str(&parts.join(", "))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(raw: &str) -> Result<DayHours, FieldErrorCode> {
        DayHours::parse(raw, 30, Field::HoursMon).map_err(|e| e.code)
    }

    #[test]
    fn a_day_with_a_lunch_break_parses_sorted() {
        let day = parse("14:00-17:00, 10:00-13:00").expect("valid");
        assert_eq!(day.to_string(), "10:00-13:00, 14:00-17:00");
        assert!(parse("off").expect("valid").is_off());
        assert!(parse("  ").expect("valid").is_off());
    }

    #[test]
    fn invalid_days_are_refused_with_their_reason() {
        assert_eq!(parse("10:00-13:00, 12:00-15:00"), Err(FieldErrorCode::Overlap));
        assert_eq!(parse("13:00-10:00"), Err(FieldErrorCode::EndBeforeStart));
        assert_eq!(parse("10:00-10:20"), Err(FieldErrorCode::SlotTooLong));
        assert_eq!(parse("banana"), Err(FieldErrorCode::InvalidFormat));
        assert_eq!(parse("03:17"), Err(FieldErrorCode::InvalidFormat));
    }

    #[test]
    fn touching_intervals_do_not_overlap() {
        assert!(parse("10:00-12:00, 12:00-13:00").is_ok());
    }
}
