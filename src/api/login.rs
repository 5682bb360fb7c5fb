//! `POST /api/login`: sign in by username or email.

use crate::dto::session_user::SessionUser;
use crate::error::AppError;
use leptos::prelude::*;

/// Signs in; `remember` is present (any value) when "remember me" is ticked.
#[server(endpoint = "login", output = crate::wire::TextJson)]
pub async fn login(
    login: String,
    password: String,
    remember: Option<String>,
) -> Result<SessionUser, AppError> {
    use crate::paths;
    use crate::server::{request, services};
    let result = async {
        let ctx = request::context().await?;
        ctx.state.limits.sign_in(ctx.client)?;
        services::login::login(&ctx.state, &ctx.session, &login, &password, remember.is_some())
            .await
    }
    .await;
    request::finish_with_redirect(result, Some(paths::HOME))
}
