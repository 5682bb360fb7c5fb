//! The booking being confirmed, as the confirm and pay steps share it.

use crate::domain::{AppointmentId, IdempotencyKey};

/// A patient's request to book their hold.
pub struct HeldBooking<'a> {
    pub appointment: AppointmentId,
    /// The reason for the visit, already checked.
    pub reason: &'a str,
    /// The booking form's idempotency key.
    pub key: &'a IdempotencyKey,
}
