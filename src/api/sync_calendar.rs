//! `POST /api/sync_calendar`: a doctor syncs one of their calendars now.

use crate::error::AppError;
use leptos::prelude::*;

/// Reads the calendar's busy times again now (its state shows how it went).
#[server(endpoint = "sync_calendar", output = crate::wire::TextJson)]
pub async fn sync_calendar(calendar_id: i64) -> Result<(), AppError> {
    use crate::domain::Role;
    use crate::server::services::external_calendars;
    use crate::server::{auth, request};
    let result = async {
        let ctx = request::context().await?;
        let doctor = auth::require_role(&ctx.state, &ctx.session, Role::Doctor).await?;
        external_calendars::sync_one(&ctx.state, doctor.id, calendar_id).await
    }
    .await;
    request::finish(result)
}
