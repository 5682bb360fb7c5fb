//! `/api/v1/personal-tokens`: admins issue, list and revoke personal access tokens for
//! server-to-server use. Only a sign-in's token may manage them (never a personal token).

use crate::domain::{Role, UserId};
use crate::error::AppError;
use crate::server::rest::extract::{Caller, JsonBody, PathOf, optional_idempotency_key};
use crate::server::rest::problem::{ProblemBody, RestResult};
use crate::server::services::personal_tokens::{self, PersonalRequest};
use crate::server::state::AppState;
use axum::Json;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

/// A token to issue.
#[derive(Debug, Deserialize, ToSchema)]
pub struct IssueRequest {
    /// The account the token acts as (its role still applies).
    pub user_id: i64,
    /// What it is for ("Kiosk at reception"): not blank, no control characters.
    #[schema(
        max_length = 100,
        pattern = "^[^\\u0000-\\u001f\\u007f-\\u009f]*[^\\s\\u0000-\\u001f\\u007f-\\u009f][^\\u0000-\\u001f\\u007f-\\u009f]*$"
    )]
    pub name: String,
    /// What the token may do.
    #[schema(value_type = Vec<ScopeName>, min_items = 1)]
    pub scopes: Vec<String>,
    /// Days until it expires; absent: until revoked.
    #[schema(minimum = 1, maximum = 3650)]
    pub expires_in_days: Option<u32>,
}

/// A scope's name (documentation of `IssueRequest::scopes`; the service reads the names).
#[derive(Debug, Deserialize, ToSchema)]
#[allow(dead_code)]
pub enum ScopeName {
    #[serde(rename = "me:read")]
    MeRead,
    #[serde(rename = "me:write")]
    MeWrite,
    #[serde(rename = "appointments:read")]
    AppointmentsRead,
    #[serde(rename = "appointments:write")]
    AppointmentsWrite,
    #[serde(rename = "notifications")]
    Notifications,
    #[serde(rename = "wallet:read")]
    WalletRead,
    #[serde(rename = "wallet:write")]
    WalletWrite,
    #[serde(rename = "users:admin")]
    UsersAdmin,
    #[serde(rename = "records:read")]
    RecordsRead,
    #[serde(rename = "earnings:read")]
    EarningsRead,
    #[serde(rename = "statistics:read")]
    StatisticsRead,
    #[serde(rename = "withdrawals:write")]
    WithdrawalsWrite,
}

/// A token just issued. `token` is shown this once; only its hash is kept.
#[derive(Debug, Serialize, ToSchema)]
pub struct IssuedAnswer {
    pub id: i64,
    /// Sent as `Authorization: Bearer mbp_…`.
    pub token: String,
    pub scopes: Vec<String>,
    pub expires_at: Option<DateTime<Utc>>,
}

/// A token as listed (without its secret).
#[derive(Debug, Serialize, ToSchema)]
pub struct PersonalToken {
    pub id: i64,
    pub user_id: i64,
    pub username: String,
    pub name: String,
    pub scopes: Vec<String>,
    pub created_at: DateTime<Utc>,
    pub expires_at: Option<DateTime<Utc>>,
    pub revoked_at: Option<DateTime<Utc>>,
}

fn admin(caller: Caller) -> RestResult<crate::dto::session_user::SessionUser> {
    let user = caller.signed_in()?;
    if user.role == Role::Admin { Ok(user) } else { Err(AppError::Forbidden.into()) }
}

fn at(seconds: i64) -> DateTime<Utc> {
    DateTime::from_timestamp(seconds, 0).unwrap_or_default()
}

