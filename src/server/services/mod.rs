//! Use cases. Each owns its transaction and returns typed errors; server functions call them
//! after authorizing.

pub mod accounts_admin;
pub mod appointment_lists;
pub mod availability;
pub mod book_held_slot;
pub mod change_appointment;
pub mod change_password;
pub mod create_admin;
pub mod deposit;
pub mod email_change;
pub mod email_verification;
pub mod hold_details;
pub mod hold_slot;
pub mod login;
pub mod one_time_code;
pub mod overlap;
pub mod password_reset;
pub mod pay_and_book;
pub mod register;
pub mod release_hold;
pub mod reschedule_appointment;
pub mod schedule_editing;
pub mod withdrawals;
