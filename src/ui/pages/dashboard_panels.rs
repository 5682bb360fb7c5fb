//! The panels of each role's home page: what needs doing now, every number a link to the list
//! behind it.

use crate::domain::AppointmentId;
use crate::dto::appointment_view::AppointmentView;
use crate::dto::dashboards::{AdminDashboard, DoctorDashboard, PatientDashboard};
use crate::paths;
use crate::ui::format;
use crate::ui::viewer_zone::ViewerZone;
use chrono::{DateTime, Utc};
use leptos::prelude::*;

/// A count with its label, linking to the list it counts.
#[component]
fn Stat(count: String, label: &'static str, href: String, testid: &'static str) -> impl IntoView {
    view! {
        <a class="stat" href=href data-testid=testid>
            <span class="stat-count">{count}</span>
            <span class="stat-label">{label}</span>
        </a>
    }
}

/// `now`, moving on every 30 seconds once the page is interactive.
fn ticking(now: DateTime<Utc>) -> ReadSignal<DateTime<Utc>> {
    let (current, set_current) = signal(now);
    Effect::new(move |_| {
        let tick = move || set_current.set(Utc::now());
        tick();
        if let Ok(handle) = set_interval_with_handle(tick, std::time::Duration::from_secs(30)) {
            on_cleanup(move || handle.clear());
        }
    });
    current
}

/// The patient's next visit with a countdown, what else is coming, notices, wallet and reviews.
#[component]
pub fn PatientPanel(panel: PatientDashboard, now: DateTime<Utc>) -> impl IntoView {
    let zone = ViewerZone::get();
    let now = ticking(now);
    let mut upcoming = panel.upcoming.into_iter();
    let next = upcoming.next();
    let rest: Vec<AppointmentView> = upcoming.collect();
    let wallet = panel.wallet.first().map(ToString::to_string).unwrap_or_default();
    view! {
        <section class="card span-all" aria-labelledby="next-visit-heading" data-testid="next-visit">
            <h2 id="next-visit-heading">"Your next visit"</h2>
            {match next {
                Some(visit) => {
                    let (start, doctor_zone) = (visit.start, visit.doctor_time_zone);
                    view! {
                        <p class="next-visit-when">
                            <strong>{move || format::countdown(now.get(), start)}</strong>
                            " · " {move || format::when_in(zone.or(doctor_zone), start)}
                        </p>
                        <p>{format!("{} · {}", visit.doctor_name, visit.specialty)}" · "
                            <span class="muted">{visit.status_line()}</span></p>
                        <p><a href=paths::appointment(visit.id)>"Details"</a></p>
                    }.into_any()
                }
                None => view! {
                    <p class="empty">"No visits booked."</p>
                    <a class="button" href=paths::DOCTORS>"Find a doctor"</a>
                }.into_any(),
            }}
        </section>
        <section class="card span-all stats" aria-label="At a glance">
            <Stat count=panel.upcoming_total.to_string() label="upcoming visits" href=paths::APPOINTMENTS.to_owned() testid="stat-upcoming" />
            <Stat count=panel.unread_notices.to_string() label="unread notices" href=paths::NOTIFICATIONS.to_owned() testid="stat-unread" />
            <Stat count=wallet label="in your wallet" href=paths::WALLET.to_owned() testid="stat-wallet" />
            <Stat count=panel.to_review.len().to_string() label="visits to review" href=format!("{}#past", paths::APPOINTMENTS) testid="stat-to-review" />
        </section>
        {(!rest.is_empty()).then(|| view! {
            <section class="card" aria-labelledby="later-heading">
                <h2 id="later-heading">"Later"</h2>
                <ul class="visit-list">{rest.into_iter().map(|visit| view! { <VisitLine visit /> }).collect_view()}</ul>
            </section>
        })}
        {(!panel.to_review.is_empty()).then(|| view! {
            <section class="card" aria-labelledby="review-heading">
                <h2 id="review-heading">"How did it go?"</h2>
                <ul class="visit-list">{panel.to_review.into_iter().map(|visit| {
                    let id: AppointmentId = visit.id;
                    view! {
                        <li class="visit">
                            <VisitLine visit />
                            <a class="button-secondary button-link" href=paths::review(id)>"Write a review"</a>
                        </li>
                    }
                }).collect_view()}</ul>
            </section>
        })}
    }
}

/// "Mon 23 Nov 2026, 10:00 GMT-5 · Dr. Smith", linking to the visit.
#[component]
fn VisitLine(visit: AppointmentView) -> impl IntoView {
    let zone = ViewerZone::get();
    let (start, doctor_zone, id) = (visit.start, visit.doctor_time_zone, visit.id);
    let name = visit.doctor_name.clone();
    view! {
        <p>
            <a href=paths::appointment(id)>{move || format::when_in(zone.or(doctor_zone), start)}</a>
            " · " {name}
        </p>
    }
}

