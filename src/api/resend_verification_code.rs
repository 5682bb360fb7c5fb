//! `POST /api/resend_verification_code`: emails the signed-in user a new verification code.

use crate::error::AppError;
use leptos::prelude::*;

/// Sends a new code within the resend limits; false when the address is already verified.
#[server(endpoint = "resend_verification_code", output = crate::wire::TextJson)]
pub async fn resend_verification_code() -> Result<bool, AppError> {
    use crate::paths;
    use crate::server::{auth, request, services};
    let result = async {
        let ctx = request::context().await?;
        let user = auth::require_user(&ctx.state, &ctx.session).await?;
        ctx.state.limits.code_request(ctx.client)?;
        services::email_verification::resend_verification_code(&ctx.state, &user).await
    }
    .await;
    request::finish_redirecting_forms(result, Some(&format!("{}?sent=1", paths::VERIFY_EMAIL)))
}
