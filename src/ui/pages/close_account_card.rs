//! "Close your account" on the account page: what it erases, what it keeps, and the form.

use crate::api::close_account::CloseAccount;
use crate::domain::{Field, Role};
use crate::ui::components::{FieldMessages, FormAlert, use_form_error};
use leptos::form::ActionForm;
use leptos::prelude::*;

/// The closing form, for patients and doctors.
#[component]
pub fn CloseAccountCard(role: Role) -> impl IntoView {
    let action = ServerAction::<CloseAccount>::new();
    let error = use_form_error(action.value());
    let before = match role {
        Role::Doctor => {
            "Before closing: cancel your upcoming appointments and withdraw your earnings."
        }
        _ => {
            "Before closing: cancel your upcoming appointments, and spend your wallet balance or ask the clinic to refund it."
        }
    };
    view! {
        <section class="card span-all danger-zone" aria-labelledby="close-heading">
            <h2 id="close-heading">"Close your account"</h2>
            <p>"Closing signs you out everywhere and erases your name, email address, phone number, date of birth and password"
               {match role { Role::Doctor => ", your public profile and photo.", _ => ", your medical details and address." }}
               " Past appointments, payments and reviews are kept for the records the clinic must keep, under \"Closed account\". This cannot be undone."</p>
            <p class="hint">{before}</p>
            <FormAlert error />
            <ActionForm action attr:class="form" attr:novalidate=true>
                <div class="field">
                    <label for="close-password">"Password to confirm"</label>
                    <input id="close-password" name="password" type="password" autocomplete="current-password"
                        required=true aria-describedby="password-error" />
                    <FieldMessages field=Field::Password error />
                </div>
                <div class="field">
                    <label class="checkbox">
                        <input type="checkbox" name="understood" value="yes" aria-describedby="confirmation-error" />
                        "I understand that my account and personal data will be erased for good."
                    </label>
                    <FieldMessages field=Field::Confirmation error />
                </div>
                <button type="submit" class="button button-danger" disabled=move || action.pending().get()>"Close my account"</button>
            </ActionForm>
        </section>
    }
}
