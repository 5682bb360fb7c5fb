//! `/api/v1/locations`: the division → district → upazila / thana hierarchy.

use crate::error::AppError;
use crate::server::error::Doing;
use crate::server::locations::queries;
use crate::server::rest::etag::polled_json;
use crate::server::rest::extract::{PathOf, QueryOf};
use crate::server::rest::problem::{Problem, ProblemBody, RestResult};
use crate::server::rest::views::{ChainCheck, Place, PlaceMatch, PlaceNode};
use crate::server::state::AppState;
use axum::extract::State;
use axum::http::HeaderMap;
use axum::response::Response;
use serde::Deserialize;
use utoipa::IntoParams;

/// Whose children to list.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ChildrenParams {
    /// A place's id; absent: the top level (the divisions).
    parent: Option<i64>,
}

/// The places directly under a place (the divisions without `parent`), by English name. A
/// division's districts, a district's upazilas and thanas.
#[utoipa::path(get, path = "/api/v1/locations", tag = "locations", params(ChildrenParams),
    responses(
        (status = 200, description = "The places", body = Vec<Place>),
        (status = 304, description = "Unchanged since the ETag sent"),
        (status = 400, description = "`bad_request`", body = ProblemBody, content_type = "application/problem+json"),
    ))]
pub async fn children(
    State(state): State<AppState>,
    QueryOf(params): QueryOf<ChildrenParams>,
    headers: HeaderMap,
) -> RestResult<Response> {
    let places = queries::children(&state.db, params.parent)
        .await
        .doing("listing locations")
        .map_err(Problem::from)?;
    let places: Vec<Place> = places.into_iter().map(Place::from).collect();
    Ok(polled_json(&headers, &places))
}

/// Every place with its parent: the whole tree in one answer (about 600 places).
#[utoipa::path(get, path = "/api/v1/locations/tree", tag = "locations",
    responses(
        (status = 200, description = "Every place, level by level", body = Vec<PlaceNode>),
        (status = 304, description = "Unchanged since the ETag sent"),
    ))]
pub async fn tree(State(state): State<AppState>, headers: HeaderMap) -> RestResult<Response> {
    let all = queries::all(&state.db).await.doing("listing locations").map_err(Problem::from)?;
    let nodes: Vec<PlaceNode> = all
        .into_iter()
        .map(|(place, parent_id)| PlaceNode { place: place.into(), parent_id })
        .collect();
    Ok(polled_json(&headers, &nodes))
}

/// A place's breadcrumb: the place and every place above it, broadest first.
#[utoipa::path(get, path = "/api/v1/locations/{id}/path", tag = "locations",
    params(("id" = i64, Path, description = "The place's id")),
    responses(
        (status = 200, description = "Broadest first, ending with the place", body = Vec<Place>),
        (status = 304, description = "Unchanged since the ETag sent"),
        (status = 404, description = "`not_found`", body = ProblemBody, content_type = "application/problem+json"),
    ))]
pub async fn path(
    State(state): State<AppState>,
    PathOf(id): PathOf<i64>,
    headers: HeaderMap,
) -> RestResult<Response> {
    let path =
        queries::path(&state.db, id).await.doing("reading a location").map_err(Problem::from)?;
    if path.is_empty() {
        return Err(AppError::NotFound.into());
    }
    let path: Vec<Place> = path.into_iter().map(Place::from).collect();
    Ok(polled_json(&headers, &path))
}

/// Words to find places by.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct SearchParams {
    /// English or Bangla, by prefix ("dhan", "ধান").
    #[param(max_length = 100)]
    q: String,
}

/// Places whose English or Bangla name starts with the words, with breadcrumbs (at most 20).
#[utoipa::path(get, path = "/api/v1/locations/search", tag = "locations", params(SearchParams),
    responses(
        (status = 200, description = "Matching places", body = Vec<PlaceMatch>),
        (status = 304, description = "Unchanged since the ETag sent"),
        (status = 400, description = "`bad_request`", body = ProblemBody, content_type = "application/problem+json"),
    ))]
pub async fn search(
    State(state): State<AppState>,
    QueryOf(params): QueryOf<SearchParams>,
    headers: HeaderMap,
) -> RestResult<Response> {
    if params.q.chars().count() > 100 {
        return Err(AppError::BadRequest.into());
    }
    let found = queries::search(&state.db, &params.q, 20)
        .await
        .doing("searching locations")
        .map_err(Problem::from)?;
    let found: Vec<PlaceMatch> = found.into_iter().map(PlaceMatch::from).collect();
    Ok(polled_json(&headers, &found))
}

/// Places from the top down, to check as one address.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ChainParams {
    division: i64,
    district: Option<i64>,
    /// An upazila or thana.
    upazila: Option<i64>,
}

/// Checks a division / district / upazila triple (or a shorter chain): valid when each place
/// lies inside the one before, starting at the top level.
#[utoipa::path(get, path = "/api/v1/locations/check", tag = "locations", params(ChainParams),
    responses(
        (status = 200, description = "Whether the chain holds", body = ChainCheck),
        (status = 400, description = "`bad_request`", body = ProblemBody, content_type = "application/problem+json"),
    ))]
pub async fn check(
    State(state): State<AppState>,
    QueryOf(chain): QueryOf<ChainParams>,
) -> RestResult<axum::Json<ChainCheck>> {
    let mut picked = vec![chain.division];
    picked.extend(chain.district);
    picked.extend(chain.upazila);
    let gaps = chain.district.is_none() && chain.upazila.is_some();
    let deepest = queries::deepest_in_chain(&state.db, &picked)
        .await
        .doing("checking a location chain")
        .map_err(Problem::from)?;
    let valid = !gaps && deepest == picked.last().copied();
    Ok(axum::Json(ChainCheck { valid, deepest }))
}
