//! `GET /auth/oidc/start` sends the browser to the provider; `GET /auth/oidc/callback` checks
//! its answer and signs in, or leaves the account step waiting. Refusals go back to the sign-in
//! page with a stable code (`/login?provider_error=<code>`); the cause is logged once.

use super::attempt::{self, ATTEMPT_SECONDS};
use super::provider::Refused;
use crate::dto::sign_in_provider::ProviderRefusal;
use crate::error::AppError;
use crate::paths;
use crate::server::client_address;
use crate::server::services::provider_accounts::{self, Arrival};
use crate::server::state::AppState;
use axum::extract::{ConnectInfo, Query, State};
use axum::http::HeaderMap;
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;
use std::net::SocketAddr;
use tower_sessions::Session;

#[derive(Debug, Deserialize)]
pub struct StartQuery {
    /// "Keep me signed in" (any value).
    remember: Option<String>,
}

/// What the provider sends back (RFC 6749 §4.1.2).
#[derive(Debug, Deserialize)]
pub struct CallbackQuery {
    code: Option<String>,
    state: Option<String>,
    error: Option<String>,
    /// The issuer of the answer (RFC 9207), when the provider says: must be ours.
    iss: Option<String>,
}

/// Starts a sign-in: remembers `state`, `nonce` and the PKCE verifier in this browser's session
/// and redirects to the provider.
pub async fn start(
    State(state): State<AppState>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    headers: HeaderMap,
    session: Session,
    Query(query): Query<StartQuery>,
) -> Response {
    let Some(provider) = state.oidc.clone() else {
        return axum::http::StatusCode::NOT_FOUND.into_response();
    };
    let client = client_address::resolve(peer.ip(), &headers, &state.config.site.trusted_proxies);
    if state.limits.sign_in(client).is_err() {
        return refused(ProviderRefusal::RateLimited, "sign-in rate limit");
    }
    let now = state.clock.now();
    let (url, attempt) = match provider.authorize(now, query.remember.is_some()).await {
        Ok(started) => started,
        Err(Refused { refusal, cause }) => return refused(refusal, &cause),
    };
    if let Err(error) = attempt::store_attempt(&session, &attempt).await {
        return failed(error.into_answer());
    }
    Redirect::to(&url).into_response()
}

/// Checks the provider's answer against this browser's attempt (taken out of the session, so
/// an answer counts once), exchanges the code and checks the ID token.
pub async fn callback(
    State(state): State<AppState>,
    session: Session,
    Query(query): Query<CallbackQuery>,
) -> Response {
    let Some(provider) = state.oidc.clone() else {
        return axum::http::StatusCode::NOT_FOUND.into_response();
    };
    let attempt = match attempt::take_attempt(&session).await {
        Ok(Some(attempt)) => attempt,
        Ok(None) => return refused(ProviderRefusal::Expired, "no sign-in attempt in this session"),
        Err(error) => return failed(error.into_answer()),
    };
    if query.state.as_deref() != Some(attempt.state.as_str()) {
        return refused(ProviderRefusal::StateMismatch, "state differs from the attempt's");
    }
    if query.iss.as_deref().is_some_and(|iss| iss != provider.issuer()) {
        return refused(ProviderRefusal::TokenInvalid, "the answer names another issuer");
    }
    if let Some(error) = query.error.as_deref() {
        return refused(ProviderRefusal::Cancelled, &format!("provider answered {error:?}"));
    }
    let now = state.clock.now();
    let age = now.timestamp() - attempt.started_at;
    if !(-60..=ATTEMPT_SECONDS).contains(&age) {
        return refused(ProviderRefusal::Expired, &format!("attempt is {age} s old"));
    }
    let Some(code) = query.code.as_deref().filter(|code| !code.is_empty()) else {
        return refused(ProviderRefusal::CodeRefused, "no code");
    };
    let identity = match provider.finish(&attempt, code, now).await {
        Ok(identity) => identity,
        Err(Refused { refusal, cause }) => return refused(refusal, &cause),
    };
    match provider_accounts::arrive(&state, &session, identity, attempt.remember).await {
        Ok(Arrival::SignedIn) => Redirect::to(paths::HOME).into_response(),
        Ok(Arrival::AccountStep) => Redirect::to(paths::PROVIDER_ACCOUNT).into_response(),
        Err(error) => match error.into_answer() {
            AppError::AccountDeactivated => {
                refused(ProviderRefusal::AccountDeactivated, "linked account is deactivated")
            }
            other => failed(other),
        },
    }
}

/// Back to the sign-in page, which words `refusal`.
fn refused(refusal: ProviderRefusal, cause: &str) -> Response {
    tracing::warn!(refusal = refusal.code(), cause, "provider sign-in refused");
    Redirect::to(&format!("{}?provider_error={}", paths::LOGIN, refusal.code())).into_response()
}

fn failed(error: AppError) -> Response {
    crate::server::refusal_response::plain(&error)
}
