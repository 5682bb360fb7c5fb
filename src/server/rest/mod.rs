//! `/api/v1`: the REST API for clinics, integrators and mobile apps (issue 19).
//!
//! Each handler authorizes with a bearer token ([`extract::Caller`]), calls the same service
//! as the web app's server function, and answers JSON in the API's own shapes ([`views`]) or
//! a problem+json error ([`problem`]). The OpenAPI document is generated from the handlers
//! ([`openapi`]) and served at `/api/v1/openapi.json`.

pub mod docs;
pub mod etag;
pub mod extract;
pub mod handlers;
pub mod openapi;
pub mod pagination;
pub mod problem;
pub mod views;

use crate::server::state::AppState;
use axum::Router;
use axum::http::header;
use axum::routing::{any, get};
use std::sync::Arc;

/// Where the document is served.
pub const DOCUMENT_PATH: &str = "/api/v1/openapi.json";
/// The largest request body the API reads (its JSON bodies are small).
const BODY_LIMIT: usize = 64 * 1024;

/// The API's routes, its document, and a problem+json "not found" for any other `/api/v1`
/// address.
pub fn router() -> Router<AppState> {
    let (router, mut document) = openapi::api().split_for_parts();
    utoipa::Modify::modify(&openapi::ZoneNames, &mut document);
    let document: Arc<str> = document.to_pretty_json().unwrap_or_default().into();
    router
        .route(
            DOCUMENT_PATH,
            get(move || {
                let document = document.clone();
                async move { ([(header::CONTENT_TYPE, "application/json")], document.to_string()) }
            }),
        )
        .route("/api/docs", get(docs::page))
        .route("/api/v1", any(problem::no_such_endpoint))
        .route("/api/v1/{*rest}", any(problem::no_such_endpoint))
        .layer(axum::extract::DefaultBodyLimit::max(BODY_LIMIT))
}
