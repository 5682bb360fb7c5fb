//! `/api/v1/agenda`, `/api/v1/patients/{id}/history`, `/api/v1/earnings`,
//! `/api/v1/withdrawals` and `/api/v1/statistics`: a doctor's schedule, a patient's history as
//! their doctor sees it, a doctor's earnings and withdrawal requests, and per-doctor figures (admins: anyone's; doctors: their
//! own). Each calls the service behind the web app's page.

use crate::domain::api_scope::ApiScope;
use crate::domain::{Role, UserId};
use crate::error::AppError;
use crate::server::reports::reading;
use crate::server::rest::etag::polled_json;
use crate::server::rest::extract::{Caller, JsonBody, PathOf, QueryOf, idempotency_key};
use crate::server::rest::problem::{ProblemBody, RestResult};
use crate::server::rest::views::{
    AgendaAnswer, AppointmentDetail, DoctorFigures, EarningsAnswer, EarningsLineView,
    EarningsMonthView, HistoryVisit, PatientHistory, StatisticsAnswer, WithdrawalItem,
};
use crate::server::services::{appointment_lists, patient_record, withdrawals};
use crate::server::state::AppState;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::response::Response;
use chrono::DateTime;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

/// Which days of the agenda.
#[derive(Debug, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct AgendaParams {
    /// The first day (YYYY-MM-DD, the doctor's); absent: today.
    #[serde(default)]
    #[param(max_length = 10)]
    date: String,
    /// `day` (default) or `week`.
    #[serde(default)]
    #[param(pattern = "^(day|week)?$")]
    period: String,
}

/// The calling doctor's appointments over a day or a week, and every request still waiting.
#[utoipa::path(get, path = "/api/v1/agenda", tag = "doctors' practice", params(AgendaParams),
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The agenda", body = AgendaAnswer),
        (status = 304, description = "Unchanged since the ETag sent"),
        (status = 400, description = "`invalid_input` (the date) or `bad_request` (the period)", body = ProblemBody, content_type = "application/problem+json"),
        (status = 401, description = "`unauthenticated` or `token_invalid`", body = ProblemBody, content_type = "application/problem+json"),
        (status = 403, description = "`forbidden` (not a doctor)", body = ProblemBody, content_type = "application/problem+json"),
    ))]
pub async fn agenda(
    State(state): State<AppState>,
    caller: Caller,
    QueryOf(params): QueryOf<AgendaParams>,
    headers: HeaderMap,
) -> RestResult<Response> {
    let doctor = caller.with_role(Role::Doctor, ApiScope::AppointmentsRead)?;
    let view =
        appointment_lists::doctor_agenda(&state, &doctor, &params.date, &params.period).await?;
    let answer = AgendaAnswer {
        first_day: view.first_day,
        days: view.days,
        time_zone: view.time_zone.name().to_owned(),
        appointments: view.appointments.into_iter().map(AppointmentDetail::from).collect(),
        pending: view.pending.into_iter().map(AppointmentDetail::from).collect(),
    };
    Ok(polled_json(&headers, &answer))
}

/// A patient's details and visits, for a doctor who has seen or will see them (their own
/// visits) or an admin (every visit). Each opening is recorded for the patient to see, as on
/// the web.
#[utoipa::path(get, path = "/api/v1/patients/{id}/history", tag = "doctors' practice",
    security(("bearer" = [])),
    params(("id" = i64, Path, description = "The patient's user id")),
    responses(
        (status = 200, description = "The history", body = PatientHistory),
        (status = 401, description = "`unauthenticated` or `token_invalid`", body = ProblemBody, content_type = "application/problem+json"),
        (status = 403, description = "`forbidden` (a patient's token, or a personal token without `records:read`)", body = ProblemBody, content_type = "application/problem+json"),
        (status = 404, description = "`not_found` (no such patient, or none the caller has a visit with)", body = ProblemBody, content_type = "application/problem+json"),
    ))]
