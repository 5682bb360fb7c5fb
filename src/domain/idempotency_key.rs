//! The key a form sends so that a retried or doubled request is applied once.

use serde::{Deserialize, Serialize};

/// Shortest and longest key, in characters.
pub const KEY_LENGTH: std::ops::RangeInclusive<usize> = 8..=40;

/// A form's idempotency key: 8–40 visible ASCII characters (surrounding spaces ignored).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct IdempotencyKey(String);

impl IdempotencyKey {
    /// The key in `raw`, if it is one.
    pub fn parse(raw: &str) -> Option<IdempotencyKey> {
        let key = raw.trim();
        let visible = key.bytes().all(|b| b.is_ascii_graphic());
        (KEY_LENGTH.contains(&key.len()) && visible).then(|| IdempotencyKey(key.to_owned()))
    }

    /// A fresh key: the first 32 ASCII alphanumeric characters of `random` (the caller's
    /// RNG); `None` if it runs out first.
    pub fn from_random(random: impl Iterator<Item = char>) -> Option<IdempotencyKey> {
        let key: String = random.filter(char::is_ascii_alphanumeric).take(32).collect();
        (key.len() == 32).then_some(IdempotencyKey(key))
    }

    /// The key's text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl TryFrom<String> for IdempotencyKey {
    type Error = String;
    fn try_from(raw: String) -> Result<Self, Self::Error> {
        IdempotencyKey::parse(&raw).ok_or_else(|| "not an idempotency key".to_owned())
    }
}

impl From<IdempotencyKey> for String {
    fn from(key: IdempotencyKey) -> String {
        key.0
    }
}

impl std::fmt::Display for IdempotencyKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn keys_are_eight_to_forty_visible_characters() {
        assert_eq!(
            IdempotencyKey::parse(" bob-key-00001 ").map(|k| k.to_string()).as_deref(),
            Some("bob-key-00001")
        );
        assert!(IdempotencyKey::parse("short").is_none());
        assert!(IdempotencyKey::parse(&"x".repeat(41)).is_none());
        assert!(IdempotencyKey::parse("has a space").is_none());
        assert!(IdempotencyKey::parse("ünïcode-key").is_none());
    }

    proptest! {
        #[test]
        fn a_fresh_key_is_always_a_valid_key(seed in proptest::collection::vec(any::<char>(), 200..400)) {
            if let Some(key) = IdempotencyKey::from_random(seed.into_iter()) {
                prop_assert_eq!(IdempotencyKey::parse(key.as_str()), Some(key.clone()));
                prop_assert_eq!(key.as_str().len(), 32);
            }
        }
    }
}
