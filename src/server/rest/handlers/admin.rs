//! `/api/v1/users`: the admin's list of accounts, doctor verification and deactivation.

use crate::domain::api_scope::ApiScope;
use crate::domain::{Role, UserId};
use crate::dto::user_filter::UserFilter;
use crate::server::rest::extract::{Caller, JsonBody, PathOf, QueryOf};
use crate::server::rest::problem::{ProblemBody, RestResult};
use crate::server::rest::views::UserSummary;
use crate::server::services::accounts_admin;
use crate::server::state::AppState;
use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use chrono::DateTime;
use serde::Deserialize;
use utoipa::{IntoParams, ToSchema};

/// Which users to list.
#[derive(Debug, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct UsersParams {
    /// `patient`, `doctor`, `admin`, `unverified` (doctors waiting), or absent for everyone.
    #[serde(default)]
    #[param(pattern = "^(patient|doctor|admin|unverified)?$")]
    show: String,
    /// Part of a name, username or email.
    #[serde(default)]
    #[param(max_length = 100)]
    search: String,
}

/// Accounts matching the filter, newest first (at most 200). Admins only.
#[utoipa::path(get, path = "/api/v1/users", tag = "admin", params(UsersParams),
    security(("bearer" = [])),
    responses(
        (status = 200, description = "Users", body = Vec<UserSummary>),
        (status = 400, description = "`bad_request`", body = ProblemBody, content_type = "application/problem+json"),
        (status = 401, description = "`unauthenticated` or `token_invalid`", body = ProblemBody, content_type = "application/problem+json"),
        (status = 403, description = "`forbidden` (not an admin)", body = ProblemBody, content_type = "application/problem+json"),
    ))]
pub async fn users(
    State(state): State<AppState>,
    caller: Caller,
    QueryOf(params): QueryOf<UsersParams>,
) -> RestResult<Json<Vec<UserSummary>>> {
    caller.with_role(Role::Admin, ApiScope::UsersAdmin)?;
    let filter = UserFilter { show: params.show, search: params.search };
    let views = accounts_admin::list_users(&state, &filter).await?;
    let users = views
        .into_iter()
        .map(|u| UserSummary {
            id: u.id.0,
            role: u.role.into(),
            username: u.username,
            email: u.email,
            full_name: u.full_name,
            is_active: u.is_active,
            email_verified: u.email_verified_at.is_some(),
            doctor_verified: u.doctor.map(|d| d.verified_at.is_some()),
            created_at: DateTime::from_timestamp(u.created_at, 0).unwrap_or_default(),
        })
        .collect();
    Ok(Json(users))
}

/// Verifies a doctor: they appear in the directory and can be booked. Admins only.
#[utoipa::path(post, path = "/api/v1/users/{id}/verification", tag = "admin",
    security(("bearer" = [])),
    params(("id" = i64, Path, description = "The doctor's user id")),
    responses(
        (status = 204, description = "Verified (or already)"),
        (status = 401, description = "`unauthenticated` or `token_invalid`", body = ProblemBody, content_type = "application/problem+json"),
        (status = 403, description = "`forbidden` (not an admin)", body = ProblemBody, content_type = "application/problem+json"),
        (status = 404, description = "`not_found` (no such doctor)", body = ProblemBody, content_type = "application/problem+json"),
    ))]
pub async fn verify(
    State(state): State<AppState>,
    caller: Caller,
    PathOf(id): PathOf<i64>,
) -> RestResult<StatusCode> {
    let admin = caller.with_role(Role::Admin, ApiScope::UsersAdmin)?;
    accounts_admin::verify_doctor(&state, &admin, UserId(id)).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Whether an account may sign in.
#[derive(Debug, Deserialize, ToSchema)]
pub struct Activity {
    pub active: bool,
}

/// Deactivates (every session and API token ends at once) or reactivates an account. Admins
/// only; an admin cannot deactivate themselves.
#[utoipa::path(post, path = "/api/v1/users/{id}/activity", tag = "admin", request_body = Activity,
    security(("bearer" = [])),
    params(("id" = i64, Path, description = "The user id")),
    responses(
        (status = 204, description = "Done"),
        (status = 400, description = "`bad_request`", body = ProblemBody, content_type = "application/problem+json"),
        (status = 401, description = "`unauthenticated` or `token_invalid`", body = ProblemBody, content_type = "application/problem+json"),
        (status = 403, description = "`forbidden`", body = ProblemBody, content_type = "application/problem+json"),
        (status = 404, description = "`not_found`", body = ProblemBody, content_type = "application/problem+json"),
    ))]
pub async fn set_active(
    State(state): State<AppState>,
    caller: Caller,
    PathOf(id): PathOf<i64>,
    JsonBody(body): JsonBody<Activity>,
) -> RestResult<StatusCode> {
    let admin = caller.with_role(Role::Admin, ApiScope::UsersAdmin)?;
    accounts_admin::set_user_active(&state, &admin, UserId(id), body.active).await?;
    Ok(StatusCode::NO_CONTENT)
}
