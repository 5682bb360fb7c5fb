//! `POST /api/add_specialty`: an admin adds a specialty.

use crate::error::AppError;
use leptos::prelude::*;

/// Adds a specialty called `name` (admins only); a taken name is refused at the field.
#[server(endpoint = "add_specialty", output = crate::wire::TextJson)]
pub async fn add_specialty(name: String) -> Result<(), AppError> {
    use crate::domain::Role;
    use crate::paths;
    use crate::server::{auth, request, services};
    let result = async {
        let ctx = request::context().await?;
        auth::require_role(&ctx.state, &ctx.session, Role::Admin).await?;
        services::specialties::add(&ctx.state, &name).await.map(|_| ())
    }
    .await;
    request::finish_redirecting_forms(result, Some(paths::ADMIN_SPECIALTIES))
}
