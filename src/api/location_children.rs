//! `POST /api/location_children`: the places one level below a place, for cascading pickers.

use crate::dto::location_view::LocationView;
use crate::error::AppError;
use leptos::prelude::*;

/// The places directly under `parent_id` (the divisions when absent), by English name
/// (public). An unknown parent has no places under it.
#[server(endpoint = "location_children", output = crate::wire::TextJson)]
pub async fn location_children(
    #[server(default)] parent_id: Option<i64>,
) -> Result<Vec<LocationView>, AppError> {
    use crate::server::{error::Doing, locations::queries, request};
    let result = async {
        let ctx = request::context().await?;
        queries::children(&ctx.state.db, parent_id).await.doing("listing locations")
    }
    .await;
    request::finish(result)
}
