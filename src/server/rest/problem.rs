//! Errors as `application/problem+json` (RFC 9457), carrying the same stable codes as the web
//! app's errors and, for refused input, the refused fields with their codes.

use crate::error::AppError;
use crate::server::error::ServerError;
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde::Serialize;
use utoipa::ToSchema;

/// The media type of every error answer.
pub const PROBLEM_JSON: &str = "application/problem+json";

/// An error answer of the REST API.
#[derive(Debug)]
pub struct Problem(pub AppError);

/// What a refused request is told.
#[derive(Debug, Serialize, ToSchema)]
pub struct ProblemBody {
    /// Where the code is explained (`/api/docs#error-<code>`).
    #[serde(rename = "type")]
    pub kind: String,
    /// The sentence the web app shows for this code.
    pub title: String,
    /// The HTTP status, repeated.
    pub status: u16,
    /// The stable error code (the web app's).
    pub code: String,
    /// The refused fields (for `invalid_input`), each with its own code.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub errors: Vec<FieldProblem>,
    /// Seconds to wait before trying again (for `rate_limited` and code resends).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub retry_after_seconds: Option<u64>,
}

/// One refused field.
#[derive(Debug, Serialize, ToSchema)]
pub struct FieldProblem {
    /// The field's wire name (a query parameter or body member).
    pub field: String,
    /// Why it was refused (`required`, `invalid_format`, `out_of_range`, …).
    pub code: String,
}

/// A REST handler's result.
pub type RestResult<T> = Result<T, Problem>;

impl From<AppError> for Problem {
    fn from(error: AppError) -> Self {
        Problem(error)
    }
}

impl From<ServerError> for Problem {
    /// A failure is logged here, once, with its cause chain; the client learns `internal`.
    fn from(error: ServerError) -> Self {
        Problem(error.into_answer())
    }
}

impl ProblemBody {
    /// The body for `error`.
    pub fn of(error: &AppError) -> ProblemBody {
        let errors = match error {
            AppError::Invalid(fields) => fields
                .iter()
                .map(|f| FieldProblem {
                    field: f.field.as_str().to_owned(),
                    code: f.code.as_str().to_owned(),
                })
                .collect(),
            _ => Vec::new(),
        };
        ProblemBody {
            kind: format!("/api/docs#error-{}", error.code()),
            title: error.message().to_owned(),
            status: error.status(),
            code: error.code().to_owned(),
            errors,
            retry_after_seconds: crate::server::request::retry_after(error),
        }
    }
}

impl IntoResponse for Problem {
    fn into_response(self) -> Response {
        let body = ProblemBody::of(&self.0);
        let status = StatusCode::from_u16(body.status).unwrap_or(StatusCode::BAD_REQUEST);
        let retry = body.retry_after_seconds;
        let json = serde_json::to_vec(&body).unwrap_or_default();
        let mut response = (status, json).into_response();
        let headers = response.headers_mut();
        headers.insert(header::CONTENT_TYPE, HeaderValue::from_static(PROBLEM_JSON));
        if let Some(seconds) = retry {
            headers.insert(header::RETRY_AFTER, HeaderValue::from(seconds.max(1)));
        }
        if status == StatusCode::UNAUTHORIZED && self.0 != AppError::InvalidCredentials {
            let challenge = if self.0 == AppError::TokenInvalid {
                "Bearer error=\"invalid_token\""
            } else {
                "Bearer"
            };
            headers.insert(header::WWW_AUTHENTICATE, HeaderValue::from_static(challenge));
        }
        response
    }
}

/// Any other address under `/api/v1`.
pub async fn no_such_endpoint() -> Problem {
    Problem(AppError::NotFound)
}
