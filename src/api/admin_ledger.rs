//! `POST /api/admin_ledger`: the ledger audit for admins.

use crate::dto::payment_views::AuditView;
use crate::error::AppError;
use leptos::prelude::*;

/// The reconciliation check, withdrawal requests, and the newest transactions (optionally of
/// one `kind` and `status`). Admins only.
#[server(endpoint = "admin_ledger", output = crate::wire::TextJson)]
pub async fn admin_ledger(
    #[server(default)] kind: String,
    #[server(default)] status: String,
) -> Result<AuditView, AppError> {
    use crate::domain::Role;
    use crate::domain::payment::TransactionKind;
    use crate::server::payments::{audit, earnings};
    use crate::server::{auth, error::Doing, request};
    let result = async {
        let ctx = request::context().await?;
        auth::require_role(&ctx.state, &ctx.session, Role::Admin).await?;
        let kind = match kind.as_str() {
            "" => None,
            other => Some(TransactionKind::parse(other).ok_or(AppError::BadRequest)?),
        };
        let status = match status.as_str() {
            "" => None,
            s @ ("posted" | "declined" | "pending") => Some(s),
            _ => return Err(AppError::BadRequest.into()),
        };
        let db = &ctx.state.db;
        Ok(AuditView {
            reconciliation: audit::reconciliation(db).await.doing("loading the ledger")?,
            transactions: audit::transactions(db, kind, status)
                .await
                .doing("loading the ledger")?,
            withdrawals: earnings::withdrawals(db, None).await.doing("loading the ledger")?,
        })
    }
    .await;
    request::finish(result)
}
