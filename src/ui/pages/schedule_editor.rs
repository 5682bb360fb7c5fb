//! The doctor's schedule page.

use crate::api::add_time_off::AddTimeOff;
use crate::api::my_schedule::my_schedule;
use crate::api::put_date_override::PutDateOverride;
use crate::api::remove_date_override::RemoveDateOverride;
use crate::api::remove_time_off::RemoveTimeOff;
use crate::api::save_schedule_settings::SaveScheduleSettings;
use crate::api::save_weekly_hours::SaveWeeklyHours;
use crate::ui::components::PageData;
use crate::ui::schedule::{
    OverridesSection, OwnCalendars, SettingsForm, TimeOffSection, WeeklyHoursForm,
};
use leptos::prelude::*;
use leptos_meta::Title;

/// `/schedule` (doctors only): weekly hours with a live preview, settings, days off, time off.
#[component]
pub fn ScheduleEditorPage() -> impl IntoView {
    let save_hours = ServerAction::<SaveWeeklyHours>::new();
    let save_settings = ServerAction::<SaveScheduleSettings>::new();
    let put_override = ServerAction::<PutDateOverride>::new();
    let remove_override = ServerAction::<RemoveDateOverride>::new();
    let add_time_off = ServerAction::<AddTimeOff>::new();
    let remove_time_off = ServerAction::<RemoveTimeOff>::new();
    let schedule = Resource::new(
        move || {
            (
                save_hours.version().get(),
                save_settings.version().get(),
                put_override.version().get(),
                remove_override.version().get(),
                add_time_off.version().get(),
                remove_time_off.version().get(),
            )
        },
        |_| my_schedule(),
    );
    view! {
        <Title text="Schedule" />
        <h1>"Your schedule"</h1>
        <PageData resource=schedule loading="Loading your schedule…" sign_in_for="as a doctor."
            content=move |data| view! {
                {(!data.verified).then(|| view! {
                    <p class="alert alert-info">"Patients will see these times once a clinic admin has verified your account."</p>
                })}
                <WeeklyHoursForm data=data.clone() action=save_hours />
                <div class="grid">
                    <OverridesSection overrides=data.overrides.clone() put=put_override remove=remove_override />
                    <TimeOffSection ranges=data.time_off.clone() add=add_time_off remove=remove_time_off />
                </div>
                <SettingsForm settings=data.settings.clone() action=save_settings />
                <OwnCalendars />
            }
        />
    }
}
