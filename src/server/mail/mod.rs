//! Outgoing mail: messages with a plain-text and an HTML part, rendered from templates, and the
//! development outbox kept in SQLite.

pub mod message;
pub mod outbox;
pub mod templates;

pub use message::Mail;
pub use templates::MailTemplate;
