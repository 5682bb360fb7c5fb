//! Booking a time, from pick to booked: a patient **holds** a slot ([`hold`]), sees the
//! confirmation step ([`confirmation_step`]) and **confirms** it ([`confirm`]), paying the fee
//! in the same transaction ([`pay`]), or lets it go ([`release`]); a booked visit can be
//! **moved** ([`reschedule`]). When a write applies to nothing, [`refusal`] tells why.
//!
//! SQLite is the referee: the hold INSERT and the hold → booked UPDATE
//! ([`crate::server::appointments::book_hold`]) are single statements that the triggers refuse
//! when the time is taken, the patient is elsewhere or an unpaid hold would be booked.

pub mod confirm;
pub mod confirmation_step;
pub mod held_booking;
pub mod hold;
pub mod pay;
pub mod refusal;
pub mod release;
pub mod reschedule;
