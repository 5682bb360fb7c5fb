//! `/api/v1/specialties`: what doctors register under.

use crate::server::error::Doing;
use crate::server::rest::etag::polled_json;
use crate::server::rest::problem::{Problem, RestResult};
use crate::server::rest::views::SpecialtyView;
use crate::server::state::AppState;
use axum::extract::State;
use axum::http::HeaderMap;
use axum::response::Response;

/// Every specialty, by name (public).
#[utoipa::path(get, path = "/api/v1/specialties", tag = "doctors",
    responses(
        (status = 200, description = "Specialties", body = Vec<SpecialtyView>,
            headers(("ETag" = String, description = "Send as If-None-Match to get 304 while unchanged"))),
        (status = 304, description = "Unchanged since the ETag sent"),
    ))]
pub async fn specialties(
    State(state): State<AppState>,
    headers: HeaderMap,
) -> RestResult<Response> {
    let all = state
        .reference
        .specialties(&state.db)
        .await
        .doing("listing specialties")
        .map_err(Problem::from)?;
    let views: Vec<SpecialtyView> = all
        .into_iter()
        .map(|s| SpecialtyView { id: s.id.0, name: s.name, retired: s.retired })
        .collect();
    Ok(polled_json(&headers, &views))
}
