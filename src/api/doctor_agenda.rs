//! `POST /api/doctor_agenda`: the signed-in doctor's day or week.

use crate::dto::appointment_lists::AgendaView;
use crate::error::AppError;
use leptos::prelude::*;

/// The caller's agenda for the `period` ("day" or "week") around `date` (YYYY-MM-DD, empty for
/// today), with every pending request (doctors only).
#[server(endpoint = "doctor_agenda", output = crate::wire::TextJson)]
pub async fn doctor_agenda(
    #[server(default)] date: String,
    #[server(default)] period: String,
) -> Result<AgendaView, AppError> {
    use crate::domain::Role;
    use crate::server::{auth, request, services};
    let result = async {
        let ctx = request::context().await?;
        let doctor = auth::require_role(&ctx.state, &ctx.session, Role::Doctor).await?;
        services::appointment_lists::doctor_agenda(&ctx.state, &doctor, &date, &period).await
    }
    .await;
    request::finish(result)
}
