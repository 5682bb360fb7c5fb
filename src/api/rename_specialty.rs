//! `POST /api/rename_specialty`: an admin renames a specialty.

use crate::error::AppError;
use leptos::prelude::*;

/// Renames specialty `id` to `name` (admins only); its doctors are found under the new name.
#[server(endpoint = "rename_specialty", output = crate::wire::TextJson)]
pub async fn rename_specialty(id: i64, name: String) -> Result<(), AppError> {
    use crate::domain::{Role, SpecialtyId};
    use crate::paths;
    use crate::server::{auth, request, services};
    let result = async {
        let ctx = request::context().await?;
        auth::require_role(&ctx.state, &ctx.session, Role::Admin).await?;
        services::specialties::rename(&ctx.state, SpecialtyId(id), &name).await
    }
    .await;
    request::finish_redirecting_forms(result, Some(paths::ADMIN_SPECIALTIES))
}
