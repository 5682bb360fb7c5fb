//! `/api/v1/notifications` and `/api/v1/wallet`: the caller's notices and a patient's money.

use crate::domain::Role;
use crate::domain::api_scope::ApiScope;
use crate::dto::payment_views::HistoryFilter;
use crate::error::AppError;
use crate::server::error::Doing;
use crate::server::notifications;
use crate::server::payments::history;
use crate::server::rest::etag::polled_json;
use crate::server::rest::extract::{Caller, JsonBody, QueryOf, idempotency_key};
use crate::server::rest::problem::{Problem, ProblemBody, RestResult};
use crate::server::rest::views::{
    DepositAnswer, NotificationItem, NotificationsAnswer, WalletAnswer, WalletLine,
};
use crate::server::services::deposit;
use crate::server::state::AppState;
use axum::Json;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::response::Response;
use chrono::DateTime;
use serde::Deserialize;
use utoipa::{IntoParams, ToSchema};

/// The caller's notices about their appointments, newest first, with the unread count.
#[utoipa::path(get, path = "/api/v1/notifications", tag = "me", security(("bearer" = [])),
    responses(
        (status = 200, description = "Notices", body = NotificationsAnswer),
        (status = 304, description = "Unchanged since the ETag sent"),
        (status = 401, description = "`unauthenticated` or `token_invalid`", body = ProblemBody, content_type = "application/problem+json"),
    ))]
pub async fn notifications(
    State(state): State<AppState>,
    caller: Caller,
    headers: HeaderMap,
) -> RestResult<Response> {
    let user = caller.may(ApiScope::Notifications)?;
    let list = notifications::list(&state.db, user.id.0)
        .await
        .doing("listing notifications")
        .map_err(Problem::from)?;
    let answer = NotificationsAnswer {
        unread: list.unread,
        items: list
            .items
            .into_iter()
            .map(|n| NotificationItem {
                id: n.id,
                kind: serde_json::to_value(n.kind)
                    .ok()
                    .and_then(|v| v.as_str().map(str::to_owned))
                    .unwrap_or_default(),
                headline: n.headline,
                start: n.start,
                doctor_time_zone: n.doctor_time_zone.name().to_owned(),
                created_at: n.created_at,
                read: n.read,
            })
            .collect(),
    };
    Ok(polled_json(&headers, &answer))
}

/// Which notices to mark read.
#[derive(Debug, Default, Deserialize, ToSchema)]
pub struct MarkRead {
    /// One notice; absent: all of them.
    pub id: Option<i64>,
}

/// How many notices were marked read.
#[derive(Debug, serde::Serialize, ToSchema)]
pub struct MarkedRead {
    pub marked: u64,
}

/// Marks one notice (or all) read; someone else's notice is "not found".
#[utoipa::path(post, path = "/api/v1/notifications/read", tag = "me", request_body = MarkRead,
    security(("bearer" = [])),
    responses(
        (status = 200, description = "Marked", body = MarkedRead),
        (status = 400, description = "`bad_request`", body = ProblemBody, content_type = "application/problem+json"),
        (status = 401, description = "`unauthenticated` or `token_invalid`", body = ProblemBody, content_type = "application/problem+json"),
        (status = 404, description = "`not_found`", body = ProblemBody, content_type = "application/problem+json"),
    ))]
pub async fn mark_read(
    State(state): State<AppState>,
    caller: Caller,
    JsonBody(body): JsonBody<MarkRead>,
) -> RestResult<Json<MarkedRead>> {
    let user = caller.may(ApiScope::Notifications)?;
    let marked = notifications::mark_read(&state.writer, user.id.0, body.id, state.clock.now())
        .await
        .doing("marking notifications read")
        .map_err(Problem::from)?
        .ok_or(AppError::NotFound)?;
    Ok(Json(MarkedRead { marked }))
}

/// Which wallet lines to list.
#[derive(Debug, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct WalletParams {
    /// `deposit`, `payment` or `refund`; absent: all.
    #[serde(default)]
    #[param(pattern = "^(deposit|payment|refund)?$")]
    kind: String,
    /// First day (`YYYY-MM-DD`, UTC).
    #[serde(default)]
    #[param(pattern = "^((19|20|21)[0-9]{2}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01]))?$")]
    from: String,
    /// Last day (`YYYY-MM-DD`, UTC).
    #[serde(default)]
    #[param(pattern = "^((19|20|21)[0-9]{2}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01]))?$")]
    to: String,
}

