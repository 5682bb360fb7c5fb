//! Admins issue, list and revoke personal access tokens (see
//! [`crate::server::tokens::personal`]).

use crate::domain::api_scope::ApiScope;
use crate::domain::field_error::{Field, FieldErrorCode};
use crate::domain::{FieldError, IdempotencyKey, UserId};
use crate::dto::session_user::SessionUser;
use crate::error::AppError;
use crate::server::db;
use crate::server::error::{Doing, ServerResult};
use crate::server::state::AppState;
use crate::server::tokens::personal::{self, NewPersonal, PersonalRow};
use crate::server::users;
use chrono::{DateTime, Duration, Utc};

/// The longest a personal token may live.
pub const MAX_DAYS: u32 = 3650;

/// What an admin asks for.
pub struct PersonalRequest<'a> {
    pub user: UserId,
    pub name: &'a str,
    pub scopes: &'a [String],
    /// `None`: until revoked.
    pub days: Option<u32>,
    /// The REST client's idempotency key, if sent.
    pub idempotency_key: Option<&'a str>,
}

/// A token just issued: its text is shown this once.
pub struct IssuedPersonal {
    pub id: i64,
    pub token: String,
    pub scopes: Vec<ApiScope>,
    pub expires_at: Option<DateTime<Utc>>,
}

/// Issues a token acting as `request.user` (an active account). Bad input is refused at its
/// field with nothing written. With an idempotency key, a key the admin already used answers
/// the token it issued, with the same text (see [`personal::keyed_token`]); sent with another
/// account, name, scopes or lifetime, it is a bad request.
pub async fn issue(
    state: &AppState,
    admin: &SessionUser,
    request: &PersonalRequest<'_>,
) -> ServerResult<IssuedPersonal> {
    let mut errors = Vec::new();
    let name = request.name.trim();
    if name.is_empty() {
        errors.push(FieldError::new(Field::TokenName, FieldErrorCode::Required));
    } else if name.chars().count() > 100 {
        errors.push(FieldError::new(Field::TokenName, FieldErrorCode::TooLong));
    } else if name.chars().any(char::is_control) {
        errors.push(FieldError::new(Field::TokenName, FieldErrorCode::InvalidCharacters));
    }
    let scopes = ApiScope::split(&request.scopes.join(" "));
    if scopes.is_none() || request.scopes.iter().any(|s| s.contains(char::is_whitespace)) {
        errors.push(FieldError::new(Field::TokenScopes, FieldErrorCode::Unknown));
    }
    if request.days.is_some_and(|d| d == 0 || d > MAX_DAYS) {
        errors.push(FieldError::new(Field::TokenDays, FieldErrorCode::OutOfRange));
    }
    let scopes = match scopes {
        Some(scopes) if errors.is_empty() => scopes,
        _ => return Err(AppError::Invalid(errors).into()),
    };
    let key = request.idempotency_key;
    if key.is_some_and(|k| IdempotencyKey::parse(k).is_none_or(|p| p.as_str() != k)) {
        return Err(AppError::BadRequest.into());
    }
    let now = state.clock.now();
    let expires_at = request.days.map(|d| now + Duration::days(i64::from(d)));
    let (token, hash) = match key {
        Some(key) => personal::keyed_token(&state.token_key, admin.id, key),
        None => personal::new_token(),
    };
    let mut tx = db::begin_write(&state.writer).await.doing("issuing a personal token")?;
    if let Some(key) = key {
        let earlier = personal::issued_with_key(&mut tx, admin.id, key)
            .await
            .doing("issuing a personal token")?;
        if let Some(earlier) = earlier {
            let lifetime = earlier.expires_at.map(|at| (at - earlier.created_at) / 86_400);
            let same = earlier.user_id == request.user.0
                && earlier.name == name
                && earlier.scopes == ApiScope::join(&scopes)
                && lifetime == request.days.map(i64::from)
                && earlier.hash == hash;
            if !same {
                return Err(AppError::BadRequest.into());
            }
            return Ok(issued(earlier.id, token, scopes, earlier.expires_at.map(at)));
        }
    }
    let standing = users::find_standing(&mut *tx, request.user)
        .await
        .doing("issuing a personal token")?
        .filter(|s| s.is_active)
        .ok_or(AppError::NotFound)?;
    let new = NewPersonal {
        user: request.user,
        name,
        scopes: &scopes,
        auth_version: standing.auth_version,
        issued_by: admin.id,
        expires_at,
        idempotency_key: key,
    };
    let id = personal::store(&mut tx, &new, &hash, now).await.doing("issuing a personal token")?;
    tx.commit().await.doing("issuing a personal token")?;
    tracing::info!(admin = %admin.id, user = %request.user, id, "personal token issued");
    Ok(issued(id, token, scopes, expires_at))
}

/// The answer for token `id`: its scopes sorted, once each.
fn issued(
    id: i64,
    token: String,
    mut scopes: Vec<ApiScope>,
    expires_at: Option<DateTime<Utc>>,
) -> IssuedPersonal {
    scopes.sort();
    scopes.dedup();
    IssuedPersonal { id, token, scopes, expires_at }
}

fn at(seconds: i64) -> DateTime<Utc> {
    DateTime::from_timestamp(seconds, 0).unwrap_or_default()
}

/// Every token, newest first (never their secrets).
pub async fn list(state: &AppState) -> ServerResult<Vec<PersonalRow>> {
    personal::list(&state.db).await.doing("listing personal tokens")
}

/// Revokes token `id` at once; "not found" when there is none.
pub async fn revoke(state: &AppState, admin: &SessionUser, id: i64) -> ServerResult<()> {
    let found = personal::revoke(&state.writer, id, state.clock.now())
        .await
        .doing("revoking a personal token")?;
    if !found {
        return Err(AppError::NotFound.into());
    }
    tracing::info!(admin = %admin.id, id, "personal token revoked");
    Ok(())
}
