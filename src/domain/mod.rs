//! Pure business rules shared by the server and the wasm client.
//!
//! Nothing here performs IO, reads a clock or draws random numbers: `now`/`today` and random
//! values are arguments. Raw input becomes one of these types at the edge ("parse, don't
//! validate"), so the rest of the program cannot hold an invalid value.

pub mod api_scope;
pub mod booking;
pub mod calendar_date;
pub mod calendar_links;
pub mod chart_scale;
pub mod date_of_birth;
pub mod date_text;
pub mod directory_filter;
pub mod doctor_profile;
pub mod email;
pub mod field_error;
pub mod field_error_code;
mod field_error_message;
pub mod idempotency_key;
pub mod ids;
pub mod languages;
pub mod licence_number;
pub mod location_search;
pub mod long_text;
pub mod money;
pub mod notice;
pub mod otp;
pub mod password;
pub mod patient_details;
pub mod payment;
pub mod person_name;
pub mod phone;
pub mod query_string;
pub mod registration;
pub mod report;
pub mod review;
pub mod role;
pub mod schedule;
pub mod sign_in_backoff;
pub mod specialty_name;
pub mod username;
pub mod visit_note;

mod common_passwords;

pub use date_of_birth::DateOfBirth;
pub use email::Email;
pub use field_error::{Field, FieldError, FieldErrorCode};
pub use idempotency_key::IdempotencyKey;
pub use ids::{AppointmentId, SpecialtyId, UserId};
pub use licence_number::LicenceNumber;
pub use password::Password;
pub use person_name::PersonName;
pub use phone::Phone;
pub use registration::{DoctorDetails, NewAccount, RegistrationInput};
pub use role::Role;
pub use username::Username;

/// Trims surrounding white space and rejects ASCII/Unicode control characters.
pub(crate) fn clean_text(raw: &str) -> Option<&str> {
    let trimmed = raw.trim();
    (!trimmed.chars().any(char::is_control)).then_some(trimmed)
}
