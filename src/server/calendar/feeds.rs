//! Secret calendar subscription addresses (`calendar_feeds`): made, replaced and stopped by
//! their owner, found by the token in the address. Only a SHA-256 of the token is stored, so the
//! address is shown once, when it is made.

use crate::domain::{Role, UserId};
use chrono::{DateTime, Utc};
use rand::RngCore;
use rand::rngs::OsRng;
use sha2::{Digest, Sha256};
use sqlx::SqlitePool;

/// Random bytes in a token: 256 bits, as 64 lowercase hex digits.
const TOKEN_BYTES: usize = 32;

/// Whose feed a token opens, and what it may show.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FeedOwner {
    pub user: UserId,
    pub role: Role,
    pub name: String,
    /// A doctor's choice to see patients' names.
    pub patient_names: bool,
}

/// A feed as its owner's account page shows it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FeedState {
    pub since: DateTime<Utc>,
    pub patient_names: bool,
}

/// The token's stored form.
fn hash(token: &str) -> Vec<u8> {
    Sha256::digest(token.as_bytes()).to_vec()
}

/// Whether `token` has the shape of one we hand out (anything else is not looked up).
pub fn well_formed(token: &str) -> bool {
    token.len() == TOKEN_BYTES * 2
        && token.bytes().all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
}

fn new_token() -> String {
    let mut bytes = [0u8; TOKEN_BYTES];
    OsRng.fill_bytes(&mut bytes);
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// Makes `user` a new address, replacing any earlier one (which stops working in the same
/// statement), keeping a doctor's name choice; returns the token, never stored.
pub async fn renew(
    writer: &SqlitePool,
    user: UserId,
    now: DateTime<Utc>,
) -> Result<String, sqlx::Error> {
    let token = new_token();
    sqlx::query(
        "INSERT INTO calendar_feeds (user_id, token_hash, created_at) VALUES (?1, ?2, ?3) \
         ON CONFLICT (user_id) DO UPDATE SET token_hash = excluded.token_hash, \
         created_at = excluded.created_at",
    )
    .bind(user.0)
    .bind(hash(&token))
    .bind(now.timestamp())
    .execute(writer)
    .await?;
    Ok(token)
}

/// Stops `user`'s feed: its address answers 404 from now on.
pub async fn stop(writer: &SqlitePool, user: UserId) -> Result<(), sqlx::Error> {
    sqlx::query("DELETE FROM calendar_feeds WHERE user_id = ?1")
        .bind(user.0)
        .execute(writer)
        .await
        .map(|_| ())
}

/// `user`'s feed, if they have one.
pub async fn state(pool: &SqlitePool, user: UserId) -> Result<Option<FeedState>, sqlx::Error> {
    let row: Option<(i64, bool)> =
        sqlx::query_as("SELECT created_at, patient_names FROM calendar_feeds WHERE user_id = ?1")
            .bind(user.0)
            .fetch_optional(pool)
            .await?;
    Ok(row.map(|(since, patient_names)| FeedState {
        since: DateTime::from_timestamp(since, 0).unwrap_or_default(),
        patient_names,
    }))
}

/// A doctor's choice to see patients' names in their feed; `false` when they have no feed.
/// SQLite refuses the choice for anyone but a doctor (`MB_FEED_NAMES_DOCTORS_ONLY`).
pub async fn show_patient_names(
    writer: &SqlitePool,
    user: UserId,
    show: bool,
) -> Result<bool, sqlx::Error> {
    let done = sqlx::query("UPDATE calendar_feeds SET patient_names = ?2 WHERE user_id = ?1")
        .bind(user.0)
        .bind(show)
        .execute(writer)
        .await?;
    Ok(done.rows_affected() == 1)
}

/// The owner of the feed `token` opens: an active, open account only.
pub async fn owner(pool: &SqlitePool, token: &str) -> Result<Option<FeedOwner>, sqlx::Error> {
    if !well_formed(token) {
        return Ok(None);
    }
    let row: Option<(i64, String, String, bool)> = sqlx::query_as(
        "SELECT u.id, u.role, u.full_name, f.patient_names FROM calendar_feeds f \
         JOIN users u ON u.id = f.user_id \
         WHERE f.token_hash = ?1 AND u.is_active = 1 AND u.closed_at IS NULL",
    )
    .bind(hash(token))
    .fetch_optional(pool)
    .await?;
    Ok(row.and_then(|(id, role, name, patient_names)| {
        Some(FeedOwner { user: UserId(id), role: Role::parse(&role)?, name, patient_names })
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_are_64_hex_digits_and_differ() {
        let (a, b) = (new_token(), new_token());
        assert!(well_formed(&a) && well_formed(&b));
        assert_ne!(a, b);
        assert!(!well_formed(&a.to_uppercase()));
        assert!(!well_formed(&a[1..]));
        assert!(!well_formed(&format!("{}g", &a[1..])));
        assert_eq!(hash(&a).len(), 32);
    }
}
