//! The durable job queue (outbox pattern). A job is written in the same transaction as the change
//! that causes it (by code, or by a trigger for appointment notices and reminders);
//! [`run_batch`] runs the due jobs a batch at a time, and a background task calls it.
//!
//! A batch of jobs is claimed (status `sending`, attempt counted, transport recorded) in its own
//! committed transaction before any delivery, so a job is never handed over twice:
//! - to the development outbox, storing the batch's messages and marking its jobs done is one
//!   transaction; a job found `sending` after a crash is done if its message is in the outbox,
//!   and queued again otherwise;
//! - to SMTP, the relay may have accepted a message whose `done` was never recorded; such a job
//!   is not retried automatically but marked failed ("may have been delivered") for an admin,
//!   at most once rather than twice. Every attempt of a job uses the same Message-ID.

use crate::server::db;
use crate::server::mail::MailTemplate;
use crate::server::mail::compose::{Composed, compose};
use crate::server::state::AppState;
use chrono::Duration;
use chrono::{DateTime, Utc};
use sqlx::{Row, SqliteConnection};

/// Attempts before a job is given up (then visible to admins as failed).
pub const MAX_ATTEMPTS: i64 = 8;

/// What an admin reads about a send cut short by a crash or a kill.
pub const INTERRUPTED_SMTP: &str = "interrupted while handing the message to the SMTP server: it \
    may have been delivered, so it is not sent again automatically";

/// Queues a mail to be rendered and sent at `run_at` (unix seconds), in the caller's
/// transaction.
pub async fn enqueue_mail(
    conn: &mut SqliteConnection,
    template: &MailTemplate,
    run_at: DateTime<Utc>,
    now: DateTime<Utc>,
) -> Result<i64, sqlx::Error> {
    let payload = serde_json::to_string(template).map_err(|e| sqlx::Error::Encode(e.into()))?;
    sqlx::query_scalar(
        "INSERT INTO jobs (kind, payload, run_at, created_at) VALUES ('mail', ?1, ?2, ?3) RETURNING id",
    )
    .bind(payload)
    .bind(run_at.timestamp())
    .bind(now.timestamp())
    .fetch_one(conn)
    .await
}

/// Writes when reminders go out (from `reminders.hours_before`); the appointment triggers
/// read them. Reminders already queued keep their time.
pub async fn set_reminder_offsets(
    writer: &sqlx::SqlitePool,
    offsets: &[Duration],
) -> Result<(), sqlx::Error> {
    let mut tx = db::begin_write(writer).await?;
    sqlx::query("DELETE FROM reminder_offsets").execute(&mut *tx).await?;
    for offset in offsets {
        sqlx::query("INSERT INTO reminder_offsets (minutes_before) VALUES (?1)")
            .bind(offset.num_minutes())
            .execute(&mut *tx)
            .await?;
    }
    tx.commit().await
}

/// What one step did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum StepOutcome {
    /// The job ran and is done.
    Done { job: i64 },
    /// The job had nothing left to send (e.g. a reminder of a cancelled appointment).
    Skipped { job: i64 },
    /// The job failed and will be retried at `retry_at`.
    Retrying { job: i64, retry_at: i64 },
    /// The job failed for the last time (or for good).
    Failed { job: i64 },
}

/// A claimed job.
struct Claimed {
    id: i64,
    payload: String,
    attempts: i64,
}

/// Runs the next due job, if any.
pub async fn run_one_step(state: &AppState) -> Result<Option<StepOutcome>, sqlx::Error> {
    Ok(run_batch(state, 1).await?.pop())
}

/// Runs up to `max` due jobs: claimed together in one transaction, composed, then handed to the
/// transport together (the outbox stores the whole batch in one transaction). One outcome per
/// job claimed; none when nothing is due.
pub async fn run_batch(state: &AppState, max: i64) -> Result<Vec<StepOutcome>, sqlx::Error> {
    let now = state.clock.now();
    let claimed = claim_due(state, now, max).await?;
    let mut outcomes = Vec::with_capacity(claimed.len());
    let (mut sending, mut sending_jobs) = (Vec::new(), Vec::new());
    for job in claimed {
        let composed = match serde_json::from_str::<MailTemplate>(&job.payload) {
            Ok(template) => compose(state, &template, now).await,
            Err(e) => Err(format!("unreadable payload: {e}")),
        };
        match composed {
            Ok(Composed::Send(outgoing)) => {
                sending.push((job.id, outgoing));
                sending_jobs.push(job);
            }
            Ok(Composed::Skip(why)) => outcomes.push(skip(state, job.id, why, now).await?),
            Err(reason) => outcomes.push(give_up(state, job.id, &reason, now).await?),
        }
    }
    let delivered = state.mailer.deliver_all(&state.writer, &sending, now).await;
    for (job, result) in sending_jobs.iter().zip(delivered) {
        outcomes.push(match result {
            Ok(()) => StepOutcome::Done { job: job.id },
            Err(error) if error.permanent => give_up(state, job.id, &error.reason, now).await?,
            Err(error) => record_failure(state, job, &error.reason, now).await?,
        });
    }
    Ok(outcomes)
}

/// Ends a job that has nothing to send any more.
async fn skip(
    state: &AppState,
    job: i64,
    why: &str,
    now: DateTime<Utc>,
) -> Result<StepOutcome, sqlx::Error> {
    sqlx::query(
        "UPDATE jobs SET status = 'cancelled', last_error = ?2, finished_at = ?3, dedupe_key = NULL \
         WHERE id = ?1",
    )
    .bind(job)
    .bind(why)
    .bind(now.timestamp())
    .execute(&state.writer)
    .await?;
    Ok(StepOutcome::Skipped { job })
}

