//! Wallet credit sent back to a deposit's card: which deposits can take some back, and settling
//! a refund once the processor answered (or, after a crash, once it is asked again). The rules
//! are in migration 22's triggers; see `services::card_refund` for the order of the steps.

use super::ledger::{self, NewTransaction};
use crate::domain::UserId;
use crate::domain::money::{Currency, Money};
use crate::domain::payment::ledger::Posting;
use crate::dto::payment_views::RefundableDeposit;
use crate::server::db;
use crate::server::jobs;
use crate::server::mail::MailTemplate;
use crate::server::mail::money_mails::WithdrawalStage;
use crate::server::users;
use chrono::{DateTime, Utc};
use sqlx::{SqliteConnection, SqlitePool};

/// A card deposit with what is left of it to send back.
#[derive(Debug, Clone)]
pub struct Deposit {
    pub id: i64,
    pub currency: Currency,
    pub card_last4: String,
    /// The charge's idempotency key (the processor knows the charge by it).
    pub charge_key: String,
    pub at: i64,
    pub amount: i64,
    /// The amount less the refunds sent or being sent.
    pub left: i64,
}

const DEPOSITS: &str = "SELECT d.id, d.currency, d.card_last4, d.idempotency_key, d.created_at, \
    d.requested_minor, d.requested_minor - ifnull((SELECT sum(r.minor) FROM card_refunds r \
        WHERE r.deposit_id = d.id AND r.status <> 'failed'), 0) \
    FROM ledger_transactions d \
    WHERE d.user_id = ?1 AND d.kind = 'deposit' AND d.status = 'posted' \
      AND d.card_last4 IS NOT NULL AND d.idempotency_key IS NOT NULL";

type Row = (i64, String, String, String, i64, i64, i64);

fn deposit((id, currency, card_last4, charge_key, at, amount, left): Row) -> Option<Deposit> {
    let currency = Currency::parse(&currency)?;
    Some(Deposit { id, currency, card_last4, charge_key, at, amount, left })
}

/// `patient`'s card deposit `id`, if it is theirs.
pub async fn deposit_of(
    conn: &mut SqliteConnection,
    patient: UserId,
    id: i64,
) -> Result<Option<Deposit>, sqlx::Error> {
    let row: Option<Row> = sqlx::query_as(&format!("{DEPOSITS} AND d.id = ?2"))
        .bind(patient.0)
        .bind(id)
        .fetch_optional(conn)
        .await?;
    Ok(row.and_then(deposit))
}

/// `patient`'s card deposits with something left to send back, newest first, each capped at
/// what their wallet holds in its currency.
pub async fn refundable(
    pool: &SqlitePool,
    patient: UserId,
) -> Result<Vec<RefundableDeposit>, sqlx::Error> {
    let rows: Vec<Row> = sqlx::query_as(&format!("{DEPOSITS} ORDER BY d.id DESC"))
        .bind(patient.0)
        .fetch_all(pool)
        .await?;
    let mut conn = pool.acquire().await?;
    let mut out = Vec::new();
    for found in rows.into_iter().filter_map(deposit).filter(|d| d.left > 0) {
        let wallet = ledger::balance(
            &mut conn,
            crate::domain::payment::ledger::Account::Wallet(patient),
            found.currency,
        )
        .await?;
        let up_to = found.left.min(wallet.minor);
        if up_to > 0 {
            let money = |minor| Money { minor, currency: found.currency };
            out.push(RefundableDeposit {
                id: found.id,
                card_last4: found.card_last4,
                at: found.at,
                amount: money(found.amount),
                up_to: money(up_to),
            });
        }
    }
    Ok(out)
}

/// How a refund ended, as its row says.
pub async fn status_of(pool: &SqlitePool, transaction: i64) -> Result<Option<String>, sqlx::Error> {
    sqlx::query_scalar("SELECT status FROM card_refunds WHERE transaction_id = ?1")
        .bind(transaction)
        .fetch_optional(pool)
        .await
}

/// Records the processor's answer for the refund taken out in `transaction`: sent (and the
/// patient is mailed), or refused and the money put back in the wallet (`reason` says why).
/// A refund already settled is left as it is, so a retry or the start-up check cannot settle
/// it twice.
pub async fn settle(
    writer: &SqlitePool,
    transaction: i64,
    refunded: bool,
    reason: &str,
    now: DateTime<Utc>,
) -> Result<(), sqlx::Error> {
    let mut tx = db::begin_write(writer).await?;
    let row: Option<(i64, i64, String, String, String)> = sqlx::query_as(
        "SELECT r.patient_id, r.minor, w.currency, ifnull(w.card_last4, ''), r.status \
         FROM card_refunds r JOIN ledger_transactions w ON w.id = r.transaction_id \
         WHERE r.transaction_id = ?1",
    )
    .bind(transaction)
    .fetch_optional(&mut *tx)
    .await?;
    let Some((patient, minor, currency, last4, status)) = row else { return Ok(()) };
    if status != "sending" {
        return Ok(());
    }
    let currency = Currency::parse(&currency).ok_or(sqlx::Error::RowNotFound)?;
    let patient = UserId(patient);
    if refunded {
        sqlx::query(
            "UPDATE card_refunds SET status = 'sent', settled_at = ?2 WHERE transaction_id = ?1",
        )
        .bind(transaction)
        .bind(now.timestamp())
        .execute(&mut *tx)
        .await?;
        let (to, name) = users::mail_address(&mut tx, patient).await?;
        let mail = MailTemplate::Withdrawal {
            to,
            name,
            stage: WithdrawalStage::ToCard,
            amount: Money { minor, currency }.to_string(),
            note: String::new(),
            card_last4: last4,
        };
        jobs::enqueue_mail(&mut tx, &mail, now, now).await?;
    } else {
        let key = format!("returned:{transaction}");
        let back = NewTransaction {
            kind: "refund",
            requested: Money { minor, currency },
            user: Some(patient),
            appointment: None,
            idempotency_key: Some(&key),
            card_last4: None,
            now,
        };
        let id = ledger::reserve(&mut tx, &back).await?.ok_or(sqlx::Error::RowNotFound)?;
        ledger::post(&mut tx, id, currency, &Posting::deposit(patient, minor), reason).await?;
        sqlx::query(
            "UPDATE card_refunds SET status = 'failed', returned_id = ?2, settled_at = ?3 \
             WHERE transaction_id = ?1",
        )
        .bind(transaction)
        .bind(id)
        .bind(now.timestamp())
        .execute(&mut *tx)
        .await?;
    }
    tx.commit().await
}

/// The refunds a crash left unanswered: (withdrawal transaction, its idempotency key).
pub async fn sending(pool: &SqlitePool) -> Result<Vec<(i64, String)>, sqlx::Error> {
    sqlx::query_as(
        "SELECT r.transaction_id, w.idempotency_key FROM card_refunds r \
         JOIN ledger_transactions w ON w.id = r.transaction_id \
         WHERE r.status = 'sending' ORDER BY r.transaction_id",
    )
    .fetch_all(pool)
    .await
}
