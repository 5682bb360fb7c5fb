//! A labelled text input with its validation messages.

use super::FieldMessages;
use crate::domain::Field;
use crate::error::AppError;
use leptos::prelude::*;

/// A labelled input named after `field`, marked invalid while `error` has messages for it.
#[component]
pub fn TextField(
    label: &'static str,
    field: Field,
    error: Signal<Option<AppError>>,
    #[prop(default = "text")] kind: &'static str,
    #[prop(optional)] autocomplete: Option<&'static str>,
    #[prop(optional)] hint: Option<&'static str>,
    #[prop(optional)] max_len: Option<usize>,
    #[prop(default = true)] required: bool,
    /// The value the input starts with (a saved profile's).
    #[prop(optional, into)]
    value: Option<String>,
) -> impl IntoView {
    let name = field.as_str();
    let invalid = move || error.get().is_some_and(|e| !e.field_errors(field).is_empty());
    let described_by = format!(
        "{name}-error{}",
        if hint.is_some() { format!(" {name}-hint") } else { String::new() }
    );
    view! {
        <div class="field" class:invalid=invalid>
            <label for=name>{label}</label>
            <input
                id=name
                name=name
                type=kind
                autocomplete=autocomplete
                maxlength=max_len.map(|m| m.to_string())
                value=value
                required=required
                aria-invalid=move || invalid().to_string()
                aria-describedby=described_by
            />
            {hint.map(|h| view! { <p class="hint" id=format!("{name}-hint")>{h}</p> })}
            <FieldMessages field error />
        </div>
    }
}
