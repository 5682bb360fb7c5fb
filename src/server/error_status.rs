//! Gives server-function errors raised before our code runs (missing or mistyped arguments)
//! the HTTP status of their `AppError` instead of server_fn's blanket 500.

use crate::error::AppError;
use axum::body::{Body, to_bytes};
use axum::http::StatusCode;
use axum::response::Response;

/// Header server_fn puts on its error responses.
const SERVER_FN_ERROR_HEADER: &str = "serverfnerror";
/// Error bodies are tiny; anything larger is left alone.
const MAX_ERROR_BODY: usize = 16 * 1024;

/// Re-labels a 500 server-function error response with the status of the `AppError` it carries.
pub async fn correct(response: Response) -> Response {
    let is_server_fn_error = response.status() == StatusCode::INTERNAL_SERVER_ERROR
        && response.headers().contains_key(SERVER_FN_ERROR_HEADER);
    if !is_server_fn_error {
        return response;
    }
    let (mut parts, body) = response.into_parts();
    let Ok(bytes) = to_bytes(body, MAX_ERROR_BODY).await else {
        return Response::from_parts(parts, Body::empty());
    };
    if let Ok(error) = serde_json::from_slice::<AppError>(&bytes) {
        parts.status = StatusCode::from_u16(error.status()).unwrap_or(parts.status);
    }
    Response::from_parts(parts, Body::from(bytes))
}
