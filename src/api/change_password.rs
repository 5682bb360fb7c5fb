//! `POST /api/change_password`: change one's own password.

use crate::error::AppError;
use leptos::prelude::*;

/// Changes the caller's password; every other session of theirs ends.
#[server(endpoint = "change_password", output = crate::wire::TextJson)]
pub async fn change_password(
    current_password: String,
    new_password: String,
    confirm_password: String,
) -> Result<(), AppError> {
    use crate::domain::{Field, FieldErrorCode};
    use crate::paths;
    use crate::server::{auth, request, services};
    let result = async {
        let ctx = request::context().await?;
        let user = auth::require_user(&ctx.state, &ctx.session).await?;
        if new_password != confirm_password {
            return Err(AppError::field(Field::ConfirmPassword, FieldErrorCode::Mismatch).into());
        }
        services::change_password::change_password(
            &ctx.state,
            &ctx.session,
            &user,
            &current_password,
            &new_password,
        )
        .await
    }
    .await;
    request::finish_with_redirect(result, Some(&format!("{}?password_changed=1", paths::ACCOUNT)))
}
