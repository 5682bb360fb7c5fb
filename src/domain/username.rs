//! Usernames.

use super::{Field, FieldError, FieldErrorCode};
use serde::{Deserialize, Serialize};

/// Shortest username accepted.
pub const MIN_LEN: usize = 3;
/// Longest username accepted.
pub const MAX_LEN: usize = 32;

/// A lower-case login name: starts with a letter, then letters, digits, `_`, `.` or `-`.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Username(String);

impl Username {
    /// Parses a username; surrounding white space is ignored and the result is lower case.
    pub fn parse(raw: &str) -> Result<Username, FieldError> {
        let err = |code| FieldError::new(Field::Username, code);
        let name = raw.trim().to_lowercase();
        let len = name.chars().count();
        if len == 0 {
            return Err(err(FieldErrorCode::Required));
        }
        if len < MIN_LEN {
            return Err(err(FieldErrorCode::TooShort));
        }
        if len > MAX_LEN {
            return Err(err(FieldErrorCode::TooLong));
        }
        let starts_with_letter = name.chars().next().is_some_and(|c| c.is_ascii_lowercase());
        let allowed = name
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || matches!(c, '_' | '.' | '-'));
        if !starts_with_letter || !allowed {
            return Err(err(FieldErrorCode::InvalidCharacters));
        }
        Ok(Username(name))
    }

    /// The username as text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Display for Username {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn code(raw: &str) -> Option<FieldErrorCode> {
        Username::parse(raw).err().map(|e| e.code)
    }

    #[test]
    fn a_username_is_trimmed_and_lower_cased() {
        assert_eq!(Username::parse(" Dr_Smith ").expect("valid").as_str(), "dr_smith");
    }

    #[test]
    fn length_limits_are_enforced() {
        assert_eq!(code(""), Some(FieldErrorCode::Required));
        assert_eq!(code("ab"), Some(FieldErrorCode::TooShort));
        assert_eq!(code(&"a".repeat(MAX_LEN + 1)), Some(FieldErrorCode::TooLong));
        assert!(Username::parse(&"a".repeat(MAX_LEN)).is_ok());
    }

    #[test]
    fn disallowed_characters_are_refused() {
        for raw in ["1abc", "_abc", "ab cd", "abc@d", "jürgen", "abc<script>"] {
            assert_eq!(code(raw), Some(FieldErrorCode::InvalidCharacters), "{raw}");
        }
    }

    proptest! {
        #[test]
        fn accepted_usernames_only_hold_allowed_characters(raw in "\\PC{0,40}") {
            if let Ok(name) = Username::parse(&raw) {
                prop_assert!(name.as_str().chars().all(|c| c.is_ascii_lowercase()
                    || c.is_ascii_digit() || "_.-".contains(c)));
                prop_assert!((MIN_LEN..=MAX_LEN).contains(&name.as_str().len()));
            }
        }
    }
}
