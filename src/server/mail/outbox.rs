//! The development mail transport: messages are kept in SQLite (`mail_outbox`) and admins read
//! them in the app ([`super::admin_overview`]). Nothing leaves the machine.

use super::compose::Outgoing;
use super::message::message_id;
use crate::server::db;
use chrono::{DateTime, Utc};
use serde_json::json;
use sqlx::SqlitePool;

/// Stores the messages of `jobs` and records each job delivered (and a sent reminder's in-app
/// notice), all in one transaction sent in one round trip to the writer: a job delivers at most
/// one message, even if the server dies half-way, and a batch of jobs costs the writer one
/// transaction rather than one each (the worker shares the writer with every booking).
pub async fn store_all(
    writer: &SqlitePool,
    jobs: &[(i64, Outgoing)],
    now: DateTime<Utc>,
) -> Result<(), sqlx::Error> {
    if jobs.is_empty() {
        return Ok(());
    }
    let messages: Vec<serde_json::Value> = jobs
        .iter()
        .map(|(job, outgoing)| {
            let (user, appointment) = outgoing.reminder_notice.unzip();
            json!({
                "job": job,
                "to": outgoing.mail.to,
                "subject": outgoing.mail.subject,
                "text": outgoing.mail.text,
                "html": outgoing.mail.html,
                "calendar": outgoing.calendar.as_ref().map(|c| &c.text),
                "message_id": message_id(*job),
                "erase": outgoing.erase_payload,
                "user": user,
                "appointment": appointment,
            })
        })
        .collect();
    // One JSON array bound once: the script has the same shape for any number of messages.
    let transaction = sqlx::query(crate::immediate_transaction!(
        "INSERT INTO mail_outbox (job_id, to_address, subject, text_body, html_body, message_id, \
         created_at, calendar_body) SELECT m.value ->> 'job', m.value ->> 'to', \
         m.value ->> 'subject', m.value ->> 'text', m.value ->> 'html', m.value ->> 'message_id', \
         ?2, m.value ->> 'calendar' \
         FROM json_each(?1) AS m; ",
        // As `delivered::record` does after an SMTP send, in this same script:
        "UPDATE jobs SET status = 'done', finished_at = ?2, last_error = NULL, \
         payload = CASE WHEN (SELECT m.value ->> 'erase' FROM json_each(?1) AS m \
                              WHERE m.value ->> 'job' = jobs.id) THEN '{}' ELSE payload END \
         WHERE id IN (SELECT m.value ->> 'job' FROM json_each(?1) AS m); ",
        "INSERT INTO notifications (user_id, appointment_id, kind, audience, created_at) \
         SELECT m.value ->> 'user', m.value ->> 'appointment', 'reminder', 'patient', ?2 \
         FROM json_each(?1) AS m WHERE m.value ->> 'user' IS NOT NULL"
    ))
    .bind(serde_json::Value::Array(messages).to_string())
    .bind(now.timestamp());
    db::write_at_once(writer, transaction).await.map(|_| ())
}
