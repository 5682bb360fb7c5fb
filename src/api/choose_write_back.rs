//! `POST /api/choose_write_back`: a doctor picks the CalDAV calendar their appointments go to.

use crate::error::AppError;
use leptos::prelude::*;

/// Turns write-back to calendar `calendar_id` on (a ticked `on`) or off.
#[server(endpoint = "choose_write_back", output = crate::wire::TextJson)]
pub async fn choose_write_back(
    calendar_id: i64,
    #[server(default)] on: Option<String>,
) -> Result<(), AppError> {
    use crate::domain::Role;
    use crate::server::services::external_calendars;
    use crate::server::{auth, request};
    let result = async {
        let ctx = request::context().await?;
        let doctor = auth::require_role(&ctx.state, &ctx.session, Role::Doctor).await?;
        external_calendars::choose_write_back(&ctx.state, doctor.id, calendar_id, on.is_some())
            .await
    }
    .await;
    request::finish(result)
}
