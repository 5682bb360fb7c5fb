//! `/api/v1/holds` and `/api/v1/appointments`: hold a time, book it with payment, read and
//! change appointments. The web app's booking services, rules and limits.

use crate::domain::api_scope::ApiScope;
use crate::domain::{AppointmentId, Role, UserId};
use crate::error::AppError;
use crate::server::booking;
use crate::server::rest::etag::polled_json;
use crate::server::rest::extract::{
    Caller, JsonBody, PathOf, idempotency_key, optional_idempotency_key,
};
use crate::server::rest::problem::{ProblemBody, RestResult};
use crate::server::rest::views::{
    AppointmentDetail, AppointmentStatusAnswer, HoldAnswer, MyAppointments,
};
use crate::server::services::{appointment_lists, change_appointment};
use crate::server::state::AppState;
use axum::Json;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::response::Response;
use serde::Deserialize;
use utoipa::ToSchema;

/// The time to hold.
#[derive(Debug, Deserialize, ToSchema)]
pub struct HoldRequest {
    pub doctor_id: i64,
    /// The slot's start (RFC 3339), as `GET /api/v1/doctors/{id}/slots` lists it.
    #[schema(format = DateTime)]
    pub start: String,
}

/// Holds a free slot for the calling patient (verified email needed) for a few minutes while
/// they book. A new hold lets go of the patient's previous one. With an `Idempotency-Key`, a
/// retry answers the hold the key placed while it is held (`hold_expired` once it is not).
#[utoipa::path(post, path = "/api/v1/holds", tag = "appointments", request_body = HoldRequest,
    security(("bearer" = [])),
    params(("Idempotency-Key" = Option<String>, Header, pattern = "^[!-~]{8,40}$",
            description = "Optional, unique per hold (8–40 visible ASCII characters); repeat it to retry")),
    responses(
        (status = 201, description = "Held (or, for a retried key, the hold it placed)", body = HoldAnswer),
        (status = 400, description = "`bad_request` (also a malformed key, or a key reused for another doctor or time) or a slot refusal (`not_a_slot`, `in_the_past`, …)", body = ProblemBody, content_type = "application/problem+json"),
        (status = 401, description = "`unauthenticated` or `token_invalid`", body = ProblemBody, content_type = "application/problem+json"),
        (status = 403, description = "`forbidden` (not a patient) or `email_not_verified`", body = ProblemBody, content_type = "application/problem+json"),
        (status = 404, description = "`not_found` (no such listed doctor)", body = ProblemBody, content_type = "application/problem+json"),
        (status = 409, description = "`slot_taken`, `patient_busy`, `too_many_appointments`, or `hold_expired` (a retried key's hold is no longer held)", body = ProblemBody, content_type = "application/problem+json"),
        (status = 429, description = "`rate_limited`", body = ProblemBody, content_type = "application/problem+json"),
    ))]
pub async fn hold(
    State(state): State<AppState>,
    caller: Caller,
    headers: HeaderMap,
    JsonBody(body): JsonBody<HoldRequest>,
) -> RestResult<(StatusCode, Json<HoldAnswer>)> {
    let patient = caller.with_role(Role::Patient, ApiScope::AppointmentsWrite)?;
    state.limits.booking(patient.id)?;
    let key = optional_idempotency_key(&headers)?;
    let doctor = UserId(body.doctor_id);
    let h = booking::hold::hold_slot(&state, &patient, doctor, &body.start, key).await?;
    let answer = HoldAnswer {
        appointment_id: h.appointment_id.0,
        doctor_id: h.doctor_id.0,
        doctor_name: h.doctor_name,
        start: h.start,
        end: h.end,
        expires_at: h.expires_at,
        fee: h.fee.into(),
        doctor_time_zone: h.doctor_time_zone.name().to_owned(),
    };
    Ok((StatusCode::CREATED, Json(answer)))
}

/// How the fee is paid.
#[derive(Debug, Clone, Copy, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum PaymentMethod {
    Wallet,
    Card,
}

/// A card (only with `payment_method: card`).
#[derive(Debug, Default, Deserialize, ToSchema)]
pub struct CardDetails {
    pub number: String,
    /// `MM/YY`.
    pub expiry: String,
    pub cvc: String,
    pub holder: String,
}

/// Booking a held time.
#[derive(Debug, Deserialize, ToSchema)]
pub struct BookRequest {
    /// Why the patient wants the visit.
    pub reason: String,
    pub payment_method: PaymentMethod,
    pub card: Option<CardDetails>,
}

