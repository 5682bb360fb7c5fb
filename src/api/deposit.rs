//! `POST /api/deposit`: a patient adds money to their wallet by card.

use crate::dto::payment_views::DepositView;
use crate::error::AppError;
use leptos::prelude::*;

/// Charges the card and credits the caller's wallet with `amount` (a decimal like `25.50`) in
/// `currency`. The same `idempotency_key` (from the form) is charged once.
#[server(endpoint = "deposit", output = crate::wire::TextJson)]
#[allow(clippy::too_many_arguments)]
pub async fn deposit(
    amount: String,
    currency: String,
    card_number: String,
    card_expiry: String,
    card_cvc: String,
    card_holder: String,
    idempotency_key: String,
) -> Result<DepositView, AppError> {
    use crate::domain::Role;
    use crate::paths;
    use crate::server::{auth, request, services};
    let result = async {
        let ctx = request::context().await?;
        let patient = auth::require_role(&ctx.state, &ctx.session, Role::Patient).await?;
        let input = services::deposit::DepositInput {
            amount: &amount,
            currency: &currency,
            card_number: &card_number,
            card_expiry: &card_expiry,
            card_cvc: &card_cvc,
            card_holder: &card_holder,
            idempotency_key: &idempotency_key,
        };
        services::deposit::deposit(&ctx.state, &patient, &input).await
    }
    .await;
    request::finish_redirecting_forms(result, Some(&format!("{}?deposited=1", paths::WALLET)))
}
