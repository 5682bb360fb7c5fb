//! `POST /api/my_calendar_feed`: whether the caller has a calendar subscription address.

use crate::dto::calendar_feed::CalendarFeedView;
use crate::error::AppError;
use leptos::prelude::*;

/// The caller's calendar subscription (patients and doctors).
#[server(endpoint = "my_calendar_feed", output = crate::wire::TextJson)]
pub async fn my_calendar_feed() -> Result<CalendarFeedView, AppError> {
    use crate::server::services::calendar_feed;
    use crate::server::{auth, request};
    let result = async {
        let ctx = request::context().await?;
        let user = auth::require_user(&ctx.state, &ctx.session).await?;
        calendar_feed::view(&ctx.state, &user).await
    }
    .await;
    request::finish(result)
}
