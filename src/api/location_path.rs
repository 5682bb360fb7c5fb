//! `POST /api/location_path`: a place and its parents, for a breadcrumb.

use crate::dto::location_view::LocationView;
use crate::error::AppError;
use leptos::prelude::*;

/// Place `location_id` and its parents, broadest first (public); "not found" when unknown.
#[server(endpoint = "location_path", output = crate::wire::TextJson)]
pub async fn location_path(location_id: i64) -> Result<Vec<LocationView>, AppError> {
    use crate::server::{error::Doing, locations::queries, request};
    let result = async {
        let ctx = request::context().await?;
        let path = queries::path(&ctx.state.db, location_id).await.doing("reading a location")?;
        if path.is_empty() { Err(AppError::NotFound.into()) } else { Ok(path) }
    }
    .await;
    request::finish(result)
}
