//! `POST /api/logout`: end the session.

use crate::error::AppError;
use leptos::prelude::*;

/// Signs out and returns to the home page.
#[server(endpoint = "logout", output = crate::wire::TextJson)]
pub async fn logout() -> Result<(), AppError> {
    use crate::paths;
    use crate::server::{auth, request};
    let result = async {
        let ctx = request::context().await?;
        auth::sign_out(&ctx.session).await
    }
    .await;
    request::finish_with_redirect(result, Some(paths::HOME))
}
