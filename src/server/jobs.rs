//! The durable job queue (outbox pattern). A job is written in the same transaction as the change
//! that causes it; [`run_one_step`] runs the next due job, and a background task calls it.
//!
//! A job is claimed (status `sending`, attempt counted) in its own committed transaction before
//! any delivery. Delivering to the development outbox and marking the job done is one atomic
//! transaction, so a message is never delivered twice: a job found `sending` after a crash is
//! done if its message is in the outbox, and queued again otherwise.

use crate::server::db;
use crate::server::mail::{MailTemplate, outbox};
use crate::server::state::AppState;
use chrono::Duration;
use sqlx::SqliteConnection;

/// Attempts before a job is given up (then visible to admins as failed).
pub const MAX_ATTEMPTS: i64 = 8;

/// Queues a mail to be rendered and sent at `run_at` (unix seconds), in the caller's
/// transaction.
pub async fn enqueue_mail(
    conn: &mut SqliteConnection,
    template: &MailTemplate,
    run_at: i64,
    now: i64,
) -> Result<i64, sqlx::Error> {
    let payload = serde_json::to_string(template).map_err(|e| sqlx::Error::Encode(e.into()))?;
    sqlx::query_scalar(
        "INSERT INTO jobs (kind, payload, run_at, created_at) VALUES ('mail', ?1, ?2, ?3) RETURNING id",
    )
    .bind(payload)
    .bind(run_at)
    .bind(now)
    .fetch_one(conn)
    .await
}

/// What one step did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum StepOutcome {
    /// The job ran and is done.
    Done { job: i64 },
    /// The job failed and will be retried at `retry_at`.
    Retrying { job: i64, retry_at: i64 },
    /// The job failed for the last time.
    Failed { job: i64 },
}

/// Runs the next due job, if any.
pub async fn run_one_step(state: &AppState) -> Result<Option<StepOutcome>, sqlx::Error> {
    let now = state.now_unix();
    let Some((job, payload, attempts)) = claim_next(state, now).await? else {
        return Ok(None);
    };
    let delivered = match serde_json::from_str::<MailTemplate>(&payload) {
        Ok(template) => outbox::deliver(state, job, &template, now).await,
        Err(e) => Err(format!("unreadable payload: {e}")),
    };
    match delivered {
        Ok(()) => Ok(Some(StepOutcome::Done { job })),
        Err(reason) => record_failure(state, job, attempts, &reason, now).await.map(Some),
    }
}

/// Marks the next due queued job as being sent and counts the attempt.
async fn claim_next(state: &AppState, now: i64) -> Result<Option<(i64, String, i64)>, sqlx::Error> {
    let mut tx = db::begin_write(&state.writer).await?;
    let claimed: Option<(i64, String, i64)> = sqlx::query_as(
        "UPDATE jobs SET status = 'sending', attempts = attempts + 1 \
         WHERE id = (SELECT id FROM jobs WHERE status = 'queued' AND run_at <= ?1 ORDER BY run_at, id LIMIT 1) \
         RETURNING id, payload, attempts",
    )
    .bind(now)
    .fetch_optional(&mut *tx)
    .await?;
    tx.commit().await?;
    Ok(claimed)
}

/// Retries later with exponential backoff (30 s, 1 min, 2 min, … at most 1 h), or gives up.
async fn record_failure(
    state: &AppState,
    job: i64,
    attempts: i64,
    reason: &str,
    now: i64,
) -> Result<StepOutcome, sqlx::Error> {
    tracing::warn!(job, attempts, reason, "job failed");
    let reason: String = reason.chars().take(2000).collect();
    if attempts >= MAX_ATTEMPTS {
        sqlx::query(
            "UPDATE jobs SET status = 'failed', last_error = ?2, finished_at = ?3 WHERE id = ?1",
        )
        .bind(job)
        .bind(reason)
        .bind(now)
        .execute(&state.writer)
        .await?;
        return Ok(StepOutcome::Failed { job });
    }
    let retry_at = now + backoff(attempts).num_seconds();
    sqlx::query("UPDATE jobs SET status = 'queued', last_error = ?2, run_at = ?3 WHERE id = ?1")
        .bind(job)
        .bind(reason)
        .bind(retry_at)
        .execute(&state.writer)
        .await?;
    Ok(StepOutcome::Retrying { job, retry_at })
}

/// The wait before attempt `attempts + 1`.
fn backoff(attempts: i64) -> Duration {
    let seconds = 30_i64.saturating_mul(1 << attempts.clamp(1, 8).saturating_sub(1));
    Duration::seconds(seconds.min(3600))
}

/// After a restart: jobs left `sending` are done if their message was delivered, queued again
/// otherwise. Returns how many were queued again.
pub async fn recover_interrupted(state: &AppState) -> Result<u64, sqlx::Error> {
    let now = state.now_unix();
    let mut tx = db::begin_write(&state.writer).await?;
    sqlx::query(
        "UPDATE jobs SET status = 'done', finished_at = ?1 WHERE status = 'sending' \
         AND EXISTS (SELECT 1 FROM mail_outbox m WHERE m.job_id = jobs.id)",
    )
    .bind(now)
    .execute(&mut *tx)
    .await?;
    let requeued = sqlx::query("UPDATE jobs SET status = 'queued' WHERE status = 'sending'")
        .execute(&mut *tx)
        .await?
        .rows_affected();
    tx.commit().await?;
    Ok(requeued)
}

/// Runs due jobs until there are none, then waits `poll` and looks again; forever.
pub async fn run_worker(state: AppState, poll: std::time::Duration) {
    loop {
        loop {
            match run_one_step(&state).await {
                Ok(Some(_)) => continue,
                Ok(None) => break,
                Err(e) => {
                    tracing::error!(error = %e, "job worker step failed");
                    break;
                }
            }
        }
        tokio::time::sleep(poll).await;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backoff_doubles_from_thirty_seconds_up_to_an_hour() {
        let waits: Vec<i64> = (1..=9).map(|a| backoff(a).num_seconds()).collect();
        assert_eq!(waits, vec![30, 60, 120, 240, 480, 960, 1920, 3600, 3600]);
    }
}
