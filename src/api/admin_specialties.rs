//! `POST /api/admin_specialties`: the specialty list with its doctor counts, for admins.

use crate::dto::specialty_admin::SpecialtyRow;
use crate::error::AppError;
use leptos::prelude::*;

/// Every specialty, retired ones included, with how many doctors have it (admins only).
#[server(endpoint = "admin_specialties", output = crate::wire::TextJson)]
pub async fn admin_specialties() -> Result<Vec<SpecialtyRow>, AppError> {
    use crate::domain::Role;
    use crate::server::{auth, request, services};
    let result = async {
        let ctx = request::context().await?;
        auth::require_role(&ctx.state, &ctx.session, Role::Admin).await?;
        services::specialties::overview(&ctx.state).await
    }
    .await;
    request::finish(result)
}
