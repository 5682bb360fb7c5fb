//! `POST /api/reset_password`: a new password, with the code emailed to the account's address.

use crate::error::AppError;
use leptos::prelude::*;

/// Sets `new_password` for the account with `email` if `code` is its live reset code; every
/// session of the account ends.
#[server(endpoint = "reset_password", output = crate::wire::TextJson)]
pub async fn reset_password(
    email: String,
    code: String,
    new_password: String,
) -> Result<(), AppError> {
    use crate::paths;
    use crate::server::{request, services};
    let result = async {
        let ctx = request::context().await?;
        services::password_reset::reset_password(&ctx.state, &email, &code, &new_password).await
    }
    .await;
    request::finish_with_redirect(result, Some(&format!("{}?reset=1", paths::LOGIN)))
}
