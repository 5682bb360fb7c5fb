//! `POST /api/appointment_details`: one appointment, for its patient, its doctor or an admin.

use crate::domain::AppointmentId;
use crate::dto::appointment_view::AppointmentView;
use crate::error::AppError;
use leptos::prelude::*;

/// Appointment `appointment_id` with what the caller may do to it.
#[server(endpoint = "appointment_details", output = crate::wire::TextJson)]
pub async fn appointment_details(
    appointment_id: AppointmentId,
) -> Result<AppointmentView, AppError> {
    use crate::server::{auth, request, services};
    let result = async {
        let ctx = request::context().await?;
        let user = auth::require_user(&ctx.state, &ctx.session).await?;
        services::appointment_lists::one_appointment(&ctx.state, &user, appointment_id).await
    }
    .await;
    request::finish(result)
}
