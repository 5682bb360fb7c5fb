//! One appointment in a list.

use super::{AppointmentActions, AppointmentTime};
use crate::api::change_appointment::ChangeAppointment;
use crate::domain::booking::AppointmentStatus;
use crate::dto::appointment_view::AppointmentView;
use leptos::prelude::*;

/// Whose list the card is in: it names the other party.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Perspective {
    Patient,
    Doctor,
    Admin,
}

/// Time, the other party, status (with who changed it and why), reason, fee and actions.
#[component]
pub fn AppointmentCard(
    appointment: AppointmentView,
    perspective: Perspective,
    change: ServerAction<ChangeAppointment>,
    /// Shown on the appointment's own page (no link to itself).
    #[prop(optional)]
    on_its_page: bool,
) -> impl IntoView {
    let record = crate::paths::patient_record(appointment.patient_id);
    let patient = appointment.patient_name.clone();
    let who = match perspective {
        Perspective::Patient => {
            view! { {format!("{} · {}", appointment.doctor_name, appointment.specialty)} }
                .into_any()
        }
        Perspective::Doctor => {
            view! { <a href=record data-testid="patient-record-link">{patient}</a> }.into_any()
        }
        Perspective::Admin => view! {
            <a href=record data-testid="patient-record-link">{patient}</a>
            {format!(" with {}", appointment.doctor_name)}
        }
        .into_any(),
    };
    let badge = match appointment.status {
        AppointmentStatus::Confirmed | AppointmentStatus::Completed => "status status-ok",
        AppointmentStatus::Pending | AppointmentStatus::Held => "status status-pending",
        _ => "status status-off",
    };
    let reason = (!appointment.reason.is_empty()).then(|| appointment.reason.clone());
    let (id, status, start) = (appointment.id, appointment.status, appointment.start);
    let (status_line, zone, fee) =
        (appointment.status_line(), appointment.doctor_time_zone, appointment.fee.to_string());
    view! {
        <article
            class="appointment card"
            data-appointment-id=id.to_string()
            data-status=status.as_str()
        >
            <header class="appointment-head">
                <AppointmentTime start doctor_time_zone=zone />
                <span class=badge>{status_line}</span>
            </header>
            <p class="appointment-who">{who}</p>
            {reason.map(|r| view! { <p class="appointment-reason"><span class="muted">"Reason: "</span>{r}</p> })}
            <p class="muted appointment-fee">"Fee: "{fee}
                {(!on_its_page).then(|| view! {
                    " · " <a href=crate::paths::appointment(id) data-testid="appointment-details">"Details and notes"</a>
                })}
            </p>
            {(perspective == Perspective::Patient && status == AppointmentStatus::Completed).then(|| view! {
                <p><a class="button button-secondary" href=crate::paths::review(id) data-testid="review-visit">"Review this visit"</a></p>
            })}
            <AppointmentActions appointment change patient_view=perspective == Perspective::Patient />
        </article>
    }
}
