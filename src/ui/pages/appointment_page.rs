//! `/appointments/:id`: one visit for its patient, its doctor or an admin — the appointment
//! with what the viewer may do, the doctor's summary (and, for its author, the private note),
//! addenda, a "book follow-up" button for the patient, and the status history.

use super::visit_note_form::{AddendumForm, VisitNoteForm};
use crate::api::add_visit_addendum::AddVisitAddendum;
use crate::api::appointment_page::appointment_page;
use crate::api::change_appointment::ChangeAppointment;
use crate::api::save_visit_note::SaveVisitNote;
use crate::domain::{AppointmentId, Role};
use crate::dto::appointment_page::{
    AddToCalendar, AddendumView, AppointmentPageView, StatusChange, VisitNoteView,
};
use crate::error::AppError;
use crate::paths;
use crate::ui::appointments::{AppointmentCard, Perspective};
use crate::ui::components::{FormAlert, PageData, use_form_error, use_successes};
use crate::ui::format;
use crate::ui::viewer_zone::ViewerZone;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

/// The page of one appointment.
#[component]
pub fn AppointmentDetailPage() -> impl IntoView {
    let params = use_params_map();
    let id = move || params.with(|p| p.get("id").and_then(|id| id.parse::<i64>().ok()));
    let change = ServerAction::<ChangeAppointment>::new();
    let save = ServerAction::<SaveVisitNote>::new();
    let add = ServerAction::<AddVisitAddendum>::new();
    let (saved, added) = (use_successes(save), use_successes(add));
    let page = Resource::new(
        move || (id(), change.version().get(), saved.get(), added.get()),
        |(id, _, _, _)| async move {
            match id {
                Some(id) => appointment_page(AppointmentId(id)).await,
                None => Err(AppError::NotFound),
            }
        },
    );
    let error = use_form_error(change.value());
    view! {
        <Title text="Appointment" />
        <h1>"Appointment"</h1>
        <FormAlert error />
        <PageData resource=page loading="Loading the appointment…" sign_in_for="to see this appointment."
            content=move |page| view! { <Visit page change save add /> }
        />
    }
}

#[component]
fn Visit(
    page: AppointmentPageView,
    change: ServerAction<ChangeAppointment>,
    save: ServerAction<SaveVisitNote>,
    add: ServerAction<AddVisitAddendum>,
) -> impl IntoView {
    let perspective = match page.viewer_role {
        Role::Doctor => Perspective::Doctor,
        Role::Admin => Perspective::Admin,
        Role::Patient => Perspective::Patient,
    };
    let appointment = page.appointment.clone();
    let (id, doctor) = (appointment.id, appointment.doctor_id);
    let zone = appointment.doctor_time_zone;
    let follow_up = (perspective == Perspective::Patient)
        .then_some(page.follow_up_from)
        .flatten()
        .map(|from| paths::doctor_from(doctor.0, from));
    let until = page.note_editable_until;
    let back = match perspective {
        Perspective::Patient => paths::APPOINTMENTS,
        Perspective::Doctor => paths::AGENDA,
        Perspective::Admin => paths::ADMIN_APPOINTMENTS,
    };
    let add_to_calendar = page.add_to_calendar.clone();
    view! {
        <AppointmentCard appointment perspective change on_its_page=true />
        {add_to_calendar.map(|links| view! { <AddToCalendarLinks links /> })}
        <section class="card visit-summary" aria-labelledby="summary-heading" data-testid="visit-summary">
            <h2 id="summary-heading">"Visit summary"</h2>
            {if page.note_editable {
                let viewer = ViewerZone::get();
                view! {
                    <p class="muted">{move || format!("You can change this note until {}.", format::when_in(viewer.or(zone), until))}</p>
                    <VisitNoteForm appointment=id note=page.note.clone() save />
                }.into_any()
            } else {
                view! { <NoteText note=page.note.clone() doctor_view=page.viewer_is_doctor /> }.into_any()
            }}
            {follow_up.map(|href| view! {
                <p><a class="button" href=href data-testid="book-follow-up">"Book follow-up"</a></p>
            })}
            <Addenda addenda=page.addenda.clone() zone />
            {page.addendum_allowed.then(|| view! { <AddendumForm appointment=id add /> })}
        </section>
        <History history=page.history.clone() zone />
        <p><a href=back>"Back to appointments"</a></p>
    }
}

