//! The answer when SQLite's triggers refuse an overlapping appointment.

use crate::domain::booking::SlotRefusal;
use crate::error::AppError;
use crate::server::db;
use crate::server::failure::internal;

/// "Just taken" when the doctor's time is occupied, "patient busy" when the patient's is; any
/// other database error is internal (logged with `doing`).
pub fn overlap_refusal(error: sqlx::Error, doing: &str) -> AppError {
    match db::trigger_code(&error).as_deref() {
        Some("MB_DOCTOR_OVERLAP") => AppError::SlotRefused(SlotRefusal::Taken),
        Some("MB_PATIENT_OVERLAP") => AppError::PatientBusy,
        _ => internal(doing, error),
    }
}
