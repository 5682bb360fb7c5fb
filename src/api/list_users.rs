//! `POST /api/list_users`: the admin's user list.

use crate::dto::user_view::UserView;
use crate::error::AppError;
use leptos::prelude::*;

/// Users matching the filter (admins only): `show` is a role, `unverified` or empty; `search`
/// matches name, username or email.
#[server(endpoint = "list_users", output = crate::wire::TextJson)]
pub async fn list_users(show: String, search: String) -> Result<Vec<UserView>, AppError> {
    use crate::domain::Role;
    use crate::dto::user_filter::UserFilter;
    use crate::server::{auth, request, services};
    let filter = UserFilter { show, search };
    let result = async {
        let ctx = request::context().await?;
        auth::require_role(&ctx.state, &ctx.session, Role::Admin).await?;
        services::accounts_admin::list_users(&ctx.state, &filter).await
    }
    .await;
    request::finish(result)
}
