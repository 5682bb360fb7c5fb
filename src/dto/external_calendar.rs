//! A doctor's connected calendar as their schedule page shows it.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// One connected calendar: where it is, how its last sync went.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ExternalCalendarView {
    pub id: i64,
    pub label: String,
    /// `ics` or `caldav`.
    pub kind: String,
    /// The address's server only (an ICS address's path is often a secret).
    pub address: String,
    pub last_success: Option<DateTime<Utc>>,
    pub last_attempt: Option<DateTime<Utc>>,
    /// The last sync's failure, if it failed: a stable code and the server's detail.
    pub error_code: Option<String>,
    pub error_detail: Option<String>,
    /// No successful sync for three sync intervals: its busy times may be out of date.
    pub stale: bool,
    /// Busy intervals from now on that keep patients off.
    pub busy_ahead: i64,
    /// Confirmed appointments are written to this (CalDAV) calendar.
    pub write_back: bool,
    /// Write-backs given up after their retries (shown as a problem).
    pub failed_pushes: i64,
}

impl ExternalCalendarView {
    /// The failure in plain words.
    pub fn error_sentence(&self) -> Option<String> {
        let code = self.error_code.as_deref()?;
        let sentence = match code {
            "unauthorized" => "The calendar server refused the user name or password.",
            "not_found" => "There is no calendar at this address any more.",
            "timeout" => "The calendar server did not answer in time.",
            "unreachable" => "The calendar server could not be reached.",
            "malformed" => "The calendar could not be read: it is not valid iCalendar (ICS).",
            "too_large" => "The calendar is larger than this clinic accepts.",
            "refused_address" => "The address points inside a private network and is not fetched.",
            "redirect" => "The address sends us to another server, which is not followed.",
            _ => "The calendar server answered with an error.",
        };
        Some(format!(
            "{sentence} The busy times of the last good sync are kept until it works again."
        ))
    }
}
