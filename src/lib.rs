//! MediBook: medical appointment booking for patients, doctors and clinic admins.
//!
//! One crate, two builds: the `ssr` feature is the axum server (with the `server` module), the
//! `hydrate` feature is the wasm client. `domain` is pure and compiled into both.

#![deny(unsafe_code)] // One exception: SQLite's WAL hook (`server::db::commits`).
#![recursion_limit = "256"]

pub mod api;
pub mod app;
pub mod domain;
pub mod dto;
pub mod error;
pub mod paths;
pub mod ui;
pub mod wire;

#[cfg(feature = "hydrate")]
pub mod intl_zone;

#[cfg(feature = "ssr")]
pub mod server;

/// The wasm entry point: hydrates the server-rendered page. Two clients are built from this
/// crate: the booking path's (feature `islands-client`: its islands only, so a patient's first
/// visit downloads neither the whole app's code nor its text) and the whole app's, which can
/// hydrate an islands page too (a build without the first, e.g. `cargo leptos watch`).
#[cfg(feature = "hydrate")]
#[wasm_bindgen::prelude::wasm_bindgen]
pub fn hydrate() {
    #[cfg(not(feature = "islands-client"))]
    if !ui::islands::is_islands_page() {
        // Pages in split-off chunks (ui::lazy_pages) need the asynchronous hydration.
        leptos::mount::hydrate_lazy(app::App);
        return;
    }
    ui::islands::hydrate();
}
