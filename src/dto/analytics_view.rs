//! The analytics dashboard's series: what the charts draw and the tables beneath them list.

use crate::domain::money::Money;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// A count on a day (or in the week starting that day).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DayCount {
    pub date: NaiveDate,
    pub count: u32,
}

/// A count under a label.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LabelledCount {
    pub label: String,
    pub count: u32,
}

/// A doctor's booked against offered time.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DoctorUtilisation {
    pub doctor_name: String,
    pub booked_minutes: u32,
    pub offered_minutes: u32,
    /// Booked per thousand offered (none when nothing was offered).
    pub permille: Option<u16>,
}

/// Revenue settled in a clinic month (within the range).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MonthRevenue {
    /// `YYYY-MM`.
    pub month: String,
    pub gross: Money,
    pub net: Money,
}

/// Everything the analytics page shows for a range of clinic days: the clinic's, or a doctor's
/// own slice.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AnalyticsView {
    pub from: NaiveDate,
    /// Inclusive.
    pub to: NaiveDate,
    /// The doctor's own figures (else the whole clinic's).
    pub own_slice: bool,
    /// Appointments booked each day (by when they were booked).
    pub bookings_per_day: Vec<DayCount>,
    /// How long before the visit those appointments were booked.
    pub lead_times: Vec<LabelledCount>,
    /// The busiest doctors first (at most [`UTILISATION_SHOWN`]).
    pub utilisation: Vec<DoctorUtilisation>,
    /// How many doctors there are in all.
    pub doctors: u32,
    /// Visits in the range that were called off, by who did it.
    pub cancellations: Vec<LabelledCount>,
    /// The reasons given most often.
    pub cancellation_reasons: Vec<LabelledCount>,
    pub revenue: Vec<MonthRevenue>,
    /// First-time patients in each week (starting Monday).
    pub new_patients: Vec<DayCount>,
}

/// Doctors the utilisation chart shows.
pub const UTILISATION_SHOWN: usize = 15;
