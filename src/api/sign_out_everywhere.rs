//! `POST /api/sign_out_everywhere`: end every session of the caller, on every device.

use crate::error::AppError;
use leptos::prelude::*;

/// Ends all of the caller's sessions (this one too) and returns to the sign-in page.
#[server(endpoint = "sign_out_everywhere", output = crate::wire::TextJson)]
pub async fn sign_out_everywhere() -> Result<(), AppError> {
    use crate::paths;
    use crate::server::{auth, request};
    let result = async {
        let ctx = request::context().await?;
        let user = auth::require_user(&ctx.state, &ctx.session).await?;
        auth::sign_out_everywhere(&ctx.state, &ctx.session, user.id).await
    }
    .await;
    request::finish_with_redirect(
        result,
        Some(&format!("{}?signed_out_everywhere=1", paths::LOGIN)),
    )
}
