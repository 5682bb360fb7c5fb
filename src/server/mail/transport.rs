//! The transport chosen in `Leptos.toml` (`mail.transport`).

use super::smtp::SmtpMailer;
use crate::server::config::{MailConfig, MailTransportConfig};

/// Where the job worker hands mail.
#[derive(Clone)]
pub enum Mailer {
    /// The development outbox in SQLite.
    Outbox,
    /// An SMTP relay.
    Smtp(Box<SmtpMailer>),
}

impl Mailer {
    /// The transport `config` asks for.
    pub fn from_config(config: &MailConfig) -> Result<Mailer, String> {
        Ok(match &config.transport {
            MailTransportConfig::Outbox => Mailer::Outbox,
            MailTransportConfig::Smtp(smtp) => {
                Mailer::Smtp(Box::new(SmtpMailer::new(smtp, &config.from)?))
            }
        })
    }

    /// The name stored with each job it takes (`jobs.sent_via`).
    pub fn name(&self) -> &'static str {
        match self {
            Mailer::Outbox => "outbox",
            Mailer::Smtp(_) => "smtp",
        }
    }
}
