//! `POST /api/moderate_review`: an admin hides a review (with a reason) or restores it.

use crate::error::AppError;
use leptos::prelude::*;

/// Hides `review_id` when `hide` is true (the author is mailed `reason`), else restores it.
#[server(endpoint = "moderate_review", output = crate::wire::TextJson)]
pub async fn moderate_review(
    review_id: i64,
    hide: bool,
    #[server(default)] reason: String,
) -> Result<(), AppError> {
    use crate::domain::Role;
    use crate::server::services::reviews;
    use crate::server::{auth, request};
    let result = async {
        let ctx = request::context().await?;
        let admin = auth::require_role(&ctx.state, &ctx.session, Role::Admin).await?;
        reviews::moderate(&ctx.state, &admin, review_id, hide, &reason).await
    }
    .await;
    request::finish(result)
}
