//! The doctor directory as patients search it.

use crate::domain::directory_filter::DirectoryFilter;
use crate::domain::location_search::PICKER_LEVELS;
use crate::domain::query_string;
use crate::dto::directory_page::DirectoryPage;
use crate::error::AppError;
use crate::server::directory::search;
use crate::server::locations::queries;

use crate::server::error::{Doing, ServerResult};
use crate::server::state::AppState;

/// The longest query string read (a real one is well under 300 bytes).
const MAX_QUERY_BYTES: usize = 2_000;

/// Reads a query string (`q=cardio&location=12&page=2`) into a filter, refusing unreadable
/// values at their fields. The search form's place pickers (`location_1` … `location_3`, see
/// `LocationPicker`) stand for `location`: the deepest choice that continues the chain.
pub async fn parse_query(state: &AppState, query: &str) -> ServerResult<DirectoryFilter> {
    if query.len() > MAX_QUERY_BYTES {
        return Err(AppError::BadRequest.into());
    }
    let mut pairs = query_string::decode(query.trim_start_matches('?'));
    let pickers: Vec<&str> = (1..=PICKER_LEVELS)
        .filter_map(|level| value(&pairs, &format!("location_{level}")))
        .collect();
    if !pickers.is_empty() {
        let picked: Vec<i64> = pickers.iter().map_while(|p| p.trim().parse().ok()).collect();
        let place = queries::deepest_in_chain(&state.db, &picked).await.doing("reading places")?;
        pairs.retain(|(name, _)| name != "location");
        pairs.push(("location".into(), place.map(|p| p.to_string()).unwrap_or_default()));
    }
    Ok(DirectoryFilter::parse(|name| value(&pairs, name)).map_err(AppError::Invalid)?)
}

fn value<'a>(pairs: &'a [(String, String)], name: &str) -> Option<&'a str> {
    pairs.iter().find(|(k, _)| k == name).map(|(_, v)| v.as_str())
}

/// One page of doctors for the search in `query`.
pub async fn search(state: &AppState, query: &str) -> ServerResult<DirectoryPage> {
    let filter = parse_query(state, query).await?;
    let mut conn = state.db.acquire().await.doing("searching doctors")?;
    let mut page = search::search(&mut conn, &filter).await.doing("searching doctors")?;
    drop(conn);
    page.place_picker =
        state.reference.picker(&state.db, filter.location).await.doing("loading places")?;
    Ok(page)
}
