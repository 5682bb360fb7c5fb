//! `POST /api/current_user`: who is signed in (if anyone).

use crate::dto::session_user::SessionUser;
use crate::error::AppError;
use leptos::prelude::*;

/// The signed-in user (with their unread notice count), or `None` for a visitor.
#[server(endpoint = "current_user", output = crate::wire::TextJson)]
pub async fn current_user() -> Result<Option<SessionUser>, AppError> {
    use crate::server::{auth, error::Doing, notifications, request};
    let result = async {
        let ctx = request::context().await?;
        let Some(mut user) = auth::current_user(&ctx.state, &ctx.session).await? else {
            return Ok(None);
        };
        user.unread_notifications = notifications::unread_count(&ctx.state.db, user.id.0)
            .await
            .doing("counting notifications")?;
        Ok(Some(user))
    }
    .await;
    request::finish(result)
}
