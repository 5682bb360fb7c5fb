//! `POST /api/send_credit_to_card`: a patient sends wallet credit back to a deposit's card.

use crate::dto::payment_views::CardRefundView;
use crate::error::AppError;
use leptos::prelude::*;

/// Sends `refund_amount` of the caller's wallet back to the card of their deposit `deposit_id`
/// (patients only); the same `idempotency_key` sends once.
#[server(endpoint = "send_credit_to_card", output = crate::wire::TextJson)]
pub async fn send_credit_to_card(
    deposit_id: String,
    refund_amount: String,
    idempotency_key: String,
) -> Result<CardRefundView, AppError> {
    use crate::domain::Role;
    use crate::server::services::card_refund::{self, CardRefundInput};
    use crate::server::{auth, request};
    let result = async {
        let ctx = request::context().await?;
        let patient = auth::require_role(&ctx.state, &ctx.session, Role::Patient).await?;
        let input = CardRefundInput {
            deposit_id: &deposit_id,
            amount: &refund_amount,
            idempotency_key: &idempotency_key,
        };
        card_refund::send_back(&ctx.state, &patient, &input).await
    }
    .await;
    request::finish(result)
}
