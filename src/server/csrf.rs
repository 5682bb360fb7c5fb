//! Cross-site request forgery protection: state-changing requests must come from our own pages.
//!
//! Server functions have no CSRF protection of their own. Every request other than GET/HEAD/
//! OPTIONS must show, through `Sec-Fetch-Site` or `Origin`, that it was sent by a page of this
//! site; a request with neither header is refused too.

use crate::error::AppError;
use axum::extract::{Request, State};
use axum::http::{HeaderMap, Method, header};
use axum::middleware::Next;
use axum::response::Response;
use std::sync::Arc;

/// Origins allowed besides the request's own host (from `site.allowed_origins`).
#[derive(Debug, Clone, Default)]
pub struct AllowedOrigins(pub Arc<Vec<String>>);

/// Axum middleware refusing cross-origin state-changing requests with 403.
pub async fn same_origin_only(
    State(allowed): State<AllowedOrigins>,
    request: Request,
    next: Next,
) -> Response {
    let safe = matches!(*request.method(), Method::GET | Method::HEAD | Method::OPTIONS);
    if safe || is_same_origin(request.headers(), &allowed.0) {
        return next.run(request).await;
    }
    tracing::warn!(
        method = %request.method(),
        path = %request.uri().path(),
        origin = ?request.headers().get(header::ORIGIN),
        "refused cross-origin request"
    );
    super::refusal_response::refusal(&AppError::CrossOrigin, request.headers())
}

/// True when the headers show the request came from this site (or an allowed origin).
pub fn is_same_origin(headers: &HeaderMap, allowed: &[String]) -> bool {
    let text = |name| headers.get(name).and_then(|v: &header::HeaderValue| v.to_str().ok());
    let origin = text(header::ORIGIN);
    if origin.is_some_and(|o| allowed.iter().any(|a| a == o)) {
        return true;
    }
    if let Some(site) = text(header::HeaderName::from_static("sec-fetch-site")) {
        return site == "same-origin";
    }
    match (origin, text(header::HOST)) {
        (Some(origin), Some(host)) => {
            origin == format!("http://{host}") || origin == format!("https://{host}")
        }
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headers(pairs: &[(&'static str, &'static str)]) -> HeaderMap {
        let mut map = HeaderMap::new();
        for (k, v) in pairs {
            map.insert(*k, header::HeaderValue::from_static(v));
        }
        map
    }

    #[test]
    fn a_same_origin_browser_request_passes() {
        assert!(is_same_origin(&headers(&[("sec-fetch-site", "same-origin")]), &[]));
        assert!(is_same_origin(
            &headers(&[("origin", "http://127.0.0.1:3000"), ("host", "127.0.0.1:3000")]),
            &[]
        ));
    }

    #[test]
    fn cross_site_and_anonymous_requests_are_refused() {
        assert!(!is_same_origin(&headers(&[("sec-fetch-site", "cross-site")]), &[]));
        assert!(!is_same_origin(&headers(&[("sec-fetch-site", "same-site")]), &[]));
        assert!(!is_same_origin(
            &headers(&[("origin", "http://evil.example"), ("host", "127.0.0.1:3000")]),
            &[]
        ));
        assert!(!is_same_origin(&headers(&[("host", "127.0.0.1:3000")]), &[]));
        assert!(!is_same_origin(&headers(&[("origin", "null"), ("host", "127.0.0.1:3000")]), &[]));
    }

    #[test]
    fn an_allowed_origin_passes() {
        let allowed = vec!["https://medibook.example".to_owned()];
        assert!(is_same_origin(
            &headers(&[("origin", "https://medibook.example"), ("sec-fetch-site", "cross-site")]),
            &allowed
        ));
    }
}
