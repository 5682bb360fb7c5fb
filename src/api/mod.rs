//! Server functions (one per file) and the types they exchange with the client.
//!
//! Each function authorizes first, calls a service, and answers through
//! `server::request::finish` so that errors carry stable codes and plain form posts work.

pub mod add_time_off;
pub mod admin_appointments;
pub mod admin_mail;
pub mod appointment_details;
pub mod appointment_lists;
pub mod appointment_view;
pub mod availability_views;
pub mod book_held_slot;
pub mod booked_view;
pub mod change_appointment;
pub mod change_password;
pub mod current_user;
pub mod day_slots;
pub mod doctor_agenda;
pub mod doctor_card;
pub mod doctor_profile;
pub mod doctor_public;
pub mod hold_details;
pub mod hold_slot;
pub mod hold_view;
pub mod list_doctors;
pub mod list_specialties;
pub mod list_users;
pub mod login;
pub mod logout;
pub mod mail_views;
pub mod month_availability;
pub mod my_appointments;
pub mod my_profile;
pub mod my_schedule;
pub mod my_schedule_view;
pub mod put_date_override;
pub mod register;
pub mod release_hold;
pub mod remove_date_override;
pub mod remove_time_off;
pub mod request_password_reset;
pub mod reschedule_appointment;
pub mod resend_verification_code;
pub mod reset_password;
pub mod save_schedule_settings;
pub mod save_weekly_hours;
pub mod session_user;
pub mod set_user_active;
pub mod specialty;
pub mod user_filter;
pub mod user_view;
pub mod verify_doctor;
pub mod verify_email;
