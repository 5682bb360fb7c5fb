//! Personal access tokens: `mbp_` and 64 hex digits, issued by an admin for an account with
//! scopes, stored as SHA-256. Checked on every request like the sign-in tokens: not revoked,
//! not expired, the account active and at the auth version it was issued under.

use super::keys::SigningKey;
use crate::domain::UserId;
use crate::domain::api_scope::ApiScope;
use chrono::{DateTime, Utc};
use sqlx::SqliteConnection;

/// What a personal token starts with (so a leaked one is recognisable in logs and scanners).
pub const PREFIX: &str = "mbp_";

/// A new token's text and its stored hash.
pub fn new_token() -> (String, [u8; 32]) {
    let (random, _) = super::refresh::new_token();
    let text = format!("{PREFIX}{random}");
    let hash = super::refresh::hash(&text);
    (text, hash)
}

/// The token an admin's request with idempotency `key` issues: HMAC-SHA256 of the admin and
/// the key under the server's signing key, so a retry can answer the same text while only its
/// hash is stored (and nobody without the signing key can work it out from the key).
pub fn keyed_token(signing: &SigningKey, admin: UserId, key: &str) -> (String, [u8; 32]) {
    use hmac::{Hmac, Mac};
    let mut mac = Hmac::<sha2::Sha256>::new_from_slice(signing.secret())
        .expect("HMAC takes a key of any length");
    mac.update(format!("personal-token\n{}\n{key}", admin.0).as_bytes());
    let digest = mac.finalize().into_bytes();
    let random: String = digest.iter().map(|b| format!("{b:02x}")).collect();
    let text = format!("{PREFIX}{random}");
    let hash = super::refresh::hash(&text);
    (text, hash)
}

/// A personal token as stored, for checking a request.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct StoredPersonal {
    pub user_id: i64,
    pub scopes: String,
    pub auth_version: i64,
    pub expires_at: Option<i64>,
    pub revoked: bool,
}

/// The token with this hash.
pub async fn find<'e>(
    db: impl sqlx::SqliteExecutor<'e>,
    hash: &[u8; 32],
) -> sqlx::Result<Option<StoredPersonal>> {
    sqlx::query_as(
        "SELECT user_id, scopes, auth_version, expires_at, revoked_at IS NOT NULL AS revoked \
         FROM api_personal_tokens WHERE hash = ?1",
    )
    .bind(&hash[..])
    .fetch_optional(db)
    .await
}

/// The account a personal token acts as and its scopes, after every check; `TokenInvalid`
/// otherwise.
pub async fn caller(
    state: &crate::server::state::AppState,
    token: &str,
) -> crate::server::error::ServerResult<(crate::dto::session_user::SessionUser, Vec<ApiScope>)> {
    use crate::error::AppError;
    use crate::server::error::Doing;
    let stored = find(&state.db, &super::refresh::hash(token))
        .await
        .doing("checking a personal token")?
        .filter(|t| !t.revoked)
        .filter(|t| t.expires_at.is_none_or(|at| state.clock.now().timestamp() < at))
        .ok_or(AppError::TokenInvalid)?;
    let scopes = ApiScope::split(&stored.scopes).ok_or(AppError::TokenInvalid)?;
    let standing = crate::server::users::find_standing(&state.db, UserId(stored.user_id))
        .await
        .doing("checking a personal token")?;
    match standing {
        Some(s) if s.is_active && s.auth_version == stored.auth_version => Ok((s.user, scopes)),
        _ => Err(AppError::TokenInvalid.into()),
    }
}

/// A token to store.
pub struct NewPersonal<'a> {
    pub user: UserId,
    pub name: &'a str,
    pub scopes: &'a [ApiScope],
    pub auth_version: i64,
    pub issued_by: UserId,
    pub expires_at: Option<DateTime<Utc>>,
    /// The admin's idempotency key, if the request had one.
    pub idempotency_key: Option<&'a str>,
}

