//! Server functions, one per file (the types they exchange live in `crate::dto`).
//!
//! Each function authorizes first, calls a service, and answers through
//! `server::request::finish` so that errors carry stable codes and plain form posts work.

pub mod add_time_off;
pub mod admin_appointments;
pub mod admin_ledger;
pub mod admin_mail;
pub mod appointment_details;
pub mod book_held_slot;
pub mod change_appointment;
pub mod change_password;
pub mod confirm_email_change;
pub mod current_user;
pub mod day_slots;
pub mod decide_withdrawal;
pub mod deposit;
pub mod doctor_agenda;
pub mod doctor_public;
pub mod hold_details;
pub mod hold_slot;
pub mod list_doctors;
pub mod list_specialties;
pub mod list_users;
pub mod location_children;
pub mod location_path;
pub mod login;
pub mod logout;
pub mod mark_notifications_read;
pub mod month_availability;
pub mod my_appointments;
pub mod my_earnings;
pub mod my_notifications;
pub mod my_profile;
pub mod my_schedule;
pub mod my_wallet;
pub mod put_date_override;
pub mod register;
pub mod release_hold;
pub mod remove_date_override;
pub mod remove_time_off;
pub mod request_email_change;
pub mod request_password_reset;
pub mod request_withdrawal;
pub mod reschedule_appointment;
pub mod resend_verification_code;
pub mod reset_password;
pub mod retry_job;
pub mod save_schedule_settings;
pub mod save_time_zone;
pub mod save_weekly_hours;
pub mod search_locations;
pub mod set_user_active;
pub mod sign_out_everywhere;
pub mod unread_notifications;
pub mod verify_doctor;
pub mod verify_email;
