//! An appointment as one of its parties (or an admin) sees it.

use crate::domain::booking::{Actor, AppointmentAction, AppointmentStatus};
use crate::domain::money::Money;
use crate::domain::schedule::TimeZone;
use crate::domain::{AppointmentId, UserId};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// One appointment, with what the viewer may do to it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AppointmentView {
    pub id: AppointmentId,
    pub status: AppointmentStatus,
    pub start: DateTime<Utc>,
    pub end: DateTime<Utc>,
    pub doctor_id: UserId,
    pub doctor_name: String,
    pub specialty: String,
    /// The doctor's IANA zone.
    pub doctor_time_zone: TimeZone,
    pub patient_id: UserId,
    pub patient_name: String,
    /// The fee agreed at booking.
    pub fee: Money,
    /// The patient's reason for the visit.
    pub reason: String,
    /// Why it was rejected or cancelled.
    pub status_note: String,
    /// Who made the last status change.
    pub status_by: Option<Actor>,
    /// When a hold lapses (holds only).
    pub hold_expires_at: Option<DateTime<Utc>>,
    /// The status changes the viewer may make now.
    pub actions: Vec<AppointmentAction>,
    /// Whether the viewer may move it to another time.
    pub can_reschedule: bool,
}

impl AppointmentView {
    /// A sentence about the last change, e.g. "Cancelled by the doctor: Conference".
    pub fn status_line(&self) -> String {
        let by = match self.status_by {
            Some(Actor::Patient) => " by the patient",
            Some(Actor::Doctor) => " by the doctor",
            Some(Actor::Admin) => " by the clinic",
            _ => "",
        };
        let label = self.status.label();
        match self.status {
            AppointmentStatus::Cancelled | AppointmentStatus::Rejected => {
                if self.status_note.is_empty() {
                    format!("{label}{by}")
                } else {
                    format!("{label}{by}: {}", self.status_note)
                }
            }
            _ => label.to_owned(),
        }
    }
}
