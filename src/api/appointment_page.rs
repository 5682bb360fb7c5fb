//! `POST /api/appointment_page`: one appointment with its history and notes.

use crate::domain::AppointmentId;
use crate::dto::appointment_page::AppointmentPageView;
use crate::error::AppError;
use leptos::prelude::*;

/// Appointment `appointment_id` for its patient, its doctor or an admin ("not found" for anyone
/// else): status history, the doctor's summary, and the private note to its author only.
#[server(endpoint = "appointment_page", output = crate::wire::TextJson)]
pub async fn appointment_page(
    appointment_id: AppointmentId,
) -> Result<AppointmentPageView, AppError> {
    use crate::server::services::visit_notes;
    use crate::server::{auth, request};
    let result = async {
        let ctx = request::context().await?;
        let viewer = auth::require_user(&ctx.state, &ctx.session).await?;
        visit_notes::page(&ctx.state, &viewer, appointment_id).await
    }
    .await;
    request::finish(result)
}
