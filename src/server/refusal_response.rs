//! The answer of a middleware that refuses a request before any server function runs (unknown
//! host, oversized body, cross-origin post): the error's status, and its body in the form the
//! caller reads: the `AppError` as JSON for the app and API clients (which word it themselves),
//! the sentence as plain text for a browser that navigated or posted a plain form.

use crate::error::AppError;
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};

/// The response refusing a request with `error` (with `Retry-After` when the error says how
/// long to wait).
pub fn refusal(error: &AppError, request_headers: &HeaderMap) -> Response {
    let status = StatusCode::from_u16(error.status()).unwrap_or(StatusCode::BAD_REQUEST);
    let wants_html = request_headers
        .get(header::ACCEPT)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.contains("text/html"));
    let (content_type, body) = if wants_html {
        ("text/plain; charset=utf-8", format!("{}\n", error.message()))
    } else {
        ("application/json", serde_json::to_string(error).unwrap_or_default())
    };
    let mut response = (status, body).into_response();
    let headers = response.headers_mut();
    headers.insert(header::CONTENT_TYPE, HeaderValue::from_static(content_type));
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    if let Some(seconds) = super::request::retry_after(error) {
        headers.insert(header::RETRY_AFTER, HeaderValue::from(seconds.max(1)));
    }
    response
}

/// A download's refusal: the error's status and its sentence as text, never cached.
pub fn plain(error: &AppError) -> Response {
    let status = StatusCode::from_u16(error.status()).unwrap_or(StatusCode::BAD_REQUEST);
    (status, [(header::CACHE_CONTROL, "no-store")], error.message()).into_response()
}
