//! `POST /api/answer_review`: a doctor answers a review of them, once, in public.

use crate::error::AppError;
use leptos::prelude::*;

/// Answers `review_id` (a review of the calling doctor) with `reply`.
#[server(endpoint = "answer_review", output = crate::wire::TextJson)]
pub async fn answer_review(review_id: i64, reply: String) -> Result<(), AppError> {
    use crate::domain::Role;
    use crate::server::services::reviews;
    use crate::server::{auth, request};
    let result = async {
        let ctx = request::context().await?;
        let doctor = auth::require_role(&ctx.state, &ctx.session, Role::Doctor).await?;
        reviews::answer(&ctx.state, &doctor, review_id, &reply).await
    }
    .await;
    request::finish(result)
}
