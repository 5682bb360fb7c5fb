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

#[cfg(feature = "hydrate")]
pub mod intl_zone;

#[cfg(feature = "ssr")]
pub mod server;

/// The wasm entry point: hydrates the server-rendered page.
#[cfg(feature = "hydrate")]
#[wasm_bindgen::prelude::wasm_bindgen]
pub fn hydrate() {
    console_error_panic_hook::set_once();
    // Pages in split-off chunks (ui::lazy_pages) need the asynchronous hydration.
    leptos::mount::hydrate_lazy(app::App);
}
