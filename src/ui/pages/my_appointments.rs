//! `/appointments`: a patient's upcoming and past appointments, with cancel and reschedule.

use crate::api::change_appointment::ChangeAppointment;
use crate::api::my_appointments::my_appointments;
use crate::dto::appointment_lists::PatientAppointments;
use crate::paths;
use crate::ui::appointments::{AppointmentCard, Perspective};
use crate::ui::components::{FormAlert, PageData, use_form_error};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

/// `/appointments` (patients).
#[component]
pub fn MyAppointmentsPage() -> impl IntoView {
    let change = ServerAction::<ChangeAppointment>::new();
    let error = use_form_error(change.value());
    let list = Resource::new(move || change.version().get(), |_| my_appointments());
    let query = use_query_map();
    let notice = move || {
        query.with(|q| {
            if q.get("booked").is_some() {
                Some("Your appointment is booked. You will see here when the doctor confirms it.")
            } else if q.get("moved").is_some() {
                Some("Your appointment has been moved to the new time.")
            } else {
                None
            }
        })
    };
    view! {
        <Title text="My appointments" />
        <h1>"My appointments"</h1>
        {move || notice().map(|n| view! { <p class="alert alert-success" role="status">{n}</p> })}
        <FormAlert error />
        <PageData resource=list loading="Loading appointments…" sign_in_for="to see your appointments."
            content=move |list| view! { <Lists list change /> }
        />
    }
}

#[component]
fn Lists(list: PatientAppointments, change: ServerAction<ChangeAppointment>) -> impl IntoView {
    let upcoming = if list.upcoming.is_empty() {
        view! {
            <p>"You have no upcoming appointments. " <a href=paths::DOCTORS>"Find a doctor"</a> " to book one."</p>
        }
        .into_any()
    } else {
        list.upcoming
            .into_iter()
            .map(|appointment| view! { <AppointmentCard appointment perspective=Perspective::Patient change /> })
            .collect_view()
            .into_any()
    };
    let past = (!list.past.is_empty()).then(|| {
        view! {
            <h2>"Past and cancelled"</h2>
            <div class="appointment-list" id="past" data-testid="past-appointments">
                {list.past
                    .into_iter()
                    .map(|appointment| view! { <AppointmentCard appointment perspective=Perspective::Patient change /> })
                    .collect_view()}
            </div>
        }
    });
    view! {
        <h2>"Upcoming"</h2>
        <div class="appointment-list" data-testid="upcoming-appointments">{upcoming}</div>
        {past}
    }
}
