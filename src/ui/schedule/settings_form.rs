//! Practice settings: zone, slot rules, fee and public profile.

use crate::api::save_schedule_settings::SaveScheduleSettings;
use crate::domain::Field;
use crate::domain::money::Currency;
use crate::domain::schedule::settings::SettingsInput;
use crate::ui::components::{FieldMessages, FormAlert, use_form_error};
use crate::ui::zones;
use leptos::form::ActionForm;
use leptos::prelude::*;

const SLOT_CHOICES: [u16; 8] = [10, 15, 20, 30, 45, 60, 90, 120];
const NOTICE_CHOICES: [(u32, &str); 7] = [
    (0, "None"),
    (60, "1 hour"),
    (120, "2 hours"),
    (240, "4 hours"),
    (720, "12 hours"),
    (1440, "1 day"),
    (2880, "2 days"),
];

/// The settings form, filled with the saved values.
#[component]
pub fn SettingsForm(
    settings: SettingsInput,
    action: ServerAction<SaveScheduleSettings>,
) -> impl IntoView {
    let error = use_form_error(action.value());
    let saved_ok = move || matches!(action.value().get(), Some(Ok(())));
    let number = move |label: &'static str, field: Field, value: String, max: u32| {
        view! {
            <div class="field">
                <label for=field.as_str()>{label}</label>
                <input id=field.as_str() name=field.as_str() type="number" min="0" max=max.to_string() value=value required
                    aria-describedby=format!("{}-error", field.as_str()) />
                <FieldMessages field error />
            </div>
        }
    };
    let slot = settings.slot_minutes.clone();
    let notice = settings.min_notice.clone();
    let currency = settings.currency.clone();
    view! {
        <section class="card" aria-labelledby="settings-heading">
            <h2 id="settings-heading">"Practice settings"</h2>
            <Show when=saved_ok><div class="alert alert-success" role="status">"Settings saved."</div></Show>
            <FormAlert error />
            <ActionForm action attr:class="form form-columns" attr:novalidate=true>
                <div class="field">
                    <label for="time_zone">"Time zone"</label>
                    <select id="time_zone" name="time_zone" aria-describedby="time_zone-error">
                        {zones::with(&settings.time_zone).into_iter().map(|z| {
                            let selected = z == settings.time_zone;
                            view! { <option value=z.clone() selected=selected>{z.replace('_', " ")}</option> }
                        }).collect_view()}
                    </select>
                    <FieldMessages field=Field::TimeZone error />
                </div>
                <div class="field">
                    <label for="slot_minutes">"Appointment length"</label>
                    <select id="slot_minutes" name="slot_minutes" aria-describedby="slot_minutes-error">
                        {SLOT_CHOICES.iter().map(|m| view! {
                            <option value=m.to_string() selected=slot == m.to_string()>{format!("{m} minutes")}</option>
                        }).collect_view()}
                    </select>
                    <FieldMessages field=Field::SlotMinutes error />
                </div>
                {number("Buffer before (minutes)", Field::BufferBefore, settings.buffer_before.clone(), 120)}
                {number("Buffer after (minutes)", Field::BufferAfter, settings.buffer_after.clone(), 120)}
                <div class="field">
                    <label for="min_notice">"Minimum notice"</label>
                    <select id="min_notice" name="min_notice">
                        {NOTICE_CHOICES.iter().map(|(m, label)| view! {
                            <option value=m.to_string() selected=notice == m.to_string()>{*label}</option>
                        }).collect_view()}
                    </select>
                    <FieldMessages field=Field::MinNotice error />
                </div>
                {number("Booking horizon (days)", Field::Horizon, settings.horizon.clone(), 365)}
                <div class="field">
                    <label for="fee">"Consultation fee"</label>
                    <div class="password-row">
                        <input id="fee" name="fee" type="text" inputmode="decimal" value=settings.fee.clone() aria-describedby="fee-error" />
                        <select name="currency" aria-label="Currency">
                            {Currency::ALL.iter().map(|c| view! {
                                <option value=c.code() selected=currency == c.code()>{c.code()}</option>
                            }).collect_view()}
                        </select>
                    </div>
                    <FieldMessages field=Field::Fee error />
                </div>
                {number("Years of experience", Field::YearsOfExperience, settings.years_of_experience.clone(), 70)}
                <div class="field span-2">
                    <label for="location">"Location"</label>
                    <input id="location" name="location" type="text" maxlength="200" value=settings.location.clone() />
                    <FieldMessages field=Field::Location error />
                </div>
                <div class="field span-2">
                    <label for="bio">"About you (shown to patients)"</label>
                    <textarea id="bio" name="bio" rows="4" maxlength="2000">{settings.bio.clone()}</textarea>
                    <FieldMessages field=Field::Bio error />
                </div>
                <label class="checkbox span-2">
                    <input type="checkbox" name="auto_confirm" value="on" checked=settings.auto_confirm />
                    "Confirm bookings automatically"
                </label>
                <div class="span-2">
                    <button type="submit" class="button" disabled=move || action.pending().get()>"Save settings"</button>
                </div>
            </ActionForm>
        </section>
    }
}
