//! On the wallet page: sending unused credit back to the card of one of the patient's deposits.

use crate::api::send_credit_to_card::SendCreditToCard;
use crate::domain::Field;
use crate::domain::IdempotencyKey;
use crate::dto::payment_views::RefundableDeposit;
use crate::ui::components::{FieldMessages, FormAlert, TextField, use_form_error};
use crate::ui::format;
use leptos::form::ActionForm;
use leptos::prelude::*;

/// The deposits credit can go back to (each with its limit), an amount and the button; nothing
/// when no card deposit has anything left to take back.
#[component]
pub fn CardRefundForm(
    refundable: Vec<RefundableDeposit>,
    key: IdempotencyKey,
    action: ServerAction<SendCreditToCard>,
) -> impl IntoView {
    let error = use_form_error(action.value());
    let done = move || match action.value().get() {
        Some(Ok(done)) => Some(format!(
            "{} is on its way back to your card •••• {}. Your balance is now {}.",
            done.amount, done.card_last4, done.balance
        )),
        _ => None,
    };
    let empty = refundable.is_empty();
    view! {
        <section class="card" aria-labelledby="card-refund-title" data-testid="card-refund">
            <h2 id="card-refund-title">"Send credit back to your card"</h2>
            {move || done().map(|text| view! {
                <p class="alert alert-success" role="status" data-testid="card-refund-done">{text}</p>
            })}
            {if empty {
                view! {
                    <p class="muted">"Credit you added by card can go back to that card. You have none to send back."</p>
                }.into_any()
            } else {
                view! {
                    <FormAlert error />
                    <ActionForm action attr:class="form form-columns" attr:novalidate=true>
                        <input type="hidden" name="idempotency_key" value=key.to_string() />
                        <div class="field">
                            <label for="deposit_id">"Card"</label>
                            <select id="deposit_id" name="deposit_id" aria-describedby="deposit_id-error">
                                {refundable.into_iter().map(|d| view! {
                                    <option value=d.id.to_string()>{format!(
                                        "•••• {} · deposit of {} on {} · up to {}",
                                        d.card_last4, d.amount, format::date(d.at), d.up_to
                                    )}</option>
                                }).collect_view()}
                            </select>
                            <FieldMessages field=Field::RefundDeposit error />
                        </div>
                        <TextField label="Amount" field=Field::RefundAmount error kind="text"
                            hint="At most what is left of that deposit, and what your wallet holds." max_len=20 />
                        <div class="actions">
                            <button type="submit" class="button-secondary" data-testid="card-refund-button"
                                disabled=move || action.pending().get()>
                                {move || if action.pending().get() { "Sending…" } else { "Send back to my card" }}
                            </button>
                        </div>
                    </ActionForm>
                }.into_any()
            }}
        </section>
    }
}
