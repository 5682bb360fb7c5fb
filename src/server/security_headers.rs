//! Response headers that keep pages from loading or leaking to third parties, from being kept in
//! shared or back-button caches, and (over https) from ever being fetched in clear text.

use axum::extract::Request;
use axum::http::{HeaderName, HeaderValue, header};
use axum::middleware::Next;
use axum::response::Response;
use tower_http::set_header::SetResponseHeaderLayer;

/// The policy of every answer that is not a page (server functions, files, errors): no inline
/// script at all. Pages get [`page_policy`], which admits their own scripts by nonce.
pub const CONTENT_SECURITY_POLICY: &str = "default-src 'self'; script-src 'self' \
    'wasm-unsafe-eval'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self'; \
    connect-src 'self'; frame-ancestors 'none'; base-uri 'self'; form-action 'self'; object-src 'none'";

/// The policy of a page whose inline scripts (hydration, resolved resources) carry `nonce`.
pub fn page_policy(nonce: &str) -> String {
    CONTENT_SECURITY_POLICY
        .replace("script-src 'self'", &format!("script-src 'self' 'nonce-{nonce}'"))
}

/// No camera, microphone, location, payment or other powerful feature for us or any frame.
pub const PERMISSIONS_POLICY: &str = "camera=(), microphone=(), geolocation=(), payment=(), \
    usb=(), serial=(), bluetooth=(), hid=(), midi=(), magnetometer=(), gyroscope=(), \
    accelerometer=(), display-capture=()";

/// Two years, subdomains included (only sent when the site is served over https).
const STRICT_TRANSPORT_SECURITY: &str = "max-age=63072000; includeSubDomains";

/// Sets the page's Content-Security-Policy with the nonce of this render (call while a page
/// renders on the server; the answer then carries this policy instead of the default one).
pub fn set_page_policy() {
    use leptos::prelude::use_context;
    let nonce = leptos::nonce::use_nonce();
    let response = use_context::<leptos_axum::ResponseOptions>();
    if let (Some(nonce), Some(response)) = (nonce, response)
        && let Ok(value) = HeaderValue::from_str(&page_policy(&nonce.to_string()))
    {
        response.insert_header(header::CONTENT_SECURITY_POLICY, value);
    }
}

/// The layers adding the security headers to every response; HSTS when `https`.
pub fn layers(https: bool) -> Vec<SetResponseHeaderLayer<HeaderValue>> {
    let mut layers = vec![
        SetResponseHeaderLayer::if_not_present(
            header::CONTENT_SECURITY_POLICY,
            HeaderValue::from_static(CONTENT_SECURITY_POLICY),
        ),
        // Same-origin only: our no-JS forms need the Referer, other sites must not see it.
        SetResponseHeaderLayer::if_not_present(
            header::REFERRER_POLICY,
            HeaderValue::from_static("same-origin"),
        ),
        SetResponseHeaderLayer::if_not_present(
            header::X_CONTENT_TYPE_OPTIONS,
            HeaderValue::from_static("nosniff"),
        ),
        SetResponseHeaderLayer::if_not_present(
            header::X_FRAME_OPTIONS,
            HeaderValue::from_static("DENY"),
        ),
        SetResponseHeaderLayer::if_not_present(
            HeaderName::from_static("permissions-policy"),
            HeaderValue::from_static(PERMISSIONS_POLICY),
        ),
    ];
    if https {
        layers.push(SetResponseHeaderLayer::overriding(
            header::STRICT_TRANSPORT_SECURITY,
            HeaderValue::from_static(STRICT_TRANSPORT_SECURITY),
        ));
    }
    layers
}

/// Axum middleware: `Cache-Control: no-store` on every answer except the build's static files
/// (`/pkg/…`, the favicon), which carry nothing personal. Pages and server-function answers
/// name patients, doctors and times: no shared cache, back-button cache or disk may keep them.
pub async fn no_store_unless_static(request: Request, next: Next) -> Response {
    let path = request.uri().path();
    // Photos carry their own (immutable) caching: their URL changes with the picture.
    let is_static = path.starts_with("/pkg/")
        || path.starts_with("/photos/")
        || path == "/favicon.svg"
        || path == "/avatar.svg";
    // The REST API's polled reads say `private, no-cache` with an ETag (rest/etag.rs).
    let is_api = path.starts_with("/api/v1/");
    let mut response = next.run(request).await;
    if !is_static && !(is_api && response.headers().contains_key(header::CACHE_CONTROL)) {
        response.headers_mut().insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    }
    response
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_policy_lets_inline_scripts_run_without_the_nonce() {
        let script_src = |policy: &str| {
            policy.split(';').find(|d| d.trim().starts_with("script-src")).map(str::to_owned)
        };
        let default = script_src(CONTENT_SECURITY_POLICY).expect("script-src");
        assert!(!default.contains("unsafe-inline"), "{default}");
        let page = script_src(&page_policy("abc123")).expect("script-src");
        assert_eq!(page.trim(), "script-src 'self' 'nonce-abc123' 'wasm-unsafe-eval'");
    }
}
