//! Doctors' figures as a table (many doctors) or as one doctor's full report.

use crate::domain::money::Money;
use crate::domain::report::{Figures, percent_label};
use crate::dto::report_views::DoctorReport;
use leptos::prelude::*;

fn hours(minutes: u32) -> String {
    format!("{:.1} h", f64::from(minutes) / 60.0)
}

fn rating(f: &Figures) -> String {
    match f.rating_tenths {
        Some(t) => format!("★ {}.{} ({})", t / 10, t % 10, f.ratings.count),
        None => "No reviews".to_owned(),
    }
}

fn busiest(f: &Figures) -> String {
    match (f.busiest_weekday, f.busiest_hour) {
        (Some(day), Some(hour)) => format!("{day} · {hour:02}:00"),
        _ => "–".to_owned(),
    }
}

/// One row per doctor: the headline figures.
#[component]
pub fn ReportTable(reports: Vec<DoctorReport>) -> impl IntoView {
    if reports.is_empty() {
        return view! { <p class="empty">"No doctors to report on."</p> }.into_any();
    }
    view! {
        <div class="table-wrap">
            <table data-testid="report-table">
                <caption class="visually-hidden">"Each doctor's figures"</caption>
                <thead><tr>
                    <th scope="col">"Doctor"</th><th scope="col">"Appointments"</th>
                    <th scope="col">"Completed"</th><th scope="col">"Cancelled"</th>
                    <th scope="col">"No-show"</th><th scope="col">"Booked / offered"</th>
                    <th scope="col">"Net revenue"</th><th scope="col">"Rating"</th><th scope="col">"Busiest"</th>
                </tr></thead>
                <tbody>
                    {reports.into_iter().map(|r| {
                        let f = r.figures;
                        let net = Money { minor: f.revenue.net, currency: r.currency }.to_string();
                        view! {
                            <tr data-doctor-id=r.doctor.to_string()>
                                <th scope="row">{r.doctor_name}<br /><span class="muted">{r.specialty}</span></th>
                                <td>{f.by_status.total()}</td>
                                <td>{percent_label(f.completion_permille)}</td>
                                <td>{percent_label(f.cancellation_permille)}</td>
                                <td>{percent_label(f.no_show_permille)}</td>
                                <td>{format!("{} / {} ({})", hours(f.booked_minutes), hours(f.offered_minutes), percent_label(f.utilisation_permille))}</td>
                                <td>{net}</td>
                                <td>{rating(&f)}</td>
                                <td>{busiest(&f)}</td>
                            </tr>
                        }
                    }).collect_view()}
                </tbody>
            </table>
        </div>
    }
    .into_any()
}

/// Every figure of one doctor's report.
#[component]
pub fn ReportDetails(report: DoctorReport) -> impl IntoView {
    let f = report.figures;
    let money = |minor: i64| Money { minor, currency: report.currency }.to_string();
    let s = f.by_status;
    view! {
        <section class="card report" data-testid="report-details">
            <h2>{report.doctor_name.clone()}</h2>
            <dl class="details">
                <dt>"Appointments"</dt>
                <dd data-testid="report-appointments">{format!(
                    "{} in all: {} completed, {} no-show, {} cancelled, {} declined, {} confirmed, {} awaiting the doctor",
                    s.total(), s.completed, s.no_show, s.cancelled, s.rejected, s.confirmed, s.pending
                )}</dd>
                <dt>"Completion rate"</dt><dd data-testid="report-completion">{percent_label(f.completion_permille)}</dd>
                <dt>"Cancellation rate"</dt><dd>{percent_label(f.cancellation_permille)}</dd>
                <dt>"No-show rate"</dt><dd>{percent_label(f.no_show_permille)}</dd>
                <dt>"Booked hours"</dt><dd>{hours(f.booked_minutes)}</dd>
                <dt>"Offered hours"</dt><dd>{hours(f.offered_minutes)}</dd>
                <dt>"Utilisation"</dt><dd>{percent_label(f.utilisation_permille)}</dd>
                <dt>"Revenue (gross)"</dt><dd data-testid="report-gross">{money(f.revenue.gross)}</dd>
                <dt>"Clinic's share"</dt><dd>{money(f.revenue.platform_cut)}</dd>
                <dt>"Net to the doctor"</dt><dd data-testid="report-net">{money(f.revenue.net)}</dd>
                <dt>"Rating"</dt><dd>{rating(&f)}</dd>
                <dt>"Busiest"</dt><dd>{busiest(&f)}</dd>
            </dl>
        </section>
    }
}
