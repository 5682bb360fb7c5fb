//! Server-only code: configuration, database, sessions, services and start-up.

pub mod appointment_views;
pub mod appointments;
pub mod auth;
pub mod cli;
pub mod clock;
pub mod config;
pub mod csrf;
pub mod db;
pub mod doctors;
pub mod error_status;
pub mod failure;
pub mod jobs;
pub mod mail;
pub mod notifications;
pub mod otp_codes;
pub mod password_hasher;
pub mod payments;
pub mod request;
pub mod schedules;
pub mod security_headers;
pub mod seed;
pub mod services;
pub mod startup;
pub mod state;
pub mod telemetry;
pub mod users;
