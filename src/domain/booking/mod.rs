//! Appointment rules: the lifecycle and whether a requested time can be booked.

pub mod lifecycle;
pub mod slot_request;

pub use lifecycle::{Actor, AppointmentStatus, TransitionError};
pub use slot_request::{SlotRefusal, check_requested_slot};
