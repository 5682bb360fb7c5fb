//! `POST /api/my_profile`: the signed-in user's own profile.

use crate::api::user_view::UserView;
use crate::error::AppError;
use leptos::prelude::*;

/// The caller's profile, with doctor verification state.
#[server(endpoint = "my_profile")]
pub async fn my_profile() -> Result<UserView, AppError> {
    use crate::server::{auth, failure::internal, request, users};
    let ctx = request::context().await?;
    let result = async {
        let user = auth::require_user(&ctx.state, &ctx.session).await?;
        users::find_view(&ctx.state.db, user.id)
            .await
            .map_err(|e| internal("loading profile", e))?
            .ok_or(AppError::Unauthenticated)
    }
    .await;
    request::finish(result)
}
