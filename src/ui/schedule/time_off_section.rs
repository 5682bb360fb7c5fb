//! Time off across several days (vacations, conferences).

use crate::api::add_time_off::AddTimeOff;
use crate::api::remove_time_off::RemoveTimeOff;
use crate::domain::Field;
use crate::dto::my_schedule_view::TimeOffView;
use crate::ui::components::{FieldMessages, FormAlert, use_form_error};
use crate::ui::format;
use leptos::form::ActionForm;
use leptos::prelude::*;

/// The list of time-off ranges with a form to add one.
#[component]
pub fn TimeOffSection(
    ranges: Vec<TimeOffView>,
    add: ServerAction<AddTimeOff>,
    remove: ServerAction<RemoveTimeOff>,
) -> impl IntoView {
    let error = use_form_error(add.value());
    let remove_error = use_form_error(remove.value());
    view! {
        <section class="card" aria-labelledby="time-off-heading">
            <h2 id="time-off-heading">"Time off"</h2>
            <FormAlert error=remove_error />
            {if ranges.is_empty() {
                view! { <p class="muted">"No time off planned."</p> }.into_any()
            } else {
                view! {
                    <ul class="plain-list">
                        {ranges.into_iter().map(|t| view! {
                            <li>
                                <span>
                                    <strong>{format!("{} – {}", format::long_date(t.first_day), format::long_date(t.last_day))}</strong>
                                    {(!t.note.is_empty()).then(|| format!(" — {}", t.note))}
                                </span>
                                <ActionForm action=remove>
                                    <input type="hidden" name="time_off_id" value=t.id.to_string() />
                                    <button type="submit" class="button-secondary">"Remove"</button>
                                </ActionForm>
                            </li>
                        }).collect_view()}
                    </ul>
                }.into_any()
            }}
            <FormAlert error />
            <ActionForm action=add attr:class="form" attr:novalidate=true>
                <div class="field">
                    <label for="time_off_start">"First day"</label>
                    <input id="time_off_start" name="time_off_start" type="date" required />
                    <FieldMessages field=Field::TimeOffStart error />
                </div>
                <div class="field">
                    <label for="time_off_end">"Last day"</label>
                    <input id="time_off_end" name="time_off_end" type="date" required />
                    <FieldMessages field=Field::TimeOffEnd error />
                </div>
                <div class="field">
                    <label for="note">"Note (optional, only you see it)"</label>
                    <input id="note" name="note" type="text" maxlength="200" />
                    <FieldMessages field=Field::Note error />
                </div>
                <button type="submit" class="button" disabled=move || add.pending().get()>"Add time off"</button>
            </ActionForm>
        </section>
    }
}
