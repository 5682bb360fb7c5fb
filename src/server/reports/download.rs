//! `GET /reports/{YYYY-MM}.csv`: a generated month's reports as a CSV download (a doctor their
//! own row, an admin every doctor's), safe to open in a spreadsheet.

use super::reading;
use crate::domain::report::percent_label;
use crate::dto::report_views::DoctorReport;
use crate::server::auth;
use crate::server::csv_field::csv_field;
use crate::server::state::AppState;
use axum::extract::{Path, State};
use axum::http::header;
use axum::response::{IntoResponse, Response};
use tower_sessions::Session;

const HEADER: &str = "month,doctor,specialty,pending,confirmed,completed,cancelled,rejected,\
no_show,completion_rate,cancellation_rate,no_show_rate,booked_hours,offered_hours,utilisation,\
currency,gross,platform_cut,net,reviews,average_rating,busiest_weekday,busiest_hour\r\n";

/// The month's CSV for the signed-in doctor or admin; 401/403/404 otherwise.
pub async fn download(
    State(state): State<AppState>,
    session: Session,
    Path(file): Path<String>,
) -> Response {
    let Some(month) = file.strip_suffix(".csv") else {
        return refusal(crate::error::AppError::NotFound);
    };
    let viewer = match auth::require_user(&state, &session).await {
        Ok(viewer) => viewer,
        Err(error) => return refusal(error.into_answer()),
    };
    match reading::monthly(&state, &viewer, month, None).await {
        Ok(view) => {
            let mut out = String::from(HEADER);
            for report in &view.reports {
                out.push_str(&line(&view.month, report));
            }
            let disposition =
                format!("attachment; filename=\"medibook-report-{}.csv\"", view.month);
            (
                [
                    (header::CONTENT_TYPE, "text/csv; charset=utf-8".to_owned()),
                    (header::CONTENT_DISPOSITION, disposition),
                    (header::CACHE_CONTROL, "no-store".to_owned()),
                ],
                out,
            )
                .into_response()
        }
        Err(error) => refusal(error.into_answer()),
    }
}

/// One doctor's row.
pub fn line(month: &str, report: &DoctorReport) -> String {
    let f = &report.figures;
    let money =
        |minor: i64| crate::domain::money::Money { minor, currency: report.currency }.decimal();
    let hours = |minutes: u32| format!("{:.1}", f64::from(minutes) / 60.0);
    let fields = [
        month.to_owned(),
        report.doctor_name.clone(),
        report.specialty.clone(),
        f.by_status.pending.to_string(),
        f.by_status.confirmed.to_string(),
        f.by_status.completed.to_string(),
        f.by_status.cancelled.to_string(),
        f.by_status.rejected.to_string(),
        f.by_status.no_show.to_string(),
        percent_label(f.completion_permille),
        percent_label(f.cancellation_permille),
        percent_label(f.no_show_permille),
        hours(f.booked_minutes),
        hours(f.offered_minutes),
        percent_label(f.utilisation_permille),
        report.currency.code().to_owned(),
        money(f.revenue.gross),
        money(f.revenue.platform_cut),
        money(f.revenue.net),
        f.ratings.count.to_string(),
        f.rating_tenths.map(|t| format!("{}.{}", t / 10, t % 10)).unwrap_or_default(),
        f.busiest_weekday.map(|d| d.to_string()).unwrap_or_default(),
        f.busiest_hour.map(|h| format!("{h:02}:00")).unwrap_or_default(),
    ];
    let cells: Vec<String> = fields.iter().map(|f| csv_field(f)).collect();
    format!("{}\r\n", cells.join(","))
}

fn refusal(error: crate::error::AppError) -> Response {
    crate::server::refusal_response::plain(&error)
}
