//! `POST /api/my_record_views`: who opened the signed-in patient's record, and when.

use crate::dto::patient_record::RecordViewsPage;
use crate::error::AppError;
use leptos::prelude::*;

/// Page `page` (from 0) of the openings of the caller's record, newest first (patients only).
#[server(endpoint = "my_record_views", output = crate::wire::TextJson)]
pub async fn my_record_views(#[server(default)] page: u32) -> Result<RecordViewsPage, AppError> {
    use crate::server::services::patient_record;
    use crate::server::{auth, request};
    let result = async {
        let ctx = request::context().await?;
        let patient = auth::require_user(&ctx.state, &ctx.session).await?;
        patient_record::views_of_own_record(&ctx.state, &patient, page).await
    }
    .await;
    request::finish(result)
}
