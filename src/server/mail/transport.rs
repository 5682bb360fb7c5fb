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

    /// How many due jobs the worker claims and hands over together. The outbox stores a batch
    /// in one transaction. SMTP takes one at a time: a job claimed for SMTP but cut short by a
    /// crash counts as "may have been delivered", so only the job being sent may be claimed.
    pub fn batch_size(&self) -> i64 {
        match self {
            Mailer::Outbox => 32,
            Mailer::Smtp(_) => 1,
        }
    }

    /// Hands each job's message over and records the job delivered; one result per job, in
    /// order. The outbox stores and records the whole batch in one transaction (each job on its
    /// own if that fails); an SMTP relay takes each message first, then that job is recorded (a
    /// crash between the two is found at restart, see `jobs::recover_interrupted`).
    pub async fn deliver_all(
        &self,
        writer: &SqlitePool,
        jobs: &[(i64, Outgoing)],
        now: DateTime<Utc>,
    ) -> Vec<Result<(), SendError>> {
        match self {
            Mailer::Outbox => {
                if outbox::store_all(writer, jobs, now).await.is_ok() {
                    return vec![Ok(()); jobs.len()];
                }
                // One bad message must not hold back the others: store each on its own.
                let mut results = Vec::with_capacity(jobs.len());
                for job in jobs {
                    let stored = outbox::store_all(writer, std::slice::from_ref(job), now).await;
                    results.push(stored.map_err(SendError::transient));
                }
                results
            }
            Mailer::Smtp(smtp) => {
                let mut results = Vec::with_capacity(jobs.len());
                for (job, outgoing) in jobs {
                    let sent = smtp
                        .send(&outgoing.mail, outgoing.calendar.as_ref(), &message_id(*job))
                        .await;
                    results.push(match sent {
                        Ok(()) => delivered::record_alone(writer, *job, outgoing, now)
                            .await
                            .map_err(SendError::transient),
                        Err(refused) => Err(refused),
                    });
                }
                results
            }
        }
    }
}
