//! `/reports?month=YYYY-MM` (doctors: their own; admins: every doctor's): a generated month's
//! reports, a CSV download and a printable page; and `?from=…&to=…`, the same figures for any
//! dates, computed when asked.

use super::report_table::{ReportDetails, ReportTable};
use crate::api::monthly_report::monthly_report;
use crate::api::statistics::statistics;
use crate::dto::report_views::{MonthlyReportView, StatisticsView};
use crate::error::AppError;
use crate::ui::components::PageData;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

/// The reports page.
#[component]
pub fn ReportsPage() -> impl IntoView {
    let query = use_query_map();
    let get = move |key: &str| query.with(|q| q.get(key).unwrap_or_default());
    let month = Resource::new(move || get("month"), |month| monthly_report(month, String::new()));
    let range = move || (get("from"), get("to"));
    let stats = Resource::new(range, |(from, to)| async move {
        if from.is_empty() && to.is_empty() {
            Ok(None)
        } else {
            statistics(from, to, String::new()).await.map(Some)
        }
    });
    view! {
        <Title text="Reports" />
        <h1>"Reports"</h1>
        <PageData resource=month loading="Loading reports…" sign_in_for="as a doctor or an admin."
            content=move |view| view! { <Month view /> }
        />
        <section class="card no-print" aria-labelledby="stats-heading">
            <h2 id="stats-heading">"Any dates"</h2>
            <form method="get" class="report-controls">
                <div class="field"><label for="from">"From"</label><input id="from" name="from" type="date" value=get("from") /></div>
                <div class="field"><label for="to">"To"</label><input id="to" name="to" type="date" value=get("to") /></div>
                <button type="submit" class="button">"Show figures"</button>
            </form>
            <Transition fallback=|| view! { <p class="loading">"Computing…"</p> }>
                {move || Suspend::new(async move {
                    match stats.await {
                        Ok(Some(view)) => view! { <Statistics view /> }.into_any(),
                        Ok(None) => view! { <p class="hint">"Choose two days to see the same figures for them."</p> }.into_any(),
                        Err(error) => view! { <ErrorLine error /> }.into_any(),
                    }
                })}
            </Transition>
        </section>
    }
}

#[component]
fn ErrorLine(error: AppError) -> impl IntoView {
    let detail = match &error {
        AppError::Invalid(fields) => fields.first().map(|f| f.message()).unwrap_or_default(),
        other => other.message().to_owned(),
    };
    view! { <p class="alert alert-error" data-error-code=error.code()>{detail}</p> }
}

#[component]
fn Month(view: MonthlyReportView) -> impl IntoView {
    if view.month.is_empty() {
        return view! {
            <p class="empty" data-testid="no-reports">"No month has ended since the first appointment: the first report comes on the 1st of next month."</p>
        }
        .into_any();
    }
    let generated = view
        .generated_at
        .map(|at| {
            format!(
                "Generated {} (UTC). Months are the clinic's ({}).",
                at.format("%-d %B %Y, %H:%M"),
                view.time_zone
            )
        })
        .unwrap_or_default();
    let csv = format!("/reports/{}.csv", view.month);
    let label = chrono::NaiveDate::parse_from_str(&format!("{}-01", view.month), "%Y-%m-%d")
        .map(|d| d.format("%B %Y").to_string())
        .unwrap_or_else(|_| view.month.clone());
    let single = view.reports.len() == 1;
    view! {
        <form method="get" class="report-controls">
            <div class="field">
                <label for="month">"Month"</label>
                <select id="month" name="month">
                    {view.months.iter().map(|m| view! { <option value=m.clone() selected=*m == view.month>{m.clone()}</option> }).collect_view()}
                </select>
            </div>
            <button type="submit" class="button-secondary">"Show"</button>
            <a class="button-secondary button-link" href=csv download="" data-testid="report-csv">"Download CSV"</a>
            <button type="button" class="button-secondary js-only" on:click=|_| { let _ = window().print(); }>"Print"</button>
        </form>
        <h2 data-testid="report-month">{label}</h2>
        <p class="muted">{generated}</p>
        {if single {
            view.reports.into_iter().map(|report| view! { <ReportDetails report /> }).collect_view().into_any()
        } else {
            view! { <ReportTable reports=view.reports /> }.into_any()
        }}
    }
    .into_any()
}

#[component]
fn Statistics(view: StatisticsView) -> impl IntoView {
    let title = format!("{} to {}", view.from.format("%-d %b %Y"), view.to.format("%-d %b %Y"));
    let single = view.reports.len() == 1;
    view! {
        <h3 data-testid="stats-range">{title}</h3>
        {if single {
            view.reports.into_iter().map(|report| view! { <ReportDetails report /> }).collect_view().into_any()
        } else {
            view! { <ReportTable reports=view.reports /> }.into_any()
        }}
    }
}
