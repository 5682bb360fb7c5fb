//! Recording that a job's mail was handed over: the job is done (a secret payload erased) and a
//! reminder also appears in the app, in the caller's transaction.

use super::compose::Outgoing;
use crate::server::db;
use chrono::{DateTime, Utc};
use sqlx::{SqliteConnection, SqlitePool};

/// Marks `job` done and shows a reminder in the app, in the caller's transaction.
pub async fn record(
    conn: &mut SqliteConnection,
    job: i64,
    outgoing: &Outgoing,
    now: DateTime<Utc>,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "UPDATE jobs SET status = 'done', finished_at = ?2, last_error = NULL, \
         payload = CASE WHEN ?3 THEN '{}' ELSE payload END WHERE id = ?1",
    )
    .bind(job)
    .bind(now.timestamp())
    .bind(outgoing.erase_payload)
    .execute(&mut *conn)
    .await?;
    if let Some((user, appointment)) = outgoing.reminder_notice {
        sqlx::query(
            "INSERT INTO notifications (user_id, appointment_id, kind, audience, created_at) \
             VALUES (?1, ?2, 'reminder', 'patient', ?3)",
        )
        .bind(user)
        .bind(appointment)
        .bind(now.timestamp())
        .execute(&mut *conn)
        .await?;
    }
    Ok(())
}

/// [`record`] in a write transaction of its own (after an SMTP relay took the message).
pub async fn record_alone(
    writer: &SqlitePool,
    job: i64,
    outgoing: &Outgoing,
    now: DateTime<Utc>,
) -> Result<(), sqlx::Error> {
    let mut tx = db::begin_write(writer).await?;
    record(&mut tx, job, outgoing, now).await?;
    tx.commit().await
}
