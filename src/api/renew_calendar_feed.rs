//! `POST /api/renew_calendar_feed`: a new secret calendar subscription address.

use crate::dto::calendar_feed::NewFeedAddress;
use crate::error::AppError;
use leptos::prelude::*;

/// Makes the caller a new subscription address, shown once; an earlier one stops working.
#[server(endpoint = "renew_calendar_feed", output = crate::wire::TextJson)]
pub async fn renew_calendar_feed() -> Result<NewFeedAddress, AppError> {
    use crate::server::services::calendar_feed;
    use crate::server::{auth, request};
    let result = async {
        let ctx = request::context().await?;
        let user = auth::require_user(&ctx.state, &ctx.session).await?;
        calendar_feed::renew(&ctx.state, &user).await
    }
    .await;
    request::finish(result)
}
