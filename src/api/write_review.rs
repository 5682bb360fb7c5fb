//! `POST /api/write_review`: a patient reviews their completed visit.

use crate::domain::AppointmentId;
use crate::error::AppError;
use leptos::prelude::*;

/// Reviews `appointment_id` (the caller's own completed visit, once): 1–5 `stars`, up to 2,000
/// characters; `anonymous` present when ticked. Returns the review's id.
#[server(endpoint = "write_review", output = crate::wire::TextJson)]
pub async fn write_review(
    appointment_id: AppointmentId,
    stars: String,
    #[server(default)] review_body: String,
    anonymous: Option<String>,
) -> Result<i64, AppError> {
    use crate::domain::Role;
    use crate::server::services::reviews::{self, ReviewInput};
    use crate::server::{auth, request};
    let result = async {
        let ctx = request::context().await?;
        let patient = auth::require_role(&ctx.state, &ctx.session, Role::Patient).await?;
        let input =
            ReviewInput { stars: &stars, body: &review_body, anonymous: anonymous.is_some() };
        reviews::write(&ctx.state, &patient, appointment_id, &input).await
    }
    .await;
    request::finish(result)
}
