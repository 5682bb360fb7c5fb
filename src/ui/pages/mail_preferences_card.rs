//! On a patient's account page: the mails they may turn off.

use crate::api::save_mail_preferences::SaveMailPreferences;
use crate::dto::mail_preferences::MailPreferences;
use crate::ui::components::{FormAlert, use_form_error};
use leptos::form::ActionForm;
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

/// Two boxes, ticked as `current`; mail about bookings, payments and security is always sent.
#[component]
pub fn MailPreferencesCard(current: MailPreferences) -> impl IntoView {
    let action = ServerAction::<SaveMailPreferences>::new();
    let error = use_form_error(action.value());
    let query = use_query_map();
    let saved = move || {
        matches!(action.value().get(), Some(Ok(())))
            || (action.value().get().is_none() && query.with(|q| q.get("mail").is_some()))
    };
    view! {
        <section class="card" aria-labelledby="mail-heading">
            <h2 id="mail-heading">"Emails you receive"</h2>
            <Show when=saved><div class="alert alert-success" role="status">"Your email choices were saved."</div></Show>
            <FormAlert error />
            <ActionForm action attr:class="form">
                <label class="checkbox">
                    <input type="checkbox" name="reminders" checked=current.reminders />
                    " Reminders before a visit"
                </label>
                <label class="checkbox">
                    <input type="checkbox" name="review_requests" checked=current.review_requests />
                    " After a visit, an invitation to review it"
                </label>
                <p class="muted">
                    "Mail about your bookings, payments and the security of your account is always sent."
                </p>
                <button type="submit" class="button-secondary" disabled=move || action.pending().get()>"Save email choices"</button>
            </ActionForm>
        </section>
    }
}
