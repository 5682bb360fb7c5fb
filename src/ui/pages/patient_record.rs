//! `/patients/:id`: a patient's record as their doctor (or an admin) sees it — contact, age,
//! blood group, emergency contact, allergies and conditions, and the visits. Opening it is
//! logged, and the patient sees who did.

use crate::api::patient_record::patient_record;
use crate::domain::booking::AppointmentStatus;
use crate::dto::patient_record::{PatientRecordView, RecordVisit};
use crate::error::AppError;
use crate::paths;
use crate::ui::components::PageData;
use crate::ui::format;
use crate::ui::viewer_zone::ViewerZone;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

/// The record page of one patient.
#[component]
pub fn PatientRecordPage() -> impl IntoView {
    let params = use_params_map();
    let id = move || params.with(|p| p.get("id").and_then(|id| id.parse::<i64>().ok()));
    let record = Resource::new(id, |id| async move {
        match id {
            Some(id) => patient_record(id).await,
            None => Err(AppError::NotFound),
        }
    });
    view! {
        <Title text="Patient record" />
        <PageData resource=record loading="Loading the record…" sign_in_for="as the patient's doctor."
            content=move |record| view! { <Record record /> }
        />
    }
}

#[component]
fn Record(record: PatientRecordView) -> impl IntoView {
    let details = record.details;
    let or_none =
        |text: String| if text.trim().is_empty() { "None recorded".to_owned() } else { text };
    let born = match (record.age, details.date_of_birth.is_empty()) {
        (_, true) => "Not given".to_owned(),
        (Some(age), false) => format!("{age} years (born {})", details.date_of_birth),
        (None, false) => details.date_of_birth.clone(),
    };
    let emergency = if details.emergency_name.is_empty() {
        "None given".to_owned()
    } else {
        format!(
            "{} ({}) · {}",
            details.emergency_name,
            details.emergency_relation,
            details.emergency_phone.clone().unwrap_or_default()
        )
    };
    let address = match (details.place.clone(), details.address.trim()) {
        (Some(place), "") => place,
        (Some(place), street) => format!("{street}, {place}"),
        (None, "") => "Not given".to_owned(),
        (None, street) => street.to_owned(),
    };
    let phone_link = format!("tel:{}", details.phone);
    let visits_title = if record.all_doctors { "Visits" } else { "Visits with you" };
    let all_doctors = record.all_doctors;
    view! {
        <h1 data-testid="patient-name">{details.full_name.clone()}</h1>
        <p class="muted">"Opening this record is logged; the patient can see who opened it and when."</p>
        <div class="grid">
            <section class="card" aria-labelledby="contact-heading">
                <h2 id="contact-heading">"Contact"</h2>
                <dl class="details">
                    <dt>"Age"</dt><dd data-testid="patient-age">{born}</dd>
                    <dt>"Phone"</dt><dd><a href=phone_link>{details.phone.clone()}</a></dd>
                    <dt>"Address"</dt><dd>{address}</dd>
                    <dt>"Emergency contact"</dt><dd>{emergency}</dd>
                </dl>
            </section>
            <section class="card medical" aria-labelledby="medical-heading">
                <h2 id="medical-heading">"Medical"</h2>
                <dl class="details">
                    <dt>"Blood group"</dt><dd>{details.blood_group.clone().unwrap_or_else(|| "Unknown".to_owned())}</dd>
                    <dt>"Allergies"</dt><dd class="bio" data-testid="patient-allergies">{or_none(details.allergies.clone())}</dd>
                    <dt>"Conditions"</dt><dd class="bio" data-testid="patient-conditions">{or_none(details.conditions.clone())}</dd>
                </dl>
            </section>
        </div>
        <section class="card visits" aria-labelledby="visits-heading">
            <h2 id="visits-heading">{visits_title}</h2>
            {if record.visits.is_empty() {
                view! { <p class="empty">"No visits."</p> }.into_any()
            } else {
                view! {
                    <ul class="visit-list" data-testid="record-visits">
                        {record.visits.into_iter().map(|visit| view! { <Visit visit all_doctors /> }).collect_view()}
                    </ul>
                }.into_any()
            }}
        </section>
    }
}

/// One visit: when, its status (and why, when cancelled), the reason, and with whom for admins.
#[component]
fn Visit(visit: RecordVisit, all_doctors: bool) -> impl IntoView {
    let RecordVisit { visit, diagnosis, advice, private_note } = visit;
    let zone = ViewerZone::get();
    let (start, doctor_zone) = (visit.start, visit.doctor_time_zone);
    let badge = match visit.status {
        AppointmentStatus::Confirmed | AppointmentStatus::Completed => "status status-ok",
        AppointmentStatus::Pending => "status status-pending",
        _ => "status status-off",
    };
    let with = all_doctors.then(|| format!("{} · {}", visit.doctor_name, visit.specialty));
    view! {
        <li class="visit" data-status=visit.status.as_str() data-appointment-id=visit.id.to_string()>
            <p class="visit-when">{move || format::when_in(zone.or(doctor_zone), start)}</p>
            <span class=badge>{visit.status_line()}</span>
            {with.map(|with| view! { <p class="muted">{with}</p> })}
            {(!visit.reason.is_empty()).then(|| view! {
                <p><span class="muted">"Reason: "</span>{visit.reason.clone()}</p>
            })}
            {(!diagnosis.is_empty()).then(|| view! {
                <p class="bio"><span class="muted">"Diagnosis: "</span>{diagnosis}</p>
            })}
            {(!advice.is_empty()).then(|| view! {
                <p class="bio"><span class="muted">"Advice: "</span>{advice}</p>
            })}
            {private_note.map(|note| view! {
                <p class="bio private-note"><span class="muted">"Your private note: "</span>{note}</p>
            })}
            <p><a href=paths::appointment(visit.id)>"Open the visit"</a></p>
        </li>
    }
}
