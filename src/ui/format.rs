//! Formatting helpers for display.

use chrono::DateTime;

/// A unix-seconds instant as a calendar date (UTC), e.g. `2026-11-21`.
pub fn date(unix_seconds: i64) -> String {
    DateTime::from_timestamp(unix_seconds, 0)
        .map(|t| t.format("%Y-%m-%d").to_string())
        .unwrap_or_default()
}
