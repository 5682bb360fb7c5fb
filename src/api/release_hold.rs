//! `POST /api/release_hold`: the patient lets their held time go.

use crate::error::AppError;
use leptos::prelude::*;

/// Releases the caller's hold `appointment_id` and goes back to the doctor's calendar.
#[server(endpoint = "release_hold")]
pub async fn release_hold(appointment_id: i64) -> Result<(), AppError> {
    use crate::domain::Role;
    use crate::server::{auth, request, services};
    let ctx = request::context().await?;
    let result = async {
        let patient = auth::require_role(&ctx.state, &ctx.session, Role::Patient).await?;
        services::release_hold::release_hold(&ctx.state, &patient, appointment_id).await
    }
    .await;
    let back = result.as_ref().ok().map(|doctor| format!("/doctors/{doctor}"));
    request::finish_with_redirect(result.map(|_| ()), back.as_deref())
}
