//! Doctors ask to be paid their earnings; an admin approves (the money leaves the ledger) or
//! rejects (with a reason).

use crate::domain::booking::parse_note;
use crate::domain::idempotency_key::IdempotencyKey;
use crate::domain::money::Money;
use crate::domain::payment::amount::parse_amount;
use crate::domain::payment::ledger::{Account, Posting};
use crate::domain::{UserId, money::Currency};
use crate::dto::session_user::SessionUser;
use crate::error::AppError;
use crate::server::db;
use crate::server::error::ServerResult;
use crate::server::error::{Doing, ServerError};
use crate::server::mail::MailTemplate;
use crate::server::mail::money_mails::WithdrawalStage;
use crate::server::payments::ledger::{self, NewTransaction};
use crate::server::state::AppState;
use crate::server::{jobs, users};
use sqlx::SqliteConnection;

/// The largest single withdrawal, in whole units.
const MAX_WITHDRAWAL: i64 = 1_000_000;

/// `doctor`'s earnings page: balances, what can still be requested, months, visits and
/// withdrawal requests (the web page's and the REST API's one read model).
pub async fn earnings_view(
    state: &AppState,
    doctor: &SessionUser,
) -> ServerResult<crate::dto::payment_views::EarningsView> {
    use crate::server::payments::earnings;
    let db = &state.db;
    let (balances, available) =
        earnings::balances(db, doctor.id).await.doing("loading earnings")?;
    Ok(crate::dto::payment_views::EarningsView {
        balances,
        available,
        months: earnings::months(db, doctor.id).await.doing("loading earnings")?,
        lines: earnings::lines(db, doctor.id).await.doing("loading earnings")?,
        withdrawals: earnings::withdrawals(db, Some(doctor.id)).await.doing("loading earnings")?,
        default_currency: state.config.payments.currency,
    })
}

/// Records `doctor`'s request to withdraw `amount` in `currency`. Refused when it exceeds
/// their earnings less the requests still waiting (so approved requests can always be paid).
/// With an idempotency key (the REST API's), a key already used answers its request again
/// (the same amount and currency) instead of asking twice; reused for another amount, it is a
/// bad request.
pub async fn request(
    state: &AppState,
    doctor: &SessionUser,
    amount: &str,
    currency: &str,
    idempotency_key: Option<&str>,
) -> ServerResult<i64> {
    let amount = parse_amount(amount, currency, MAX_WITHDRAWAL)?;
    let idempotency_key = idempotency_key
        .map(|raw| IdempotencyKey::parse(raw).ok_or(AppError::BadRequest))
        .transpose()?;
    let idempotency_key = idempotency_key.as_ref().map(IdempotencyKey::as_str);
    let mut tx = db::begin_write(&state.writer).await.doing("requesting a withdrawal")?;
    if let Some(key) = idempotency_key {
        let asked: Option<(i64, i64, String)> = sqlx::query_as(
            "SELECT id, minor, currency FROM withdrawal_requests \
             WHERE doctor_id = ?1 AND idempotency_key = ?2",
        )
        .bind(doctor.id.0)
        .bind(key)
        .fetch_optional(&mut *tx)
        .await
        .doing("requesting a withdrawal")?;
        if let Some((id, minor, code)) = asked {
            let same = minor == amount.minor && code == amount.currency.code();
            return if same { Ok(id) } else { Err(AppError::BadRequest.into()) };
        }
    }
    let balance = ledger::balance(&mut tx, Account::Earnings(doctor.id), amount.currency)
        .await
        .doing("requesting a withdrawal")?;
    let waiting: i64 = sqlx::query_scalar(
        "SELECT ifnull(sum(minor), 0) FROM withdrawal_requests \
         WHERE doctor_id = ?1 AND currency = ?2 AND status = 'requested'",
    )
    .bind(doctor.id.0)
    .bind(amount.currency.code())
    .fetch_one(&mut *tx)
    .await
    .doing("requesting a withdrawal")?;
    if amount.minor > balance.minor - waiting {
        return Err(AppError::InsufficientEarnings.into());
    }
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO withdrawal_requests (doctor_id, minor, currency, created_at, \
         idempotency_key) VALUES (?1, ?2, ?3, ?4, ?5) RETURNING id",
    )
    .bind(doctor.id.0)
    .bind(amount.minor)
    .bind(amount.currency.code())
    .bind(state.clock.now().timestamp())
    .bind(idempotency_key)
    .fetch_one(&mut *tx)
    .await
    .doing("requesting a withdrawal")?;
    let mail = withdrawal_mail(&mut tx, doctor.id, WithdrawalStage::Requested, amount, "")
        .await
        .doing("requesting a withdrawal")?;
    jobs::enqueue_mail(&mut tx, &mail, state.clock.now(), state.clock.now())
        .await
        .doing("requesting a withdrawal")?;
    tx.commit().await.doing("requesting a withdrawal")?;
    Ok(id)
}

