//! `POST /api/request_password_reset`: emails a password reset code, if the address has an account.

use crate::error::AppError;
use leptos::prelude::*;

/// Sends a reset code to `email` when an active account has it; the answer never says whether
/// one does.
#[server(endpoint = "request_password_reset", output = crate::wire::TextJson)]
pub async fn request_password_reset(email: String) -> Result<(), AppError> {
    use crate::paths;
    use crate::server::{request, services};
    let result = async {
        let ctx = request::context().await?;
        ctx.state.limits.code_request(ctx.client)?;
        services::password_reset::request_password_reset(&ctx.state, &email).await
    }
    .await;
    request::finish_redirecting_forms(result, Some(&format!("{}?sent=1", paths::FORGOT_PASSWORD)))
}
