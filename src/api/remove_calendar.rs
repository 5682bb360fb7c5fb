//! `POST /api/remove_calendar`: a doctor disconnects one of their calendars.

use crate::error::AppError;
use leptos::prelude::*;

/// Removes the calendar and the busy times it brought.
#[server(endpoint = "remove_calendar", output = crate::wire::TextJson)]
pub async fn remove_calendar(calendar_id: i64) -> Result<(), AppError> {
    use crate::domain::Role;
    use crate::server::services::external_calendars;
    use crate::server::{auth, request};
    let result = async {
        let ctx = request::context().await?;
        let doctor = auth::require_role(&ctx.state, &ctx.session, Role::Doctor).await?;
        external_calendars::remove(&ctx.state, doctor.id, calendar_id).await
    }
    .await;
    request::finish(result)
}
