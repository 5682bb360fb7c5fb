//! `POST /api/unread_notifications`: the number on the bell.

use crate::error::AppError;
use leptos::prelude::*;

/// How many of the caller's notices are unread (0 for a visitor).
#[server(endpoint = "unread_notifications", output = crate::wire::TextJson)]
pub async fn unread_notifications() -> Result<i64, AppError> {
    use crate::server::{auth, error::Doing, notifications, request};
    let result = async {
        let ctx = request::context().await?;
        let Some(user) = auth::current_user(&ctx.state, &ctx.session).await? else {
            return Ok(0);
        };
        notifications::unread_count(&ctx.state.db, user.id.0).await.doing("counting notifications")
    }
    .await;
    request::finish(result)
}
