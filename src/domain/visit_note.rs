//! A doctor's notes on a visit: the summary the patient reads (the diagnosis in plain words,
//! advice, a follow-up in N weeks) and a private note for the writing doctor alone. Editable
//! until 24 hours after the visit ends; after that only addenda are added. SQLite enforces the
//! same window (the `visit_notes` triggers).

use super::field_error::{Field, FieldError, FieldErrorCode};
use super::long_text::long_text;
use chrono::{DateTime, Datelike, Duration, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

/// Longest diagnosis, advice and private note (characters).
pub const MAX_DIAGNOSIS: usize = 2000;
pub const MAX_ADVICE: usize = 4000;
pub const MAX_PRIVATE: usize = 4000;
/// Longest addendum.
pub const MAX_ADDENDUM: usize = 2000;
/// The furthest follow-up, in weeks.
pub const MAX_FOLLOW_UP_WEEKS: u8 = 52;

/// The note form as typed.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct VisitNoteInput {
    pub diagnosis: String,
    pub advice: String,
    /// Whole weeks, or empty for no follow-up.
    pub follow_up_weeks: String,
    pub private_note: String,
}

/// A checked note: any part may be empty, but not all of them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VisitNote {
    pub diagnosis: String,
    pub advice: String,
    pub follow_up_weeks: Option<u8>,
    pub private_note: String,
}

impl VisitNoteInput {
    /// Checks every field, reporting each refusal at its field.
    pub fn parse(&self) -> Result<VisitNote, Vec<FieldError>> {
        let mut errors = Vec::new();
        let mut keep = |result: Result<String, FieldError>| {
            result.map_err(|e| errors.push(e)).unwrap_or_default()
        };
        let diagnosis = keep(long_text(&self.diagnosis, Field::Diagnosis, 0, MAX_DIAGNOSIS));
        let advice = keep(long_text(&self.advice, Field::Advice, 0, MAX_ADVICE));
        let private_note = keep(long_text(&self.private_note, Field::PrivateNote, 0, MAX_PRIVATE));
        let follow_up_weeks = match parse_weeks(&self.follow_up_weeks) {
            Ok(weeks) => weeks,
            Err(error) => {
                errors.push(error);
                None
            }
        };
        if errors.is_empty()
            && diagnosis.is_empty()
            && advice.is_empty()
            && private_note.is_empty()
            && follow_up_weeks.is_none()
        {
            errors.push(FieldError::new(Field::Diagnosis, FieldErrorCode::Required));
        }
        if errors.is_empty() {
            Ok(VisitNote { diagnosis, advice, follow_up_weeks, private_note })
        } else {
            Err(errors)
        }
    }
}

fn parse_weeks(raw: &str) -> Result<Option<u8>, FieldError> {
    let raw = raw.trim();
    if raw.is_empty() {
        return Ok(None);
    }
    match raw.parse::<u8>() {
        Ok(weeks @ 1..=MAX_FOLLOW_UP_WEEKS) => Ok(Some(weeks)),
        Ok(_) => Err(FieldError::new(Field::FollowUpWeeks, FieldErrorCode::OutOfRange)),
        Err(_) if raw.chars().all(|c| c.is_ascii_digit()) => {
            Err(FieldError::new(Field::FollowUpWeeks, FieldErrorCode::OutOfRange))
        }
        Err(_) => Err(FieldError::new(Field::FollowUpWeeks, FieldErrorCode::InvalidFormat)),
    }
}

/// An addendum (1–2,000 characters), added once the note is closed.
pub fn parse_addendum(raw: &str) -> Result<String, FieldError> {
    long_text(raw, Field::Addendum, 1, MAX_ADDENDUM)
}

/// How long after a visit ends its note may still be changed.
pub fn edit_window() -> Duration {
    Duration::hours(24)
}

/// True while the note of a visit ending at `visit_end` may be written or changed.
pub fn editable(visit_end: DateTime<Utc>, now: DateTime<Utc>) -> bool {
    now <= visit_end + edit_window()
}

