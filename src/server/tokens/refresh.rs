//! Refresh tokens and their families, inside the caller's write transaction.
//!
//! A refresh token is 32 random bytes (64 hex digits) given to the client once; only its
//! SHA-256 is stored. The schema keeps at most one unused token per family and refuses new
//! tokens for a revoked family.

use chrono::{DateTime, Utc};
use rand::RngCore;
use sha2::{Digest, Sha256};
use sqlx::SqliteConnection;

/// Why a family was revoked (`api_token_families.revoked_why`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Revocation {
    /// The client (or an admin) revoked it.
    Revoked,
    /// A used refresh token came back: it may have been stolen.
    Reused,
    /// The user's password changed or the account was deactivated.
    Outdated,
}

impl Revocation {
    fn as_str(self) -> &'static str {
        match self {
            Revocation::Revoked => "revoked",
            Revocation::Reused => "reused",
            Revocation::Outdated => "outdated",
        }
    }
}

/// A stored refresh token and its family.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct StoredToken {
    pub family_id: i64,
    pub user_id: i64,
    /// The user's auth version when the family began.
    pub auth_version: i64,
    pub expires_at: i64,
    pub used: bool,
    pub family_revoked: bool,
}

/// A new refresh token's text and the hash that is stored.
pub fn new_token() -> (String, [u8; 32]) {
    let mut bytes = [0u8; 32];
    rand::rngs::OsRng.fill_bytes(&mut bytes);
    let text: String = bytes.iter().map(|b| format!("{b:02x}")).collect();
    let hash = hash(&text);
    (text, hash)
}

/// The stored form of a token.
pub fn hash(token: &str) -> [u8; 32] {
    Sha256::digest(token.trim().as_bytes()).into()
}

/// Starts a family for `user` signed in under `auth_version`.
pub async fn start_family(
    conn: &mut SqliteConnection,
    user: i64,
    auth_version: i64,
    now: DateTime<Utc>,
) -> sqlx::Result<i64> {
    sqlx::query_scalar(
        "INSERT INTO api_token_families (user_id, auth_version, created_at) \
         VALUES (?1, ?2, ?3) RETURNING id",
    )
    .bind(user)
    .bind(auth_version)
    .bind(now.timestamp())
    .fetch_one(conn)
    .await
}

/// Stores the family's next token (valid for [`super::REFRESH_SECONDS`]); its expiry.
pub async fn store(
    conn: &mut SqliteConnection,
    family: i64,
    hash: &[u8; 32],
    now: DateTime<Utc>,
) -> sqlx::Result<DateTime<Utc>> {
    let expires = now + chrono::Duration::seconds(super::REFRESH_SECONDS);
    sqlx::query(
        "INSERT INTO api_refresh_tokens (hash, family_id, issued_at, expires_at) \
         VALUES (?1, ?2, ?3, ?4)",
    )
    .bind(&hash[..])
    .bind(family)
    .bind(now.timestamp())
    .bind(expires.timestamp())
    .execute(conn)
    .await?;
    Ok(expires)
}

/// The token with this hash, if one was ever issued.
pub async fn find(
    conn: &mut SqliteConnection,
    hash: &[u8; 32],
) -> sqlx::Result<Option<StoredToken>> {
    sqlx::query_as(
        "SELECT t.family_id, f.user_id, f.auth_version, t.expires_at, \
                t.used_at IS NOT NULL AS used, f.revoked_at IS NOT NULL AS family_revoked \
         FROM api_refresh_tokens t JOIN api_token_families f ON f.id = t.family_id \
         WHERE t.hash = ?1",
    )
    .bind(&hash[..])
    .fetch_optional(conn)
    .await
}

/// Marks a token used (once; the schema refuses a second time).
pub async fn mark_used(
    conn: &mut SqliteConnection,
    hash: &[u8; 32],
    now: DateTime<Utc>,
) -> sqlx::Result<()> {
    sqlx::query("UPDATE api_refresh_tokens SET used_at = ?2 WHERE hash = ?1")
        .bind(&hash[..])
        .bind(now.timestamp())
        .execute(conn)
        .await?;
    Ok(())
}

/// Revokes a family (a revoked one stays as it was).
pub async fn revoke_family(
    conn: &mut SqliteConnection,
    family: i64,
    why: Revocation,
    now: DateTime<Utc>,
) -> sqlx::Result<()> {
    sqlx::query(
        "UPDATE api_token_families SET revoked_at = ?2, revoked_why = ?3 \
         WHERE id = ?1 AND revoked_at IS NULL",
    )
    .bind(family)
    .bind(now.timestamp())
    .bind(why.as_str())
    .execute(conn)
    .await?;
    Ok(())
}
