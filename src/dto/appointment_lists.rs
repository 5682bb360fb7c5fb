//! Lists of appointments for each role.

use crate::domain::schedule::TimeZone;
use crate::dto::appointment_view::AppointmentView;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// A patient's appointments.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PatientAppointments {
    /// Not yet over, soonest first (including a hold being confirmed).
    pub upcoming: Vec<AppointmentView>,
    /// Over, or ended otherwise (cancelled, rejected), newest first.
    pub past: Vec<AppointmentView>,
}

/// A doctor's agenda for one day or one week, in the doctor's zone.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AgendaView {
    pub first_day: NaiveDate,
    /// 1 (a day) or 7 (a week).
    pub days: u8,
    /// The doctor's IANA zone.
    pub time_zone: TimeZone,
    /// Pending, confirmed, completed and no-show appointments in the period.
    pub appointments: Vec<AppointmentView>,
    /// Every upcoming request still waiting for an answer, soonest first.
    pub pending: Vec<AppointmentView>,
}

/// One page of the admin's appointment list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AppointmentPage {
    pub items: Vec<AppointmentView>,
    /// Appointments matching the filter.
    pub total: i64,
    /// 1-based.
    pub page: i64,
    pub pages: i64,
    /// The clinic's IANA zone (dates in the filter are clinic dates).
    pub time_zone: TimeZone,
}
