//! `[calendar]`: how doctors' own calendars are fetched, and the key their passwords are
//! sealed with.

use super::ConfigError;
use super::settings::Settings;
use std::time::Duration;

/// Settings for connected calendars.
#[derive(Debug, Clone)]
pub struct CalendarConfig {
    /// Minutes between automatic syncs of each calendar.
    pub sync_minutes: i64,
    /// Time limit of one request to a calendar server.
    pub fetch_timeout: Duration,
    /// Largest answer read from a calendar server.
    pub max_bytes: usize,
    /// Fetch from private, loopback and link-local addresses too (tests, an intranet server).
    pub allow_private_addresses: bool,
    /// 32 bytes that seal CalDAV passwords; `None`: CalDAV calendars cannot be connected.
    pub secret_key: Option<[u8; 32]>,
}

/// Reads `[calendar]`.
pub(super) fn calendar_config(s: &Settings) -> Result<CalendarConfig, ConfigError> {
    let key: String = s.required("calendar.secret_key")?;
    let secret_key = match key.trim() {
        "" => None,
        hex => Some(parse_key(hex).ok_or_else(|| {
            s.invalid("calendar.secret_key", "expected 64 hexadecimal digits (32 random bytes)")
        })?),
    };
    Ok(CalendarConfig {
        sync_minutes: s.in_range("calendar.sync_minutes", 1..=1440)?,
        fetch_timeout: Duration::from_secs(s.in_range("calendar.fetch_timeout_seconds", 1..=120)?),
        max_bytes: s.in_range::<usize>("calendar.max_kib", 16..=102_400)? * 1024,
        allow_private_addresses: s.required("calendar.allow_private_addresses")?,
        secret_key,
    })
}

fn parse_key(hex: &str) -> Option<[u8; 32]> {
    if hex.len() != 64 {
        return None;
    }
    let mut key = [0u8; 32];
    for (i, byte) in key.iter_mut().enumerate() {
        *byte = u8::from_str_radix(hex.get(i * 2..i * 2 + 2)?, 16).ok()?;
    }
    Some(key)
}
