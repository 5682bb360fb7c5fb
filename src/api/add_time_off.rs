//! `POST /api/add_time_off`: days off from one date to another (a vacation).

use crate::error::AppError;
use leptos::prelude::*;

/// Adds time off from `time_off_start` to `time_off_end`, both included (doctors only).
#[server(endpoint = "add_time_off", output = crate::wire::TextJson)]
pub async fn add_time_off(
    time_off_start: String,
    time_off_end: String,
    note: Option<String>,
) -> Result<i64, AppError> {
    use crate::domain::Role;
    use crate::server::{auth, request, services};
    let result = async {
        let ctx = request::context().await?;
        let doctor = auth::require_role(&ctx.state, &ctx.session, Role::Doctor).await?;
        let note = note.unwrap_or_default();
        services::schedule_editing::add_time_off(
            &ctx.state,
            &doctor,
            &time_off_start,
            &time_off_end,
            &note,
        )
        .await
    }
    .await;
    request::finish(result)
}