/// Books the caller's hold and pays the fee. The `Idempotency-Key` header (8–40 visible ASCII
/// characters, new for each booking) is required: a retry with the same key books and charges
/// once and answers the first booking again.
#[utoipa::path(post, path = "/api/v1/holds/{id}/booking", tag = "appointments",
    request_body = BookRequest, security(("bearer" = [])),
    params(("id" = i64, Path, description = "The hold's appointment id"),
           ("Idempotency-Key" = String, Header, pattern = "^[!-~]{8,40}$",
            description = "Unique per booking (8–40 visible ASCII characters); repeat it to retry")),
    responses(
        (status = 201, description = "Booked: `pending`, or `confirmed` by an auto-confirming doctor", body = AppointmentStatusAnswer),
        (status = 400, description = "`invalid_input` (reason, card fields) or `bad_request` (no key)", body = ProblemBody, content_type = "application/problem+json"),
        (status = 401, description = "`unauthenticated` or `token_invalid`", body = ProblemBody, content_type = "application/problem+json"),
        (status = 402, description = "`card_declined`", body = ProblemBody, content_type = "application/problem+json"),
        (status = 403, description = "`forbidden` (not a patient)", body = ProblemBody, content_type = "application/problem+json"),
        (status = 404, description = "`not_found`", body = ProblemBody, content_type = "application/problem+json"),
        (status = 409, description = "`hold_expired`, `insufficient_funds`, `payment_in_progress`, `card_payments_unavailable`", body = ProblemBody, content_type = "application/problem+json"),
        (status = 429, description = "`rate_limited`", body = ProblemBody, content_type = "application/problem+json"),
        (status = 502, description = "`payment_processor_error`: the card processor failed; nothing was charged or booked", body = ProblemBody, content_type = "application/problem+json"),
    ))]
pub async fn book(
    State(state): State<AppState>,
    caller: Caller,
    PathOf(id): PathOf<i64>,
    headers: HeaderMap,
    JsonBody(body): JsonBody<BookRequest>,
) -> RestResult<(StatusCode, Json<AppointmentStatusAnswer>)> {
    let patient = caller.with_role(Role::Patient, ApiScope::AppointmentsWrite)?;
    let key = idempotency_key(&headers).ok_or(AppError::BadRequest)?;
    state.limits.booking(patient.id)?;
    let card = body.card.unwrap_or_default();
    let method = match body.payment_method {
        PaymentMethod::Wallet => "wallet",
        PaymentMethod::Card => "card",
    };
    let booked = booking::confirm::book_held_slot(
        &state,
        &patient,
        AppointmentId(id),
        &body.reason,
        key,
        &booking::confirm::PaymentInput {
            method,
            card: booking::pay::CardInput {
                number: &card.number,
                expiry: &card.expiry,
                cvc: &card.cvc,
                holder: &card.holder,
            },
        },
    )
    .await?;
    let answer = AppointmentStatusAnswer {
        appointment_id: booked.appointment_id.0,
        status: booked.status.into(),
    };
    Ok((StatusCode::CREATED, Json(answer)))
}

/// One appointment, for one of its parties or an admin.
#[utoipa::path(get, path = "/api/v1/appointments/{id}", tag = "appointments",
    security(("bearer" = [])),
    params(("id" = i64, Path, description = "The appointment id")),
    responses(
        (status = 200, description = "The appointment", body = AppointmentDetail),
        (status = 304, description = "Unchanged since the ETag sent"),
        (status = 401, description = "`unauthenticated` or `token_invalid`", body = ProblemBody, content_type = "application/problem+json"),
        (status = 404, description = "`not_found` (or someone else's)", body = ProblemBody, content_type = "application/problem+json"),
    ))]
pub async fn one(
    State(state): State<AppState>,
    caller: Caller,
    PathOf(id): PathOf<i64>,
    headers: HeaderMap,
) -> RestResult<Response> {
    let user = caller.may(ApiScope::AppointmentsRead)?;
    let view = appointment_lists::one_appointment(&state, &user, AppointmentId(id)).await?;
    Ok(polled_json(&headers, &AppointmentDetail::from(view)))
}

/// The calling patient's appointments: upcoming soonest first, the rest newest first.
#[utoipa::path(get, path = "/api/v1/appointments", tag = "appointments",
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The patient's appointments", body = MyAppointments),
        (status = 304, description = "Unchanged since the ETag sent"),
        (status = 401, description = "`unauthenticated` or `token_invalid`", body = ProblemBody, content_type = "application/problem+json"),
        (status = 403, description = "`forbidden` (not a patient)", body = ProblemBody, content_type = "application/problem+json"),
    ))]
