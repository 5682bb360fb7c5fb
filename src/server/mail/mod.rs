//! Outgoing mail: messages with a plain-text and an HTML part, rendered from templates, and the
//! development outbox kept in SQLite.

pub mod appointment_mail;
pub mod compose;
pub mod message;
pub mod outbox;
pub mod smtp;
pub mod templates;
pub mod transport;

pub use message::Mail;
pub use templates::MailTemplate;
