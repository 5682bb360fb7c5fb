//! Who is calling, and what they sent, with every refusal answered as problem+json.
//!
//! Only the `Authorization: Bearer` header authenticates: cookies are never read here, so a
//! page on another site cannot make a signed-in browser act through the API.

use super::problem::Problem;
use crate::domain::Role;
use crate::dto::session_user::SessionUser;
use crate::error::AppError;
use crate::server::state::AppState;
use crate::server::tokens::access;
use axum::extract::{FromRequest, FromRequestParts, Request};
use axum::http::{header, request::Parts};
use serde::de::DeserializeOwned;

/// The user an access token speaks for.
pub struct Caller(pub SessionUser);

impl FromRequestParts<AppState> for Caller {
    type Rejection = Problem;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, Problem> {
        let token = bearer(parts).ok_or(AppError::Unauthenticated)?;
        Ok(Caller(access::caller(state, token).await?))
    }
}

impl Caller {
    /// The caller, if they have `role`; `Forbidden` otherwise.
    pub fn with_role(self, role: Role) -> Result<SessionUser, Problem> {
        if self.0.role == role { Ok(self.0) } else { Err(AppError::Forbidden.into()) }
    }
}

/// The token of an `Authorization: Bearer <token>` header.
fn bearer(parts: &Parts) -> Option<&str> {
    let value = parts.headers.get(header::AUTHORIZATION)?.to_str().ok()?;
    let (scheme, token) = value.split_once(' ')?;
    let token = token.trim();
    (scheme.eq_ignore_ascii_case("bearer") && !token.is_empty()).then_some(token)
}

/// A JSON request body; anything unreadable is `bad_request` as problem+json.
pub struct JsonBody<T>(pub T);

impl<T: DeserializeOwned, S: Send + Sync> FromRequest<S> for JsonBody<T> {
    type Rejection = Problem;

    async fn from_request(request: Request, state: &S) -> Result<Self, Problem> {
        axum::Json::<T>::from_request(request, state)
            .await
            .map(|axum::Json(value)| JsonBody(value))
            .map_err(|_| AppError::BadRequest.into())
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
