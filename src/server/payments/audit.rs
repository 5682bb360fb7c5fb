//! The admin's view of the ledger: every transaction with its entries, and the
//! reconciliation check.

use super::ledger::reconcile;
use crate::domain::AppointmentId;
use crate::domain::money::{Currency, Money};
use crate::domain::payment::{TransactionKind, reason_text};
use crate::dto::payment_views::{AuditRow, ReconciliationView};
use sqlx::SqlitePool;
use std::collections::HashMap;

/// How many transactions the audit page lists.
pub const PAGE: i64 = 200;

/// The newest transactions (optionally of one kind and status), with their entries.
pub async fn transactions(
    db: &SqlitePool,
    kind: Option<TransactionKind>,
    status: Option<&str>,
) -> Result<Vec<AuditRow>, sqlx::Error> {
    type Row = (
        i64,
        i64,
        String,
        String,
        Option<String>,
        Option<i64>,
        String,
        i64,
        String,
        Option<String>,
    );
    let rows: Vec<Row> = sqlx::query_as(
        "SELECT t.id, t.created_at, t.kind, t.status, u.full_name, t.appointment_id, t.currency, \
         t.requested_minor, t.reason, t.card_last4 \
         FROM ledger_transactions t LEFT JOIN users u ON u.id = t.user_id \
         WHERE (?1 IS NULL OR t.kind = ?1) AND (?2 IS NULL OR t.status = ?2) \
         ORDER BY t.id DESC LIMIT ?3",
    )
    .bind(kind.map(TransactionKind::as_str))
    .bind(status)
    .bind(PAGE)
    .fetch_all(db)
    .await?;
    let (Some(newest), Some(oldest)) = (rows.first().map(|r| r.0), rows.last().map(|r| r.0)) else {
        return Ok(Vec::new());
    };
    let entries: Vec<(i64, String, Option<String>, i64, String)> = sqlx::query_as(
        "SELECT e.transaction_id, a.kind, u.full_name, e.minor, a.currency FROM ledger_entries e \
         JOIN ledger_accounts a ON a.id = e.account_id LEFT JOIN users u ON u.id = a.user_id \
         WHERE e.transaction_id BETWEEN ?1 AND ?2 ORDER BY e.id",
    )
    .bind(oldest)
    .bind(newest)
    .fetch_all(db)
    .await?;
    let mut by_transaction: HashMap<i64, Vec<String>> = HashMap::new();
    for (transaction, kind, owner, minor, code) in entries {
        let amount = Currency::parse(&code).map(|currency| Money { minor, currency });
        let account = match owner {
            Some(owner) => format!("{} ({owner})", account_label(&kind)),
            None => account_label(&kind).to_owned(),
        };
        if let Some(amount) = amount {
            by_transaction.entry(transaction).or_default().push(format!("{account}: {amount}"));
        }
    }
    Ok(rows
        .into_iter()
        .filter_map(|(id, at, kind, status, user, appointment, code, requested, reason, last4)| {
            Some(AuditRow {
                id,
                at,
                kind: TransactionKind::parse(&kind)?,
                status,
                user_name: user,
                appointment_id: appointment.map(AppointmentId),
                amount: Money { minor: requested, currency: Currency::parse(&code)? },
                description: reason_text(&reason),
                card_last4: last4,
                entries: by_transaction.remove(&id).unwrap_or_default(),
            })
        })
        .collect())
}

fn account_label(kind: &str) -> &'static str {
    match kind {
        "wallet" => "wallet",
        "escrow" => "escrow",
        "earnings" => "earnings",
        "platform_fees" => "platform fees",
        _ => "outside (cards, payouts)",
    }
}

/// Runs the reconciliation check and sums each kind of account.
pub async fn reconciliation(db: &SqlitePool) -> Result<ReconciliationView, sqlx::Error> {
    let report = reconcile(db).await?;
    let transactions: i64 =
        sqlx::query_scalar("SELECT COUNT(*) FROM ledger_transactions").fetch_one(db).await?;
    let totals: Vec<(String, String, i64)> = sqlx::query_as(
        "SELECT kind, currency, sum(balance) FROM ledger_accounts GROUP BY kind, currency \
         ORDER BY currency, kind",
    )
    .fetch_all(db)
    .await?;
    Ok(ReconciliationView {
        clean: report.is_clean(),
        accounts: report.accounts,
        transactions,
        mismatched: report
            .mismatched
            .iter()
            .map(|(id, cached, derived)| {
                format!("account {id}: cached {cached}, entries {derived}")
            })
            .collect(),
        unbalanced: report.unbalanced.iter().map(|(c, total)| format!("{c}: {total}")).collect(),
        pending: report.pending,
        totals: totals
            .into_iter()
            .filter_map(|(kind, code, minor)| {
                Some((
                    account_label(&kind).to_owned(),
                    Money { minor, currency: Currency::parse(&code)? },
                ))
            })
            .collect(),
    })
}
