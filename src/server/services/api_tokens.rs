//! Issuing, refreshing and revoking the REST API's tokens (see [`crate::server::tokens`]).

use crate::domain::UserId;
use crate::error::AppError;
use crate::server::db;
use crate::server::error::{Doing, ServerResult};
use crate::server::services::login::prove_password;
use crate::server::state::AppState;
use crate::server::tokens::refresh::{self, Revocation};
use crate::server::tokens::{access, refresh::StoredToken};
use crate::server::users;
use chrono::{DateTime, Utc};
use rand::RngCore;

/// What a client is given at sign-in and at each refresh.
#[derive(Debug, Clone)]
pub struct IssuedTokens {
    pub access_token: String,
    pub access_expires: DateTime<Utc>,
    pub refresh_token: String,
    pub refresh_expires: DateTime<Utc>,
    pub user: crate::dto::session_user::SessionUser,
}

/// Signs in by username or email and password: a new token family. The same checks, backoff
/// and errors as the web app's sign-in.
pub async fn sign_in(state: &AppState, login: &str, password: &str) -> ServerResult<IssuedTokens> {
    let account = prove_password(state, login, password).await?;
    let now = state.clock.now();
    let (refresh_token, hash) = refresh::new_token();
    let mut tx = db::begin_write(&state.writer).await.doing("issuing tokens")?;
    let family = refresh::start_family(&mut tx, account.id.0, account.auth_version, now)
        .await
        .doing("issuing tokens")?;
    let refresh_expires =
        refresh::store(&mut tx, family, &hash, now).await.doing("issuing tokens")?;
    tx.commit().await.doing("issuing tokens")?;
    let user = active_user(state, account.id, account.auth_version).await?;
    let (access_token, access_expires) =
        access::issue(&state.token_key, &user, family, account.auth_version, now, token_id())?;
    Ok(IssuedTokens { access_token, access_expires, refresh_token, refresh_expires, user })
}

/// Trades a refresh token for a new pair. A token already used revokes its whole family (a
/// copy of it is in someone else's hands); a family whose user changed their password or was
/// deactivated is revoked too. Every refusal is `TokenInvalid`.
pub async fn refresh(state: &AppState, token: &str) -> ServerResult<IssuedTokens> {
    let now = state.clock.now();
    let hash = refresh::hash(token);
    let (next_token, next_hash) = refresh::new_token();
    let mut tx = db::begin_write(&state.writer).await.doing("refreshing tokens")?;
    let stored = refresh::find(&mut tx, &hash).await.doing("refreshing tokens")?;
    let Some(stored) = stored else {
        return Err(AppError::TokenInvalid.into());
    };
    let refusal = match &stored {
        StoredToken { family_revoked: true, .. } => Some(None),
        StoredToken { used: true, .. } => Some(Some(Revocation::Reused)),
        StoredToken { expires_at, .. } if now.timestamp() >= *expires_at => Some(None),
        _ => None,
    };
    let standing =
        users::find_standing(&mut *tx, UserId(stored.user_id)).await.doing("refreshing tokens")?;
    let outdated =
        !standing.as_ref().is_some_and(|s| s.is_active && s.auth_version == stored.auth_version);
    let refusal = refusal.or(outdated.then_some(Some(Revocation::Outdated)));
    if let Some(revocation) = refusal {
        if let Some(why) = revocation {
            refresh::revoke_family(&mut tx, stored.family_id, why, now)
                .await
                .doing("revoking a token family")?;
            tx.commit().await.doing("revoking a token family")?;
            tracing::warn!(family = stored.family_id, ?why, "refresh refused; family revoked");
        }
        return Err(AppError::TokenInvalid.into());
    }
    refresh::mark_used(&mut tx, &hash, now).await.doing("refreshing tokens")?;
    let refresh_expires = refresh::store(&mut tx, stored.family_id, &next_hash, now)
        .await
        .doing("refreshing tokens")?;
    tx.commit().await.doing("refreshing tokens")?;
    let user = standing.map(|s| s.user).ok_or(AppError::TokenInvalid)?;
    let (access_token, access_expires) = access::issue(
        &state.token_key,
        &user,
        stored.family_id,
        stored.auth_version,
        now,
        token_id(),
    )?;
    Ok(IssuedTokens {
        access_token,
        access_expires,
        refresh_token: next_token,
        refresh_expires,
        user,
    })
}

/// Revokes the family of a refresh token: its access and refresh tokens stop working at once.
/// An unknown or already revoked token changes nothing (RFC 7009: the answer is the same).
pub async fn revoke(state: &AppState, token: &str) -> ServerResult<()> {
    let hash = refresh::hash(token);
    let mut tx = db::begin_write(&state.writer).await.doing("revoking tokens")?;
    if let Some(stored) = refresh::find(&mut tx, &hash).await.doing("revoking tokens")? {
        refresh::revoke_family(&mut tx, stored.family_id, Revocation::Revoked, state.clock.now())
            .await
            .doing("revoking tokens")?;
    }
    tx.commit().await.doing("revoking tokens")?;
    Ok(())
}

/// The user as a token describes them, once they are known to be active at `auth_version`.
async fn active_user(
    state: &AppState,
    id: UserId,
    auth_version: i64,
) -> ServerResult<crate::dto::session_user::SessionUser> {
    let standing = users::find_standing(&state.db, id).await.doing("loading the user")?;
    match standing {
        Some(s) if s.is_active && s.auth_version == auth_version => Ok(s.user),
        _ => Err(AppError::InvalidCredentials.into()),
    }
}

/// A unique id for an access token (`jti`): 16 random bytes in hex.
fn token_id() -> String {
    let mut bytes = [0u8; 16];
    rand::rngs::OsRng.fill_bytes(&mut bytes);
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}
