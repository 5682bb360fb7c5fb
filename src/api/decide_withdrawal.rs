//! `POST /api/decide_withdrawal`: an admin approves or rejects a withdrawal request.

use crate::error::AppError;
use leptos::prelude::*;

/// `decision` is `approve` (pays it out) or `reject` (with a `note`). Admins only.
#[server(endpoint = "decide_withdrawal", output = crate::wire::TextJson)]
pub async fn decide_withdrawal(
    id: i64,
    decision: String,
    #[server(default)] note: String,
) -> Result<String, AppError> {
    use crate::domain::Role;
    use crate::server::{auth, request, services};
    let result = async {
        let ctx = request::context().await?;
        let admin = auth::require_role(&ctx.state, &ctx.session, Role::Admin).await?;
        let approve = match decision.as_str() {
            "approve" => true,
            "reject" => false,
            _ => return Err(AppError::BadRequest.into()),
        };
        services::withdrawals::decide(&ctx.state, &admin, id, approve, &note).await
    }
    .await;
    request::finish(result)
}
