//! `POST /api/release_hold`: the patient lets their held time go.

use crate::domain::AppointmentId;
use crate::domain::UserId;
use crate::error::AppError;
use leptos::prelude::*;

/// Releases the caller's hold `appointment_id`; answers the doctor's id (a plain form post goes
/// back to the doctor's calendar).
#[server(endpoint = "release_hold", output = crate::wire::TextJson)]
pub async fn release_hold(appointment_id: AppointmentId) -> Result<UserId, AppError> {
    use crate::domain::Role;
    use crate::paths;
    use crate::server::{auth, booking, request};
    let result = async {
        let ctx = request::context().await?;
        let patient = auth::require_role(&ctx.state, &ctx.session, Role::Patient).await?;
        booking::release::release_hold(&ctx.state, &patient, appointment_id).await
    }
    .await;
    let back = result.as_ref().ok().map(|doctor| paths::doctor(doctor.0));
    request::finish_redirecting_forms(result, back.as_deref())
}
