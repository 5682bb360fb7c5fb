//! A password input with a show/hide button (the button works once the app has hydrated).

use super::FieldMessages;
use crate::domain::Field;
use crate::error::AppError;
use leptos::prelude::*;

/// A labelled password input. `name` is the form field name; `field` selects its messages.
#[component]
pub fn PasswordField(
    label: &'static str,
    name: &'static str,
    error: Signal<Option<AppError>>,
    #[prop(optional)] field: Option<Field>,
    #[prop(default = "current-password")] autocomplete: &'static str,
    #[prop(optional)] hint: Option<&'static str>,
) -> impl IntoView {
    let visible = RwSignal::new(false);
    let invalid =
        move || field.is_some_and(|f| error.get().is_some_and(|e| !e.field_errors(f).is_empty()));
    view! {
        <div class="field" class:invalid=invalid>
            <label for=name>{label}</label>
            <div class="password-row">
                <input
                    id=name
                    name=name
                    type=move || if visible.get() { "text" } else { "password" }
                    autocomplete=autocomplete
                    maxlength="256"
                    required=true
                    aria-invalid=move || invalid().to_string()
                    aria-describedby=format!("{name}-error")
                />
                <button
                    type="button"
                    class="button-secondary js-only"
                    aria-controls=name
                    aria-pressed=move || visible.get().to_string()
                    on:click=move |_| visible.update(|v| *v = !*v)
                >
                    {move || if visible.get() { "Hide" } else { "Show" }}
                </button>
            </div>
            {hint.map(|h| view! { <p class="hint">{h}</p> })}
            {match field {
                Some(field) => view! { <FieldMessages field error /> }.into_any(),
                None => view! { <div id=format!("{name}-error")></div> }.into_any(),
            }}
        </div>
    }
}
