//! Appointment widgets shared by the patient's, the doctor's and the admin's pages.

mod appointment_actions;
mod appointment_card;
mod appointment_time;

pub use appointment_actions::AppointmentActions;
pub use appointment_card::{AppointmentCard, Perspective};
pub use appointment_time::AppointmentTime;