pub async fn patient_history(
    State(state): State<AppState>,
    caller: Caller,
    PathOf(id): PathOf<i64>,
) -> RestResult<axum::Json<PatientHistory>> {
    let viewer = caller.may(ApiScope::RecordsRead)?;
    let record = patient_record::open(&state, &viewer, UserId(id)).await?;
    let details = record.details;
    Ok(axum::Json(PatientHistory {
        patient_id: details.patient.0,
        full_name: details.full_name,
        age: record.age,
        blood_group: details.blood_group,
        allergies: details.allergies,
        conditions: details.conditions,
        visits: record
            .visits
            .into_iter()
            .map(|v| HistoryVisit {
                appointment: v.visit.into(),
                diagnosis: v.diagnosis,
                advice: v.advice,
                private_note: v.private_note,
            })
            .collect(),
        all_doctors: record.all_doctors,
    }))
}

/// The calling doctor's earnings held by the clinic, what each visit earned, and their
/// withdrawal requests.
#[utoipa::path(get, path = "/api/v1/earnings", tag = "doctors' practice",
    security(("bearer" = [])),
    responses(
        (status = 200, description = "Earnings", body = EarningsAnswer),
        (status = 304, description = "Unchanged since the ETag sent"),
        (status = 401, description = "`unauthenticated` or `token_invalid`", body = ProblemBody, content_type = "application/problem+json"),
        (status = 403, description = "`forbidden` (not a doctor)", body = ProblemBody, content_type = "application/problem+json"),
    ))]
pub async fn earnings(
    State(state): State<AppState>,
    caller: Caller,
    headers: HeaderMap,
) -> RestResult<Response> {
    let doctor = caller.with_role(Role::Doctor, ApiScope::EarningsRead)?;
    let view = withdrawals::earnings_view(&state, &doctor).await?;
    let at = |seconds: i64| DateTime::from_timestamp(seconds, 0).unwrap_or_default();
    let answer = EarningsAnswer {
        balances: view.balances.into_iter().map(Into::into).collect(),
        available: view.available.into_iter().map(Into::into).collect(),
        months: view
            .months
            .into_iter()
            .map(|m| EarningsMonthView {
                month: m.month,
                visits: m.visits,
                gross: m.gross.into(),
                platform_cut: m.platform_cut.into(),
                net: m.net.into(),
            })
            .collect(),
        lines: view
            .lines
            .into_iter()
            .map(|l| EarningsLineView {
                appointment_id: l.appointment_id.0,
                start: at(l.start),
                patient_name: l.patient_name,
                fee: l.fee.into(),
                platform_cut: l.platform_cut.into(),
                net: l.net.into(),
                description: l.description,
            })
            .collect(),
        withdrawals: view
            .withdrawals
            .into_iter()
            .map(|w| WithdrawalItem {
                id: w.id,
                amount: w.amount.into(),
                status: w.status,
                note: w.note,
                created_at: at(w.created_at),
                decided_at: w.decided_at.map(at),
            })
            .collect(),
    };
    Ok(polled_json(&headers, &answer))
}

/// A request to withdraw earnings.
#[derive(Debug, Deserialize, ToSchema)]
pub struct WithdrawalRequest {
    /// In whole units with up to two decimals ("500", "12.50").
    #[schema(example = "500")]
    pub amount: String,
    /// ISO 4217 code of the earnings to withdraw.
    #[schema(example = "USD")]
    pub currency: String,
}

/// A withdrawal request recorded (or found again by its key).
#[derive(Debug, Serialize, ToSchema)]
pub struct WithdrawalAsked {
    pub id: i64,
}

/// Asks the clinic to pay out earnings; an admin approves or rejects it. Refused beyond the
/// earnings less requests still waiting. The `Idempotency-Key` header is required: the same key
/// asks once, however often it is sent, and answers the first request's id again.
#[utoipa::path(post, path = "/api/v1/withdrawals", tag = "doctors' practice",
    request_body = WithdrawalRequest, security(("bearer" = [])),
    params(("Idempotency-Key" = String, Header, pattern = "^[!-~]{8,40}$",
        description = "Unique per request (8–40 visible ASCII characters); repeat it to retry")),
    responses(
        (status = 201, description = "Asked", body = WithdrawalAsked),
        (status = 400, description = "`invalid_input` (amount, currency) or `bad_request` (no key, or a key used for another amount)", body = ProblemBody, content_type = "application/problem+json"),
        (status = 401, description = "`unauthenticated` or `token_invalid`", body = ProblemBody, content_type = "application/problem+json"),
        (status = 403, description = "`forbidden` (not a doctor)", body = ProblemBody, content_type = "application/problem+json"),
        (status = 409, description = "`insufficient_earnings`", body = ProblemBody, content_type = "application/problem+json"),
    ))]
