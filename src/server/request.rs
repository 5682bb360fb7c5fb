//! What every server function needs: the state, the session, and a uniform way to answer.
//!
//! Plain HTML form posts (sent before the wasm loaded) are answered with a redirect back to the
//! page, carrying any error in the query string so the page can show it at the right field.

use super::client_address;
use super::error::{ServerError, ServerResult};
use super::state::AppState;
use crate::domain::otp::ResendRefusal;
use crate::error::AppError;
use axum::http::{HeaderMap, HeaderValue, Method, StatusCode, header, request::Parts};
use leptos::prelude::use_context;
use leptos_axum::ResponseOptions;
use std::net::IpAddr;
use tower_sessions::Session;

/// The state, session and client address of the current request.
pub struct RequestContext {
    pub state: AppState,
    pub session: Session,
    /// Who is asking (see [`super::client_address`]).
    pub client: IpAddr,
}

/// Fetches the state and session for a server function (inside the body that
/// [`finish`] answers, so that a failure here is answered like any other).
pub async fn context() -> ServerResult<RequestContext> {
    let state = use_context::<AppState>()
        .ok_or_else(|| ServerError::failed("finding the app state", MissingAppState))?;
    let session = leptos_axum::extract::<Session>()
        .await
        .map_err(|e| ServerError::failed("extracting the session", anyhow::anyhow!("{e:?}")))?;
    let client = client_address::of_request(&state.config.site.trusted_proxies)?;
    Ok(RequestContext { state, session, client })
}

/// The server was started without its state in the Leptos context.
#[derive(Debug, thiserror::Error)]
#[error("no AppState in the request's context")]
struct MissingAppState;

/// Answers a server function: logs a failure (once, with its cause chain), sets the HTTP status
/// of an error and, for a plain form post, redirects back to the submitting page (with the error
/// in its query string).
pub fn finish<T>(result: ServerResult<T>) -> Result<T, AppError> {
    finish_with_redirect(result, None)
}

/// Like [`finish`], but a successful plain form post (and a JS call) goes to `success_path`.
pub fn finish_with_redirect<T>(
    result: ServerResult<T>,
    success_path: Option<&str>,
) -> Result<T, AppError> {
    answer(result.map_err(ServerError::into_answer), success_path, true)
}

/// Like [`finish_with_redirect`], but only plain form posts are redirected: JS callers get the
/// value and decide where to go.
pub fn finish_redirecting_forms<T>(
    result: ServerResult<T>,
    success_path: Option<&str>,
) -> Result<T, AppError> {
    answer(result.map_err(ServerError::into_answer), success_path, false)
}

fn answer<T>(
    result: Result<T, AppError>,
    success_path: Option<&str>,
    redirect_js: bool,
) -> Result<T, AppError> {
    let parts = use_context::<Parts>();
    if !parts.as_ref().is_some_and(is_server_fn_request) {
        // Called in-process while a page renders: the page decides its own status. A page that
        // shows an error (perhaps a passing one) is not kept for others.
        if result.is_err() {
            super::page_cache::do_not_keep_this_page();
        }
        return result;
    }
    let plain_form = parts.as_ref().is_some_and(is_plain_form_post);
    match (&result, success_path) {
        (Ok(_), Some(path)) if redirect_js || plain_form => leptos_axum::redirect(path),
        (Ok(_), Some(_)) => {}
        (Ok(_), None) if plain_form => {
            if let Some(back) = parts.as_ref().and_then(|p| back_path(&p.headers)) {
                leptos_axum::redirect(&back);
            }
        }
        (Ok(_), None) => {}
        (Err(error), _) => {
            if let Some(response) = use_context::<ResponseOptions>() {
                response.set_status(
                    StatusCode::from_u16(error.status()).unwrap_or(StatusCode::BAD_REQUEST),
                );
                if let Some(seconds) = retry_after(error) {
                    response.insert_header(header::RETRY_AFTER, HeaderValue::from(seconds.max(1)));
                }
            }
            if plain_form {
                let back = parts.as_ref().and_then(|p| back_path(&p.headers));
                let target = with_error(back.as_deref().unwrap_or("/"), error);
                leptos_axum::redirect(&target);
            }
        }
    }
    result
}

/// How long a refused client should wait before trying again, when the refusal says.
pub(crate) fn retry_after(error: &AppError) -> Option<u64> {
    match error {
        AppError::RateLimited { retry_after_seconds } => Some(*retry_after_seconds),
        AppError::ResendRefused(
            ResendRefusal::TooSoon { wait_seconds } | ResendRefusal::HourlyCap { wait_seconds },
        ) => u64::try_from(*wait_seconds).ok(),
        AppError::Busy => Some(1),
        _ => None,
    }
}

/// True when the request being answered is a server-function call. Server functions also run
/// in-process while a page renders; those see the page's own request.
fn is_server_fn_request(parts: &Parts) -> bool {
    parts.uri.path().starts_with(crate::paths::SERVER_FN_PREFIX)
}

/// True for an HTML form posted straight to a server function (no wasm yet).
fn is_plain_form_post(parts: &Parts) -> bool {
    let accepts_html = parts
        .headers
        .get(header::ACCEPT)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.contains("text/html"));
    accepts_html && parts.method == Method::POST
}

/// The path (and non-error query) of the page that submitted the form, never another site.
fn back_path(headers: &HeaderMap) -> Option<String> {
    let referer = headers.get(header::REFERER)?.to_str().ok()?;
    let after_scheme = referer.split_once("://").map(|(_, rest)| rest).unwrap_or(referer);
    let path = &after_scheme[after_scheme.find('/')?..];
    if path.starts_with("//") {
        return None;
    }
    let (path, query) = path.split_once('?').unwrap_or((path, ""));
    let kept: Vec<&str> = query
        .split('&')
        .filter(|p| !p.is_empty() && !p.starts_with("error=") && !p.starts_with("field_error="))
        .collect();
    Some(if kept.is_empty() { path.to_owned() } else { format!("{path}?{}", kept.join("&")) })
}

fn with_error(path: &str, error: &AppError) -> String {
    let encoded: Vec<String> = error
        .to_query()
        .into_iter()
        .map(|(k, v)| format!("{k}={}", v.replace(':', "%3A")))
        .collect();
    let separator = if path.contains('?') { '&' } else { '?' };
    format!("{path}{separator}{}", encoded.join("&"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::http::HeaderValue;

    fn referer(value: &'static str) -> HeaderMap {
        let mut headers = HeaderMap::new();
        headers.insert(header::REFERER, HeaderValue::from_static(value));
        headers
    }

    #[test]
    fn the_back_path_drops_old_errors_and_keeps_other_parameters() {
        let headers = referer("http://127.0.0.1:3000/admin/users?show=doctor&error=forbidden");
        assert_eq!(back_path(&headers).as_deref(), Some("/admin/users?show=doctor"));
    }

    #[test]
    fn the_back_path_never_leads_to_another_site() {
        assert_eq!(back_path(&referer("http://127.0.0.1:3000//evil.example/x")), None);
    }

    #[test]
    fn errors_are_appended_to_the_query() {
        let error = AppError::InvalidCredentials;
        assert_eq!(with_error("/login", &error), "/login?error=invalid_credentials");
    }
}
