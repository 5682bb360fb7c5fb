//! `POST /api/review_of_visit`: the caller's review of one of their visits.

use crate::domain::AppointmentId;
use crate::dto::review_views::MyReview;
use crate::error::AppError;
use leptos::prelude::*;

/// The calling patient's review of `appointment_id`, or `None` when they wrote none.
#[server(endpoint = "review_of_visit", output = crate::wire::TextJson)]
pub async fn review_of_visit(appointment_id: AppointmentId) -> Result<Option<MyReview>, AppError> {
    use crate::domain::Role;
    use crate::server::services::reviews;
    use crate::server::{auth, request};
    let result = async {
        let ctx = request::context().await?;
        let patient = auth::require_role(&ctx.state, &ctx.session, Role::Patient).await?;
        reviews::mine(&ctx.state, &patient, appointment_id).await
    }
    .await;
    request::finish(result)
}
