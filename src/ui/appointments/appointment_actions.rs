//! The buttons of an appointment: each a small form, so they work before the wasm loads.

use crate::api::change_appointment::ChangeAppointment;
use crate::domain::AppointmentId;
use crate::domain::booking::{AppointmentAction, AppointmentStatus};
use crate::dto::appointment_view::AppointmentView;
use crate::paths;
use leptos::form::ActionForm;
use leptos::prelude::*;

/// What the viewer may do: status changes (those needing a reason open a small form first),
/// reschedule, or finish booking a hold.
#[component]
pub fn AppointmentActions(
    appointment: AppointmentView,
    change: ServerAction<ChangeAppointment>,
    /// The viewer is the patient (only they can finish booking a hold).
    #[prop(optional)]
    patient_view: bool,
) -> impl IntoView {
    let id = appointment.id;
    let finish_booking = (patient_view && appointment.status == AppointmentStatus::Held)
        .then(|| view! { <a class="button" href=paths::book(id)>"Finish booking"</a> });
    let reschedule = appointment.can_reschedule.then(|| {
        view! {
            <a class="button-secondary button-link" href=paths::reschedule(id)>
                "Reschedule"
            </a>
        }
    });
    view! {
        <div class="row-actions">
            {finish_booking}
            {appointment
                .actions
                .iter()
                .map(|action| view! { <ActionButton id action=*action change /> })
                .collect_view()}
            {reschedule}
        </div>
    }
}

#[component]
fn ActionButton(
    id: AppointmentId,
    action: AppointmentAction,
    change: ServerAction<ChangeAppointment>,
) -> impl IntoView {
    let class = match action {
        AppointmentAction::Accept | AppointmentAction::Complete => "button",
        AppointmentAction::Cancel | AppointmentAction::Reject => "button-danger",
        AppointmentAction::NoShow => "button-secondary",
    };
    if !action.needs_reason() {
        return view! {
            <ActionForm action=change>
                <input type="hidden" name="appointment_id" value=id.to_string() />
                <input type="hidden" name="action" value=action.as_str() />
                <button type="submit" class=class data-action=action.as_str()>{action.label()}</button>
            </ActionForm>
        }
        .into_any();
    }
    let field = format!("note-{}-{id}", action.as_str());
    let prompt = match action {
        AppointmentAction::Reject => "Reason for rejecting (the patient will see it)",
        _ => "Reason for cancelling (the other party will see it)",
    };
    view! {
        <details class="action-details">
            <summary class=class data-action=action.as_str()>{action.label()}"…"</summary>
            <ActionForm action=change attr:class="reason-form">
                <input type="hidden" name="appointment_id" value=id.to_string() />
                <input type="hidden" name="action" value=action.as_str() />
                <label for=field.clone()>{prompt}</label>
                <textarea id=field name="note" required maxlength="500" rows="2"></textarea>
                <button type="submit" class=class data-confirm=action.as_str()>
                    {match action {
                        AppointmentAction::Reject => "Reject request",
                        _ => "Cancel appointment",
                    }}
                </button>
            </ActionForm>
        </details>
    }
    .into_any()
}
