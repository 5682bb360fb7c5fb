//! Weekly working hours: one line of intervals per weekday, checked as you type.

use super::SlotPreview;
use crate::api::save_weekly_hours::SaveWeeklyHours;
use crate::domain::schedule::weekly_hours::WEEKDAY_FIELDS;
use crate::domain::schedule::{Schedule, WeeklyHours};
use crate::dto::my_schedule_view::MyScheduleView;
use crate::error::AppError;
use crate::ui::components::{FieldMessages, FormAlert, use_form_error};
use leptos::form::ActionForm;
use leptos::prelude::*;

const DAY_NAMES: [&str; 7] =
    ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"];

/// The weekly hours form with live validation and the slot preview beside it.
#[component]
pub fn WeeklyHoursForm(
    data: MyScheduleView,
    action: ServerAction<SaveWeeklyHours>,
) -> impl IntoView {
    let drafts: [RwSignal<String>; 7] =
        std::array::from_fn(|i| RwSignal::new(data.weekly[i].clone()));
    let slot_minutes = data.schedule.policy.slot_minutes;
    let parsed = Memo::new(move |_| {
        let days: [String; 7] = std::array::from_fn(|i| drafts[i].get());
        WeeklyHours::parse(&days, slot_minutes)
    });
    let server_error = use_form_error(action.value());
    let error = Signal::derive(move || match parsed.get() {
        Err(errors) => Some(AppError::Invalid(errors)),
        Ok(_) => server_error.get(),
    });
    let saved: Schedule = data.schedule.clone();
    let preview = Signal::derive(move || {
        parsed.get().ok().map(|weekly| Schedule { weekly, ..saved.clone() })
    });
    let saved_ok = move || matches!(action.value().get(), Some(Ok(())));
    view! {
        <div class="grid">
            <section class="card" aria-labelledby="hours-heading">
                <h2 id="hours-heading">"Weekly hours"</h2>
                <p class="muted">
                    {format!("Write intervals like 10:00-13:00, 14:00-17:00; gaps are breaks; leave a day empty when you do not work. Slots are {slot_minutes} minutes.")}
                </p>
                <Show when=saved_ok><div class="alert alert-success" role="status">"Weekly hours saved."</div></Show>
                <FormAlert error=server_error />
                <ActionForm action attr:class="form" attr:novalidate=true>
                    {(0..7).map(|i| {
                        let field = WEEKDAY_FIELDS[i];
                        let name = field.as_str();
                        let draft = drafts[i];
                        let invalid = move || error.get().is_some_and(|e| !e.field_errors(field).is_empty());
                        view! {
                            <div class="field hours-field" class:invalid=invalid>
                                <label for=name>{DAY_NAMES[i]}</label>
                                <input id=name name=name type="text" maxlength="400" placeholder="Day off"
                                    autocomplete="off"
                                    prop:value=move || draft.get()
                                    on:input=move |ev| draft.set(event_target_value(&ev))
                                    aria-invalid=move || invalid().to_string()
                                    aria-describedby=format!("{name}-error") />
                                <FieldMessages field error />
                            </div>
                        }
                    }).collect_view()}
                    <div class="actions">
                        <button type="button" class="button-secondary js-only"
                            on:click=move |_| { let monday = drafts[0].get(); for day in &drafts[1..5] { day.set(monday.clone()); } }>
                            "Copy Monday to Tue–Fri"
                        </button>
                        <button type="submit" class="button" disabled=move || action.pending().get()>"Save weekly hours"</button>
                    </div>
                </ActionForm>
            </section>
            <SlotPreview schedule=preview busy=data.busy.clone() />
        </div>
    }
}
