//! `/analytics?from=YYYY-MM-DD&to=YYYY-MM-DD` (admins: the clinic; doctors: their own slice):
//! bookings per day, lead times, utilisation, cancellations, revenue per month and new
//! patients per week, as charts drawn on the server with their numbers beneath.

use crate::api::analytics::analytics;
use crate::domain::report::percent_label;
use crate::dto::analytics_view::AnalyticsView;
use crate::ui::charts::{Bar, BarChart, HorizontalBarChart};
use crate::ui::components::PageData;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

/// The analytics page; the range lives in the query string (last 90 days by default).
#[component]
pub fn AnalyticsPage() -> impl IntoView {
    let query = use_query_map();
    let get = move |key: &str| query.with(|q| q.get(key).unwrap_or_default());
    let data = Resource::new(move || (get("from"), get("to")), |(from, to)| analytics(from, to));
    view! {
        <Title text="Analytics" />
        <h1>"Analytics"</h1>
        <PageData resource=data loading="Loading the charts…" sign_in_for="as a doctor or an admin."
            content=move |view| view! { <Charts view /> }
        />
    }
}

#[component]
fn Charts(view: AnalyticsView) -> impl IntoView {
    let scope = if view.own_slice { "Your practice" } else { "The whole clinic" };
    let range = format!("{} to {}", view.from.format("%-d %b %Y"), view.to.format("%-d %b %Y"));
    let per_day: Vec<Bar> = view
        .bookings_per_day
        .iter()
        .map(|d| Bar::count(d.date.format("%-d %b").to_string(), d.count))
        .collect();
    let leads: Vec<Bar> =
        view.lead_times.iter().map(|l| Bar::count(l.label.clone(), l.count)).collect();
    let utilisation: Vec<Bar> = view
        .utilisation
        .iter()
        .map(|u| Bar {
            label: u.doctor_name.clone(),
            value: f64::from(u.permille.unwrap_or(0)) / 10.0,
            shown: format!(
                "{} ({:.1} h of {:.1} h)",
                percent_label(u.permille),
                f64::from(u.booked_minutes) / 60.0,
                f64::from(u.offered_minutes) / 60.0
            ),
        })
        .collect();
    let utilisation_title = if view.doctors as usize > view.utilisation.len() {
        format!("Utilisation: the {} busiest of {} doctors", view.utilisation.len(), view.doctors)
    } else {
        "Utilisation: booked hours as a share of working hours".to_owned()
    };
    let called_off: Vec<Bar> =
        view.cancellations.iter().map(|c| Bar::count(c.label.clone(), c.count)).collect();
    let currency =
        view.revenue.first().map(|r| r.gross.currency.code().to_owned()).unwrap_or_default();
    let revenue: Vec<Bar> = view
        .revenue
        .iter()
        .map(|r| Bar {
            label: r.month.clone(),
            value: r.gross.minor as f64 / 100.0,
            shown: format!("{} gross, {} net", r.gross, r.net),
        })
        .collect();
    let newcomers: Vec<Bar> = view
        .new_patients
        .iter()
        .map(|w| Bar::count(w.date.format("%-d %b").to_string(), w.count))
        .collect();
    let reasons = view.cancellation_reasons.clone();
    view! {
        <form method="get" class="report-controls no-print">
            <div class="field"><label for="from">"From"</label><input id="from" name="from" type="date" value=view.from.to_string() /></div>
            <div class="field"><label for="to">"To"</label><input id="to" name="to" type="date" value=view.to.to_string() /></div>
            <button type="submit" class="button">"Show"</button>
        </form>
        <p class="muted" data-testid="analytics-range">{format!("{scope}, {range}. Days and months are the clinic's.")}</p>
        <div class="charts">
            <BarChart id="bookings-per-day" title="Bookings per day".to_owned() x_title="Day booked"
                y_title="Appointments booked".to_owned() bars=per_day />
            <BarChart id="lead-times" title="How far ahead patients book".to_owned() x_title="Booked before the visit"
                y_title="Appointments".to_owned() bars=leads />
            <HorizontalBarChart id="utilisation" title=utilisation_title row_title="Doctor"
                x_title="Utilisation (%)".to_owned() bars=utilisation whole=false />
            <HorizontalBarChart id="cancellations" title="Visits called off, by who".to_owned() row_title="Who"
                x_title="Appointments".to_owned() bars=called_off />
            <BarChart id="revenue" title="Revenue per month".to_owned() x_title="Month"
                y_title=format!("Gross ({currency})") bars=revenue whole=false />
            <BarChart id="new-patients" title="New patients per week".to_owned() x_title="Week starting"
                y_title="Patients".to_owned() bars=newcomers />
        </div>
        <section class="card" aria-labelledby="reasons-heading">
            <h2 id="reasons-heading">"Reasons given most often"</h2>
            {if reasons.is_empty() {
                view! { <p class="empty">"No reasons were given."</p> }.into_any()
            } else {
                view! {
                    <ol>{reasons.into_iter().map(|r| view! { <li>{format!("{} ({})", r.label, r.count)}</li> }).collect_view()}</ol>
                }.into_any()
            }}
        </section>
    }
    .into_any()
}
