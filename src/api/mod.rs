//! Server functions (one per file) and the types they exchange with the client.
//!
//! Each function authorizes first, calls a service, and answers through
//! `server::request::finish` so that errors carry stable codes and plain form posts work.

pub mod change_password;
pub mod current_user;
pub mod doctor_card;
pub mod list_doctors;
pub mod list_specialties;
pub mod list_users;
pub mod login;
pub mod logout;
pub mod my_profile;
pub mod register;
pub mod session_user;
pub mod set_user_active;
pub mod specialty;
pub mod user_filter;
pub mod user_view;
pub mod verify_doctor;
