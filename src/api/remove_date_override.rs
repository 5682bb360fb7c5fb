//! `POST /api/remove_date_override`: back to the weekly hours on one date.

use crate::error::AppError;
use leptos::prelude::*;

/// Removes the caller's override of `override_date` (doctors only).
#[server(endpoint = "remove_date_override", output = crate::wire::TextJson)]
pub async fn remove_date_override(override_date: String) -> Result<(), AppError> {
    use crate::domain::Role;
    use crate::server::{auth, request, services};
    let result = async {
        let ctx = request::context().await?;
        let doctor = auth::require_role(&ctx.state, &ctx.session, Role::Doctor).await?;
        services::schedule_editing::remove_override(&ctx.state, &doctor, &override_date).await
    }
    .await;
    request::finish(result)
}
