//! What a doctor's schedule editor loads.

use crate::domain::schedule::settings::SettingsInput;
use crate::domain::schedule::{Busy, Schedule};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// A doctor's saved schedule, as form values and as the engine input for the live preview.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MyScheduleView {
    /// Weekly hours as text, Monday first (e.g. `10:00-13:00, 14:00-17:00`).
    pub weekly: [String; 7],
    pub settings: SettingsInput,
    pub overrides: Vec<OverrideView>,
    pub time_off: Vec<TimeOffView>,
    /// The saved schedule, for computing the preview in the browser.
    pub schedule: Schedule,
    /// Busy times in the preview window.
    pub busy: Vec<Busy>,
    /// Whether an admin has verified the doctor (patients see them only then).
    pub verified: bool,
}

/// One date override.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OverrideView {
    pub date: NaiveDate,
    pub day_off: bool,
    /// The custom hours as text (empty for a day off).
    pub hours: String,
}

/// One time-off range.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TimeOffView {
    pub id: i64,
    pub first_day: NaiveDate,
    pub last_day: NaiveDate,
    pub note: String,
}
