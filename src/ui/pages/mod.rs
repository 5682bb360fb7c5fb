//! One page per file.

pub mod account;
pub mod admin_appointments;
pub mod admin_mail;
pub mod admin_payments;
pub mod admin_users;
pub mod agenda;
pub mod booking_confirm;
pub mod doctor_page;
pub mod doctors;
pub mod earnings;
pub mod email_change_card;
pub mod forgot_password;
pub mod home;
pub mod login;
pub mod my_appointments;
pub mod not_found;
pub mod notifications;
pub mod profile_card;
pub mod register;
pub mod reschedule;
pub mod schedule_editor;
pub mod time_zone_card;
pub mod verify_email;
pub mod wallet;
