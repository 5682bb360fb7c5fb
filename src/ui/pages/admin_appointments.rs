//! `/admin/appointments`: every appointment, filterable by doctor, patient, status and dates,
//! searchable and paginated; admins can act on any of them.

use crate::api::admin_appointments::admin_appointments;
use crate::api::change_appointment::ChangeAppointment;
use crate::api::list_users::list_users;
use crate::domain::booking::AppointmentStatus;
use crate::dto::appointment_lists::AppointmentPage;
use crate::paths;
use crate::ui::appointments::{AppointmentActions, AppointmentTime};
use crate::ui::components::{FormAlert, PageData, use_form_error};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::components::Form;
use leptos_router::hooks::use_query_map;

const FILTER_KEYS: [&str; 6] = ["doctor", "patient", "status", "from", "to", "search"];

/// `/admin/appointments` (admins only).
#[component]
pub fn AdminAppointmentsPage() -> impl IntoView {
    let query = use_query_map();
    let get = move |key: &str| query.with(|q| q.get(key).unwrap_or_default());
    let change = ServerAction::<ChangeAppointment>::new();
    let error = use_form_error(change.value());
    let page = Resource::new(
        move || {
            let values: Vec<String> = FILTER_KEYS.iter().map(|k| get(k)).collect();
            (values, get("page"), change.version().get())
        },
        |(v, page, _)| {
            admin_appointments(
                v[0].clone(),
                v[1].clone(),
                v[2].clone(),
                v[3].clone(),
                v[4].clone(),
                v[5].clone(),
                page,
            )
        },
    );
    let doctors = Resource::new(|| (), |_| list_users("doctor".into(), String::new()));
    view! {
        <Title text="Appointments" />
        <h1>"Appointments"</h1>
        <Form method="GET" action="" attr:class="filters" attr:data-testid="appointment-filters">
            <label for="doctor">"Doctor"</label>
            <select id="doctor" name="doctor">
                <option value="">"All doctors"</option>
                <Transition>
                    {move || Suspend::new(async move {
                        let current = get("doctor");
                        doctors.await.unwrap_or_default().into_iter().map(|d| {
                            let id = d.id.0.to_string();
                            let selected = current == id;
                            view! { <option value=id selected=selected>{d.full_name}</option> }
                        }).collect_view()
                    })}
                </Transition>
            </select>
            <label for="status">"Status"</label>
            <select id="status" name="status">
                {move || {
                    let current = get("status");
                    let mut options = vec![
                        ("".to_owned(), "Any status".to_owned()),
                        ("active".to_owned(), "Pending or confirmed".to_owned()),
                        ("standing".to_owned(), "Pending, confirmed or completed".to_owned()),
                        ("called_off".to_owned(), "Cancelled or rejected".to_owned()),
                    ];
                    options.extend(AppointmentStatus::ALL.iter().map(|s| (s.as_str().to_owned(), s.label().to_owned())));
                    options.into_iter().map(|(value, label)| {
                        let selected = current == value;
                        view! { <option value=value selected=selected>{label}</option> }
                    }).collect_view()
                }}
            </select>
            <label for="from">"From"</label>
            <input id="from" name="from" type="date" prop:value=move || get("from") />
            <label for="to">"To"</label>
            <input id="to" name="to" type="date" prop:value=move || get("to") />
            <label for="search">"Search"</label>
            <input id="search" name="search" type="search" maxlength="100" prop:value=move || get("search")
                placeholder="Patient, doctor or reason" />
            {move || {
                let patient = get("patient");
                (!patient.is_empty()).then(|| view! { <input type="hidden" name="patient" value=patient /> })
            }}
            <button type="submit" class="button-secondary">"Apply"</button>
            <a href=paths::ADMIN_APPOINTMENTS>"Clear"</a>
        </Form>
        <FormAlert error />
        <PageData resource=page loading="Loading appointments…" sign_in_for="as an admin."
            content=move |page| view! { <AppointmentTable page change /> }
        />
    }
}

/// The current filter as a query string (without the page), for links.
fn filter_query(extra: &[(&str, String)]) -> String {
    let query = use_query_map();
    let mut pairs: Vec<(String, String)> = query.with_untracked(|q| {
        FILTER_KEYS
            .iter()
            .filter_map(|k| q.get(k).filter(|v| !v.is_empty()).map(|v| (k.to_string(), v)))
            .collect()
    });
    for (key, value) in extra {
        pairs.retain(|(k, _)| k != key);
        pairs.push((key.to_string(), value.clone()));
    }
    let encoded: Vec<String> = pairs
        .iter()
        .map(|(k, v)| format!("{k}={}", crate::domain::query_string::percent_encode(v)))
        .collect();
    format!("{}?{}", paths::ADMIN_APPOINTMENTS, encoded.join("&"))
}

#[component]
fn AppointmentTable(
    page: AppointmentPage,
    change: ServerAction<ChangeAppointment>,
) -> impl IntoView {
    if page.items.is_empty() {
        return view! { <p>"No appointments match this filter."</p> }.into_any();
    }
    let summary = format!(
        "{} appointment{} · page {} of {} · dates in {}",
        page.total,
        if page.total == 1 { "" } else { "s" },
        page.page,
        page.pages,
        page.time_zone.label()
    );
    let previous = (page.page > 1).then(|| filter_query(&[("page", (page.page - 1).to_string())]));
    let next =
        (page.page < page.pages).then(|| filter_query(&[("page", (page.page + 1).to_string())]));
    view! {
        <p class="muted" data-testid="appointment-summary">{summary}</p>
        <div class="table-wrap">
            <table class="users" data-testid="appointment-table">
                <thead>
                    <tr>
                        <th scope="col">"When"</th>
                        <th scope="col">"Patient"</th>
                        <th scope="col">"Doctor"</th>
                        <th scope="col">"Status"</th>
                        <th scope="col">"Reason"</th>
                        <th scope="col">"Fee"</th>
                        <th scope="col">"Actions"</th>
                    </tr>
                </thead>
                <tbody>
                    {page.items.into_iter().map(|a| {
                        let patient_link = filter_query(&[("patient", a.patient_id.0.to_string())]);
                        let doctor_link = filter_query(&[("doctor", a.doctor_id.0.to_string())]);
                        let (id, status) = (a.id.to_string(), a.status.as_str());
                        view! {
                            <tr data-appointment-id=id data-status=status>
                                <td><AppointmentTime start=a.start doctor_time_zone=a.doctor_time_zone /></td>
                                <td><a href=patient_link title="Only this patient">{a.patient_name.clone()}</a></td>
                                <td><a href=doctor_link title="Only this doctor">{a.doctor_name.clone()}</a></td>
                                <td>{a.status_line()}</td>
                                <td>{a.reason.clone()}</td>
                                <td>{a.fee.to_string()}</td>
                                <td><AppointmentActions appointment=a change /></td>
                            </tr>
                        }
                    }).collect_view()}
                </tbody>
            </table>
        </div>
        <nav class="pagination" aria-label="Pages">
            {previous.map(|href| view! { <a class="button-secondary button-link" href=href rel="prev">"← Newer"</a> })}
            {next.map(|href| view! { <a class="button-secondary button-link" href=href rel="next">"Older →"</a> })}
        </nav>
    }
    .into_any()
}
