//! Medical licence numbers.

use super::{Field, FieldError, FieldErrorCode};
use serde::{Deserialize, Serialize};

/// Shortest licence number accepted.
pub const MIN_LEN: usize = 4;
/// Longest licence number accepted.
pub const MAX_LEN: usize = 32;

/// A licence number: upper-case letters, digits, `-`, `/` and `.`, 4–32 characters.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct LicenceNumber(String);

impl LicenceNumber {
    /// Parses a licence number; it is trimmed and upper-cased.
    pub fn parse(raw: &str) -> Result<LicenceNumber, FieldError> {
        let err = |code| FieldError::new(Field::LicenceNumber, code);
        let value = raw.trim().to_uppercase();
        let len = value.chars().count();
        if len == 0 {
            return Err(err(FieldErrorCode::Required));
        }
        if len < MIN_LEN {
            return Err(err(FieldErrorCode::TooShort));
        }
        if len > MAX_LEN {
            return Err(err(FieldErrorCode::TooLong));
        }
        let allowed = value
            .chars()
            .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || matches!(c, '-' | '/' | '.'));
        if !allowed || !value.chars().any(|c| c.is_ascii_digit()) {
            return Err(err(FieldErrorCode::InvalidFormat));
        }
        Ok(LicenceNumber(value))
    }

    /// The licence number as text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn licence_numbers_are_normalised() {
        assert_eq!(LicenceNumber::parse(" md-12345 ").expect("valid").as_str(), "MD-12345");
    }

    #[test]
    fn bad_licence_numbers_are_refused() {
        let code = |raw: &str| LicenceNumber::parse(raw).err().map(|e| e.code);
        assert_eq!(code(""), Some(FieldErrorCode::Required));
        assert_eq!(code("A1"), Some(FieldErrorCode::TooShort));
        assert_eq!(code("MD 1234"), Some(FieldErrorCode::InvalidFormat));
        assert_eq!(code("ABCDEF"), Some(FieldErrorCode::InvalidFormat));
        assert_eq!(code(&"1".repeat(33)), Some(FieldErrorCode::TooLong));
    }
}
