//! A patient's record as their doctor (or an admin) opens it, and the log of who opened it.

use crate::domain::{Role, UserId};
use crate::dto::appointment_view::AppointmentView;
use crate::dto::patient_details_view::PatientDetailsView;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// The patient's details and their visits: with the viewing doctor only, or all of them for an
/// admin. Opening it is logged.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PatientRecordView {
    pub details: PatientDetailsView,
    /// Whole years today (none when the date of birth is unknown).
    pub age: Option<u32>,
    /// Newest first.
    pub visits: Vec<RecordVisit>,
    /// Whether `visits` are with every doctor (an admin's view) or only the viewer.
    pub all_doctors: bool,
}

/// A visit in a record, with the doctor's summary; the private note only for its author.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RecordVisit {
    pub visit: AppointmentView,
    pub diagnosis: String,
    pub advice: String,
    pub private_note: Option<String>,
}

/// One opening of a patient's record.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RecordViewEntry {
    pub viewer_name: String,
    pub viewer_role: Role,
    pub viewer: UserId,
    pub at: DateTime<Utc>,
}

/// A page of the openings of the signed-in patient's record, newest first.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RecordViewsPage {
    pub entries: Vec<RecordViewEntry>,
    pub total: u32,
    /// Zero-based.
    pub page: u32,
    pub pages: u32,
}
