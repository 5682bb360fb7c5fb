//! A person's calendar subscription as their account page shows it.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// Whether the caller has a subscription address, and its choices.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CalendarFeedView {
    /// When the current address was made; `None`: no address.
    pub active_since: Option<DateTime<Utc>>,
    /// A doctor's choice to see patients' names in the feed.
    pub patient_names: bool,
    /// Whether the caller may make that choice (doctors).
    pub can_name_patients: bool,
}

/// A new subscription address, shown once: only a hash of its secret is kept.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NewFeedAddress {
    /// `https://…/calendar/<secret>.ics`, for apps that ask for an address.
    pub url: String,
    /// The same as `webcal://…`, which opens the device's calendar app to subscribe.
    pub webcal: String,
}
