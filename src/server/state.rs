//! Shared application state, handed to handlers and server functions through context.

use super::clock::Clock;
use super::config::Config;
use super::password_hasher::PasswordHasher;
use axum::extract::FromRef;
use leptos::config::LeptosOptions;
use sqlx::SqlitePool;
use std::sync::Arc;

/// Everything a request needs, shared: cloning it (which axum and Leptos do several times per
/// request) is one reference count, not a copy of every pool, key and option (those clones and
/// drops were 4 % of the server's CPU under `wrk`, `perf`).
#[derive(Clone)]
pub struct AppState(Arc<Services>);

impl AppState {
    pub fn new(services: Services) -> AppState {
        AppState(Arc::new(services))
    }
}

impl std::ops::Deref for AppState {
    type Target = Services;

    fn deref(&self) -> &Services {
        &self.0
    }
}

/// What [`AppState`] shares: the pools, configuration, clock and password hasher.
pub struct Services {
    pub leptos_options: LeptosOptions,
    /// Readers (and single-statement writes).
    pub db: SqlitePool,
    /// One connection for read-then-write transactions ([`super::db::begin_write`]).
    pub writer: SqlitePool,
    pub config: Arc<Config>,
    pub clock: Arc<dyn Clock>,
    pub hasher: PasswordHasher,
    /// Where the job worker hands mail (`mail.transport`).
    pub mailer: super::mail::transport::Mailer,
    /// Abuse limits per client address and per patient.
    pub limits: super::rate_limits::RateLimits,
    /// One-time codes waiting for their mail, kept in memory in production (`None` in demo
    /// mode, where the job payload holds the code for the outbox).
    pub code_vault: Option<Arc<super::mail::code_vault::CodeVault>>,
    /// The key REST access tokens are signed with (kept in the database).
    pub token_key: super::tokens::keys::SigningKey,
    /// The OpenID Connect provider people may sign in with (`[oidc]`); `None`: not offered.
    pub oidc: Option<Arc<super::oidc::provider::OidcProvider>>,
    /// The specialty list and place pickers, read once per commit.
    pub reference: Arc<super::reference_cache::ReferenceCache>,
    /// The card processor (`payments.processor`); `None`: cards are not taken.
    pub payments: Option<Arc<dyn super::payments::provider::PaymentProvider>>,
}

impl FromRef<AppState> for LeptosOptions {
    fn from_ref(state: &AppState) -> Self {
        state.leptos_options.clone()
    }
}