/// An admin's decision on request `id`: `approve` pays it out (earnings → outside) in the same
/// transaction; otherwise it is rejected with `note` (required). Deciding again answers the
/// status it already has.
pub async fn decide(
    state: &AppState,
    admin: &SessionUser,
    id: i64,
    approve: bool,
    note: &str,
) -> ServerResult<String> {
    let note = parse_note(note, !approve)?;
    let mut tx = db::begin_write(&state.writer).await.doing("deciding a withdrawal")?;
    let request: Option<(i64, i64, String, String)> = sqlx::query_as(
        "SELECT doctor_id, minor, currency, status FROM withdrawal_requests WHERE id = ?1",
    )
    .bind(id)
    .fetch_optional(&mut *tx)
    .await
    .doing("deciding a withdrawal")?;
    let (doctor, minor, currency, status) = request.ok_or(AppError::NotFound)?;
    if status != "requested" {
        return Ok(status);
    }
    let now = state.clock.now();
    let currency = Currency::parse(&currency)
        .ok_or_else(|| ServerError::broken("deciding a withdrawal", "unknown stored currency"))?;
    let doctor = UserId(doctor);
    let mut transaction = None;
    if approve {
        let balance = ledger::balance(&mut tx, Account::Earnings(doctor), currency)
            .await
            .doing("deciding a withdrawal")?;
        if balance.minor < minor {
            return Err(AppError::InsufficientEarnings.into());
        }
        let key = format!("withdrawal:{id}");
        let new = NewTransaction {
            kind: "withdrawal",
            requested: Money { minor, currency },
            user: Some(doctor),
            appointment: None,
            idempotency_key: Some(&key),
            card_last4: None,
            now,
        };
        let reserved =
            ledger::reserve(&mut tx, &new).await.doing("deciding a withdrawal")?.ok_or_else(
                || ServerError::broken("deciding a withdrawal", "reserved without an id"),
            )?;
        ledger::post(
            &mut tx,
            reserved,
            currency,
            &Posting::withdraw(doctor, minor),
            "withdrawal_approved",
        )
        .await
        .doing("deciding a withdrawal")?;
        transaction = Some(reserved);
    }
    let decided = if approve { "approved" } else { "rejected" };
    sqlx::query(
        "UPDATE withdrawal_requests SET status = ?2, note = ?3, transaction_id = ?4, \
         decided_at = ?5, decided_by = ?6 WHERE id = ?1",
    )
    .bind(id)
    .bind(decided)
    .bind(&note)
    .bind(transaction)
    .bind(now.timestamp())
    .bind(admin.id.0)
    .execute(&mut *tx)
    .await
    .doing("deciding a withdrawal")?;
    let stage = if approve { WithdrawalStage::Approved } else { WithdrawalStage::Rejected };
    let mail = withdrawal_mail(&mut tx, doctor, stage, Money { minor, currency }, &note)
        .await
        .doing("deciding a withdrawal")?;
    jobs::enqueue_mail(&mut tx, &mail, now, now).await.doing("deciding a withdrawal")?;
    tx.commit().await.doing("deciding a withdrawal")?;
    Ok(decided.to_owned())
}

/// The mail telling `doctor` their withdrawal of `amount` reached `stage`.
async fn withdrawal_mail(
    conn: &mut SqliteConnection,
    doctor: UserId,
    stage: WithdrawalStage,
    amount: Money,
    note: &str,
) -> Result<MailTemplate, sqlx::Error> {
    let (to, name) = users::mail_address(conn, doctor).await?;
    Ok(MailTemplate::Withdrawal {
        to,
        name,
        stage,
        amount: amount.to_string(),
        note: note.to_owned(),
        card_last4: String::new(),
    })
}
