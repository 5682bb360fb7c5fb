//! The `/api/v1` handlers: each authorizes, calls the same service the web app's server
//! function calls, and answers in the API's own shapes.

pub mod account;
pub mod admin;
pub mod appointments;
pub mod catalog;
pub mod doctors;
pub mod personal_tokens;
pub mod places;
pub mod practice;
pub mod profile;
pub mod reviews;
pub mod tokens;
