//! `POST /api/my_dashboard`: the signed-in user's home page.

use crate::dto::dashboards::Dashboard;
use crate::error::AppError;
use leptos::prelude::*;

/// What needs doing now, for the caller's role.
#[server(endpoint = "my_dashboard", output = crate::wire::TextJson)]
pub async fn my_dashboard() -> Result<Dashboard, AppError> {
    use crate::server::services::dashboards;
    use crate::server::{auth, request};
    let result = async {
        let ctx = request::context().await?;
        let user = auth::require_user(&ctx.state, &ctx.session).await?;
        dashboards::dashboard(&ctx.state, &user).await
    }
    .await;
    request::finish(result)
}
