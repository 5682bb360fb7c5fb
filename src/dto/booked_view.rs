//! The answer to a booking.

use crate::domain::AppointmentId;
use crate::domain::booking::AppointmentStatus;
use serde::{Deserialize, Serialize};

/// The booked appointment and where it stands (pending, or confirmed by an auto-confirming doctor).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct BookedView {
    pub appointment_id: AppointmentId,
    pub status: AppointmentStatus,
}
