//! One page per file.

pub mod account;
pub mod admin_users;
pub mod doctor_page;
pub mod doctors;
pub mod home;
pub mod login;
pub mod not_found;
pub mod profile_card;
pub mod register;
pub mod schedule_editor;
