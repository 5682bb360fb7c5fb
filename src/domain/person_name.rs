//! A person's display name.

use super::{Field, FieldError, FieldErrorCode, clean_text};
use serde::{Deserialize, Serialize};

/// Shortest name accepted, in characters.
pub const MIN_LEN: usize = 2;
/// Longest name accepted, in characters.
pub const MAX_LEN: usize = 100;

/// A full name as the person writes it: trimmed, inner runs of white space folded to one space.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct PersonName(String);

impl PersonName {
    /// Parses a full name.
    pub fn parse(raw: &str) -> Result<PersonName, FieldError> {
        let err = |code| FieldError::new(Field::FullName, code);
        let cleaned = clean_text(raw).ok_or(err(FieldErrorCode::InvalidCharacters))?;
        let folded = cleaned.split_whitespace().collect::<Vec<_>>().join(" ");
        let len = folded.chars().count();
        if len == 0 {
            return Err(err(FieldErrorCode::Required));
        }
        if len < MIN_LEN {
            return Err(err(FieldErrorCode::TooShort));
        }
        if len > MAX_LEN {
            return Err(err(FieldErrorCode::TooLong));
        }
        if !folded.chars().any(char::is_alphabetic) || folded.contains(['<', '>']) {
            return Err(err(FieldErrorCode::InvalidCharacters));
        }
        Ok(PersonName(folded))
    }

    /// The name as text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_trimmed_and_inner_spaces_folded() {
        let name = PersonName::parse("  José   María  O'Neil-Ångström ").expect("valid");
        assert_eq!(name.as_str(), "José María O'Neil-Ångström");
    }

    #[test]
    fn bad_names_are_refused() {
        let code = |raw: &str| PersonName::parse(raw).err().map(|e| e.code);
        assert_eq!(code(""), Some(FieldErrorCode::Required));
        assert_eq!(code("A"), Some(FieldErrorCode::TooShort));
        assert_eq!(code(&"a".repeat(101)), Some(FieldErrorCode::TooLong));
        assert_eq!(code("12345"), Some(FieldErrorCode::InvalidCharacters));
        assert_eq!(code("Ann\u{0}Lee"), Some(FieldErrorCode::InvalidCharacters));
        assert_eq!(code("<b>Ann</b>"), Some(FieldErrorCode::InvalidCharacters));
    }
}
