//! `POST /api/search_doctors`: the public doctor directory, searched and filtered.

use crate::dto::directory_page::DirectoryPage;
use crate::error::AppError;
use leptos::prelude::*;

/// One page (20) of listed doctors for the search in `query`, the page's own query string
/// (`q=cardio&location=12&fee_max=1500&sort=soonest&page=2`; public). Unverified and
/// deactivated doctors never appear.
#[server(endpoint = "search_doctors", output = crate::wire::TextJson)]
pub async fn search_doctors(query: String) -> Result<DirectoryPage, AppError> {
    use crate::server::{request, services};
    let result = async {
        let ctx = request::context().await?;
        services::directory::search(&ctx.state, &query).await
    }
    .await;
    request::finish(result)
}
