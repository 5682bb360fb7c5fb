//! `POST /api/mark_notifications_read`: marks one of the caller's notices read, or all.

use crate::error::AppError;
use leptos::prelude::*;

/// Marks notice `id` read (it must be the caller's), or every notice when `id` is absent.
/// Returns how many changed.
#[server(endpoint = "mark_notifications_read", output = crate::wire::TextJson)]
pub async fn mark_notifications_read(id: Option<i64>) -> Result<u64, AppError> {
    use crate::paths;
    use crate::server::{auth, error::Doing, notifications, request};
    let result = async {
        let ctx = request::context().await?;
        let user = auth::require_user(&ctx.state, &ctx.session).await?;
        notifications::mark_read(&ctx.state.writer, user.id.0, id, ctx.state.clock.now())
            .await
            .doing("marking notifications read")?
            .ok_or_else(|| AppError::NotFound.into())
    }
    .await;
    request::finish_redirecting_forms(result, Some(paths::NOTIFICATIONS))
}
