//! `POST /api/change_appointment`: accept, reject, cancel, complete or mark a no-show.

use crate::domain::AppointmentId;
use crate::domain::booking::AppointmentStatus;
use crate::error::AppError;
use leptos::prelude::*;

/// Applies `action` (`accept`, `reject`, `cancel`, `complete`, `no_show`) to `appointment_id`
/// with `note` (the reason, required to reject or cancel). Patients act on their own
/// appointments, doctors on theirs, admins on all; anything else is "not found".
#[server(endpoint = "change_appointment", output = crate::wire::TextJson)]
pub async fn change_appointment(
    appointment_id: AppointmentId,
    action: String,
    #[server(default)] note: String,
) -> Result<AppointmentStatus, AppError> {
    use crate::server::{auth, request, services};
    let result = async {
        let ctx = request::context().await?;
        let user = auth::require_user(&ctx.state, &ctx.session).await?;
        services::change_appointment::change_appointment(
            &ctx.state,
            &user,
            appointment_id,
            &action,
            &note,
        )
        .await
    }
    .await;
    request::finish(result)
}
