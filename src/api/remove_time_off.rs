//! `POST /api/remove_time_off`: cancel a time-off range.

use crate::error::AppError;
use leptos::prelude::*;

/// Removes one of the caller's time-off ranges (doctors only; others' are "not found").
#[server(endpoint = "remove_time_off", output = crate::wire::TextJson)]
pub async fn remove_time_off(time_off_id: i64) -> Result<(), AppError> {
    use crate::domain::Role;
    use crate::server::{auth, request, services};
    let result = async {
        let ctx = request::context().await?;
        let doctor = auth::require_role(&ctx.state, &ctx.session, Role::Doctor).await?;
        services::schedule_editing::remove_time_off(&ctx.state, &doctor, time_off_id).await
    }
    .await;
    request::finish(result)
}
