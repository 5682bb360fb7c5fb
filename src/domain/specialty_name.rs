//! The name of a medical specialty, as an admin writes it.

use super::{Field, FieldError, FieldErrorCode, clean_text};

/// Shortest name accepted, in characters (the table's CHECK agrees).
pub const MIN_LEN: usize = 2;
/// Longest name accepted, in characters.
pub const MAX_LEN: usize = 80;

/// A specialty's name: trimmed, inner runs of white space folded to one space, starting with a
/// letter, without angle brackets. Names are unique regardless of case (the table's NOCASE collation).
pub fn parse_specialty_name(raw: &str) -> Result<String, FieldError> {
    let err = |code| FieldError::new(Field::Specialty, code);
    let cleaned = clean_text(raw).ok_or(err(FieldErrorCode::InvalidCharacters))?;
    let folded = cleaned.split_whitespace().collect::<Vec<_>>().join(" ");
    match folded.chars().count() {
        0 => Err(err(FieldErrorCode::Required)),
        n if n < MIN_LEN => Err(err(FieldErrorCode::TooShort)),
        n if n > MAX_LEN => Err(err(FieldErrorCode::TooLong)),
        _ if !folded.starts_with(char::is_alphabetic) || folded.contains(['<', '>']) => {
            Err(err(FieldErrorCode::InvalidCharacters))
        }
        _ => Ok(folded),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn names_are_folded_and_bad_ones_refused_at_the_field() {
        assert_eq!(parse_specialty_name("  Sports   medicine ").as_deref(), Ok("Sports medicine"));
        assert_eq!(parse_specialty_name("Ear, nose & throat").as_deref(), Ok("Ear, nose & throat"));
        let code = |raw: &str| parse_specialty_name(raw).map_err(|e| (e.field, e.code));
        assert_eq!(code("   "), Err((Field::Specialty, FieldErrorCode::Required)));
        assert_eq!(code("X"), Err((Field::Specialty, FieldErrorCode::TooShort)));
        assert_eq!(code(&"a".repeat(81)), Err((Field::Specialty, FieldErrorCode::TooLong)));
        assert_eq!(code("123"), Err((Field::Specialty, FieldErrorCode::InvalidCharacters)));
        assert_eq!(code("1e309"), Err((Field::Specialty, FieldErrorCode::InvalidCharacters)));
        assert_eq!(code("<b>Surgery"), Err((Field::Specialty, FieldErrorCode::InvalidCharacters)));
    }

    proptest! {
        #[test]
        fn an_accepted_name_is_within_the_tables_check_and_parses_to_itself(raw in "\\PC{0,100}") {
            if let Ok(name) = parse_specialty_name(&raw) {
                let len = name.chars().count();
                prop_assert!((MIN_LEN..=MAX_LEN).contains(&len));
                prop_assert_eq!(name.trim(), name.as_str());
                prop_assert_eq!(parse_specialty_name(&name), Ok(name.clone()));
            }
        }
    }
}
