//! `POST /api/search_locations`: places by name, in English or Bangla.

use crate::dto::location_view::LocationMatch;
use crate::error::AppError;
use leptos::prelude::*;

/// Up to 20 places whose names have words starting with each word of `query` (public),
/// best match first, each with its breadcrumb. Nothing searchable in `query`: no places.
#[server(endpoint = "search_locations", output = crate::wire::TextJson)]
pub async fn search_locations(query: String) -> Result<Vec<LocationMatch>, AppError> {
    use crate::server::{error::Doing, locations::queries, request};
    let result = async {
        let ctx = request::context().await?;
        queries::search(&ctx.state.db, &query, 20).await.doing("searching locations")
    }
    .await;
    request::finish(result)
}
