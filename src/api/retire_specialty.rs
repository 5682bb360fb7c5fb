//! `POST /api/retire_specialty`: an admin retires a specialty, or offers it again.

use crate::error::AppError;
use leptos::prelude::*;

/// Retires specialty `id` (`retired` true) or brings it back (admins only). Its doctors keep it
/// either way; a retired one is offered to nobody new.
#[server(endpoint = "retire_specialty", output = crate::wire::TextJson)]
pub async fn retire_specialty(id: i64, retired: bool) -> Result<(), AppError> {
    use crate::domain::{Role, SpecialtyId};
    use crate::paths;
    use crate::server::{auth, request, services};
    let result = async {
        let ctx = request::context().await?;
        auth::require_role(&ctx.state, &ctx.session, Role::Admin).await?;
        services::specialties::set_retired(&ctx.state, SpecialtyId(id), retired).await
    }
    .await;
    request::finish_redirecting_forms(result, Some(paths::ADMIN_SPECIALTIES))
}
