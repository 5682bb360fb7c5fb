//! `POST /api/request_email_change`: mail a code to the address the caller wants instead.

use crate::error::AppError;
use leptos::prelude::*;

/// Checks the caller's password and mails a code to `email`; the address changes only when
/// the code is entered ([`super::confirm_email_change`]).
#[server(endpoint = "request_email_change", output = crate::wire::TextJson)]
pub async fn request_email_change(email: String, current_password: String) -> Result<(), AppError> {
    use crate::paths;
    use crate::server::{auth, request, services};
    let result = async {
        let ctx = request::context().await?;
        let user = auth::require_user(&ctx.state, &ctx.session).await?;
        ctx.state.limits.code_request(ctx.client)?;
        services::email_change::request_email_change(&ctx.state, &user, &email, &current_password)
            .await
    }
    .await;
    request::finish_redirecting_forms(
        result,
        Some(&format!("{}?email_code=1#email", paths::ACCOUNT)),
    )
}