/// Stores a token; its id.
pub async fn store(
    conn: &mut SqliteConnection,
    token: &NewPersonal<'_>,
    hash: &[u8; 32],
    now: DateTime<Utc>,
) -> sqlx::Result<i64> {
    sqlx::query_scalar(
        "INSERT INTO api_personal_tokens (user_id, name, scopes, hash, auth_version, issued_by, \
         created_at, expires_at, idempotency_key) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9) \
         RETURNING id",
    )
    .bind(token.user.0)
    .bind(token.name.trim())
    .bind(ApiScope::join(token.scopes))
    .bind(&hash[..])
    .bind(token.auth_version)
    .bind(token.issued_by.0)
    .bind(now.timestamp())
    .bind(token.expires_at.map(|at| at.timestamp()))
    .bind(token.idempotency_key)
    .fetch_one(conn)
    .await
}

/// A token an admin's earlier request with the same idempotency key issued.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct EarlierPersonal {
    pub id: i64,
    pub user_id: i64,
    pub name: String,
    pub scopes: String,
    pub hash: Vec<u8>,
    pub created_at: i64,
    pub expires_at: Option<i64>,
}

/// The token `admin` issued under idempotency `key`, if any.
pub async fn issued_with_key(
    conn: &mut SqliteConnection,
    admin: UserId,
    key: &str,
) -> sqlx::Result<Option<EarlierPersonal>> {
    sqlx::query_as(
        "SELECT id, user_id, name, scopes, hash, created_at, expires_at FROM api_personal_tokens \
         WHERE issued_by = ?1 AND idempotency_key = ?2",
    )
    .bind(admin.0)
    .bind(key)
    .fetch_optional(conn)
    .await
}

/// A token as an admin lists it (never its secret).
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct PersonalRow {
    pub id: i64,
    pub user_id: i64,
    pub username: String,
    pub name: String,
    pub scopes: String,
    pub created_at: i64,
    pub expires_at: Option<i64>,
    pub revoked_at: Option<i64>,
}

/// Every token, newest first.
pub async fn list(db: &sqlx::SqlitePool) -> sqlx::Result<Vec<PersonalRow>> {
    sqlx::query_as(
        "SELECT t.id, t.user_id, u.username, t.name, t.scopes, t.created_at, t.expires_at, \
         t.revoked_at FROM api_personal_tokens t JOIN users u ON u.id = t.user_id \
         ORDER BY t.id DESC",
    )
    .fetch_all(db)
    .await
}

/// Revokes token `id`; false when there is no such token. A revoked one stays as it was.
pub async fn revoke(db: &sqlx::SqlitePool, id: i64, now: DateTime<Utc>) -> sqlx::Result<bool> {
    let exists: Option<i64> = sqlx::query_scalar(
        "UPDATE api_personal_tokens SET revoked_at = ?2 WHERE id = ?1 AND revoked_at IS NULL \
         RETURNING id",
    )
    .bind(id)
    .bind(now.timestamp())
    .fetch_optional(db)
    .await?;
    if exists.is_some() {
        return Ok(true);
    }
    let found: Option<i64> = sqlx::query_scalar("SELECT id FROM api_personal_tokens WHERE id = ?1")
        .bind(id)
        .fetch_optional(db)
        .await?;
    Ok(found.is_some())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_keyed_token_is_the_same_for_a_retry_and_different_for_anything_else() {
        let signing = SigningKey::from_bytes([7; 32]);
        let (text, hash) = keyed_token(&signing, UserId(1), "retry-key-1");
        assert!(text.starts_with(PREFIX) && text.len() == PREFIX.len() + 64, "{text}");
        assert_eq!(hash, super::super::refresh::hash(&text));
        assert_eq!(keyed_token(&signing, UserId(1), "retry-key-1").0, text);
        assert_ne!(keyed_token(&signing, UserId(2), "retry-key-1").0, text);
        assert_ne!(keyed_token(&signing, UserId(1), "retry-key-2").0, text);
        assert_ne!(keyed_token(&SigningKey::from_bytes([8; 32]), UserId(1), "retry-key-1").0, text);
    }
}
