//! `POST /api/my_wallet`: the caller's wallet page.

use crate::api::payment_views::WalletView;
use crate::error::AppError;
use leptos::prelude::*;

/// The caller's balances, their history filtered by `kind` and the UTC days `from`–`to`
/// (YYYY-MM-DD, each optional), and a fresh deposit key. Patients only.
#[server(endpoint = "my_wallet")]
pub async fn my_wallet(
    #[server(default)] kind: String,
    #[server(default)] from: String,
    #[server(default)] to: String,
) -> Result<WalletView, AppError> {
    use crate::api::payment_views::HistoryFilter;
    use crate::domain::Role;
    use crate::server::payments::history;
    use crate::server::{auth, failure::internal, request, services};
    let ctx = request::context().await?;
    let result = async {
        let patient = auth::require_role(&ctx.state, &ctx.session, Role::Patient).await?;
        let filter = history::parse_filter(&HistoryFilter { kind, from, to })?;
        let payments = &ctx.state.config.payments;
        let fail = |e| internal("loading a wallet", e);
        Ok(WalletView {
            balances: history::balances(&ctx.state.db, patient.id, payments.currency)
                .await
                .map_err(fail)?,
            history: history::history(&ctx.state.db, patient.id, &filter).await.map_err(fail)?,
            deposit_key: services::deposit::fresh_key(),
            default_currency: payments.currency,
            max_deposit: payments.max_deposit,
        })
    }
    .await;
    request::finish(result)
}