/// The doctor's day in order, requests waiting, the week's count and the month's earnings.
#[component]
pub fn DoctorPanel(panel: DoctorDashboard) -> impl IntoView {
    let zone = panel.time_zone;
    let earnings = if panel.month_earnings.is_empty() {
        "0".to_owned()
    } else {
        panel.month_earnings.iter().map(ToString::to_string).collect::<Vec<_>>().join(" + ")
    };
    let today_count = panel.today_visits.len();
    view! {
        {(!panel.verified).then(|| view! {
            <section class="card span-all" data-testid="verification-status">
                <p class="status status-pending">"Awaiting verification"</p>
                <p>"A clinic admin will check your licence number. Until then patients cannot see or book you."</p>
            </section>
        })}
        <section class="card span-all stats" aria-label="At a glance">
            <Stat count=today_count.to_string() label="visits today" href=format!("{}?period=day", paths::AGENDA) testid="stat-today" />
            <Stat count=panel.pending_requests.to_string() label="requests waiting" href=format!("{}#requests", paths::AGENDA) testid="stat-pending" />
            <Stat count=panel.week_visits.to_string() label="visits this week" href=format!("{}?date={}&period=week", paths::AGENDA, panel.week_start) testid="stat-week" />
            <Stat count=earnings label="earned this month" href=paths::EARNINGS.to_owned() testid="stat-earnings" />
        </section>
        <section class="card span-all" aria-labelledby="today-heading" data-testid="today-visits">
            <h2 id="today-heading">{format!("Today, {}", format::long_date(panel.today))}</h2>
            <p class="muted">{format!("Times in {}.", zone.label())}</p>
            {if panel.today_visits.is_empty() {
                view! { <p class="empty">"No visits today."</p> }.into_any()
            } else {
                view! {
                    <ol class="visit-list today-list">
                        {panel.today_visits.into_iter().map(|visit| {
                            let (id, patient) = (visit.id, visit.patient_id);
                            view! {
                                <li class="visit" data-status=visit.status.as_str() data-appointment-id=id.to_string()>
                                    <p class="visit-when">{format::time_in(zone, visit.start)}" · "
                                        <a href=paths::patient_record(patient) data-testid="today-patient">{visit.patient_name.clone()}</a>
                                        " · " <span class="muted">{visit.status_line()}</span>
                                    </p>
                                    {(!visit.reason.is_empty()).then(|| view! { <p><span class="muted">"Reason: "</span>{visit.reason.clone()}</p> })}
                                    <p><a href=paths::appointment(id)>"Open the visit"</a></p>
                                </li>
                            }
                        }).collect_view()}
                    </ol>
                }.into_any()
            }}
        </section>
    }
}

/// Today at the clinic, verifications, failed mail and the ledger.
#[component]
pub fn AdminPanel(panel: AdminDashboard) -> impl IntoView {
    let day = panel.today;
    let list = move |status: &str| {
        format!("{}?from={day}&to={day}&status={status}", paths::ADMIN_APPOINTMENTS)
    };
    let waiting = match panel.doctors_awaiting_verification {
        0 => "No doctors are waiting for verification.".to_owned(),
        1 => "1 doctor is waiting for verification.".to_owned(),
        n => format!("{n} doctors are waiting for verification."),
    };
    let ledger =
        if panel.ledger_clean { "reconciles".to_owned() } else { "does NOT reconcile".to_owned() };
    view! {
        <section class="card span-all stats" aria-label=format!("Today, {}", format::long_date(day))>
            <Stat count=panel.visits_today.to_string() label="visits today" href=list("standing") testid="stat-visits-today" />
            <Stat count=panel.cancelled_today.to_string() label="cancelled for today" href=list("called_off") testid="stat-cancelled-today" />
            <Stat count=panel.no_shows_today.to_string() label="no-shows today" href=list("no_show") testid="stat-no-shows-today" />
            <Stat count=panel.doctors_awaiting_verification.to_string() label="doctors to verify" href="/admin/users?show=unverified".to_owned() testid="stat-to-verify" />
            <Stat count=panel.failed_mail.to_string() label="failed mails" href=paths::ADMIN_MAIL.to_owned() testid="stat-failed-mail" />
            <Stat count=panel.payments_pending.to_string() label="card payments pending" href=paths::ADMIN_PAYMENTS.to_owned() testid="stat-payments-pending" />
        </section>
        <section class="card">
            <h2>"Clinic overview"</h2>
            <p data-testid="pending-doctors">{waiting}</p>
            <p data-testid="ledger-status" class=if panel.ledger_clean { "status status-ok" } else { "status status-off" }>
                {format!("The ledger {ledger}.")}
            </p>
            <div class="actions">
                <a class="button" href="/admin/users?show=unverified">"Review doctors"</a>
                <a class="button-secondary" href=paths::ADMIN_USERS>"All users"</a>
            </div>
        </section>
    }
}
