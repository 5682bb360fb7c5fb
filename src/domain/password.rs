//! Password strength rules.

use super::common_passwords::{COMMON_PASSWORDS, COMMON_WORDS, SEQUENCES};
use super::{Field, FieldError, FieldErrorCode};

/// Shortest password accepted.
pub const MIN_LEN: usize = 10;
/// Longest password accepted (bounds hashing cost).
pub const MAX_LEN: usize = 128;
const MIN_DISTINCT_CHARS: usize = 4;

/// A password that passed the strength rules. Its `Debug` output never shows the secret.
#[derive(Clone, PartialEq, Eq)]
pub struct Password(String);

impl std::fmt::Debug for Password {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Password(***)")
    }
}

impl Password {
    /// Parses a new password for `field`. `identity` holds the account's username and email,
    /// which the password must not contain. The password is used exactly as typed.
    pub fn parse(raw: &str, field: Field, identity: &[&str]) -> Result<Password, FieldError> {
        let err = |code| FieldError::new(field, code);
        let len = raw.chars().count();
        if len == 0 {
            return Err(err(FieldErrorCode::Required));
        }
        if len < MIN_LEN {
            return Err(err(FieldErrorCode::TooShort));
        }
        if len > MAX_LEN {
            return Err(err(FieldErrorCode::TooLong));
        }
        if raw.chars().any(char::is_control) {
            return Err(err(FieldErrorCode::InvalidCharacters));
        }
        if is_common(raw) {
            return Err(err(FieldErrorCode::Common));
        }
        if contains_identity(raw, identity) {
            return Err(err(FieldErrorCode::ContainsIdentity));
        }
        Ok(Password(raw.to_owned()))
    }

    /// The secret, for hashing only.
    pub fn expose(&self) -> &str {
        &self.0
    }
}

/// True for breach-list passwords, a common word padded with digits or symbols, keyboard or
/// alphabet runs, and passwords of very few distinct characters.
fn is_common(raw: &str) -> bool {
    let lower = raw.to_lowercase();
    let letters: String = lower.chars().filter(|c| c.is_alphabetic()).collect();
    let distinct = {
        let mut chars: Vec<char> = lower.chars().collect();
        chars.sort_unstable();
        chars.dedup();
        chars.len()
    };
    COMMON_PASSWORDS.contains(&lower.as_str())
        || COMMON_WORDS.contains(&letters.as_str())
        || SEQUENCES.iter().any(|run| run.contains(lower.as_str()))
        || distinct < MIN_DISTINCT_CHARS
}

/// True when the password contains the username or the email's local part (3+ characters).
fn contains_identity(raw: &str, identity: &[&str]) -> bool {
    let lower = raw.to_lowercase();
    identity
        .iter()
        .map(|part| part.split('@').next().unwrap_or(part).to_lowercase())
        .filter(|part| part.chars().count() >= 3)
        .any(|part| lower.contains(&part))
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn code(raw: &str) -> Option<FieldErrorCode> {
        Password::parse(raw, Field::Password, &["jdoe", "jane.doe@example.com"])
            .err()
            .map(|e| e.code)
    }

    #[test]
    fn a_long_uncommon_password_is_accepted() {
        assert_eq!(code("correct horse battery staple"), None);
        assert_eq!(code("Tr0ub4dor&3x"), None);
    }

    #[test]
    fn short_passwords_are_refused() {
        assert_eq!(code(""), Some(FieldErrorCode::Required));
        assert_eq!(code("Xk9#mQ2!"), Some(FieldErrorCode::TooShort));
        assert_eq!(code(&"Ab1!".repeat(33)), Some(FieldErrorCode::TooLong));
    }

    #[test]
    fn common_and_patterned_passwords_are_refused() {
        for raw in [
            "password123",
            "Password!!2024",
            "1234567890",
            "qwertyuiop",
            "aaaaaaaaaaaa",
            "abababababab",
            "Welcome2026!",
            "abcdefghijkl",
        ] {
            assert_eq!(code(raw), Some(FieldErrorCode::Common), "{raw}");
        }
    }

    #[test]
    fn passwords_containing_the_username_or_email_are_refused() {
        assert_eq!(code("my-jdoe-secret-9"), Some(FieldErrorCode::ContainsIdentity));
        assert_eq!(code("JANE.DOE-rules-77"), Some(FieldErrorCode::ContainsIdentity));
    }

    #[test]
    fn debug_output_hides_the_secret() {
        let password =
            Password::parse("correct horse battery staple", Field::Password, &[]).expect("valid");
        assert!(!format!("{password:?}").contains("horse"));
    }

    proptest! {
        #[test]
        fn accepted_passwords_respect_the_length_bounds(raw in "\\PC{0,140}") {
            if let Ok(password) = Password::parse(&raw, Field::Password, &[]) {
                let len = password.expose().chars().count();
                prop_assert!((MIN_LEN..=MAX_LEN).contains(&len));
            }
        }
    }
}