/// The Monday of the week `weeks` after the visit's local date: where "book follow-up" opens
/// the doctor's calendar.
pub fn follow_up_week(visit_day: NaiveDate, weeks: u8) -> NaiveDate {
    let day = visit_day + Duration::weeks(i64::from(weeks));
    day - Duration::days(i64::from(day.weekday().num_days_from_monday()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn input(diagnosis: &str, advice: &str, weeks: &str, private: &str) -> VisitNoteInput {
        VisitNoteInput {
            diagnosis: diagnosis.into(),
            advice: advice.into(),
            follow_up_weeks: weeks.into(),
            private_note: private.into(),
        }
    }

    fn refused(note: VisitNoteInput) -> Vec<(Field, FieldErrorCode)> {
        note.parse().unwrap_err().into_iter().map(|e| (e.field, e.code)).collect()
    }

    #[test]
    fn each_part_is_checked_at_its_field() {
        let note = input(" Mild hypertension \r\n", "Walk daily.", " 6 ", "Check family history.")
            .parse()
            .expect("valid");
        assert_eq!(note.diagnosis, "Mild hypertension");
        assert_eq!(note.follow_up_weeks, Some(6));
        assert_eq!(input("", "", "", "Only for me").parse().map(|n| n.follow_up_weeks), Ok(None));
        assert_eq!(refused(input("", "", "", "")), [(Field::Diagnosis, FieldErrorCode::Required)]);
        assert_eq!(
            refused(input(&"x".repeat(2001), "a\u{7}", "0", &"y".repeat(4001))),
            [
                (Field::Diagnosis, FieldErrorCode::TooLong),
                (Field::Advice, FieldErrorCode::InvalidCharacters),
                (Field::PrivateNote, FieldErrorCode::TooLong),
                (Field::FollowUpWeeks, FieldErrorCode::OutOfRange),
            ]
        );
        assert_eq!(
            refused(input("a", "", "53", "")),
            [(Field::FollowUpWeeks, FieldErrorCode::OutOfRange)]
        );
        assert_eq!(
            refused(input("a", "", "999", "")),
            [(Field::FollowUpWeeks, FieldErrorCode::OutOfRange)]
        );
        assert_eq!(
            refused(input("a", "", "two", "")),
            [(Field::FollowUpWeeks, FieldErrorCode::InvalidFormat)]
        );
        assert_eq!(
            refused(input("a", "", "-1", "")),
            [(Field::FollowUpWeeks, FieldErrorCode::InvalidFormat)]
        );
        assert_eq!(
            parse_addendum("  "),
            Err(FieldError::new(Field::Addendum, FieldErrorCode::Required))
        );
    }

    #[test]
    fn a_note_is_editable_for_a_day_after_the_visit() {
        let end = DateTime::from_timestamp(1_800_000_000, 0).expect("instant");
        assert!(editable(end, end - Duration::hours(1)));
        assert!(editable(end, end + Duration::hours(24)));
        assert!(!editable(end, end + Duration::hours(24) + Duration::seconds(1)));
    }

    #[test]
    fn a_follow_up_opens_on_the_monday_of_its_week() {
        let thursday = NaiveDate::from_ymd_opt(2026, 12, 3).expect("date");
        assert_eq!(follow_up_week(thursday, 2).to_string(), "2026-12-14");
        let monday = NaiveDate::from_ymd_opt(2026, 12, 7).expect("date");
        assert_eq!(follow_up_week(monday, 1).to_string(), "2026-12-14");
    }

    proptest! {
        /// The follow-up week starts on a Monday, within the week `weeks` after the visit.
        #[test]
        fn the_follow_up_week_contains_the_day_weeks_later(days in 0i64..20_000, weeks in 1u8..=52) {
            let visit = NaiveDate::from_ymd_opt(2000, 1, 1).expect("date") + Duration::days(days);
            let monday = follow_up_week(visit, weeks);
            let target = visit + Duration::weeks(i64::from(weeks));
            prop_assert_eq!(monday.weekday(), chrono::Weekday::Mon);
            prop_assert!(monday <= target && target < monday + Duration::days(7));
        }

        /// Whatever is typed, the note is refused at a field or kept within every limit.
        #[test]
        fn any_input_is_refused_at_a_field_or_kept_within_limits(
            diagnosis in ".{0,40}", advice in ".{0,40}", weeks in ".{0,4}", private in ".{0,40}"
        ) {
            match input(&diagnosis, &advice, &weeks, &private).parse() {
                Ok(note) => {
                    prop_assert!(note.follow_up_weeks.is_none_or(|w| (1..=MAX_FOLLOW_UP_WEEKS).contains(&w)));
                    prop_assert!(!note.diagnosis.chars().any(|c| c.is_control() && c != '\n'));
                }
                Err(errors) => prop_assert!(!errors.is_empty()),
            }
        }
    }
}
