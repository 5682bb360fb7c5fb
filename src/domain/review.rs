//! Reviews of completed visits: what a patient may write, how authors are shown, and how long a
//! review stays editable. SQLite enforces the same rules (see the `reviews` triggers).

use super::field_error::{Field, FieldError, FieldErrorCode};
use super::long_text::long_text as text;
use chrono::{DateTime, Duration, Utc};

/// The longest review, and the longest answer (characters).
pub const MAX_TEXT: usize = 2000;
/// The longest reason an admin gives for hiding a review.
pub const MAX_REASON: usize = 500;
/// The shortest such reason.
pub const MIN_REASON: usize = 3;
/// Reviews per page on a doctor's page.
pub const PAGE_SIZE: u32 = 10;

/// How long after writing a review its author may change it.
pub fn edit_window() -> Duration {
    Duration::days(14)
}

/// True while a review written at `created_at` may still be edited.
pub fn editable(created_at: DateTime<Utc>, now: DateTime<Utc>) -> bool {
    now <= created_at + edit_window()
}

/// A review's stars (1–5) and text (may be empty; surrounding space trimmed).
pub fn parse_review(stars: &str, body: &str) -> Result<(u8, String), Vec<FieldError>> {
    let mut errors = Vec::new();
    let stars = match stars.trim().parse::<u8>() {
        Ok(n @ 1..=5) => Some(n),
        Ok(_) => fail(&mut errors, Field::Stars, FieldErrorCode::OutOfRange),
        Err(_) if stars.trim().is_empty() => {
            fail(&mut errors, Field::Stars, FieldErrorCode::Required)
        }
        Err(_) => fail(&mut errors, Field::Stars, FieldErrorCode::InvalidFormat),
    };
    let body = text(body, Field::ReviewBody, 0, MAX_TEXT).map_err(|e| errors.push(e)).ok();
    match (stars, body) {
        (Some(stars), Some(body)) if errors.is_empty() => Ok((stars, body)),
        _ => Err(errors),
    }
}

/// A doctor's public answer (1–2,000 characters).
pub fn parse_reply(raw: &str) -> Result<String, FieldError> {
    text(raw, Field::Reply, 1, MAX_TEXT)
}

/// An admin's reason for hiding a review (3–500 characters), which its author is told.
pub fn parse_reason(raw: &str) -> Result<String, FieldError> {
    text(raw, Field::Reason, MIN_REASON, MAX_REASON)
}

/// How a review's author is shown: first name and the initial of the last word ("Alice M."),
/// or "Anonymous patient".
pub fn author_label(full_name: &str, anonymous: bool) -> String {
    let words: Vec<&str> = full_name.split_whitespace().collect();
    match (anonymous, words.as_slice()) {
        (true, _) | (false, []) => "Anonymous patient".to_owned(),
        (false, [only]) => (*only).to_owned(),
        (false, [first, .., last]) => {
            let initial: String = last.chars().take(1).collect();
            format!("{first} {initial}.")
        }
    }
}

fn fail<T>(errors: &mut Vec<FieldError>, field: Field, code: FieldErrorCode) -> Option<T> {
    errors.push(FieldError::new(field, code));
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn stars_and_text_are_checked_at_their_fields() {
        assert_eq!(parse_review("5", "  Kind and clear.\r\n"), Ok((5, "Kind and clear.".into())));
        assert_eq!(parse_review("4", ""), Ok((4, String::new())));
        let refused = |stars: &str, body: &str| -> Vec<(Field, FieldErrorCode)> {
            parse_review(stars, body).unwrap_err().into_iter().map(|e| (e.field, e.code)).collect()
        };
        assert_eq!(refused("0", ""), [(Field::Stars, FieldErrorCode::OutOfRange)]);
        assert_eq!(refused("6", ""), [(Field::Stars, FieldErrorCode::OutOfRange)]);
        assert_eq!(refused("", ""), [(Field::Stars, FieldErrorCode::Required)]);
        assert_eq!(refused("five", ""), [(Field::Stars, FieldErrorCode::InvalidFormat)]);
        assert_eq!(refused("3", &"x".repeat(2001)), [(Field::ReviewBody, FieldErrorCode::TooLong)]);
        assert_eq!(
            refused("3", "bell\u{7}"),
            [(Field::ReviewBody, FieldErrorCode::InvalidCharacters)]
        );
        assert_eq!(parse_reply(" "), Err(FieldError::new(Field::Reply, FieldErrorCode::Required)));
        assert_eq!(
            parse_reason("no"),
            Err(FieldError::new(Field::Reason, FieldErrorCode::TooShort))
        );
    }

    #[test]
    fn authors_show_a_first_name_and_an_initial_or_nothing() {
        assert_eq!(author_label("Alice Martin", false), "Alice M.");
        assert_eq!(author_label("Mohammad Abdul Karim", false), "Mohammad K.");
        assert_eq!(author_label("Cher", false), "Cher");
        assert_eq!(author_label("Alice Martin", true), "Anonymous patient");
    }

    #[test]
    fn a_review_is_editable_for_fourteen_days() {
        let written = DateTime::from_timestamp(1_800_000_000, 0).unwrap();
        assert!(editable(written, written + Duration::days(14)));
        assert!(!editable(written, written + Duration::days(14) + Duration::seconds(1)));
    }

    proptest! {
        #[test]
        fn an_author_label_never_shows_more_than_the_last_names_initial(first in "[A-Z][a-z]{1,8}", last in "[A-Z][a-z]{2,10}") {
            let label = author_label(&format!("{first} {last}"), false);
            prop_assert!(!label.contains(&last));
            prop_assert!(label.starts_with(&first));
        }
    }
}
