//! Integration tests: the real server on port 0 with a fresh SQLite file, driven over HTTP.
#![allow(dead_code)]

mod abuse_limits;
mod admin;
mod appointment_invariants;
mod authorization;
mod backup;
mod booking;
mod csrf;
mod deposit_load;
mod email_change;
mod email_verification;
mod helpers;
mod hostile_input;
mod ledger_invariants;
mod lifecycle;
mod login;
mod mail_batches;
mod notices;
mod pages;
mod password_reset;
mod payment_crash;
mod payments;
mod plain_forms;
mod production;
mod random_sequences;
mod registration;
mod restart;
mod scheduling;
mod schema;
mod seed;
mod server_process;
mod sessions;
mod site_guards;
mod smtp;
mod smtp_sink;
mod static_files;
