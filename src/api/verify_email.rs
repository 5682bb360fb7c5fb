//! `POST /api/verify_email`: the signed-in user enters the code emailed to them.

use crate::error::AppError;
use leptos::prelude::*;

/// Verifies the caller's email address with `code`.
#[server(endpoint = "verify_email", output = crate::wire::TextJson)]
pub async fn verify_email(code: String) -> Result<(), AppError> {
    use crate::paths;
    use crate::server::{auth, request, services};
    let result = async {
        let ctx = request::context().await?;
        let user = auth::require_user(&ctx.state, &ctx.session).await?;
        services::email_verification::verify_email(&ctx.state, &user, &code).await
    }
    .await;
    request::finish_redirecting_forms(result, Some(&format!("{}?verified=1", paths::VERIFY_EMAIL)))
}
