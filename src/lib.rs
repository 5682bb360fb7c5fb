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
    if ui::islands::is_islands_page() {
        ui::islands::hydrate();
    } else {
        wasm_bindgen_futures::spawn_local(hydrate_whole_app());
    }
}

/// The whole app, in a chunk of its own: the booking path's pages never download it.
#[cfg(feature = "hydrate")]
#[leptos::lazy]
fn hydrate_whole_app() {
    // Pages in split-off chunks (ui::lazy_pages) need the asynchronous hydration.
    leptos::mount::hydrate_lazy(app::App);
}