/// Fails a job for good (retrying cannot help), visible to admins.
async fn give_up(
    state: &AppState,
    job: i64,
    reason: &str,
    now: DateTime<Utc>,
) -> Result<StepOutcome, sqlx::Error> {
    tracing::error!(job, reason, "job failed for good");
    let reason: String = reason.chars().take(2000).collect();
    sqlx::query(
        "UPDATE jobs SET status = 'failed', last_error = ?2, finished_at = ?3 WHERE id = ?1",
    )
    .bind(job)
    .bind(reason)
    .bind(now.timestamp())
    .execute(&state.writer)
    .await?;
    Ok(StepOutcome::Failed { job })
}

/// Marks up to `max` due queued jobs (the earliest first) as being sent by this server's
/// transport and counts the attempt, in their own committed transaction (one round trip to the
/// writer: the worker shares it with every booking).
async fn claim_due(
    state: &AppState,
    now: DateTime<Utc>,
    max: i64,
) -> Result<Vec<Claimed>, sqlx::Error> {
    let claim = sqlx::query(crate::immediate_transaction!(
        "UPDATE jobs SET status = 'sending', attempts = attempts + 1, sent_via = ?2 \
         WHERE id IN (SELECT id FROM jobs WHERE status = 'queued' AND run_at <= ?1 \
                      ORDER BY run_at, id LIMIT ?3) \
         RETURNING id, payload, attempts"
    ))
    .bind(now.timestamp())
    .bind(state.mailer.name())
    .bind(max);
    let rows = db::write_at_once(&state.writer, claim).await?;
    let mut claimed = rows
        .iter()
        .map(|row| {
            Ok(Claimed { id: row.try_get(0)?, payload: row.try_get(1)?, attempts: row.try_get(2)? })
        })
        .collect::<Result<Vec<_>, sqlx::Error>>()?;
    // RETURNING gives rows in no promised order; deliver the earliest job first.
    claimed.sort_by_key(|job| job.id);
    Ok(claimed)
}

/// Retries later with exponential backoff (30 s, 1 min, 2 min, … at most 1 h), or gives up.
async fn record_failure(
    state: &AppState,
    claimed: &Claimed,
    reason: &str,
    now: DateTime<Utc>,
) -> Result<StepOutcome, sqlx::Error> {
    let (job, attempts) = (claimed.id, claimed.attempts);
    tracing::warn!(job, attempts, reason, "job failed");
    if attempts >= MAX_ATTEMPTS {
        return give_up(state, job, reason, now).await;
    }
    let reason: String = reason.chars().take(2000).collect();
    let retry_at = (now + backoff(attempts)).timestamp();
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

/// What [`recover_interrupted`] found.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Recovered {
    /// Jobs cut short before delivery, queued again.
    pub requeued: u64,
    /// SMTP sends cut short, which may have been delivered: failed, for an admin to look at.
    pub given_up: u64,
}

/// After a restart: jobs left `sending` are done if their message reached the outbox; failed
/// (never sent twice) if they were being handed to SMTP; queued again otherwise.
pub async fn recover_interrupted(state: &AppState) -> Result<Recovered, sqlx::Error> {
    let now = state.clock.now();
    let mut tx = db::begin_write(&state.writer).await?;
    sqlx::query(
        "UPDATE jobs SET status = 'done', finished_at = ?1 WHERE status = 'sending' \
         AND EXISTS (SELECT 1 FROM mail_outbox m WHERE m.job_id = jobs.id)",
    )
    .bind(now.timestamp())
    .execute(&mut *tx)
    .await?;
    let given_up = sqlx::query(
        "UPDATE jobs SET status = 'failed', finished_at = ?1, last_error = ?2 \
         WHERE status = 'sending' AND sent_via = 'smtp'",
    )
    .bind(now.timestamp())
    .bind(INTERRUPTED_SMTP)
    .execute(&mut *tx)
    .await?
    .rows_affected();
    let requeued = sqlx::query("UPDATE jobs SET status = 'queued' WHERE status = 'sending'")
        .execute(&mut *tx)
        .await?
        .rows_affected();
    tx.commit().await?;
    Ok(Recovered { requeued, given_up })
}

/// Queues failed job `id` again to run at `now` (an admin's decision). False when there is no
/// such failed job.
pub async fn retry_failed(
    writer: &sqlx::SqlitePool,
    id: i64,
    now: DateTime<Utc>,
) -> Result<bool, sqlx::Error> {
    let changed = sqlx::query(
        "UPDATE jobs SET status = 'queued', run_at = ?2, finished_at = NULL WHERE id = ?1 AND status = 'failed'",
    )
    .bind(id)
    .bind(now.timestamp())
    .execute(writer)
    .await?
    .rows_affected();
    Ok(changed == 1)
}

/// Runs due jobs until there are none, then waits `poll` and looks again; forever.
pub async fn run_worker(state: AppState, poll: std::time::Duration) {
    loop {
        loop {
            match run_batch(&state, state.mailer.batch_size()).await {
                Ok(outcomes) if !outcomes.is_empty() => continue,
                Ok(_) => break,
                Err(e) => {
                    tracing::error!(error = %e, "job worker step failed");
                    break;
                }
            }
        }
        // A month that has ended gets its reports (once; missed months are caught up).
        if let Err(e) = crate::server::reports::generation::catch_up(&state).await {
            tracing::error!(error = %e, "monthly reports failed");
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