pub async fn withdraw(
    State(state): State<AppState>,
    caller: Caller,
    headers: HeaderMap,
    JsonBody(body): JsonBody<WithdrawalRequest>,
) -> RestResult<(StatusCode, axum::Json<WithdrawalAsked>)> {
    let doctor = caller.with_role(Role::Doctor, ApiScope::WithdrawalsWrite)?;
    let key = idempotency_key(&headers).ok_or(AppError::BadRequest)?;
    let id = withdrawals::request(&state, &doctor, &body.amount, &body.currency, Some(key)).await?;
    Ok((StatusCode::CREATED, axum::Json(WithdrawalAsked { id })))
}

/// Which days and doctor the figures cover.
#[derive(Debug, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct StatisticsParams {
    /// The first clinic day (YYYY-MM-DD).
    #[param(max_length = 10)]
    from: String,
    /// The last clinic day (YYYY-MM-DD, inclusive; at most a year after `from`).
    #[param(max_length = 10)]
    to: String,
    /// One doctor's id (admins); doctors always get their own.
    doctor: Option<i64>,
}

/// Per-doctor figures over clinic days: appointments by status, completion, cancellation and
/// no-show rates, utilisation of working hours, revenue, ratings and the busiest time. Admins
/// see every doctor (or one); a doctor sees their own.
#[utoipa::path(get, path = "/api/v1/statistics", tag = "admin", params(StatisticsParams),
    security(("bearer" = [])),
    responses(
        (status = 200, description = "Figures", body = StatisticsAnswer),
        (status = 400, description = "`invalid_input` (`date`: format, order or span) or `bad_request`", body = ProblemBody, content_type = "application/problem+json"),
        (status = 401, description = "`unauthenticated` or `token_invalid`", body = ProblemBody, content_type = "application/problem+json"),
        (status = 403, description = "`forbidden` (a patient, or a personal token without `statistics:read`)", body = ProblemBody, content_type = "application/problem+json"),
    ))]
pub async fn statistics(
    State(state): State<AppState>,
    caller: Caller,
    QueryOf(params): QueryOf<StatisticsParams>,
) -> RestResult<axum::Json<StatisticsAnswer>> {
    let viewer = caller.may(ApiScope::StatisticsRead)?;
    let doctor = params.doctor.map(UserId);
    let view = reading::statistics(&state, &viewer, &params.from, &params.to, doctor).await?;
    let doctors = view
        .reports
        .into_iter()
        .map(|r| {
            let f = r.figures;
            let money = |minor| crate::domain::money::Money { minor, currency: r.currency };
            DoctorFigures {
                doctor_id: r.doctor.0,
                doctor_name: r.doctor_name,
                specialty: r.specialty,
                pending: f.by_status.pending,
                confirmed: f.by_status.confirmed,
                completed: f.by_status.completed,
                cancelled: f.by_status.cancelled,
                rejected: f.by_status.rejected,
                no_show: f.by_status.no_show,
                completion_permille: f.completion_permille,
                cancellation_permille: f.cancellation_permille,
                no_show_permille: f.no_show_permille,
                booked_minutes: f.booked_minutes,
                offered_minutes: f.offered_minutes,
                utilisation_permille: f.utilisation_permille,
                gross: money(f.revenue.gross).into(),
                platform_cut: money(f.revenue.platform_cut).into(),
                net: money(f.revenue.net).into(),
                reviews: f.ratings.count,
                rating_tenths: f.rating_tenths,
                busiest_weekday: f.busiest_weekday.map(|d| d.to_string()),
                busiest_hour: f.busiest_hour,
            }
        })
        .collect();
    Ok(axum::Json(StatisticsAnswer { from: view.from, to: view.to, doctors }))
}
