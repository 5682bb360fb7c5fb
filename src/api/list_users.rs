//! `POST /api/list_users`: the admin's user list.

use crate::dto::user_view::UserView;
use crate::error::AppError;
use leptos::prelude::*;

/// Most users shown at once.
pub const PAGE_SIZE: i64 = 200;

/// Users matching the filter (admins only): `show` is a role, `unverified` or empty; `search`
/// matches name, username or email.
#[server(endpoint = "list_users")]
pub async fn list_users(show: String, search: String) -> Result<Vec<UserView>, AppError> {
    use crate::domain::Role;
    use crate::dto::user_filter::UserFilter;
    use crate::server::{auth, error::Doing, request, users};
    let filter = UserFilter { show, search };
    let result = async {
        let ctx = request::context().await?;
        auth::require_role(&ctx.state, &ctx.session, Role::Admin).await?;
        if filter.search.chars().count() > 100 {
            return Err(AppError::BadRequest.into());
        }
        users::list_views(&ctx.state.db, &filter, PAGE_SIZE).await.doing("listing users")
    }
    .await;
    request::finish(result)
}