/// The calling patient's balances and history.
#[utoipa::path(get, path = "/api/v1/wallet", tag = "wallet", params(WalletParams),
    security(("bearer" = [])),
    responses(
        (status = 200, description = "Balances and history", body = WalletAnswer),
        (status = 304, description = "Unchanged since the ETag sent"),
        (status = 400, description = "`invalid_input` (`kind`, `from`, `to`)", body = ProblemBody, content_type = "application/problem+json"),
        (status = 401, description = "`unauthenticated` or `token_invalid`", body = ProblemBody, content_type = "application/problem+json"),
        (status = 403, description = "`forbidden` (not a patient)", body = ProblemBody, content_type = "application/problem+json"),
    ))]
pub async fn wallet(
    State(state): State<AppState>,
    caller: Caller,
    QueryOf(params): QueryOf<WalletParams>,
    headers: HeaderMap,
) -> RestResult<Response> {
    let patient = caller.with_role(Role::Patient, ApiScope::WalletRead)?;
    let raw = HistoryFilter { kind: params.kind, from: params.from, to: params.to };
    let filter = history::parse_filter(&raw).map_err(|e| AppError::Invalid(vec![e]))?;
    let currency = state.config.payments.currency;
    let balances = history::balances(&state.db, patient.id, currency)
        .await
        .doing("loading a wallet")
        .map_err(Problem::from)?;
    let lines = history::history(&state.db, patient.id, &filter)
        .await
        .doing("loading a wallet")
        .map_err(Problem::from)?;
    let answer = WalletAnswer {
        balances: balances.into_iter().map(Into::into).collect(),
        history: lines
            .into_iter()
            .map(|l| WalletLine {
                id: l.id,
                at: DateTime::from_timestamp(l.at, 0).unwrap_or_default(),
                kind: l.kind.as_str().to_owned(),
                status: l.status,
                amount: l.amount.into(),
                method: l.method,
                description: l.description,
                card_last4: l.card_last4,
                appointment_id: l.appointment_id.map(|a| a.0),
            })
            .collect(),
    };
    Ok(polled_json(&headers, &answer))
}

/// A card deposit into the wallet.
#[derive(Debug, Deserialize, ToSchema)]
pub struct DepositRequest {
    /// In whole units with up to two decimals ("500", "12.50").
    #[schema(example = "500")]
    pub amount: String,
    /// ISO 4217 code.
    #[schema(example = "BDT")]
    pub currency: String,
    pub card: super::appointments::CardDetails,
}

/// Deposits by card. The `Idempotency-Key` header is required: the same key deposits (and
/// charges) once, however often it is sent, and answers the first deposit again.
#[utoipa::path(post, path = "/api/v1/wallet/deposits", tag = "wallet",
    request_body = DepositRequest, security(("bearer" = [])),
    params(("Idempotency-Key" = String, Header, pattern = "^[!-~]{8,40}$",
        description = "Unique per deposit (8–40 visible ASCII characters); repeat it to retry")),
    responses(
        (status = 201, description = "Deposited", body = DepositAnswer),
        (status = 400, description = "`invalid_input` (amount, currency, card fields) or `bad_request` (no key)", body = ProblemBody, content_type = "application/problem+json"),
        (status = 401, description = "`unauthenticated` or `token_invalid`", body = ProblemBody, content_type = "application/problem+json"),
        (status = 402, description = "`card_declined`", body = ProblemBody, content_type = "application/problem+json"),
        (status = 403, description = "`forbidden` (not a patient)", body = ProblemBody, content_type = "application/problem+json"),
        (status = 409, description = "`payment_in_progress`, `card_payments_unavailable`", body = ProblemBody, content_type = "application/problem+json"),
        (status = 502, description = "`payment_processor_error`", body = ProblemBody, content_type = "application/problem+json"),
    ))]
pub async fn deposit(
    State(state): State<AppState>,
    caller: Caller,
    headers: HeaderMap,
    JsonBody(body): JsonBody<DepositRequest>,
) -> RestResult<(StatusCode, Json<DepositAnswer>)> {
    let patient = caller.with_role(Role::Patient, ApiScope::WalletWrite)?;
    let key = idempotency_key(&headers).ok_or(AppError::BadRequest)?;
    let input = deposit::DepositInput {
        amount: &body.amount,
        currency: &body.currency,
        card_number: &body.card.number,
        card_expiry: &body.card.expiry,
        card_cvc: &body.card.cvc,
        card_holder: &body.card.holder,
        idempotency_key: key,
    };
    let done = deposit::deposit(&state, &patient, &input).await?;
    let answer = DepositAnswer {
        transaction_id: done.transaction_id,
        amount: done.amount.into(),
        balance: done.balance.into(),
    };
    Ok((StatusCode::CREATED, Json(answer)))
}
