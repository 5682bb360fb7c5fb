//! Queries on one-time codes.

use crate::domain::UserId;
use crate::domain::otp::{IssuedCode, OtpPurpose};
use chrono::{DateTime, Utc};
use sqlx::SqliteConnection;

/// When codes for `user` and `purpose` were sent since `since` (unix seconds).
pub async fn sent_since(
    conn: &mut SqliteConnection,
    user: UserId,
    purpose: OtpPurpose,
    since: i64,
) -> Result<Vec<DateTime<Utc>>, sqlx::Error> {
    let rows: Vec<i64> = sqlx::query_scalar(
        "SELECT issued_at FROM otp_codes WHERE user_id = ?1 AND purpose = ?2 AND issued_at > ?3",
    )
    .bind(user.0)
    .bind(purpose.as_str())
    .bind(since)
    .fetch_all(conn)
    .await?;
    Ok(rows.into_iter().filter_map(|t| DateTime::from_timestamp(t, 0)).collect())
}

/// Stores a new code (its hash), superseding the live one.
pub async fn replace(
    conn: &mut SqliteConnection,
    user: UserId,
    purpose: OtpPurpose,
    code_hash: &str,
    email: &str,
    now: DateTime<Utc>,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "UPDATE otp_codes SET superseded = 1 WHERE user_id = ?1 AND purpose = ?2 \
         AND used_at IS NULL AND superseded = 0",
    )
    .bind(user.0)
    .bind(purpose.as_str())
    .execute(&mut *conn)
    .await?;
    sqlx::query(
        "INSERT INTO otp_codes (user_id, purpose, code_hash, email, issued_at) VALUES (?1, ?2, ?3, ?4, ?5)",
    )
    .bind(user.0)
    .bind(purpose.as_str())
    .bind(code_hash)
    .bind(email)
    .bind(now.timestamp())
    .execute(conn)
    .await?;
    Ok(())
}

/// The live code of `user` for `purpose`.
pub struct LiveCode {
    pub id: i64,
    pub hash: String,
    pub email: String,
    pub state: IssuedCode,
}

/// The live (not superseded, not used) code, if any.
pub async fn live(
    conn: &mut SqliteConnection,
    user: UserId,
    purpose: OtpPurpose,
) -> Result<Option<LiveCode>, sqlx::Error> {
    let row: Option<(i64, String, String, i64, i64)> = sqlx::query_as(
        "SELECT id, code_hash, email, issued_at, failed_attempts FROM otp_codes \
         WHERE user_id = ?1 AND purpose = ?2 AND used_at IS NULL AND superseded = 0",
    )
    .bind(user.0)
    .bind(purpose.as_str())
    .fetch_optional(conn)
    .await?;
    Ok(row.and_then(|(id, hash, email, issued_at, failed)| {
        Some(LiveCode {
            id,
            hash,
            email,
            state: IssuedCode {
                issued_at: DateTime::from_timestamp(issued_at, 0)?,
                failed_attempts: u32::try_from(failed).unwrap_or(u32::MAX),
                used: false,
            },
        })
    }))
}

/// Counts a guess before it is checked, if the code still takes guesses (fewer than
/// `max_attempts` so far): parallel guesses can never exceed the limit. False when it does not.
pub async fn reserve_guess(
    conn: &mut SqliteConnection,
    id: i64,
    max_attempts: u32,
) -> Result<bool, sqlx::Error> {
    let changed = sqlx::query(
        "UPDATE otp_codes SET failed_attempts = failed_attempts + 1 \
         WHERE id = ?1 AND failed_attempts < ?2 AND used_at IS NULL AND superseded = 0",
    )
    .bind(id)
    .bind(i64::from(max_attempts))
    .execute(conn)
    .await?
    .rows_affected();
    Ok(changed == 1)
}

/// Marks the code used (the reserved guess was right, so it is not counted as failed).
pub async fn mark_used(
    conn: &mut SqliteConnection,
    id: i64,
    now: DateTime<Utc>,
) -> Result<bool, sqlx::Error> {
    let changed = sqlx::query(
        "UPDATE otp_codes SET used_at = ?2, failed_attempts = failed_attempts - 1 \
         WHERE id = ?1 AND used_at IS NULL AND superseded = 0",
    )
    .bind(id)
    .bind(now.timestamp())
    .execute(conn)
    .await?
    .rows_affected();
    Ok(changed == 1)
}
