//! `/api/v1/tokens`: sign in, refresh, revoke.

use crate::domain::api_scope::ApiScope;
use crate::server::client_address;
use crate::server::rest::extract::{Caller, JsonBody};
use crate::server::rest::problem::{ProblemBody, RestResult};
use crate::server::rest::views::{Me, TokenAnswer};
use crate::server::services::api_tokens::{self, IssuedTokens};
use crate::server::state::AppState;
use axum::extract::State;
use axum::http::StatusCode;
use axum::{Json, extract::ConnectInfo};
use serde::Deserialize;
use std::net::SocketAddr;
use utoipa::ToSchema;

/// A username or email and password.
#[derive(Debug, Deserialize, ToSchema)]
pub struct TokenRequest {
    #[schema(example = "alice")]
    pub login: String,
    pub password: String,
}

/// A refresh token.
#[derive(Debug, Deserialize, ToSchema)]
pub struct RefreshRequest {
    pub refresh_token: String,
}

fn answer(issued: IssuedTokens, now: chrono::DateTime<chrono::Utc>) -> TokenAnswer {
    TokenAnswer {
        access_token: issued.access_token,
        token_type: "Bearer".to_owned(),
        expires_in: (issued.access_expires - now).num_seconds(),
        refresh_token: issued.refresh_token,
        refresh_expires_at: issued.refresh_expires,
        user: issued.user.into(),
    }
}

/// Signs in: a new access token (15 minutes) and refresh token (30 days). The web app's rules
/// apply: the per-address limit, the backoff after failed guesses, deactivated accounts.
#[utoipa::path(post, path = "/api/v1/tokens", tag = "tokens", request_body = TokenRequest,
    responses(
        (status = 201, description = "Signed in", body = TokenAnswer),
        (status = 400, description = "Malformed body", body = ProblemBody, content_type = "application/problem+json"),
        (status = 401, description = "`invalid_credentials`", body = ProblemBody, content_type = "application/problem+json"),
        (status = 403, description = "`account_deactivated`", body = ProblemBody, content_type = "application/problem+json"),
        (status = 429, description = "`rate_limited` (see Retry-After)", body = ProblemBody, content_type = "application/problem+json"),
    ))]
pub async fn sign_in(
    State(state): State<AppState>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    headers: axum::http::HeaderMap,
    JsonBody(body): JsonBody<TokenRequest>,
) -> RestResult<(StatusCode, Json<TokenAnswer>)> {
    let client = client_address::resolve(peer.ip(), &headers, &state.config.site.trusted_proxies);
    state.limits.sign_in(client)?;
    let issued = api_tokens::sign_in(&state, &body.login, &body.password).await?;
    Ok((StatusCode::CREATED, Json(answer(issued, state.clock.now()))))
}

/// Trades a refresh token for a new pair; the old one is spent. Presenting a spent token
/// again revokes every token of that sign-in.
#[utoipa::path(post, path = "/api/v1/tokens/refresh", tag = "tokens", request_body = RefreshRequest,
    responses(
        (status = 200, description = "A new pair", body = TokenAnswer),
        (status = 400, description = "Malformed body", body = ProblemBody, content_type = "application/problem+json"),
        (status = 401, description = "`token_invalid`: unknown, spent, expired or revoked", body = ProblemBody, content_type = "application/problem+json"),
    ))]
pub async fn refresh(
    State(state): State<AppState>,
    JsonBody(body): JsonBody<RefreshRequest>,
) -> RestResult<Json<TokenAnswer>> {
    let issued = api_tokens::refresh(&state, &body.refresh_token).await?;
    Ok(Json(answer(issued, state.clock.now())))
}

/// Revokes a refresh token's sign-in: its access and refresh tokens stop working at once. An
/// unknown token gets the same answer (RFC 7009).
#[utoipa::path(post, path = "/api/v1/tokens/revoke", tag = "tokens", request_body = RefreshRequest,
    responses(
        (status = 204, description = "Revoked (or never valid)"),
        (status = 400, description = "Malformed body", body = ProblemBody, content_type = "application/problem+json"),
    ))]
pub async fn revoke(
    State(state): State<AppState>,
    JsonBody(body): JsonBody<RefreshRequest>,
) -> RestResult<StatusCode> {
    api_tokens::revoke(&state, &body.refresh_token).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// The user the access token speaks for.
#[utoipa::path(get, path = "/api/v1/me", tag = "me", security(("bearer" = [])),
    responses(
        (status = 200, description = "The caller", body = Me),
        (status = 401, description = "`unauthenticated` or `token_invalid`", body = ProblemBody, content_type = "application/problem+json"),
        (status = 403, description = "`forbidden`: a personal token without `me:read`", body = ProblemBody, content_type = "application/problem+json"),
    ))]
pub async fn me(caller: Caller) -> RestResult<Json<Me>> {
    Ok(Json(caller.may(ApiScope::MeRead)?.into()))
}
