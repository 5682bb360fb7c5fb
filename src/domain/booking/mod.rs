//! Appointment rules: the lifecycle and whether a requested time can be booked.

pub mod access;
pub mod action;
pub mod lifecycle;
pub mod slot_request;

pub use access::actor_for;
pub use action::{AppointmentAction, MAX_NOTE, parse_note};
pub use lifecycle::{Actor, AppointmentStatus, TransitionError};
pub use slot_request::{SlotRefusal, check_requested_slot};
