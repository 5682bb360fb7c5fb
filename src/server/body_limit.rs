//! The request body limit: a body larger than `limits.body_kib` is refused with 413 and a
//! sentence, before a server function reads any of it. (axum's own limit answers a server
//! function's oversized body with a bare 400 or 500.)
//!
//! An oversized body of up to [`DRAIN_LIMIT`] is read to its end and thrown away before the
//! answer, so the client, still sending, gets to read the 413 (closing on a sender makes its
//! system reset the connection and lose the answer); anything larger is cut off at once.

use crate::error::AppError;
use axum::body::{Body, Bytes};
use axum::extract::{Request, State};
use axum::http::{HeaderValue, header};
use axum::middleware::Next;
use axum::response::Response;
use http_body_util::BodyExt;

/// The most an oversized body is read (and discarded) so that its sender sees the 413.
pub const DRAIN_LIMIT: usize = 1024 * 1024;

/// The largest body a request may carry, in bytes.
#[derive(Debug, Clone, Copy)]
pub struct BodyLimit(pub usize);

/// Axum middleware: 413 for a body over the limit, whether its length is declared or streamed.
pub async fn limit_bodies(
    State(BodyLimit(limit)): State<BodyLimit>,
    request: Request,
    next: Next,
) -> Response {
    // A photo upload is read by its handler, which answers an oversized file at its field.
    if request.uri().path() == crate::paths::PHOTO_UPLOAD {
        return next.run(request).await;
    }
    let declared = request
        .headers()
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<u64>().ok());
    if declared.is_some_and(|length| length > DRAIN_LIMIT as u64) {
        return too_large(&request, false);
    }
    let (parts, body) = request.into_parts();
    match read_within(body, limit).await {
        Read::Whole(bytes) => next.run(Request::from_parts(parts, Body::from(bytes))).await,
        Read::TooLarge { drained } => {
            too_large(&Request::from_parts(parts, Body::empty()), drained)
        }
        Read::Broken => super::refusal_response::refusal(&AppError::BadRequest, &parts.headers),
    }
}

/// What reading a body gave.
enum Read {
    Whole(Bytes),
    /// Over the limit; `drained` when it was read to its end (the connection can go on).
    TooLarge {
        drained: bool,
    },
    /// The body broke off or was malformed.
    Broken,
}

/// Reads `body` if it holds at most `limit` bytes; past that, reads on (discarding) up to
/// [`DRAIN_LIMIT`].
async fn read_within(mut body: Body, limit: usize) -> Read {
    let mut kept = Vec::new();
    let mut seen = 0usize;
    while let Some(frame) = body.frame().await {
        let Ok(frame) = frame else { return Read::Broken };
        let Ok(data) = frame.into_data() else { continue };
        seen += data.len();
        if seen > DRAIN_LIMIT {
            return Read::TooLarge { drained: false };
        }
        if seen <= limit {
            kept.extend_from_slice(&data);
        }
    }
    if seen > limit { Read::TooLarge { drained: true } } else { Read::Whole(kept.into()) }
}

/// The 413; the connection is closed unless the body was read to its end, since the rest of
/// it may still be on its way.
fn too_large(request: &Request, drained: bool) -> Response {
    tracing::warn!(path = %request.uri().path(), "refused an oversized request body");
    let mut response = super::refusal_response::refusal(&AppError::TooLarge, request.headers());
    if !drained {
        response.headers_mut().insert(header::CONNECTION, HeaderValue::from_static("close"));
    }
    response
}
