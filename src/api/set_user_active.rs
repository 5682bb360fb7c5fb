//! `POST /api/set_user_active`: an admin deactivates or reactivates a user.

use crate::error::AppError;
use leptos::prelude::*;

/// Sets whether user `user_id` may sign in (admins only). Deactivation ends their sessions.
#[server(endpoint = "set_user_active", output = crate::wire::TextJson)]
pub async fn set_user_active(user_id: i64, active: bool) -> Result<(), AppError> {
    use crate::domain::{Role, UserId};
    use crate::server::{auth, request, services};
    let result = async {
        let ctx = request::context().await?;
        let admin = auth::require_role(&ctx.state, &ctx.session, Role::Admin).await?;
        services::accounts_admin::set_user_active(&ctx.state, &admin, UserId(user_id), active).await
    }
    .await;
    request::finish(result)
}
