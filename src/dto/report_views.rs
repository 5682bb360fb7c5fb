//! Monthly doctor reports and statistics over any period, as pages and downloads show them.

use crate::domain::UserId;
use crate::domain::money::Currency;
use crate::domain::report::Figures;
use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

/// One doctor's figures over a period.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DoctorReport {
    pub doctor: UserId,
    pub doctor_name: String,
    pub specialty: String,
    /// The currency of the revenue figures.
    pub currency: Currency,
    pub figures: Figures,
}

/// A generated month's reports: the doctor's own, or every doctor's for an admin.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MonthlyReportView {
    /// `YYYY-MM`, empty when no month has been generated yet.
    pub month: String,
    /// Every generated month, newest first.
    pub months: Vec<String>,
    pub generated_at: Option<DateTime<Utc>>,
    pub reports: Vec<DoctorReport>,
    /// The clinic's zone name: months are the clinic's.
    pub time_zone: String,
}

/// The same figures for any range of clinic days, computed when asked.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StatisticsView {
    pub from: NaiveDate,
    /// Inclusive.
    pub to: NaiveDate,
    pub reports: Vec<DoctorReport>,
}
