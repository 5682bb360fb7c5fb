//! Stored links between OpenID Connect identities (issuer + subject) and accounts.

use crate::domain::UserId;
use chrono::{DateTime, Utc};
use sqlx::{SqliteConnection, SqlitePool};

/// The account an identity signs in as, with what decides whether it may.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LinkedAccount {
    pub id: UserId,
    pub auth_version: i64,
    pub is_active: bool,
}

/// The account linked to `issuer` + `subject`, if any.
pub async fn find_linked(
    pool: &SqlitePool,
    issuer: &str,
    subject: &str,
) -> Result<Option<LinkedAccount>, sqlx::Error> {
    let row: Option<(i64, i64, bool)> = sqlx::query_as(
        "SELECT u.id, u.auth_version, u.is_active FROM provider_identities p \
         JOIN users u ON u.id = p.user_id WHERE p.issuer = ?1 AND p.subject = ?2",
    )
    .bind(issuer)
    .bind(subject)
    .fetch_optional(pool)
    .await?;
    Ok(row.map(|(id, auth_version, is_active)| LinkedAccount {
        id: UserId(id),
        auth_version,
        is_active,
    }))
}

/// Links an identity to `user`. Fails with a unique violation when the identity is linked
/// already, or the account has another identity at this issuer.
pub async fn link(
    conn: &mut SqliteConnection,
    issuer: &str,
    subject: &str,
    user: UserId,
    email: &str,
    now: DateTime<Utc>,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO provider_identities (issuer, subject, user_id, email, linked_at) \
         VALUES (?1, ?2, ?3, ?4, ?5)",
    )
    .bind(issuer)
    .bind(subject)
    .bind(user.0)
    .bind(email)
    .bind(now.timestamp())
    .execute(conn)
    .await
    .map(|_| ())
}
