//! The input for a 6-digit code from an email.

use leptos::prelude::*;

/// A labelled "Code" input named `code`, with the one-time-code autofill hint.
#[component]
pub fn CodeInput(id: &'static str) -> impl IntoView {
    view! {
        <label for=id>"Code"</label>
        <input id=id name="code" type="text" inputmode="numeric" autocomplete="one-time-code"
            pattern="[0-9 ]*" maxlength="12" required=true class="code-input" />
    }
}