/// Links that put the visit in the viewer's own calendar.
#[component]
fn AddToCalendarLinks(links: AddToCalendar) -> impl IntoView {
    view! {
        <nav class="card add-to-calendar" aria-label="Add to your calendar" data-testid="add-to-calendar">
            <span class="muted">"Add to your calendar: "</span>
            <a href=links.google rel="noopener noreferrer" target="_blank">"Google"</a>
            " · "
            <a href=links.outlook rel="noopener noreferrer" target="_blank">"Outlook"</a>
            " · "
            <a href=links.download.clone() download="appointment.ics" rel="external">"Apple / other (.ics)"</a>
        </nav>
    }
}

/// The note as read: the summary, and the private note for its author.
#[component]
fn NoteText(note: Option<VisitNoteView>, doctor_view: bool) -> impl IntoView {
    let Some(note) = note else {
        let text = if doctor_view {
            "No note was written for this visit. Add an addendum below to record a late entry."
        } else {
            "The doctor has not written a summary of this visit yet."
        };
        return view! { <p class="empty">{text}</p> }.into_any();
    };
    let part = |label: &'static str, text: String, testid: &'static str| {
        (!text.is_empty())
            .then(|| view! { <dt>{label}</dt><dd class="bio" data-testid=testid>{text}</dd> })
    };
    let follow_up = note.follow_up_weeks.map(|weeks| {
        let text = if weeks == 1 { "In 1 week".to_owned() } else { format!("In {weeks} weeks") };
        view! { <dt>"Follow-up"</dt><dd data-testid="note-follow-up">{text}</dd> }
    });
    view! {
        <dl class="details">
            {part("Diagnosis", note.diagnosis.clone(), "note-diagnosis")}
            {part("Advice", note.advice.clone(), "note-advice")}
            {follow_up}
        </dl>
        {note.private_note.clone().filter(|p| !p.is_empty()).map(|private| view! {
            <div class="private-note" data-testid="note-private">
                <p class="muted">"Private note (only you can read it)"</p>
                <p class="bio">{private}</p>
            </div>
        })}
    }
    .into_any()
}

#[component]
fn Addenda(addenda: Vec<AddendumView>, zone: crate::domain::schedule::TimeZone) -> impl IntoView {
    let viewer = ViewerZone::get();
    (!addenda.is_empty()).then(|| {
        view! {
            <h3>"Addenda"</h3>
            <ul class="addenda">
                {addenda.into_iter().map(|addendum| {
                    let at = addendum.at;
                    view! {
                        <li data-private=addendum.private.to_string()>
                            <p class="muted">
                                {move || format::when_in(viewer.or(zone), at)}
                                {addendum.private.then_some(" · private")}
                            </p>
                            <p class="bio">{addendum.body.clone()}</p>
                        </li>
                    }
                }).collect_view()}
            </ul>
        }
    })
}

#[component]
fn History(history: Vec<StatusChange>, zone: crate::domain::schedule::TimeZone) -> impl IntoView {
    let viewer = ViewerZone::get();
    view! {
        <section class="card" aria-labelledby="history-heading">
            <h2 id="history-heading">"History"</h2>
            <ol class="history" data-testid="status-history">
                {history.into_iter().map(|step| {
                    let (at, start) = (step.at, step.start);
                    let moved = step.from == Some(step.to);
                    view! {
                        <li>
                            <strong>{step.label()}</strong>{step.by_label()}
                            {moved.then(|| view! { <span>{move || format!(" ({})", format::when_in(viewer.or(zone), start))}</span> })}
                            <span class="muted">{move || format!(" · {}", format::when_in(viewer.or(zone), at))}</span>
                        </li>
                    }
                }).collect_view()}
            </ol>
        </section>
    }
}
