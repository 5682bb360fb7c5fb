//! Changing one's email address on the account page: ask for a code to the new address, then
//! enter it.

use crate::api::confirm_email_change::ConfirmEmailChange;
use crate::api::request_email_change::RequestEmailChange;
use crate::domain::Field;
use crate::ui::components::{CodeInput, FieldMessages, FormAlert, use_form_error};
use leptos::form::ActionForm;
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

/// The "Change email" card; `confirm` is the page's, so the profile reloads after a change.
#[component]
pub fn EmailChangeCard(
    current: String,
    confirm: ServerAction<ConfirmEmailChange>,
) -> impl IntoView {
    let request = ServerAction::<RequestEmailChange>::new();
    let request_error = use_form_error(request.value());
    let confirm_error = use_form_error(confirm.value());
    let query = use_query_map();
    let code_sent = move || {
        matches!(request.value().get(), Some(Ok(())))
            || (request.value().get().is_none() && query.with(|q| q.get("email_code").is_some()))
    };
    let changed = move || {
        matches!(confirm.value().get(), Some(Ok(_)))
            || (confirm.value().get().is_none() && query.with(|q| q.get("email_changed").is_some()))
    };
    let shown = current.clone();
    view! {
        <section class="card" id="email" aria-labelledby="email-heading">
            <h2 id="email-heading">"Change email"</h2>
            <Show when=changed>
                <div class="alert alert-success" role="status">"Your email address is now " <strong>{shown.clone()}</strong> ". We told your old address, and signed you out everywhere else."</div>
            </Show>
            <p>"Your email is " <strong>{current}</strong> ". A new address is used only once you enter the code we send to it."</p>
            <FormAlert error=request_error />
            <ActionForm action=request attr:class="form" attr:novalidate=true>
                <div class="field">
                    <label for="new-email">"New email"</label>
                    <input id="new-email" name="email" type="email" autocomplete="email" maxlength="254" required=true
                        aria-describedby="email-error" />
                    <FieldMessages field=Field::Email error=request_error />
                </div>
                <div class="field">
                    <label for="email-password">"Your password"</label>
                    <input id="email-password" name="current_password" type="password"
                        autocomplete="current-password" required=true aria-describedby="current_password-error" />
                    <FieldMessages field=Field::CurrentPassword error=request_error />
                </div>
                <button type="submit" class="button-secondary" disabled=move || request.pending().get()>"Send a code to the new address"</button>
            </ActionForm>
            <Show when=code_sent>
                <div class="alert alert-success" role="status">"We sent a 6-digit code to the new address. Enter it here:"</div>
                <FormAlert error=confirm_error />
                <ActionForm action=confirm attr:class="form" attr:novalidate=true>
                    <CodeInput id="email-code" />
                    <button type="submit" class="button" disabled=move || confirm.pending().get()>"Confirm new email"</button>
                </ActionForm>
            </Show>
        </section>
    }
}
