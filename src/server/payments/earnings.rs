//! A doctor's earnings: what the clinic holds for them, per month and per appointment, and
//! their withdrawal requests.

use crate::domain::AppointmentId;
use crate::domain::UserId;
use crate::domain::money::{Currency, Money};
use crate::domain::payment::reason_text;
use crate::dto::payment_views::{EarningsLine, EarningsMonth, WithdrawalView};
use sqlx::SqlitePool;

fn money(minor: i64, code: &str) -> Option<Money> {
    Some(Money { minor, currency: Currency::parse(code)? })
}

/// The doctor's earnings balances, and what is available (less requests awaiting approval).
pub async fn balances(
    db: &SqlitePool,
    doctor: UserId,
) -> Result<(Vec<Money>, Vec<Money>), sqlx::Error> {
    let rows: Vec<(String, i64, i64)> = sqlx::query_as(
        "SELECT a.currency, a.balance, ifnull((SELECT sum(w.minor) FROM withdrawal_requests w \
         WHERE w.doctor_id = a.user_id AND w.currency = a.currency AND w.status = 'requested'), 0) \
         FROM ledger_accounts a WHERE a.kind = 'earnings' AND a.user_id = ?1 ORDER BY a.currency",
    )
    .bind(doctor.0)
    .fetch_all(db)
    .await?;
    let balances = rows.iter().filter_map(|(c, b, _)| money(*b, c)).collect();
    let available = rows.iter().filter_map(|(c, b, r)| money(b - r, c)).collect();
    Ok((balances, available))
}

/// Earnings by month (UTC) and currency, newest first: fees kept, the platform's cut, net.
pub async fn months(db: &SqlitePool, doctor: UserId) -> Result<Vec<EarningsMonth>, sqlx::Error> {
    let rows: Vec<(String, String, i64, i64, i64)> = sqlx::query_as(
        "SELECT strftime('%Y-%m', t.created_at, 'unixepoch') AS month, t.currency, \
         COUNT(DISTINCT t.appointment_id), \
         sum(CASE WHEN a.kind = 'earnings' THEN e.minor ELSE 0 END), \
         sum(CASE WHEN a.kind = 'platform_fees' THEN e.minor ELSE 0 END) \
         FROM ledger_transactions t \
         JOIN ledger_entries e ON e.transaction_id = t.id \
         JOIN ledger_accounts a ON a.id = e.account_id \
         WHERE t.status = 'posted' AND t.kind IN ('settlement', 'refund') \
           AND t.appointment_id IN (SELECT id FROM appointments WHERE doctor_id = ?1) \
           AND a.kind IN ('earnings', 'platform_fees') \
         GROUP BY month, t.currency ORDER BY month DESC, t.currency",
    )
    .bind(doctor.0)
    .fetch_all(db)
    .await?;
    Ok(rows
        .into_iter()
        .filter_map(|(month, code, visits, net, cut)| {
            Some(EarningsMonth {
                month,
                visits,
                gross: money(net + cut, &code)?,
                platform_cut: money(cut, &code)?,
                net: money(net, &code)?,
            })
        })
        .collect())
}

/// What each closed appointment earned, newest visit first.
pub async fn lines(db: &SqlitePool, doctor: UserId) -> Result<Vec<EarningsLine>, sqlx::Error> {
    type Row = (i64, i64, String, i64, String, String, i64, i64);
    let rows: Vec<Row> = sqlx::query_as(
        "SELECT ap.id, ap.start_at, u.full_name, ap.fee_minor, t.currency, t.reason, \
         ifnull((SELECT sum(e.minor) FROM ledger_entries e JOIN ledger_accounts a ON a.id = e.account_id \
                 WHERE e.transaction_id = t.id AND a.kind = 'earnings'), 0), \
         ifnull((SELECT sum(e.minor) FROM ledger_entries e JOIN ledger_accounts a ON a.id = e.account_id \
                 WHERE e.transaction_id = t.id AND a.kind = 'platform_fees'), 0) \
         FROM ledger_transactions t \
         JOIN appointments ap ON ap.id = t.appointment_id \
         JOIN users u ON u.id = ap.patient_id \
         WHERE ap.doctor_id = ?1 AND t.status = 'posted' AND t.kind IN ('settlement', 'refund') \
         ORDER BY ap.start_at DESC LIMIT 1000",
    )
    .bind(doctor.0)
    .fetch_all(db)
    .await?;
    Ok(rows
        .into_iter()
        .filter_map(|(id, start, patient, fee, code, reason, net, cut)| {
            Some(EarningsLine {
                appointment_id: AppointmentId(id),
                start,
                patient_name: patient,
                fee: money(fee, &code)?,
                platform_cut: money(cut, &code)?,
                net: money(net, &code)?,
                description: reason_text(&reason),
            })
        })
        .collect())
}

/// Withdrawal requests, newest first: one doctor's, or everyone's (`None`).
pub async fn withdrawals(
    db: &SqlitePool,
    doctor: Option<UserId>,
) -> Result<Vec<WithdrawalView>, sqlx::Error> {
    type Row = (i64, String, i64, String, String, String, i64, Option<i64>);
    let rows: Vec<Row> = sqlx::query_as(
        "SELECT w.id, u.full_name, w.minor, w.currency, w.status, w.note, w.created_at, w.decided_at \
         FROM withdrawal_requests w JOIN users u ON u.id = w.doctor_id \
         WHERE ?1 IS NULL OR w.doctor_id = ?1 \
         ORDER BY (w.status = 'requested') DESC, w.id DESC LIMIT 500",
    )
    .bind(doctor.map(|d| d.0))
    .fetch_all(db)
    .await?;
    Ok(rows
        .into_iter()
        .filter_map(|(id, name, minor, code, status, note, created_at, decided_at)| {
            Some(WithdrawalView {
                id,
                doctor_name: name,
                amount: money(minor, &code)?,
                status,
                note,
                created_at,
                decided_at,
            })
        })
        .collect())
}
