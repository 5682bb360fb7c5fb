//! What admins see of outgoing mail (a read model): the newest messages in the development
//! outbox, the jobs that gave up, and how many wait in the queue.

use super::MailTemplate;
use crate::dto::mail_views::{FailedJobView, MailOverview, OutboxMailView};
use sqlx::SqlitePool;

/// Most mails listed at once.
pub const LIST_LIMIT: i64 = 50;

/// The newest mails (to addresses containing `to`, when given), failed jobs and the queue size.
pub async fn overview(pool: &SqlitePool, to: &str) -> Result<MailOverview, sqlx::Error> {
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
                kind: serde_json::from_str::<MailTemplate>(&payload)
                    .map_or_else(|_| "mail".to_owned(), |t| t.describe()),
                attempts,
                last_error,
                finished_at,
            })
            .collect(),
        queued,
    })
}
