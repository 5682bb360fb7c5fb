//! A patient's wallet: balances and the history of their deposits, payments and refunds.

use crate::domain::AppointmentId;
use crate::domain::UserId;
use crate::domain::calendar_date::parse_calendar_date;
use crate::domain::money::{Currency, Money};
use crate::domain::payment::{TransactionKind, reason_text};
use crate::domain::{Field, FieldError, FieldErrorCode};
use crate::dto::payment_views::{HistoryFilter, HistoryRow};
use chrono::NaiveDate;
use sqlx::SqlitePool;

/// The most history lines one page (or one CSV export) holds.
pub const MAX_ROWS: i64 = 5_000;

/// A checked history filter: kind and a UTC day range as unix seconds `[from, to)`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Filter {
    pub kind: Option<TransactionKind>,
    pub from: Option<i64>,
    pub to: Option<i64>,
}

/// Checks the form values of a filter.
pub fn parse_filter(raw: &HistoryFilter) -> Result<Filter, FieldError> {
    let kind = match raw.kind.trim() {
        "" => None,
        other => Some(
            TransactionKind::parse(other)
                .ok_or(FieldError::new(Field::Note, FieldErrorCode::Unknown))?,
        ),
    };
    let day = |raw: &str, field: Field| -> Result<Option<NaiveDate>, FieldError> {
        match raw.trim() {
            "" => Ok(None),
            text => parse_calendar_date(text)
                .map(Some)
                .ok_or(FieldError::new(field, FieldErrorCode::InvalidFormat)),
        }
    };
    let from = day(&raw.from, Field::TimeOffStart)?;
    let to = day(&raw.to, Field::TimeOffEnd)?;
    if let (Some(from), Some(to)) = (from, to)
        && to < from
    {
        return Err(FieldError::new(Field::TimeOffEnd, FieldErrorCode::EndBeforeStart));
    }
    let start_of = |d: NaiveDate| d.and_hms_opt(0, 0, 0).map(|t| t.and_utc().timestamp());
    Ok(Filter {
        kind,
        from: from.and_then(start_of),
        to: to.and_then(|d| d.succ_opt()).and_then(start_of),
    })
}

/// Every wallet balance of `patient` (`first` listed even when the patient has none in it).
pub async fn balances(
    db: &SqlitePool,
    patient: UserId,
    first: Currency,
) -> Result<Vec<Money>, sqlx::Error> {
    let rows: Vec<(String, i64)> = sqlx::query_as(
        "SELECT currency, balance FROM ledger_accounts WHERE kind = 'wallet' AND user_id = ?1 \
         ORDER BY currency",
    )
    .bind(patient.0)
    .fetch_all(db)
    .await?;
    let mut balances: Vec<Money> = rows
        .into_iter()
        .filter_map(|(code, minor)| Some(Money { minor, currency: Currency::parse(&code)? }))
        .collect();
    if !balances.iter().any(|m| m.currency == first) {
        balances.insert(0, Money { minor: 0, currency: first });
    }
    balances.sort_by_key(|m| m.currency != first);
    Ok(balances)
}

/// The patient's transactions, newest first, as they see them.
pub async fn history(
    db: &SqlitePool,
    patient: UserId,
    filter: &Filter,
) -> Result<Vec<HistoryRow>, sqlx::Error> {
    type Row =
        (i64, i64, String, String, String, Option<String>, Option<i64>, String, i64, Option<i64>);
    let rows: Vec<Row> = sqlx::query_as(
        "SELECT t.id, t.created_at, t.kind, t.status, t.reason, t.card_last4, t.appointment_id, \
         t.currency, t.requested_minor, \
         (SELECT sum(e.minor) FROM ledger_entries e JOIN ledger_accounts a ON a.id = e.account_id \
          WHERE e.transaction_id = t.id AND a.kind = 'wallet') \
         FROM ledger_transactions t \
         WHERE t.user_id = ?1 AND t.kind IN ('deposit', 'payment', 'refund', 'withdrawal') \
           AND (?2 IS NULL OR t.kind = ?2) AND (?3 IS NULL OR t.created_at >= ?3) \
           AND (?4 IS NULL OR t.created_at < ?4) \
         ORDER BY t.id DESC LIMIT ?5",
    )
    .bind(patient.0)
    .bind(filter.kind.map(TransactionKind::as_str))
    .bind(filter.from)
    .bind(filter.to)
    .bind(MAX_ROWS)
    .fetch_all(db)
    .await?;
    Ok(rows
        .into_iter()
        .filter_map(
            |(id, at, kind, status, reason, last4, appointment, code, requested, wallet)| {
                let kind = TransactionKind::parse(&kind)?;
                let currency = Currency::parse(&code)?;
                let signed = match kind {
                    TransactionKind::Payment | TransactionKind::Withdrawal => -requested,
                    _ => requested,
                };
                // Deposits come from a card (or are a demo credit); payments from the wallet or
                // a card; refunds always go to the wallet; a patient's withdrawal goes back to a
                // deposit's card.
                let method = match kind {
                    TransactionKind::Deposit if last4.is_some() => "card",
                    TransactionKind::Payment if wallet.is_some() => "wallet",
                    TransactionKind::Payment if last4.is_some() => "card",
                    TransactionKind::Refund => "wallet",
                    TransactionKind::Withdrawal => "card",
                    _ => "",
                };
                Some(HistoryRow {
                    id,
                    at,
                    kind,
                    status,
                    amount: Money { minor: signed, currency },
                    method: method.into(),
                    description: reason_text(&reason),
                    card_last4: last4,
                    appointment_id: appointment.map(AppointmentId),
                })
            },
        )
        .collect())
}

use crate::server::csv_field::csv_field;

/// The history as CSV (RFC 4180), with a header line.
pub fn to_csv(rows: &[HistoryRow]) -> String {
    let mut out = String::from(
        "id,date_utc,type,status,amount,currency,method,description,card_last4,appointment\r\n",
    );
    for row in rows {
        let date = chrono::DateTime::from_timestamp(row.at, 0)
            .map(|t| t.format("%Y-%m-%d %H:%M:%S").to_string())
            .unwrap_or_default();
        let fields = [
            row.id.to_string(),
            date,
            row.kind.as_str().to_owned(),
            row.status.clone(),
            row.amount.decimal(),
            row.amount.currency.code().to_owned(),
            row.method.clone(),
            row.description.clone(),
            row.card_last4.clone().unwrap_or_default(),
            row.appointment_id.map(|a| a.to_string()).unwrap_or_default(),
        ];
        let line: Vec<String> = fields.iter().map(|f| csv_field(f)).collect();
        out.push_str(&line.join(","));
        out.push_str("\r\n");
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_filter_takes_whole_utc_days_and_refuses_a_reversed_range() {
        let raw = HistoryFilter {
            kind: "refund".into(),
            from: "2026-11-20".into(),
            to: "2026-11-20".into(),
        };
        let filter = parse_filter(&raw).expect("valid");
        assert_eq!(filter.kind, Some(TransactionKind::Refund));
        assert_eq!(filter.to.zip(filter.from).map(|(t, f)| t - f), Some(86_400));
        let reversed =
            HistoryFilter { from: "2026-11-21".into(), to: "2026-11-20".into(), ..raw.clone() };
        assert!(parse_filter(&reversed).is_err());
        let bad = HistoryFilter { kind: "robbery".into(), ..HistoryFilter::default() };
        assert!(parse_filter(&bad).is_err());
        assert!(
            parse_filter(&HistoryFilter { from: "yesterday".into(), ..HistoryFilter::default() })
                .is_err()
        );
    }
}
