//! `POST /api/list_specialties`: the specialties doctors register under.

use crate::dto::specialty::Specialty;
use crate::error::AppError;
use leptos::prelude::*;

/// All specialties, by name (public).
#[server(endpoint = "list_specialties", output = crate::wire::TextJson)]
pub async fn list_specialties() -> Result<Vec<Specialty>, AppError> {
    use crate::server::{error::Doing, request};
    let result = async {
        let ctx = request::context().await?;
        ctx.state.reference.specialties(&ctx.state.db).await.doing("listing specialties")
    }
    .await;
    request::finish(result)
}
