//! `POST /api/add_visit_addendum`: the visit's doctor adds to its closed notes.

use crate::domain::AppointmentId;
use crate::error::AppError;
use leptos::prelude::*;

/// Adds `addendum` (1–2,000 characters) to the notes of `appointment_id` once their day of
/// editing is over; `private` present when only the doctor should read it.
#[server(endpoint = "add_visit_addendum", output = crate::wire::TextJson)]
pub async fn add_visit_addendum(
    appointment_id: AppointmentId,
    #[server(default)] addendum: String,
    private: Option<String>,
) -> Result<(), AppError> {
    use crate::domain::Role;
    use crate::server::services::visit_notes;
    use crate::server::{auth, request};
    let result = async {
        let ctx = request::context().await?;
        let doctor = auth::require_role(&ctx.state, &ctx.session, Role::Doctor).await?;
        visit_notes::add_addendum(&ctx.state, &doctor, appointment_id, &addendum, private.is_some())
            .await
    }
    .await;
    request::finish(result)
}
