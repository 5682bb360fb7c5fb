//! What the availability server functions return.

use crate::domain::schedule::Slot;
use crate::domain::schedule::TimeZone;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// Free-slot counts for each day of a month, in the viewer's zone.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MonthAvailabilityView {
    /// `YYYY-MM`.
    pub month: String,
    /// The viewer's IANA zone the days are in.
    pub time_zone: TimeZone,
    /// Today in that zone.
    pub today: NaiveDate,
    /// Every day of the month with its number of free slots (0 = nothing free).
    pub days: Vec<DayAvailability>,
}

/// One day of a month overview.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct DayAvailability {
    pub date: NaiveDate,
    pub free_slots: u32,
}

/// The free slots of one day in the viewer's zone.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DaySlotsView {
    pub date: NaiveDate,
    /// The viewer's IANA zone.
    pub time_zone: TimeZone,
    /// The doctor's IANA zone (shown too when it differs).
    pub doctor_time_zone: TimeZone,
    pub slots: Vec<Slot>,
}
