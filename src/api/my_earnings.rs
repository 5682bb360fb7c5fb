//! `POST /api/my_earnings`: the caller's earnings page.

use crate::dto::payment_views::EarningsView;
use crate::error::AppError;
use leptos::prelude::*;

/// The caller's earnings per month and per appointment, and their withdrawal requests.
/// Doctors only.
#[server(endpoint = "my_earnings")]
pub async fn my_earnings() -> Result<EarningsView, AppError> {
    use crate::domain::Role;
    use crate::server::payments::earnings;
    use crate::server::{auth, error::Doing, request};
    let result = async {
        let ctx = request::context().await?;
        let doctor = auth::require_role(&ctx.state, &ctx.session, Role::Doctor).await?;
        let db = &ctx.state.db;
        let (balances, available) =
            earnings::balances(db, doctor.id).await.doing("loading earnings")?;
        Ok(EarningsView {
            balances,
            available,
            months: earnings::months(db, doctor.id).await.doing("loading earnings")?,
            lines: earnings::lines(db, doctor.id).await.doing("loading earnings")?,
            withdrawals: earnings::withdrawals(db, Some(doctor.id))
                .await
                .doing("loading earnings")?,
            default_currency: ctx.state.config.payments.currency,
        })
    }
    .await;
    request::finish(result)
}
