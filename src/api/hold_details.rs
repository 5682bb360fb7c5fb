//! `POST /api/hold_details`: the confirmation step of a booking.

use crate::domain::AppointmentId;
use crate::dto::hold_view::HoldConfirmation;
use crate::error::AppError;
use leptos::prelude::*;

/// The caller's hold `appointment_id` (a patient's own, still held).
#[server(endpoint = "hold_details", output = crate::wire::TextJson)]
pub async fn hold_details(appointment_id: AppointmentId) -> Result<HoldConfirmation, AppError> {
    use crate::domain::Role;
    use crate::server::{auth, booking, request};
    let result = async {
        let ctx = request::context().await?;
        let patient = auth::require_role(&ctx.state, &ctx.session, Role::Patient).await?;
        booking::confirmation_step::hold_details(&ctx.state, &patient, appointment_id).await
    }
    .await;
    request::finish(result)
}
