//! `POST /api/admin_mail`: the development outbox and failed jobs, for admins.

use crate::dto::mail_views::MailOverview;
use crate::error::AppError;
use leptos::prelude::*;

/// The newest mails (optionally only to addresses containing `to`), failed jobs and the
/// number of queued jobs. Admins only.
#[server(endpoint = "admin_mail", output = crate::wire::TextJson)]
pub async fn admin_mail(to: String) -> Result<MailOverview, AppError> {
    use crate::domain::Role;
    use crate::server::{auth, error::Doing, mail, request};
    let result = async {
        let ctx = request::context().await?;
        auth::require_role(&ctx.state, &ctx.session, Role::Admin).await?;
        if to.chars().count() > 254 {
            return Err(AppError::BadRequest.into());
        }
        mail::admin_overview::overview(&ctx.state.db, to.trim()).await.doing("loading the outbox")
    }
    .await;
    request::finish(result)
}
