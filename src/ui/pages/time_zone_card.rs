//! The zone a user reads times in, in mail and reminders.

use crate::api::save_time_zone::SaveTimeZone;
use crate::domain::Field;
use crate::domain::schedule::TimeZone;
use crate::ui::components::{FieldMessages, FormAlert, use_form_error};
use crate::ui::zones;
use leptos::form::ActionForm;
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

/// A zone picker; `current` is `None` while the user follows each doctor's zone.
#[component]
pub fn TimeZoneCard(current: Option<TimeZone>) -> impl IntoView {
    let action = ServerAction::<SaveTimeZone>::new();
    let error = use_form_error(action.value());
    let query = use_query_map();
    let saved = move || {
        matches!(action.value().get(), Some(Ok(())))
            || (action.value().get().is_none() && query.with(|q| q.get("zone").is_some()))
    };
    let chosen = current.map(TimeZone::name).unwrap_or_default();
    let choices = zones::with(current.map_or("UTC", TimeZone::name));
    view! {
        <section class="card" aria-labelledby="zone-heading">
            <h2 id="zone-heading">"Time zone for emails"</h2>
            <Show when=saved><div class="alert alert-success" role="status">"Saved."</div></Show>
            <FormAlert error />
            <p>"Confirmations and reminders show appointment times in this zone."</p>
            <ActionForm action attr:class="form" attr:novalidate=true>
                <div class="field">
                    <label for="mail-time-zone">"Time zone"</label>
                    <select id="mail-time-zone" name="time_zone" aria-describedby="time_zone-error">
                        <option value="" selected=chosen.is_empty()>"The doctor's time zone"</option>
                        {choices.into_iter().map(|z| {
                            let selected = z == chosen;
                            view! { <option value=z.clone() selected=selected>{z.replace('_', " ")}</option> }
                        }).collect_view()}
                    </select>
                    <FieldMessages field=Field::TimeZone error />
                </div>
                <button type="submit" class="button-secondary" disabled=move || action.pending().get()>"Save time zone"</button>
            </ActionForm>
        </section>
    }
}
