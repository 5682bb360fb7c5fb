//! `POST /api/connect_calendar`: a doctor connects an ICS address or a CalDAV calendar.

use crate::dto::external_calendar::ExternalCalendarView;
use crate::error::AppError;
use leptos::prelude::*;

/// Connects a calendar whose busy times keep patients off, and syncs it once at once.
#[server(endpoint = "connect_calendar", output = crate::wire::TextJson)]
pub async fn connect_calendar(
    kind: String,
    calendar_url: String,
    #[server(default)] calendar_label: String,
    #[server(default)] calendar_username: String,
    #[server(default)] calendar_password: String,
) -> Result<ExternalCalendarView, AppError> {
    use crate::domain::Role;
    use crate::server::services::external_calendars::{self, NewCalendar};
    use crate::server::{auth, request};
    let result = async {
        let ctx = request::context().await?;
        let doctor = auth::require_role(&ctx.state, &ctx.session, Role::Doctor).await?;
        let input = NewCalendar {
            kind,
            url: calendar_url,
            label: calendar_label,
            username: calendar_username,
            password: calendar_password,
        };
        external_calendars::connect(&ctx.state, doctor.id, input).await
    }
    .await;
    request::finish(result)
}
