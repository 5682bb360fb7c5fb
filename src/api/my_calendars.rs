//! `POST /api/my_calendars`: the calling doctor's connected calendars and their sync state.

use crate::dto::external_calendar::ExternalCalendarView;
use crate::error::AppError;
use leptos::prelude::*;

/// The doctor's own calendars, oldest first.
#[server(endpoint = "my_calendars", output = crate::wire::TextJson)]
pub async fn my_calendars() -> Result<Vec<ExternalCalendarView>, AppError> {
    use crate::domain::Role;
    use crate::server::services::external_calendars;
    use crate::server::{auth, request};
    let result = async {
        let ctx = request::context().await?;
        let doctor = auth::require_role(&ctx.state, &ctx.session, Role::Doctor).await?;
        external_calendars::list(&ctx.state, doctor.id).await
    }
    .await;
    request::finish(result)
}
