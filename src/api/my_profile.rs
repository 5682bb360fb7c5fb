//! `POST /api/my_profile`: the signed-in user's own profile.

use crate::dto::user_view::UserView;
use crate::error::AppError;
use leptos::prelude::*;

/// The caller's profile, with doctor verification state.
#[server(endpoint = "my_profile", output = crate::wire::TextJson)]
pub async fn my_profile() -> Result<UserView, AppError> {
    use crate::server::{auth, error::Doing, request, users};
    let result = async {
        let ctx = request::context().await?;
        let user = auth::require_user(&ctx.state, &ctx.session).await?;
        users::find_view(&ctx.state.db, user.id)
            .await
            .doing("loading profile")?
            .ok_or_else(|| AppError::Unauthenticated.into())
    }
    .await;
    request::finish(result)
}
