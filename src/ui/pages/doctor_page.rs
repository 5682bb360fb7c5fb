//! A doctor's public page: profile, availability calendar and the chosen day's times.

use crate::api::doctor_public::doctor_public;
use crate::dto::doctor_profile::DoctorProfile;
use crate::paths;
use crate::ui::calendar::BookingCalendar;
use chrono::NaiveDate;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};

/// `/doctors/:id`.
#[component]
pub fn DoctorPage() -> impl IntoView {
    let params = use_params_map();
    let id = params.with_untracked(|p| p.get("id").and_then(|id| id.parse::<i64>().ok()));
    let profile = Resource::new(
        move || id,
        |id| async move {
            match id {
                Some(id) => doctor_public(id).await,
                None => Err(crate::error::AppError::NotFound),
            }
        },
    );
    // `?from=YYYY-MM-DD` (a follow-up's week) opens the calendar on that day.
    let from = use_query_map().with_untracked(|q| {
        q.get("from").and_then(|d| NaiveDate::parse_from_str(&d, "%Y-%m-%d").ok())
    });
    // A `Suspend`, not a closure returning one: the server walks a closure twice (once to find
    // the resources it reads, once to render), and each walk would create the calendar island's
    // resources again, sending the month in the page's data twice. So the page reads its doctor
    // once: another doctor's page is a new page (an islands page loads it from the server, and
    // in the whole app's client no link leads from one doctor's page to another's).
    view! {
        <Transition fallback=|| view! { <p class="loading">"Loading…"</p> }>
            {Suspend::new(async move {
                match profile.await {
                    Ok(doctor) => view! { <DoctorDetails doctor from /> }.into_any(),
                    Err(error) => view! {
                        <Title text="Doctor not found" />
                        <section class="card narrow">
                            <h1>"Doctor not found"</h1>
                            <p>{error.message()}</p>
                            <p><a href=paths::DOCTORS>"Back to the directory"</a></p>
                        </section>
                    }.into_any(),
                }
            })}
        </Transition>
    }
}

#[component]
fn DoctorDetails(doctor: DoctorProfile, from: Option<NaiveDate>) -> impl IntoView {
    let doctor_zone = doctor.time_zone;
    let id = doctor.id.0;
    view! {
        <Title text=doctor.full_name.clone() />
        <div class="doctor-layout">
            <section class="card doctor-profile">
                <div class="doctor-heading">
                    <img class="avatar avatar-large" width="120" height="120" alt=format!("Photo of {}", doctor.full_name)
                        src=doctor.photo_url.clone().unwrap_or_else(|| super::directory_results::DEFAULT_AVATAR.to_owned()) />
                    <div>
                        <h1>{doctor.full_name.clone()}</h1>
                        <p class="specialty">{doctor.specialty.clone()}</p>
                        <p class="rating-line" data-testid="doctor-rating">{match doctor.rating.average_label() {
                            Some(average) => view! {
                                <a href="#reviews">{format!("★ {average} · {} review{}", doctor.rating.count, if doctor.rating.count == 1 { "" } else { "s" })}</a>
                            }.into_any(),
                            None => view! { <span class="muted">"No reviews yet"</span> }.into_any(),
                        }}</p>
                    </div>
                </div>
                <dl class="details">
                    {(!doctor.place.is_empty()).then(|| view! { <dt>"Practice"</dt><dd data-testid="doctor-place">{doctor.place.clone()}</dd> })}
                    {(!doctor.languages.is_empty()).then(|| view! { <dt>"Languages"</dt><dd>{doctor.languages.join(", ")}</dd> })}
                    <dt>"Consultation fee"</dt><dd data-testid="doctor-fee">{doctor.fee.to_string()}</dd>
                    <dt>"Experience"</dt><dd>{format!("{} years", doctor.years_of_experience)}</dd>
                    <dt>"Appointment length"</dt><dd>{format!("{} minutes", doctor.slot_minutes)}</dd>
                    {(!doctor.location.is_empty()).then(|| view! { <dt>"Location"</dt><dd>{doctor.location.clone()}</dd> })}
                    <dt>"Practice time zone"</dt><dd>{doctor.time_zone.label()}</dd>
                </dl>
                {(!doctor.bio.is_empty()).then(|| view! { <p class="bio">{doctor.bio.clone()}</p> })}
            </section>
            <BookingCalendar doctor_id=id doctor_zone from />
        </div>
        <super::doctor_reviews::DoctorReviewsSection doctor_id=id />
    }
}
