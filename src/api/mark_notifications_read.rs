//! `POST /api/mark_notifications_read`: marks one of the caller's notices read, or all.

use crate::error::AppError;
use leptos::prelude::*;

/// Marks notice `id` read (it must be the caller's), or every notice when `id` is absent.
/// Returns how many changed.
#[server(endpoint = "mark_notifications_read")]
pub async fn mark_notifications_read(id: Option<i64>) -> Result<u64, AppError> {
    use crate::server::{auth, failure::internal, notifications, request};
    let ctx = request::context().await?;
    let result = async {
        let user = auth::require_user(&ctx.state, &ctx.session).await?;
        notifications::mark_read(&ctx.state.writer, user.id.0, id, ctx.state.now_unix())
            .await
            .map_err(|e| internal("marking notifications read", e))?
            .ok_or(AppError::NotFound)
    }
    .await;
    request::finish_redirecting_forms(result, Some("/notifications"))
}
