//! The transport chosen in `Leptos.toml` (`mail.transport`), and the one way the job worker
//! hands it a message: [`Mailer::deliver`].

use super::compose::Outgoing;
use super::message::message_id;
use super::send_error::SendError;
use super::smtp::SmtpMailer;
use super::{delivered, outbox};
use crate::server::config::{MailConfig, MailTransportConfig};
use chrono::{DateTime, Utc};
use sqlx::SqlitePool;

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

    /// Hands job `job`'s message over and records the job delivered. The outbox stores and
    /// records in one transaction; an SMTP relay takes the message first, then the job is
    /// recorded (a crash between the two is found at restart, see `jobs::recover_interrupted`).
    pub async fn deliver(
        &self,
        writer: &SqlitePool,
        job: i64,
        outgoing: &Outgoing,
        now: DateTime<Utc>,
    ) -> Result<(), SendError> {
        match self {
            Mailer::Outbox => {
                outbox::store(writer, job, outgoing, now).await.map_err(SendError::transient)
            }
            Mailer::Smtp(smtp) => {
                smtp.send(&outgoing.mail, &message_id(job)).await?;
                delivered::record_alone(writer, job, outgoing, now)
                    .await
                    .map_err(SendError::transient)
            }
        }
    }
}
