//! `/forgot`: choosing a new password with a code emailed to the account's address.

use crate::api::request_password_reset::RequestPasswordReset;
use crate::api::reset_password::ResetPassword;
use crate::domain::Field;
use crate::ui::components::{FormAlert, PasswordField, use_form_error};
use leptos::form::ActionForm;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

/// `/forgot`: ask for a reset code, then enter it with a new password.
#[component]
pub fn ForgotPasswordPage() -> impl IntoView {
    let request = ServerAction::<RequestPasswordReset>::new();
    let reset = ServerAction::<ResetPassword>::new();
    let request_error = use_form_error(request.value());
    let reset_error = use_form_error(reset.value());
    let query = use_query_map();
    let sent = move || {
        matches!(request.value().get(), Some(Ok(())))
            || (request.value().get().is_none() && query.with(|q| q.get("sent").is_some()))
    };
    view! {
        <Title text="Reset your password" />
        <section class="card narrow" aria-labelledby="request-heading">
            <h1 id="request-heading">"Reset your password"</h1>
            <p>"Enter your account's email address and we will email you a 6-digit code."</p>
            <Show when=sent>
                <div class="alert alert-success" role="status">
                    "If an account uses that address, a code is on its way. It is valid for 10 minutes."
                </div>
            </Show>
            <FormAlert error=request_error />
            <ActionForm action=request attr:class="form" attr:novalidate=true>
                <div class="field">
                    <label for="request-email">"Email"</label>
                    <input id="request-email" name="email" type="email" autocomplete="email" maxlength="254" required />
                </div>
                <button type="submit" class="button" disabled=move || request.pending().get()>"Email me a code"</button>
            </ActionForm>
        </section>
        <section class="card narrow" aria-labelledby="reset-heading">
            <h2 id="reset-heading">"Enter the code"</h2>
            <FormAlert error=reset_error />
            <ActionForm action=reset attr:class="form" attr:novalidate=true>
                <div class="field">
                    <label for="reset-email">"Email"</label>
                    <input id="reset-email" name="email" type="email" autocomplete="email" maxlength="254" required />
                </div>
                <div class="field">
                    <label for="reset-code">"Code"</label>
                    <input id="reset-code" name="code" type="text" inputmode="numeric" autocomplete="one-time-code"
                        maxlength="12" required class="code-input" />
                </div>
                <PasswordField label="New password" name="new_password" field=Field::NewPassword error=reset_error
                    autocomplete="new-password" hint="At least 10 characters, not a common password." />
                <button type="submit" class="button" disabled=move || reset.pending().get()>"Set new password"</button>
            </ActionForm>
        </section>
    }
}
