//! `POST /api/my_notifications`: the caller's newest notices about their appointments.

use crate::dto::notification_views::NotificationList;
use crate::error::AppError;
use leptos::prelude::*;

/// The caller's newest notices (newest first) and the unread count.
#[server(endpoint = "my_notifications", output = crate::wire::TextJson)]
pub async fn my_notifications() -> Result<NotificationList, AppError> {
    use crate::server::{auth, error::Doing, notifications, request};
    let result = async {
        let ctx = request::context().await?;
        let user = auth::require_user(&ctx.state, &ctx.session).await?;
        notifications::list(&ctx.state.db, user.id.0).await.doing("listing notifications")
    }
    .await;
    request::finish(result)
}
