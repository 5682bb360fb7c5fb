//! `GET /wallet/history.csv`: a patient's history as a CSV download (same filters as the page).

use super::auth;
use super::payments::history;
use super::state::AppState;
use crate::domain::Role;
use crate::dto::payment_views::HistoryFilter;
use crate::server::error::ServerError;
use axum::extract::{Query, State};
use axum::http::header;
use axum::response::{IntoResponse, Response};
use tower_sessions::Session;

/// The signed-in patient's history as `medibook-wallet.csv`; 401/403 for anyone else, 400 for
/// a bad filter.
pub async fn download(
    State(state): State<AppState>,
    session: Session,
    Query(filter): Query<HistoryFilter>,
) -> Response {
    let patient = match auth::require_role(&state, &session, Role::Patient).await {
        Ok(patient) => patient,
        Err(error) => return refusal(error.into_answer()),
    };
    let filter = match history::parse_filter(&filter) {
        Ok(filter) => filter,
        Err(error) => return refusal(error.into()),
    };
    match history::history(&state.db, patient.id, &filter).await {
        Ok(rows) => (
            [
                (header::CONTENT_TYPE, "text/csv; charset=utf-8"),
                (header::CONTENT_DISPOSITION, "attachment; filename=\"medibook-wallet.csv\""),
                (header::CACHE_CONTROL, "no-store"),
            ],
            history::to_csv(&rows),
        )
            .into_response(),
        Err(error) => refusal(ServerError::failed("exporting a wallet", error).into_answer()),
    }
}

fn refusal(error: crate::error::AppError) -> Response {
    crate::server::refusal_response::plain(&error)
}
