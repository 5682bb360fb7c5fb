//! Exceptions to the weekly hours: one-day overrides and time off across days.

use super::day_hours::DayHours;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// What a date override does.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum DayRule {
    /// Not working that day.
    Off,
    /// Working these hours instead of the weekly ones.
    Hours(DayHours),
}

/// Replaces the weekly hours on one local date.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DateOverride {
    pub date: NaiveDate,
    pub rule: DayRule,
}

/// Days off from `first_day` to `last_day`, both included (e.g. a vacation).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct TimeOff {
    pub first_day: NaiveDate,
    pub last_day: NaiveDate,
}

impl TimeOff {
    /// A time-off range; the last day may not be before the first.
    pub fn new(first_day: NaiveDate, last_day: NaiveDate) -> Option<TimeOff> {
        (last_day >= first_day).then_some(TimeOff { first_day, last_day })
    }

    /// True when `date` falls in the range.
    pub fn contains(&self, date: NaiveDate) -> bool {
        self.first_day <= date && date <= self.last_day
    }
}
