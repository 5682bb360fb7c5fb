//! `POST /api/my_schedule`: the signed-in doctor's schedule for the editor.

use crate::dto::my_schedule_view::MyScheduleView;
use crate::error::AppError;
use leptos::prelude::*;

/// The caller's weekly hours, settings, overrides and time off (doctors only).
#[server(endpoint = "my_schedule", output = crate::wire::TextJson)]
pub async fn my_schedule() -> Result<MyScheduleView, AppError> {
    use crate::domain::Role;
    use crate::server::{auth, request, services};
    let result = async {
        let ctx = request::context().await?;
        let doctor = auth::require_role(&ctx.state, &ctx.session, Role::Doctor).await?;
        services::schedule_editing::my_schedule(&ctx.state, &doctor).await
    }
    .await;
    request::finish(result)
}
