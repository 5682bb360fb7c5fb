//! `POST /api/hold_slot`: a patient picks a time; it is reserved for them while they confirm.

use crate::dto::hold_view::HoldView;
use crate::error::AppError;
use leptos::prelude::*;

/// Holds the slot of `doctor_id` starting at `start` (RFC 3339, UTC) for the calling patient
/// and leads to the confirmation step.
#[server(endpoint = "hold_slot", output = crate::wire::TextJson)]
pub async fn hold_slot(doctor_id: i64, start: String) -> Result<HoldView, AppError> {
    use crate::domain::{Role, UserId};
    use crate::paths;
    use crate::server::{auth, booking, request};
    let result = async {
        let ctx = request::context().await?;
        let patient = auth::require_role(&ctx.state, &ctx.session, Role::Patient).await?;
        ctx.state.limits.booking(patient.id)?;
        booking::hold::hold_slot(&ctx.state, &patient, UserId(doctor_id), &start, None).await
    }
    .await;
    let confirm = result.as_ref().ok().map(|hold| paths::book(hold.appointment_id));
    request::finish_with_redirect(result, confirm.as_deref())
}
