//! Outgoing mail: messages with a plain-text and an HTML part, rendered from templates, handed
//! to a transport (the development outbox kept in SQLite, or SMTP) by the job worker.

pub mod admin_overview;
pub mod appointment_mail;
pub mod code_vault;
pub mod compose;
pub mod delivered;
pub mod message;
pub mod money_mails;
pub mod outbox;
pub mod send_error;
pub mod smtp;
pub mod templates;
pub mod transport;
pub mod visit_summary;

pub use message::Mail;
pub use templates::MailTemplate;
