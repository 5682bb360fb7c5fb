//! `POST /api/my_wallet`: the caller's wallet page.

use crate::dto::payment_views::WalletView;
use crate::error::AppError;
use leptos::prelude::*;

/// The caller's balances, their history filtered by `kind` and the UTC days `from`–`to`
/// (YYYY-MM-DD, each optional), and a fresh deposit key. Patients only.
#[server(endpoint = "my_wallet", output = crate::wire::TextJson)]
pub async fn my_wallet(
    #[server(default)] kind: String,
    #[server(default)] from: String,
    #[server(default)] to: String,
) -> Result<WalletView, AppError> {
    use crate::domain::Role;
    use crate::dto::payment_views::HistoryFilter;
    use crate::server::payments::{card_refunds, history};
    use crate::server::{auth, error::Doing, fresh_key, request};
    let result = async {
        let ctx = request::context().await?;
        let patient = auth::require_role(&ctx.state, &ctx.session, Role::Patient).await?;
        let filter = history::parse_filter(&HistoryFilter { kind, from, to })?;
        let payments = &ctx.state.config.payments;
        Ok(WalletView {
            balances: history::balances(&ctx.state.db, patient.id, payments.currency)
                .await
                .doing("loading a wallet")?,
            history: history::history(&ctx.state.db, patient.id, &filter)
                .await
                .doing("loading a wallet")?,
            deposit_key: fresh_key::fresh_key()?,
            default_currency: payments.currency,
            max_deposit: payments.max_deposit,
            cards_accepted: ctx.state.payments.is_some(),
            refundable: card_refunds::refundable(&ctx.state.db, patient.id)
                .await
                .doing("loading a wallet")?,
            refund_key: fresh_key::fresh_key()?,
        })
    }
    .await;
    request::finish(result)
}