pub async fn mine(
    State(state): State<AppState>,
    caller: Caller,
    headers: HeaderMap,
) -> RestResult<Response> {
    let patient = caller.with_role(Role::Patient, ApiScope::AppointmentsRead)?;
    let lists = appointment_lists::patient_appointments(&state, &patient).await?;
    let answer = MyAppointments {
        upcoming: lists.upcoming.into_iter().map(Into::into).collect(),
        past: lists.past.into_iter().map(Into::into).collect(),
    };
    Ok(polled_json(&headers, &answer))
}

/// A status change.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Action {
    Accept,
    Reject,
    Cancel,
    Complete,
    NoShow,
}

/// The reason, required to reject or cancel.
#[derive(Debug, Default, Deserialize, ToSchema)]
pub struct ChangeRequest {
    #[serde(default)]
    pub note: String,
}

/// Accepts, rejects, cancels, completes or marks a no-show, as the web app allows the caller:
/// patients cancel their own, doctors act on theirs, admins on all. The fee is settled or
/// refunded by the clinic's policy in the same transaction. Repeating a change that already
/// happened answers the same status.
#[utoipa::path(post, path = "/api/v1/appointments/{id}/{action}", tag = "appointments",
    request_body = ChangeRequest, security(("bearer" = [])),
    params(("id" = i64, Path, description = "The appointment id"),
           ("action" = inline(Action), Path, description = "What to do")),
    responses(
        (status = 200, description = "The new status", body = AppointmentStatusAnswer),
        (status = 400, description = "`invalid_input` (`note`), `bad_request`, `visit_started`, `visit_not_started`", body = ProblemBody, content_type = "application/problem+json"),
        (status = 401, description = "`unauthenticated` or `token_invalid`", body = ProblemBody, content_type = "application/problem+json"),
        (status = 403, description = "`forbidden`: not this caller's to change that way", body = ProblemBody, content_type = "application/problem+json"),
        (status = 404, description = "`not_found` (or someone else's)", body = ProblemBody, content_type = "application/problem+json"),
        (status = 409, description = "`appointment_changed`", body = ProblemBody, content_type = "application/problem+json"),
    ))]
pub async fn change(
    State(state): State<AppState>,
    caller: Caller,
    PathOf((id, action)): PathOf<(i64, String)>,
    JsonBody(body): JsonBody<ChangeRequest>,
) -> RestResult<Json<AppointmentStatusAnswer>> {
    let user = caller.may(ApiScope::AppointmentsWrite)?;
    let status = change_appointment::change_appointment(
        &state,
        &user,
        AppointmentId(id),
        &action,
        &body.note,
    )
    .await?;
    Ok(Json(AppointmentStatusAnswer { appointment_id: id, status: status.into() }))
}

/// The new time.
#[derive(Debug, Deserialize, ToSchema)]
pub struct RescheduleRequest {
    /// A free slot's start (RFC 3339).
    #[schema(format = DateTime)]
    pub start: String,
}

/// The appointment's new start.
#[derive(Debug, serde::Serialize, ToSchema)]
pub struct Rescheduled {
    pub appointment_id: i64,
    pub start: chrono::DateTime<chrono::Utc>,
}

/// Moves an appointment to another free time of the same doctor, as the web app allows the
/// caller (the old time is free at once).
#[utoipa::path(post, path = "/api/v1/appointments/{id}/reschedule", tag = "appointments",
    request_body = RescheduleRequest, security(("bearer" = [])),
    params(("id" = i64, Path, description = "The appointment id")),
    responses(
        (status = 200, description = "Moved", body = Rescheduled),
        (status = 400, description = "`bad_request`, a slot refusal, `visit_started`", body = ProblemBody, content_type = "application/problem+json"),
        (status = 401, description = "`unauthenticated` or `token_invalid`", body = ProblemBody, content_type = "application/problem+json"),
        (status = 403, description = "`forbidden`", body = ProblemBody, content_type = "application/problem+json"),
        (status = 404, description = "`not_found` (or someone else's)", body = ProblemBody, content_type = "application/problem+json"),
        (status = 409, description = "`slot_taken`, `patient_busy`, `appointment_changed`", body = ProblemBody, content_type = "application/problem+json"),
    ))]
pub async fn reschedule(
    State(state): State<AppState>,
    caller: Caller,
    PathOf(id): PathOf<i64>,
    JsonBody(body): JsonBody<RescheduleRequest>,
) -> RestResult<Json<Rescheduled>> {
    let user = caller.may(ApiScope::AppointmentsWrite)?;
    let start =
        booking::reschedule::reschedule_appointment(&state, &user, AppointmentId(id), &body.start)
            .await?;
    Ok(Json(Rescheduled { appointment_id: id, start }))
}
