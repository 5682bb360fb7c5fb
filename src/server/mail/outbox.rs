//! The development mail transport: messages are kept in SQLite (`mail_outbox`) and admins read
//! them in the app ([`super::admin_overview`]). Nothing leaves the machine.

use super::compose::Outgoing;
use super::delivered;
use super::message::message_id;
use crate::server::db;
use chrono::{DateTime, Utc};
use sqlx::SqlitePool;

/// Stores job `job`'s message and records the job delivered, in one transaction: a job
/// delivers at most one message, even if the server dies half-way.
pub async fn store(
    writer: &SqlitePool,
    job: i64,
    outgoing: &Outgoing,
    now: DateTime<Utc>,
) -> Result<(), sqlx::Error> {
    let mail = &outgoing.mail;
    let mut tx = db::begin_write(writer).await?;
    sqlx::query(
        "INSERT INTO mail_outbox (job_id, to_address, subject, text_body, html_body, message_id, created_at) \
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
    )
    .bind(job)
    .bind(&mail.to)
    .bind(&mail.subject)
    .bind(&mail.text)
    .bind(&mail.html)
    .bind(message_id(job))
    .bind(now.timestamp())
    .execute(&mut *tx)
    .await?;
    delivered::record(&mut tx, job, outgoing, now).await?;
    tx.commit().await
}
