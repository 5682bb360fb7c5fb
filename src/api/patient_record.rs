//! `POST /api/patient_record`: a patient's record for one of their doctors or an admin.

use crate::dto::patient_record::PatientRecordView;
use crate::error::AppError;
use leptos::prelude::*;

/// The details and visits of `patient_id`; the opening is logged for the patient to see.
/// "Not found" for anyone but the patient's doctors and admins.
#[server(endpoint = "patient_record", output = crate::wire::TextJson)]
pub async fn patient_record(patient_id: i64) -> Result<PatientRecordView, AppError> {
    use crate::domain::UserId;
    use crate::server::services::patient_record;
    use crate::server::{auth, request};
    let result = async {
        let ctx = request::context().await?;
        let viewer = auth::require_user(&ctx.state, &ctx.session).await?;
        patient_record::open(&ctx.state, &viewer, UserId(patient_id)).await
    }
    .await;
    request::finish(result)
}