/// Issues a personal token for an active account. Admins only, with a sign-in's token. With an
/// `Idempotency-Key`, a retry answers the token the key issued (the same text) instead of a
/// second one.
#[utoipa::path(post, path = "/api/v1/personal-tokens", tag = "admin", request_body = IssueRequest,
    security(("bearer" = [])),
    params(("Idempotency-Key" = Option<String>, Header, pattern = "^[!-~]{8,40}$",
            description = "Optional, unique per token (8–40 visible ASCII characters); repeat it to retry")),
    responses(
        (status = 201, description = "Issued (or, for a retried key, the token it issued); the token is in this answer only", body = IssuedAnswer),
        (status = 400, description = "`invalid_input` (`name`, `scopes`, `expires_in_days`) or `bad_request` (also a malformed key, or a key reused for another request)", body = ProblemBody, content_type = "application/problem+json"),
        (status = 401, description = "`unauthenticated` or `token_invalid`", body = ProblemBody, content_type = "application/problem+json"),
        (status = 403, description = "`forbidden`: not an admin, or a personal token", body = ProblemBody, content_type = "application/problem+json"),
        (status = 404, description = "`not_found`: no such active account", body = ProblemBody, content_type = "application/problem+json"),
    ))]
pub async fn issue(
    State(state): State<AppState>,
    caller: Caller,
    headers: HeaderMap,
    JsonBody(body): JsonBody<IssueRequest>,
) -> RestResult<(StatusCode, Json<IssuedAnswer>)> {
    let admin = admin(caller)?;
    let request = PersonalRequest {
        user: UserId(body.user_id),
        name: &body.name,
        scopes: &body.scopes,
        days: body.expires_in_days,
        idempotency_key: optional_idempotency_key(&headers)?,
    };
    let issued = personal_tokens::issue(&state, &admin, &request).await?;
    let answer = IssuedAnswer {
        id: issued.id,
        token: issued.token,
        scopes: issued.scopes.iter().map(|s| s.as_str().to_owned()).collect(),
        expires_at: issued.expires_at,
    };
    Ok((StatusCode::CREATED, Json(answer)))
}

/// Every personal token, newest first. Admins only, with a sign-in's token.
#[utoipa::path(get, path = "/api/v1/personal-tokens", tag = "admin", security(("bearer" = [])),
    responses(
        (status = 200, description = "Tokens", body = Vec<PersonalToken>),
        (status = 401, description = "`unauthenticated` or `token_invalid`", body = ProblemBody, content_type = "application/problem+json"),
        (status = 403, description = "`forbidden`", body = ProblemBody, content_type = "application/problem+json"),
    ))]
pub async fn list(
    State(state): State<AppState>,
    caller: Caller,
) -> RestResult<Json<Vec<PersonalToken>>> {
    admin(caller)?;
    let rows = personal_tokens::list(&state).await?;
    let tokens = rows
        .into_iter()
        .map(|r| PersonalToken {
            id: r.id,
            user_id: r.user_id,
            username: r.username,
            name: r.name,
            scopes: r.scopes.split_whitespace().map(str::to_owned).collect(),
            created_at: at(r.created_at),
            expires_at: r.expires_at.map(at),
            revoked_at: r.revoked_at.map(at),
        })
        .collect();
    Ok(Json(tokens))
}

/// Revokes a personal token: requests with it are refused at once.
#[utoipa::path(delete, path = "/api/v1/personal-tokens/{id}", tag = "admin",
    security(("bearer" = [])),
    params(("id" = i64, Path, description = "The token's id")),
    responses(
        (status = 204, description = "Revoked (or already)"),
        (status = 401, description = "`unauthenticated` or `token_invalid`", body = ProblemBody, content_type = "application/problem+json"),
        (status = 403, description = "`forbidden`", body = ProblemBody, content_type = "application/problem+json"),
        (status = 404, description = "`not_found`", body = ProblemBody, content_type = "application/problem+json"),
    ))]
pub async fn revoke(
    State(state): State<AppState>,
    caller: Caller,
    PathOf(id): PathOf<i64>,
) -> RestResult<StatusCode> {
    let admin = admin(caller)?;
    personal_tokens::revoke(&state, &admin, id).await?;
    Ok(StatusCode::NO_CONTENT)
}
