//! `POST /api/save_visit_note`: the visit's doctor writes or changes its note.

use crate::domain::AppointmentId;
use crate::error::AppError;
use leptos::prelude::*;

/// Saves the note of `appointment_id`: the summary the patient reads (`diagnosis`, `advice`,
/// `follow_up_weeks`, empty for none) and the `private_note` only its author reads. Until 24
/// hours after the visit ends; then addenda.
#[server(endpoint = "save_visit_note", output = crate::wire::TextJson)]
pub async fn save_visit_note(
    appointment_id: AppointmentId,
    #[server(default)] diagnosis: String,
    #[server(default)] advice: String,
    #[server(default)] follow_up_weeks: String,
    #[server(default)] private_note: String,
) -> Result<(), AppError> {
    use crate::domain::Role;
    use crate::domain::visit_note::VisitNoteInput;
    use crate::server::services::visit_notes;
    use crate::server::{auth, request};
    let result = async {
        let ctx = request::context().await?;
        let doctor = auth::require_role(&ctx.state, &ctx.session, Role::Doctor).await?;
        let input = VisitNoteInput { diagnosis, advice, follow_up_weeks, private_note };
        visit_notes::save(&ctx.state, &doctor, appointment_id, &input).await
    }
    .await;
    request::finish(result)
}
