//! `POST /api/retry_job`: an admin queues a failed job again.

use crate::error::AppError;
use leptos::prelude::*;

/// Queues failed job `id` to run now (admins only). Meant for a mail that never arrived, e.g.
/// one whose SMTP send was cut short and is not retried automatically.
#[server(endpoint = "retry_job", output = crate::wire::TextJson)]
pub async fn retry_job(id: i64) -> Result<(), AppError> {
    use crate::domain::Role;
    use crate::paths;
    use crate::server::{auth, error::Doing, jobs, request};
    let result = async {
        let ctx = request::context().await?;
        auth::require_role(&ctx.state, &ctx.session, Role::Admin).await?;
        let requeued = jobs::retry_failed(&ctx.state.writer, id, ctx.state.clock.now())
            .await
            .doing("retrying a job")?;
        if requeued { Ok(()) } else { Err(AppError::NotFound.into()) }
    }
    .await;
    request::finish_redirecting_forms(result, Some(paths::ADMIN_MAIL))
}
