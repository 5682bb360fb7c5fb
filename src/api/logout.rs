//! `POST /api/logout`: end the session.

use crate::error::AppError;
use leptos::prelude::*;

/// Signs out and returns to the home page.
#[server(endpoint = "logout")]
pub async fn logout() -> Result<(), AppError> {
    use crate::server::{auth, request};
    let ctx = request::context().await?;
    request::finish_with_redirect(auth::sign_out(&ctx.session).await, Some("/"))
}
