//! `/agenda`: a doctor's day or week, and the requests waiting for an answer.

use crate::api::change_appointment::ChangeAppointment;
use crate::api::doctor_agenda::doctor_agenda;
use crate::dto::appointment_lists::AgendaView;
use crate::ui::appointments::{AppointmentCard, Perspective};
use crate::ui::components::{FormAlert, PageData, use_form_error};
use crate::ui::format;
use chrono::{Duration, NaiveDate};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

/// `/agenda?date=YYYY-MM-DD&period=day|week` (doctors): a day, or seven days from the date
/// (today by default).
#[component]
pub fn AgendaPage() -> impl IntoView {
    let query = use_query_map();
    let date = move || query.with(|q| q.get("date").unwrap_or_default());
    let period = move || query.with(|q| q.get("period").unwrap_or_else(|| "week".to_owned()));
    let change = ServerAction::<ChangeAppointment>::new();
    let error = use_form_error(change.value());
    let agenda = Resource::new(
        move || (date(), period(), change.version().get()),
        |(date, period, _)| doctor_agenda(date, period),
    );
    view! {
        <Title text="Agenda" />
        <h1>"Agenda"</h1>
        <FormAlert error />
        <PageData resource=agenda loading="Loading agenda…" sign_in_for="as a doctor."
            content=move |agenda| view! { <Agenda agenda change /> }
        />
    }
}

#[component]
fn Agenda(agenda: AgendaView, change: ServerAction<ChangeAppointment>) -> impl IntoView {
    let period = if agenda.days == 7 { "week" } else { "day" };
    let step = Duration::days(i64::from(agenda.days));
    let link = |date: NaiveDate, period: &str| format!("/agenda?date={date}&period={period}");
    let last_day = agenda.first_day + Duration::days(i64::from(agenda.days) - 1);
    let title = if agenda.days == 7 {
        format!("7 days from {}", format::long_date(agenda.first_day))
    } else {
        format::long_date(agenda.first_day)
    };
    let days: Vec<NaiveDate> =
        (0..i64::from(agenda.days)).map(|n| agenda.first_day + Duration::days(n)).collect();
    let zone = agenda.time_zone;
    let pending_count = agenda.pending.len();
    view! {
        <section class="card" id="requests" data-testid="pending-requests">
            <h2>{format!("Requests waiting for you ({pending_count})")}</h2>
            {if agenda.pending.is_empty() {
                view! { <p class="muted">"No requests are waiting."</p> }.into_any()
            } else {
                agenda.pending.into_iter()
                    .map(|appointment| view! { <AppointmentCard appointment perspective=Perspective::Doctor change /> })
                    .collect_view()
                    .into_any()
            }}
        </section>
        <nav class="agenda-nav" aria-label="Agenda period">
            <a class="button-secondary button-link" href=link(agenda.first_day - step, period)>"← Previous"</a>
            <a class="button-secondary button-link" href="/agenda?period=day">"Today"</a>
            <a class="button-secondary button-link" href=link(last_day + Duration::days(1), period)>"Next →"</a>
            <span class="agenda-switch">
                <a href=link(agenda.first_day, "day") aria-current=(agenda.days == 1).then_some("page")>"Day"</a>
                " · "
                <a href=link(agenda.first_day, "week") aria-current=(agenda.days == 7).then_some("page")>"Week"</a>
            </span>
        </nav>
        <h2 data-testid="agenda-title">{title}</h2>
        <p class="muted">{format!("Times in {}.", agenda.time_zone.label())}</p>
        {days.into_iter().map(|day| {
            let todays: Vec<_> = agenda.appointments.iter()
                .filter(|a| zone.local(a.start).date() == day)
                .cloned()
                .collect();
            view! {
                <section class="agenda-day" data-date=day.to_string()>
                    <h3>{format::long_date(day)}</h3>
                    {if todays.is_empty() {
                        view! { <p class="muted">"No appointments."</p> }.into_any()
                    } else {
                        todays.into_iter()
                            .map(|appointment| view! { <AppointmentCard appointment perspective=Perspective::Doctor change /> })
                            .collect_view()
                            .into_any()
                    }}
                </section>
            }
        }).collect_view()}
    }
}
