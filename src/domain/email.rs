//! Email addresses.

use super::{Field, FieldError, FieldErrorCode};
use serde::{Deserialize, Serialize};

/// Longest address accepted (RFC 5321 path limit).
pub const MAX_LEN: usize = 254;
const MAX_LOCAL_LEN: usize = 64;

/// A syntactically valid, lower-cased email address.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Email(String);

impl Email {
    /// Parses an address: one `@`, a dot-atom local part and a dotted domain with a
    /// letters-only top-level label. Surrounding white space is ignored; the result is lower case.
    pub fn parse(raw: &str) -> Result<Email, FieldError> {
        let err = |code| FieldError::new(Field::Email, code);
        let trimmed = raw.trim();
        if trimmed.is_empty() {
            return Err(err(FieldErrorCode::Required));
        }
        if trimmed.chars().count() > MAX_LEN {
            return Err(err(FieldErrorCode::TooLong));
        }
        let lower = trimmed.to_lowercase();
        let (local, domain) = lower.split_once('@').ok_or(err(FieldErrorCode::InvalidFormat))?;
        if !is_valid_local_part(local) || !is_valid_domain(domain) {
            return Err(err(FieldErrorCode::InvalidFormat));
        }
        Ok(Email(lower))
    }

    /// The address as text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Display for Email {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

fn is_valid_local_part(local: &str) -> bool {
    const SPECIALS: &str = "!#$%&'*+/=?^_`{|}~-";
    !local.is_empty()
        && local.len() <= MAX_LOCAL_LEN
        && local.split('.').all(|atom| {
            !atom.is_empty()
                && atom.chars().all(|c| c.is_ascii_alphanumeric() || SPECIALS.contains(c))
        })
}

fn is_valid_domain(domain: &str) -> bool {
    let labels: Vec<&str> = domain.split('.').collect();
    let Some(tld) = labels.last() else {
        return false;
    };
    labels.len() >= 2
        && labels.iter().all(|label| is_valid_label(label))
        && tld.len() >= 2
        && tld.chars().all(|c| c.is_ascii_alphabetic())
}

fn is_valid_label(label: &str) -> bool {
    !label.is_empty()
        && label.len() <= 63
        && !label.starts_with('-')
        && !label.ends_with('-')
        && label.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn code(raw: &str) -> Option<FieldErrorCode> {
        Email::parse(raw).err().map(|e| e.code)
    }

    #[test]
    fn a_plain_address_is_accepted_and_lower_cased() {
        let email = Email::parse("  Jane.Doe+clinic@Example.ORG ").expect("valid");
        assert_eq!(email.as_str(), "jane.doe+clinic@example.org");
    }

    #[test]
    fn malformed_addresses_are_refused_with_invalid_format() {
        for raw in [
            "plainaddress",
            "@example.com",
            "jane@",
            "jane@example",
            "jane@@example.com",
            "jane..doe@example.com",
            ".jane@example.com",
            "jane@-example.com",
            "jane@example.c0m",
            "jane doe@example.com",
            "jane@exa_mple.com",
            "jane@example.c",
        ] {
            assert_eq!(code(raw), Some(FieldErrorCode::InvalidFormat), "{raw}");
        }
    }

    #[test]
    fn an_empty_address_is_required() {
        assert_eq!(code("   "), Some(FieldErrorCode::Required));
    }

    #[test]
    fn an_over_long_address_is_refused_as_too_long() {
        let raw = format!("{}@example.com", "a".repeat(250));
        assert_eq!(code(&raw), Some(FieldErrorCode::TooLong));
    }

    proptest! {
        #[test]
        fn parsing_never_panics_and_accepted_values_reparse_to_themselves(raw in "\\PC{0,80}") {
            if let Ok(email) = Email::parse(&raw) {
                prop_assert_eq!(Email::parse(email.as_str()), Ok(email.clone()));
                prop_assert!(email.as_str().len() <= MAX_LEN);
            }
        }
    }
}
