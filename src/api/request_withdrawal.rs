//! `POST /api/request_withdrawal`: a doctor asks to be paid their earnings.

use crate::error::AppError;
use leptos::prelude::*;

/// Requests a payout of `amount` in `currency` from the caller's earnings; an admin approves
/// it. Doctors only.
#[server(endpoint = "request_withdrawal", output = crate::wire::TextJson)]
pub async fn request_withdrawal(amount: String, currency: String) -> Result<i64, AppError> {
    use crate::domain::Role;
    use crate::server::{auth, request, services};
    let result = async {
        let ctx = request::context().await?;
        let doctor = auth::require_role(&ctx.state, &ctx.session, Role::Doctor).await?;
        services::withdrawals::request(&ctx.state, &doctor, &amount, &currency, None).await
    }
    .await;
    request::finish(result)
}
