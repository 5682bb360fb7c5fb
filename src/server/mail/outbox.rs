//! The development mail transport: messages are kept in SQLite (`mail_outbox`) and admins read
//! them in the app. Nothing leaves the machine.

use super::compose::Outgoing;
use crate::server::db;
use crate::server::jobs::finish_sent;
use crate::server::state::AppState;

/// Stores job `job`'s message and marks the job done, in one transaction: a job delivers at
/// most one message.
pub async fn deliver(
    state: &AppState,
    job: i64,
    outgoing: &Outgoing,
    now: i64,
) -> Result<(), String> {
    let mail = &outgoing.mail;
    let text = |e: sqlx::Error| e.to_string();
    let mut tx = db::begin_write(&state.writer).await.map_err(text)?;
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
    .bind(now)
    .execute(&mut *tx)
    .await
    .map_err(text)?;
    finish_sent(&mut tx, job, outgoing, now).await.map_err(text)?;
    tx.commit().await.map_err(text)
}

/// The Message-ID of job `job`'s mail: the same on every attempt.
pub fn message_id(job: i64) -> String {
    format!("<job-{job}@medibook.invalid>")
}

/// Most mails listed at once.
pub const LIST_LIMIT: i64 = 50;

/// The newest mails (to addresses containing `to`, when given), failed jobs and the queue size.
pub async fn overview(
    pool: &sqlx::SqlitePool,
    to: &str,
) -> Result<crate::api::mail_views::MailOverview, sqlx::Error> {
    use crate::api::mail_views::{FailedJobView, MailOverview, OutboxMailView};
    let pattern = format!("%{}%", to.replace('\\', "\\\\").replace('%', "\\%").replace('_', "\\_"));
    let mails: Vec<(i64, String, String, String, i64)> = sqlx::query_as(
        "SELECT id, to_address, subject, text_body, created_at FROM mail_outbox \
         WHERE to_address LIKE ?1 ESCAPE '\\' ORDER BY id DESC LIMIT ?2",
    )
    .bind(pattern)
    .bind(LIST_LIMIT)
    .fetch_all(pool)
    .await?;
    type FailedRow = (i64, String, i64, Option<String>, Option<i64>);
    let failed: Vec<FailedRow> = sqlx::query_as(
        "SELECT id, payload, attempts, last_error, finished_at FROM jobs WHERE status = 'failed' \
         ORDER BY id DESC LIMIT ?1",
    )
    .bind(LIST_LIMIT)
    .fetch_all(pool)
    .await?;
    let queued: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM jobs WHERE status = 'queued'")
        .fetch_one(pool)
        .await?;
    Ok(MailOverview {
        mails: mails
            .into_iter()
            .map(|(id, to, subject, text, created_at)| OutboxMailView {
                id,
                to,
                subject,
                text,
                created_at,
            })
            .collect(),
        failed_jobs: failed
            .into_iter()
            .map(|(id, payload, attempts, last_error, finished_at)| FailedJobView {
                id,
                kind: serde_json::from_str::<super::MailTemplate>(&payload)
                    .map_or_else(|_| "mail".to_owned(), |t| t.describe()),
                attempts,
                last_error,
                finished_at,
            })
            .collect(),
        queued,
    })
}
