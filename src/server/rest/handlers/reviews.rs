//! `/api/v1/doctors/{id}/reviews` and `/api/v1/appointments/{id}/review`: reviews from real
//! visits, under the web app's rules (SQLite refuses the rest).

use crate::domain::api_scope::ApiScope;
use crate::domain::field_error::{Field, FieldErrorCode};
use crate::domain::{AppointmentId, Role, UserId};
use crate::error::AppError;
use crate::server::rest::etag::polled_json;
use crate::server::rest::extract::{Caller, JsonBody, PathOf, QueryOf};
use crate::server::rest::problem::{ProblemBody, RestResult};
use crate::server::rest::views::RatingView;
use crate::server::services::reviews;
use crate::server::state::AppState;
use axum::Json;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::response::Response;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

/// A visible review.
#[derive(Debug, Serialize, ToSchema)]
pub struct ReviewItem {
    pub id: i64,
    /// "Alice M." or "Anonymous".
    pub author: String,
    pub stars: u8,
    pub body: String,
    pub created_at: DateTime<Utc>,
    pub edited: bool,
    /// The doctor's one public answer.
    pub reply: Option<String>,
}

/// A page of a doctor's reviews, newest first.
#[derive(Debug, Serialize, ToSchema)]
pub struct ReviewsPage {
    pub rating: RatingView,
    /// Reviews with 5, 4, 3, 2 and 1 stars.
    pub distribution: [u32; 5],
    pub reviews: Vec<ReviewItem>,
    pub page: u32,
    pub pages: u32,
}

/// Which page.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct PageParams {
    /// 1-based; default 1.
    #[param(minimum = 1, maximum = 10000)]
    page: Option<u32>,
}

/// A listed doctor's visible reviews, 10 a page, with the average and the 5 → 1 distribution.
#[utoipa::path(get, path = "/api/v1/doctors/{id}/reviews", tag = "reviews",
    params(("id" = i64, Path, description = "The doctor's id"), PageParams),
    responses(
        (status = 200, description = "Reviews", body = ReviewsPage),
        (status = 304, description = "Unchanged since the ETag sent"),
        (status = 400, description = "`invalid_input` (`page`) or `bad_request`", body = ProblemBody, content_type = "application/problem+json"),
        (status = 404, description = "`not_found`", body = ProblemBody, content_type = "application/problem+json"),
    ))]
pub async fn of_doctor(
    State(state): State<AppState>,
    PathOf(id): PathOf<i64>,
    QueryOf(params): QueryOf<PageParams>,
    headers: HeaderMap,
) -> RestResult<Response> {
    if params.page.is_some_and(|p| p == 0 || p > 10_000) {
        return Err(AppError::field(Field::Page, FieldErrorCode::OutOfRange).into());
    }
    let found = reviews::of_doctor(&state, None, UserId(id), params.page.unwrap_or(1)).await?;
    let answer = ReviewsPage {
        rating: found.summary.into(),
        distribution: found.distribution,
        reviews: found
            .reviews
            .into_iter()
            .map(|r| ReviewItem {
                id: r.id,
                author: r.author,
                stars: r.stars,
                body: r.body,
                created_at: DateTime::from_timestamp(r.created_at, 0).unwrap_or_default(),
                edited: r.edited,
                reply: r.reply,
            })
            .collect(),
        page: found.page,
        pages: found.pages,
    };
    Ok(polled_json(&headers, &answer))
}

/// A review of a completed visit.
#[derive(Debug, Deserialize, ToSchema)]
pub struct ReviewRequest {
    #[schema(minimum = 1, maximum = 5)]
    pub stars: u8,
    /// Up to 2,000 characters.
    #[serde(default)]
    pub body: String,
    /// Shown as "Anonymous" instead of "Alice M.".
    #[serde(default)]
    pub anonymous: bool,
}

/// The new review's id.
#[derive(Debug, Serialize, ToSchema)]
pub struct ReviewCreated {
    pub review_id: i64,
}

/// Reviews the caller's own completed visit, once.
#[utoipa::path(post, path = "/api/v1/appointments/{id}/review", tag = "reviews",
    request_body = ReviewRequest, security(("bearer" = [])),
    params(("id" = i64, Path, description = "The completed appointment")),
    responses(
        (status = 201, description = "Reviewed", body = ReviewCreated),
        (status = 400, description = "`invalid_input` (`stars`, `review_body`) or `bad_request`", body = ProblemBody, content_type = "application/problem+json"),
        (status = 401, description = "`unauthenticated` or `token_invalid`", body = ProblemBody, content_type = "application/problem+json"),
        (status = 403, description = "`forbidden` (not a patient) or `review_not_allowed` (not your completed visit)", body = ProblemBody, content_type = "application/problem+json"),
        (status = 404, description = "`not_found`", body = ProblemBody, content_type = "application/problem+json"),
        (status = 409, description = "`already_reviewed`", body = ProblemBody, content_type = "application/problem+json"),
    ))]
pub async fn write(
    State(state): State<AppState>,
    caller: Caller,
    PathOf(id): PathOf<i64>,
    JsonBody(body): JsonBody<ReviewRequest>,
) -> RestResult<(StatusCode, Json<ReviewCreated>)> {
    let patient = caller.with_role(Role::Patient, ApiScope::AppointmentsWrite)?;
    let stars = body.stars.to_string();
    let input = reviews::ReviewInput { stars: &stars, body: &body.body, anonymous: body.anonymous };
    let review_id = reviews::write(&state, &patient, AppointmentId(id), &input).await?;
    Ok((StatusCode::CREATED, Json(ReviewCreated { review_id })))
}
