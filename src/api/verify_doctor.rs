//! `POST /api/verify_doctor`: an admin verifies a doctor.

use crate::error::AppError;
use leptos::prelude::*;

/// Verifies the doctor with id `user_id` (admins only).
#[server(endpoint = "verify_doctor", output = crate::wire::TextJson)]
pub async fn verify_doctor(user_id: i64) -> Result<(), AppError> {
    use crate::domain::{Role, UserId};
    use crate::server::{auth, request, services};
    let result = async {
        let ctx = request::context().await?;
        let admin = auth::require_role(&ctx.state, &ctx.session, Role::Admin).await?;
        services::accounts_admin::verify_doctor(&ctx.state, &admin, UserId(user_id)).await
    }
    .await;
    request::finish(result)
}
