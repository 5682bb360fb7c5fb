//! The key access tokens are signed with: 32 random bytes made at the first start and kept in
//! `api_signing_keys`, so tokens survive restarts and nothing needs configuring.

use chrono::{DateTime, Utc};
use rand::RngCore;
use sqlx::SqlitePool;

/// The current signing key. Its bytes are never printed.
#[derive(Clone)]
pub struct SigningKey {
    secret: [u8; 32],
}

impl std::fmt::Debug for SigningKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("SigningKey(..)")
    }
}

impl SigningKey {
    /// The secret bytes, for signing and verifying.
    pub fn secret(&self) -> &[u8; 32] {
        &self.secret
    }

    /// A key from known bytes (tests).
    #[cfg(test)]
    pub fn from_bytes(secret: [u8; 32]) -> SigningKey {
        SigningKey { secret }
    }
}

/// The newest key, made first if there is none (one `BEGIN IMMEDIATE` transaction, so two
/// servers starting on one database agree on it).
pub async fn load_or_create(writer: &SqlitePool, now: DateTime<Utc>) -> sqlx::Result<SigningKey> {
    let mut fresh = [0u8; 32];
    rand::rngs::OsRng.fill_bytes(&mut fresh);
    let mut tx = writer.begin_with("BEGIN IMMEDIATE").await?;
    sqlx::query(
        "INSERT INTO api_signing_keys (secret, created_at) SELECT ?1, ?2 \
         WHERE NOT EXISTS (SELECT 1 FROM api_signing_keys)",
    )
    .bind(&fresh[..])
    .bind(now.timestamp())
    .execute(&mut *tx)
    .await?;
    let stored: Vec<u8> =
        sqlx::query_scalar("SELECT secret FROM api_signing_keys ORDER BY id DESC LIMIT 1")
            .fetch_one(&mut *tx)
            .await?;
    tx.commit().await?;
    let secret = <[u8; 32]>::try_from(stored.as_slice())
        .map_err(|_| sqlx::Error::Protocol("a signing key is not 32 bytes".into()))?;
    Ok(SigningKey { secret })
}
