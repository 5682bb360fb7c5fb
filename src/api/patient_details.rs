//! `POST /api/patient_details`: a patient's contact, address and medical details.

use crate::dto::patient_details_view::PatientDetailsView;
use crate::error::AppError;
use leptos::prelude::*;

/// The details of `patient_id` (the caller when absent), for the patient, the doctors they have
/// booked and admins; anyone else gets "not found".
#[server(endpoint = "patient_details", output = crate::wire::TextJson)]
pub async fn patient_details(
    #[server(default)] patient_id: Option<i64>,
) -> Result<PatientDetailsView, AppError> {
    use crate::domain::UserId;
    use crate::server::services::patient_details;
    use crate::server::{auth, request};
    let result = async {
        let ctx = request::context().await?;
        let viewer = auth::require_user(&ctx.state, &ctx.session).await?;
        let patient = patient_id.map(UserId).unwrap_or(viewer.id);
        patient_details::load(&ctx.state, &viewer, patient).await
    }
    .await;
    request::finish(result)
}
