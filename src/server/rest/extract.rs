//! Who is calling, and what they sent, with every refusal answered as problem+json.
//!
//! Only the `Authorization: Bearer` header authenticates: cookies are never read here, so a
//! page on another site cannot make a signed-in browser act through the API.

use super::problem::Problem;
use crate::domain::Role;
use crate::domain::api_scope::ApiScope;
use crate::dto::session_user::SessionUser;
use crate::error::AppError;
use crate::server::state::AppState;
use crate::server::tokens::{access, personal};
use axum::extract::{FromRequest, FromRequestParts, Request};
use axum::http::{header, request::Parts};
use serde::de::DeserializeOwned;

/// The user a token speaks for: a sign-in's access token (everything the user's role allows)
/// or a personal access token (only what its scopes name, within that role).
pub struct Caller {
    user: SessionUser,
    /// `None` for a sign-in's token.
    scopes: Option<Vec<ApiScope>>,
}

impl FromRequestParts<AppState> for Caller {
    type Rejection = Problem;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, Problem> {
        let token = bearer(parts).ok_or(AppError::Unauthenticated)?;
        if token.starts_with(personal::PREFIX) {
            let (user, scopes) = personal::caller(state, token).await?;
            return Ok(Caller { user, scopes: Some(scopes) });
        }
        Ok(Caller { user: access::caller(state, token).await?, scopes: None })
    }
}

impl Caller {
    /// The caller, if their token allows `scope`; `Forbidden` otherwise.
    pub fn may(self, scope: ApiScope) -> Result<SessionUser, Problem> {
        match &self.scopes {
            Some(scopes) if !scopes.contains(&scope) => Err(AppError::Forbidden.into()),
            _ => Ok(self.user),
        }
    }

    /// The caller, if they have `role` and their token allows `scope`; `Forbidden` otherwise.
    pub fn with_role(self, role: Role, scope: ApiScope) -> Result<SessionUser, Problem> {
        if self.user.role == role { self.may(scope) } else { Err(AppError::Forbidden.into()) }
    }

    /// The caller, if this is a sign-in's token (personal tokens cannot manage tokens).
    pub fn signed_in(self) -> Result<SessionUser, Problem> {
        match self.scopes {
            None => Ok(self.user),
            Some(_) => Err(AppError::Forbidden.into()),
        }
    }
}

/// The token of an `Authorization: Bearer <token>` header.
fn bearer(parts: &Parts) -> Option<&str> {
    let value = parts.headers.get(header::AUTHORIZATION)?.to_str().ok()?;
    let (scheme, token) = value.split_once(' ')?;
    let token = token.trim();
    (scheme.eq_ignore_ascii_case("bearer") && !token.is_empty()).then_some(token)
}

/// A JSON request body; anything unreadable is `bad_request` as problem+json. A number with a
/// zero fraction (`165.0`) is read as the integer it is, as JSON Schema counts it.
pub struct JsonBody<T>(pub T);

impl<T: DeserializeOwned, S: Send + Sync> FromRequest<S> for JsonBody<T> {
    type Rejection = Problem;

    async fn from_request(request: Request, state: &S) -> Result<Self, Problem> {
        let axum::Json(mut value) = axum::Json::<serde_json::Value>::from_request(request, state)
            .await
            .map_err(|_| Problem::from(AppError::BadRequest))?;
        integers_as_integers(&mut value);
        serde_json::from_value(value).map(JsonBody).map_err(|_| AppError::BadRequest.into())
    }
}

/// Rewrites whole-number floats (`2.0`) as integers, everywhere in `value`.
fn integers_as_integers(value: &mut serde_json::Value) {
    use serde_json::Value;
    match value {
        Value::Number(n) if n.is_f64() => {
            if let Some(f) = n.as_f64()
                && f.fract() == 0.0
                && f.abs() < 9.0e15
            {
                *value = Value::from(f as i64);
            }
        }
        Value::Array(items) => items.iter_mut().for_each(integers_as_integers),
        Value::Object(members) => members.values_mut().for_each(integers_as_integers),
        _ => {}
    }
}

/// Path parameters; unreadable ones are "not found" (no such resource), as problem+json.
pub struct PathOf<T>(pub T);

impl<T: DeserializeOwned + Send, S: Send + Sync> FromRequestParts<S> for PathOf<T> {
    type Rejection = Problem;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Problem> {
        axum::extract::Path::<T>::from_request_parts(parts, state)
            .await
            .map(|axum::extract::Path(value)| PathOf(value))
            .map_err(|_| AppError::NotFound.into())
    }
}

/// Query parameters; unreadable ones are `bad_request`, as problem+json.
pub struct QueryOf<T>(pub T);

impl<T: DeserializeOwned, S: Send + Sync> FromRequestParts<S> for QueryOf<T> {
    type Rejection = Problem;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Problem> {
        axum::extract::Query::<T>::from_request_parts(parts, state)
            .await
            .map(|axum::extract::Query(value)| QueryOf(value))
            .map_err(|_| AppError::BadRequest.into())
    }
}

/// The `Idempotency-Key` header, if sent.
pub fn idempotency_key(headers: &axum::http::HeaderMap) -> Option<&str> {
    headers.get("idempotency-key").and_then(|v| v.to_str().ok())
}

/// An optional `Idempotency-Key` header: absent is `None`; sent but not text, a bad request
/// (rather than silently not idempotent).
pub fn optional_idempotency_key(headers: &axum::http::HeaderMap) -> Result<Option<&str>, AppError> {
    headers.get("idempotency-key").map(|v| v.to_str().map_err(|_| AppError::BadRequest)).transpose()
}
