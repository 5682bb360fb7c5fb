//! `POST /api/current_user`: who is signed in (if anyone).

use crate::api::session_user::SessionUser;
use crate::error::AppError;
use leptos::prelude::*;

/// The signed-in user, or `None` for a visitor.
#[server(endpoint = "current_user")]
pub async fn current_user() -> Result<Option<SessionUser>, AppError> {
    use crate::server::{auth, request};
    let ctx = request::context().await?;
    request::finish(auth::current_user(&ctx.state, &ctx.session).await)
}
