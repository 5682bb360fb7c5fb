//! `/appointments/:id/reschedule`: pick another free time of the same doctor.

use crate::api::appointment_details::appointment_details;
use crate::domain::AppointmentId;
use crate::domain::schedule::calendar::Month;
use crate::dto::appointment_view::AppointmentView;
use crate::error::AppError;
use crate::paths;
use crate::ui::appointments::AppointmentTime;
use crate::ui::calendar::{DaySlotList, MonthCalendar, MonthOverview, SlotChoice, ZonePicker};
use crate::ui::viewer_zone::ViewerZone;
use chrono::NaiveDate;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

/// `/appointments/:id/reschedule` (the appointment's patient, doctor, or an admin).
#[component]
pub fn ReschedulePage() -> impl IntoView {
    let params = use_params_map();
    let id = move || params.with(|p| p.get("id").and_then(|id| AppointmentId::parse(&id)));
    let appointment = Resource::new(id, |id| async move {
        match id {
            Some(id) => appointment_details(id).await,
            None => Err(AppError::NotFound),
        }
    });
    view! {
        <Title text="Reschedule" />
        <Transition fallback=|| view! { <p class="loading">"Loading…"</p> }>
            {move || Suspend::new(async move {
                match appointment.await {
                    Ok(appointment) if appointment.can_reschedule => view! { <Reschedule appointment /> }.into_any(),
                    Ok(_) => view! {
                        <section class="card narrow">
                            <h1>"Reschedule"</h1>
                            <p class="alert alert-info">"This appointment can no longer be moved."</p>
                            <p><a href=paths::APPOINTMENTS>"Back to your appointments"</a></p>
                        </section>
                    }.into_any(),
                    Err(error) => view! {
                        <section class="card narrow">
                            <h1>"Reschedule"</h1>
                            <p class="alert alert-error">{error.message()}</p>
                        </section>
                    }.into_any(),
                }
            })}
        </Transition>
    }
}

#[component]
fn Reschedule(appointment: AppointmentView) -> impl IntoView {
    let doctor_zone = appointment.doctor_time_zone;
    let viewer = ViewerZone::get();
    let zone = Signal::derive(move || viewer.or(doctor_zone));
    let today = doctor_zone.local(chrono::Utc::now()).date();
    let selected = RwSignal::new(
        Some(doctor_zone.local(appointment.start).date()).filter(|d: &NaiveDate| *d >= today),
    );
    let doctor = appointment.doctor_id.0;
    let overview = MonthOverview::new(move || Some(doctor), move || viewer.known(), None);
    if let Some(day) = selected.get_untracked() {
        overview.month.set(Some(Month::of(day)));
    }
    view! {
        <div class="doctor-layout">
            <section class="card">
                <h1>"Reschedule"</h1>
                <p>{appointment.doctor_name.clone()}" · "{appointment.specialty.clone()}</p>
                <p>"Now: " <AppointmentTime start=appointment.start doctor_time_zone=appointment.doctor_time_zone /></p>
                <p class="hint">"Choose a new time. Your current time stays yours until the new one is confirmed as free, and is released in the same step."</p>
                <p><a href=paths::APPOINTMENTS>"Keep the current time"</a></p>
            </section>
            <section class="card booking">
                <ZonePicker zone />
                <MonthCalendar overview selected />
                <DaySlotList doctor_id=doctor doctor_zone zone date=selected choice=SlotChoice::Reschedule(appointment.id) />
            </section>
        </div>
    }
}
