//! The doctor directory as patients search it.

use crate::domain::directory_filter::DirectoryFilter;
use crate::domain::query_string;
use crate::dto::directory_page::DirectoryPage;
use crate::error::AppError;
use crate::server::directory::search;
use crate::server::error::{Doing, ServerResult};
use crate::server::state::AppState;

/// The longest query string read (a real one is well under 300 bytes).
const MAX_QUERY_BYTES: usize = 2_000;

/// Reads a query string (`q=cardio&location=12&page=2`) into a filter, refusing unreadable
/// values at their fields.
pub fn parse_query(query: &str) -> Result<DirectoryFilter, AppError> {
    if query.len() > MAX_QUERY_BYTES {
        return Err(AppError::BadRequest);
    }
    let pairs = query_string::decode(query.trim_start_matches('?'));
    DirectoryFilter::parse(|name| pairs.iter().find(|(k, _)| k == name).map(|(_, v)| v.as_str()))
        .map_err(AppError::Invalid)
}

/// One page of doctors for the search in `query`.
pub async fn search(state: &AppState, query: &str) -> ServerResult<DirectoryPage> {
    let filter = parse_query(query)?;
    let mut conn = state.db.acquire().await.doing("searching doctors")?;
    search::search(&mut conn, &filter).await.doing("searching doctors")
}
