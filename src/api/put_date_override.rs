//! `POST /api/put_date_override`: a day off or custom hours on one date.

use crate::error::AppError;
use leptos::prelude::*;

/// Sets the override of `override_date`: `override_kind` is `off` or `hours` (doctors only).
#[server(endpoint = "put_date_override", output = crate::wire::TextJson)]
pub async fn put_date_override(
    override_date: String,
    override_kind: String,
    override_hours: Option<String>,
) -> Result<(), AppError> {
    use crate::domain::Role;
    use crate::server::{auth, request, services};
    let result = async {
        let ctx = request::context().await?;
        let doctor = auth::require_role(&ctx.state, &ctx.session, Role::Doctor).await?;
        let hours = override_hours.unwrap_or_default();
        services::schedule_editing::put_override(
            &ctx.state,
            &doctor,
            &override_date,
            &override_kind,
            &hours,
        )
        .await
    }
    .await;
    request::finish(result)
}
