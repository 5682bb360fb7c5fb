//! `POST /api/my_appointments`: the signed-in patient's appointments.

use crate::dto::appointment_lists::PatientAppointments;
use crate::error::AppError;
use leptos::prelude::*;

/// The caller's upcoming and past appointments (patients only).
#[server(endpoint = "my_appointments", output = crate::wire::TextJson)]
pub async fn my_appointments() -> Result<PatientAppointments, AppError> {
    use crate::domain::Role;
    use crate::server::{auth, request, services};
    let result = async {
        let ctx = request::context().await?;
        let patient = auth::require_role(&ctx.state, &ctx.session, Role::Patient).await?;
        services::appointment_lists::patient_appointments(&ctx.state, &patient).await
    }
    .await;
    request::finish(result)
}
