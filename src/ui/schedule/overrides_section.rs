//! Date overrides: a day off or different hours on one date.

use crate::api::put_date_override::PutDateOverride;
use crate::api::remove_date_override::RemoveDateOverride;
use crate::domain::Field;
use crate::dto::my_schedule_view::OverrideView;
use crate::ui::components::{FieldMessages, FormAlert, use_form_error};
use crate::ui::format;
use leptos::form::ActionForm;
use leptos::prelude::*;

/// The list of overrides with a form to add one.
#[component]
pub fn OverridesSection(
    overrides: Vec<OverrideView>,
    put: ServerAction<PutDateOverride>,
    remove: ServerAction<RemoveDateOverride>,
) -> impl IntoView {
    let error = use_form_error(put.value());
    let remove_error = use_form_error(remove.value());
    view! {
        <section class="card" aria-labelledby="overrides-heading">
            <h2 id="overrides-heading">"Days off and special hours"</h2>
            <FormAlert error=remove_error />
            {if overrides.is_empty() {
                view! { <p class="muted">"No changes to your weekly hours are planned."</p> }.into_any()
            } else {
                view! {
                    <ul class="plain-list" data-testid="override-list">
                        {overrides.into_iter().map(|o| view! {
                            <li data-date=o.date.to_string()>
                                <span>
                                    <strong>{format::long_date(o.date)}</strong>
                                    " — " {if o.day_off { "day off".to_owned() } else { o.hours.clone() }}
                                </span>
                                <ActionForm action=remove>
                                    <input type="hidden" name="override_date" value=o.date.to_string() />
                                    <button type="submit" class="button-secondary">"Remove"</button>
                                </ActionForm>
                            </li>
                        }).collect_view()}
                    </ul>
                }.into_any()
            }}
            <FormAlert error />
            <ActionForm action=put attr:class="form" attr:novalidate=true>
                <div class="field">
                    <label for="override_date">"Date"</label>
                    <input id="override_date" name="override_date" type="date" required aria-describedby="override_date-error" />
                    <FieldMessages field=Field::OverrideDate error />
                </div>
                <fieldset class="field">
                    <legend>"On that day"</legend>
                    <label class="checkbox"><input type="radio" name="override_kind" value="off" checked=true />"Day off"</label>
                    <label class="checkbox"><input type="radio" name="override_kind" value="hours" />"Work these hours instead:"</label>
                    <input id="override_hours" name="override_hours" type="text" placeholder="10:00-13:00" aria-label="Hours on that day"
                        aria-describedby="override_hours-error" />
                    <FieldMessages field=Field::OverrideHours error />
                </fieldset>
                <button type="submit" class="button" disabled=move || put.pending().get()>"Save day"</button>
            </ActionForm>
        </section>
    }
}
