//! `POST /api/list_specialties`: the specialties doctors register under.

use crate::api::specialty::Specialty;
use crate::error::AppError;
use leptos::prelude::*;

/// All specialties, by name (public).
#[server(endpoint = "list_specialties")]
pub async fn list_specialties() -> Result<Vec<Specialty>, AppError> {
    use crate::server::{doctors, failure::internal, request};
    let ctx = request::context().await?;
    let result = doctors::list_specialties(&ctx.state.db)
        .await
        .map_err(|e| internal("listing specialties", e));
    request::finish(result)
}
