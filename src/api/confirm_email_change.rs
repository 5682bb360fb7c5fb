//! `POST /api/confirm_email_change`: the code mailed to the new address makes it the account's.

use crate::error::AppError;
use leptos::prelude::*;

/// Confirms the pending email change with `code` (the old address is told, other sessions
/// end); answers the new address.
#[server(endpoint = "confirm_email_change", output = crate::wire::TextJson)]
pub async fn confirm_email_change(code: String) -> Result<String, AppError> {
    use crate::paths;
    use crate::server::{auth, request, services};
    let result = async {
        let ctx = request::context().await?;
        let user = auth::require_user(&ctx.state, &ctx.session).await?;
        services::email_change::confirm_email_change(&ctx.state, &ctx.session, &user, &code).await
    }
    .await;
    request::finish_redirecting_forms(
        result,
        Some(&format!("{}?email_changed=1#email", paths::ACCOUNT)),
    )
}
