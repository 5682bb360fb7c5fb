//! A doctor's side of the API: the agenda, a patient's history as their doctor sees it,
//! earnings and withdrawals; and the statistics admins (and doctors, of themselves) read.

use super::{AppointmentDetail, MoneyView};
use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

/// A doctor's appointments over a day or a week.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct AgendaAnswer {
    pub first_day: NaiveDate,
    /// 1 (a day) or 7 (a week).
    pub days: u8,
    /// The doctor's IANA zone (days are the doctor's).
    pub time_zone: String,
    /// Pending, confirmed, completed and no-show appointments in the period, by start.
    pub appointments: Vec<AppointmentDetail>,
    /// Every upcoming request still waiting for an answer, soonest first.
    pub pending: Vec<AppointmentDetail>,
}

/// A patient's history as the doctor (or an admin) asking sees it.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct PatientHistory {
    pub patient_id: i64,
    pub full_name: String,
    /// Whole years today; absent when the date of birth is unknown.
    pub age: Option<u32>,
    pub blood_group: Option<String>,
    pub allergies: String,
    pub conditions: String,
    /// Newest first.
    pub visits: Vec<HistoryVisit>,
    /// Whether `visits` are with every doctor (an admin) or only the caller.
    pub all_doctors: bool,
}

/// One visit in a history, with the doctor's summary.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct HistoryVisit {
    pub appointment: AppointmentDetail,
    pub diagnosis: String,
    pub advice: String,
    /// The doctor's private note: only to its author.
    pub private_note: Option<String>,
}

/// A doctor's earnings held by the clinic and their withdrawal requests.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct EarningsAnswer {
    /// Earnings held by the clinic, per currency.
    pub balances: Vec<MoneyView>,
    /// What can still be requested: balances less requests waiting for approval.
    pub available: Vec<MoneyView>,
    pub months: Vec<EarningsMonthView>,
    /// What each visit earned, newest first.
    pub lines: Vec<EarningsLineView>,
    pub withdrawals: Vec<WithdrawalItem>,
}

/// One month's earnings (UTC months).
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct EarningsMonthView {
    /// `YYYY-MM`.
    pub month: String,
    pub visits: i64,
    /// Fees kept (after refunds) before the platform's cut.
    pub gross: MoneyView,
    pub platform_cut: MoneyView,
    pub net: MoneyView,
}

/// What one appointment earned.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct EarningsLineView {
    pub appointment_id: i64,
    pub start: DateTime<Utc>,
    pub patient_name: String,
    pub fee: MoneyView,
    pub platform_cut: MoneyView,
    pub net: MoneyView,
    pub description: String,
}

/// A withdrawal request.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct WithdrawalItem {
    pub id: i64,
    pub amount: MoneyView,
    /// `requested`, `approved` or `rejected`.
    pub status: String,
    pub note: String,
    pub created_at: DateTime<Utc>,
    pub decided_at: Option<DateTime<Utc>>,
}

/// Per-doctor figures over a period of clinic days.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct StatisticsAnswer {
    pub from: NaiveDate,
    /// Inclusive.
    pub to: NaiveDate,
    pub doctors: Vec<DoctorFigures>,
}

/// One doctor's figures.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct DoctorFigures {
    pub doctor_id: i64,
    pub doctor_name: String,
    pub specialty: String,
    /// Appointments by status.
    pub pending: u32,
    pub confirmed: u32,
    pub completed: u32,
    pub cancelled: u32,
    pub rejected: u32,
    pub no_show: u32,
    /// Per thousand appointments; absent when there were none.
    pub completion_permille: Option<u16>,
    pub cancellation_permille: Option<u16>,
    pub no_show_permille: Option<u16>,
    /// Minutes booked and minutes of working hours offered.
    pub booked_minutes: u32,
    pub offered_minutes: u32,
    pub utilisation_permille: Option<u16>,
    /// Revenue in the doctor's fee currency (minor units).
    pub gross: MoneyView,
    pub platform_cut: MoneyView,
    pub net: MoneyView,
    pub reviews: u32,
    /// Average stars in tenths (43 = 4.3).
    pub rating_tenths: Option<u16>,
    /// `Mon` … `Sun` and the local hour (0–23) most kept appointments started.
    pub busiest_weekday: Option<String>,
    pub busiest_hour: Option<u8>,
}
