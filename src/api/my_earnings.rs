//! `POST /api/my_earnings`: the caller's earnings page.

use crate::dto::payment_views::EarningsView;
use crate::error::AppError;
use leptos::prelude::*;

/// The caller's earnings per month and per appointment, and their withdrawal requests.
/// Doctors only.
#[server(endpoint = "my_earnings", output = crate::wire::TextJson)]
pub async fn my_earnings() -> Result<EarningsView, AppError> {
    use crate::domain::Role;
    use crate::server::{auth, request, services};
    let result = async {
        let ctx = request::context().await?;
        let doctor = auth::require_role(&ctx.state, &ctx.session, Role::Doctor).await?;
        services::withdrawals::earnings_view(&ctx.state, &doctor).await
    }
    .await;
    request::finish(result)
}
