//! `POST /api/edit_review`: the author changes their review within 14 days.

use crate::error::AppError;
use leptos::prelude::*;

/// Changes the caller's review `review_id`: stars, text and anonymity.
#[server(endpoint = "edit_review", output = crate::wire::TextJson)]
pub async fn edit_review(
    review_id: i64,
    stars: String,
    #[server(default)] review_body: String,
    anonymous: Option<String>,
) -> Result<(), AppError> {
    use crate::domain::Role;
    use crate::server::services::reviews::{self, ReviewInput};
    use crate::server::{auth, request};
    let result = async {
        let ctx = request::context().await?;
        let patient = auth::require_role(&ctx.state, &ctx.session, Role::Patient).await?;
        let input =
            ReviewInput { stars: &stars, body: &review_body, anonymous: anonymous.is_some() };
        reviews::edit(&ctx.state, &patient, review_id, &input).await
    }
    .await;
    request::finish(result)
}
