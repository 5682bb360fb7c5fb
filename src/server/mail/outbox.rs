//! The development mail transport: messages are kept in SQLite (`mail_outbox`) and admins read
//! them in the app ([`super::admin_overview`]). Nothing leaves the machine.

use super::compose::Outgoing;
use super::message::message_id;
use crate::server::db;
use chrono::{DateTime, Utc};
use sqlx::SqlitePool;

/// Stores job `job`'s message and records the job delivered (and a sent reminder's in-app
/// notice), in one transaction sent in one round trip to the writer: a job delivers at most one
/// message, even if the server dies half-way.
pub async fn store(
    writer: &SqlitePool,
    job: i64,
    outgoing: &Outgoing,
    now: DateTime<Utc>,
) -> Result<(), sqlx::Error> {
    let mail = &outgoing.mail;
    let (user, appointment) = outgoing.reminder_notice.unzip();
    // The message's fields come last: sqlx binds the numbers a statement skips below its
    // highest one by position (see `immediate_transaction!`), so each statement's gaps stay few.
    let transaction = sqlx::query(crate::immediate_transaction!(
        "INSERT INTO mail_outbox (job_id, to_address, subject, text_body, html_body, message_id, \
         created_at) VALUES (?1, ?6, ?7, ?8, ?9, ?10, ?2); ",
        // As `delivered::record` does after an SMTP send, in this same script:
        "UPDATE jobs SET status = 'done', finished_at = ?2, last_error = NULL, \
         payload = CASE WHEN ?3 THEN '{}' ELSE payload END WHERE id = ?1; ",
        "INSERT INTO notifications (user_id, appointment_id, kind, audience, created_at) \
         SELECT ?4, ?5, 'reminder', 'patient', ?2 WHERE ?4 IS NOT NULL"
    ))
    .bind(job)
    .bind(now.timestamp())
    .bind(outgoing.erase_payload)
    .bind(user)
    .bind(appointment)
    .bind(mail.to.clone())
    .bind(mail.subject.clone())
    .bind(mail.text.clone())
    .bind(mail.html.clone())
    .bind(message_id(job));
    db::write_at_once(writer, transaction).await.map(|_| ())
}
