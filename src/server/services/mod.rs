//! Use cases. Each owns its transaction and returns typed errors; server functions call them
//! after authorizing.

pub mod account_closing;
pub mod accounts_admin;
pub mod appointment_lists;
pub mod availability;
pub mod change_appointment;
pub mod change_password;
pub mod create_admin;
pub mod dashboards;
pub mod deposit;
pub mod directory;
pub mod doctor_profile;
pub mod email_change;
pub mod email_verification;
pub mod login;
pub mod one_time_code;
pub mod own_password;
pub mod password_reset;
pub mod patient_details;
pub mod patient_record;
pub mod photos;
pub mod register;
pub mod reviews;
pub mod schedule_editing;
pub mod visit_notes;
pub mod withdrawals;
