//! Shared application state, handed to handlers and server functions through context.

use super::clock::Clock;
use super::config::Config;
use super::password_hasher::PasswordHasher;
use axum::extract::FromRef;
use leptos::config::LeptosOptions;
use sqlx::SqlitePool;
use std::sync::Arc;

/// Everything a request needs: the pool, configuration, clock and password hasher.
#[derive(Clone)]
pub struct AppState {
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
    /// The card processor (simulated unless a real one is plugged in).
    pub payments: Arc<dyn super::payments::provider::PaymentProvider>,
}

impl FromRef<AppState> for LeptosOptions {
    fn from_ref(state: &AppState) -> Self {
        state.leptos_options.clone()
    }
}
