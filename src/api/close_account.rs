//! `POST /api/close_account`: a patient or doctor closes their own account.

use crate::error::AppError;
use leptos::prelude::*;

/// Closes the caller's account (their password again, and the box ticked to show they mean
/// it); signs them out and goes to the home page.
#[server(endpoint = "close_account", output = crate::wire::TextJson)]
pub async fn close_account(
    password: String,
    #[server(default)] understood: Option<String>,
) -> Result<(), AppError> {
    use crate::domain::{Field, FieldErrorCode};
    use crate::paths;
    use crate::server::{auth, request, services};
    let result = async {
        let ctx = request::context().await?;
        let user = auth::require_user(&ctx.state, &ctx.session).await?;
        if understood.is_none() {
            return Err(AppError::field(Field::Confirmation, FieldErrorCode::Required).into());
        }
        services::account_closing::close(&ctx.state, &user, &password).await?;
        auth::sign_out(&ctx.session).await
    }
    .await;
    request::finish_with_redirect(result, Some(&format!("{}?account_closed=1", paths::HOME)))
}
