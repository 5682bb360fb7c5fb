//! One page per file.

pub mod account;
pub mod admin_users;
pub mod doctors;
pub mod home;
pub mod login;
pub mod not_found;
pub mod profile_card;
pub mod register;
