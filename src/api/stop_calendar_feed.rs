//! `POST /api/stop_calendar_feed`: the caller's subscription address stops working.

use crate::error::AppError;
use leptos::prelude::*;

/// Stops the caller's calendar feed (its address answers 404 at once).
#[server(endpoint = "stop_calendar_feed", output = crate::wire::TextJson)]
pub async fn stop_calendar_feed() -> Result<(), AppError> {
    use crate::server::services::calendar_feed;
    use crate::server::{auth, request};
    let result = async {
        let ctx = request::context().await?;
        let user = auth::require_user(&ctx.state, &ctx.session).await?;
        calendar_feed::stop(&ctx.state, &user).await
    }
    .await;
    request::finish(result)
}
