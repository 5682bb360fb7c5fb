//! Messages next to fields and above forms.

use crate::domain::Field;
use crate::error::AppError;
use leptos::prelude::*;

/// The messages for one field (announced to screen readers via the input's
/// `aria-describedby`).
#[component]
pub fn FieldMessages(field: Field, error: Signal<Option<AppError>>) -> impl IntoView {
    let messages = move || {
        error
            .get()
            .map(|e| e.field_errors(field).iter().map(|fe| fe.message()).collect::<Vec<_>>())
            .unwrap_or_default()
    };
    view! {
        <div class="field-error" id=format!("{}-error", field.as_str()) aria-live="polite">
            <For each=messages key=|m| m.clone() let:message>
                <p>{message}</p>
            </For>
        </div>
    }
}

/// A banner with the form-level error, if any.
#[component]
pub fn FormAlert(error: Signal<Option<AppError>>) -> impl IntoView {
    move || {
        error.get().map(|e| {
            view! {
                <div class="alert alert-error" role="alert" data-error-code=e.code()>
                    {e.message()}
                </div>
            }
        })
    }
}
