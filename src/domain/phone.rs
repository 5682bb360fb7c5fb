//! Phone numbers.

use super::{Field, FieldError, FieldErrorCode};
use serde::{Deserialize, Serialize};

const MIN_DIGITS: usize = 7;
const MAX_DIGITS: usize = 15;

/// A phone number normalised to `+` (optional) followed by 7–15 digits.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Phone(String);

impl Phone {
    /// Parses a phone number written with digits, spaces, `-`, `.`, `(`, `)` and a leading `+`.
    pub fn parse(raw: &str) -> Result<Phone, FieldError> {
        let err = |code| FieldError::new(Field::Phone, code);
        let trimmed = raw.trim();
        if trimmed.is_empty() {
            return Err(err(FieldErrorCode::Required));
        }
        if trimmed.len() > 30 {
            return Err(err(FieldErrorCode::TooLong));
        }
        let (plus, rest) = match trimmed.strip_prefix('+') {
            Some(rest) => ("+", rest),
            None => ("", trimmed),
        };
        if !rest.chars().all(|c| c.is_ascii_digit() || matches!(c, ' ' | '-' | '.' | '(' | ')')) {
            return Err(err(FieldErrorCode::InvalidCharacters));
        }
        let digits: String = rest.chars().filter(char::is_ascii_digit).collect();
        if !(MIN_DIGITS..=MAX_DIGITS).contains(&digits.len()) {
            return Err(err(FieldErrorCode::InvalidFormat));
        }
        Ok(Phone(format!("{plus}{digits}")))
    }

    /// The normalised number.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn punctuation_is_removed_and_the_plus_kept() {
        assert_eq!(Phone::parse("+1 (555) 123-4567").expect("valid").as_str(), "+15551234567");
        assert_eq!(Phone::parse("020 7946 0958").expect("valid").as_str(), "02079460958");
    }

    #[test]
    fn bad_numbers_are_refused() {
        let code = |raw: &str| Phone::parse(raw).err().map(|e| e.code);
        assert_eq!(code(""), Some(FieldErrorCode::Required));
        assert_eq!(code("12345"), Some(FieldErrorCode::InvalidFormat));
        assert_eq!(code("1234567890123456"), Some(FieldErrorCode::InvalidFormat));
        assert_eq!(code("555-CALL-NOW"), Some(FieldErrorCode::InvalidCharacters));
        assert_eq!(code("++15551234567"), Some(FieldErrorCode::InvalidCharacters));
    }
}
