//! Writing the ledger (in the caller's `BEGIN IMMEDIATE` transaction) and checking it.

use crate::domain::AppointmentId;
use crate::domain::UserId;
use crate::domain::money::{Currency, Money};
use crate::domain::payment::ledger::{Account, Posting};
use chrono::{DateTime, Utc};
use sqlx::{SqliteConnection, SqlitePool};

/// The kind stored for `account`, and its owner.
fn kind_and_owner(account: Account) -> (&'static str, Option<i64>) {
    match account {
        Account::Wallet(user) => ("wallet", Some(user.0)),
        Account::Escrow => ("escrow", None),
        Account::Earnings(user) => ("earnings", Some(user.0)),
        Account::PlatformFees => ("platform_fees", None),
        Account::Outside => ("outside", None),
    }
}

/// The id of `account` in `currency`, created on first use.
pub async fn account_id(
    conn: &mut SqliteConnection,
    account: Account,
    currency: Currency,
) -> Result<i64, sqlx::Error> {
    let (kind, owner) = kind_and_owner(account);
    sqlx::query(
        "INSERT INTO ledger_accounts (kind, user_id, currency) VALUES (?1, ?2, ?3) ON CONFLICT DO NOTHING",
    )
    .bind(kind)
    .bind(owner)
    .bind(currency.code())
    .execute(&mut *conn)
    .await?;
    sqlx::query_scalar(
        "SELECT id FROM ledger_accounts WHERE kind = ?1 AND ifnull(user_id, 0) = ifnull(?2, 0) AND currency = ?3",
    )
    .bind(kind)
    .bind(owner)
    .bind(currency.code())
    .fetch_one(conn)
    .await
}

/// A transaction about to be written.
pub struct NewTransaction<'a> {
    pub kind: &'static str,
    /// The amount it is about (kept even when declined).
    pub requested: Money,
    pub user: Option<UserId>,
    pub appointment: Option<AppointmentId>,
    pub idempotency_key: Option<&'a str>,
    pub card_last4: Option<&'a str>,
    pub now: DateTime<Utc>,
}

/// Writes a pending transaction (reserving its idempotency key); `None` when the key is taken.
pub async fn reserve(
    conn: &mut SqliteConnection,
    new: &NewTransaction<'_>,
) -> Result<Option<i64>, sqlx::Error> {
    sqlx::query_scalar(
        "INSERT INTO ledger_transactions (kind, currency, user_id, appointment_id, idempotency_key, \
         card_last4, created_at, requested_minor) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8) \
         ON CONFLICT (idempotency_key) DO NOTHING RETURNING id",
    )
    .bind(new.kind)
    .bind(new.requested.currency.code())
    .bind(new.user.map(|u| u.0))
    .bind(new.appointment)
    .bind(new.idempotency_key)
    .bind(new.card_last4)
    .bind(new.now.timestamp())
    .bind(new.requested.minor)
    .fetch_optional(conn)
    .await
}

/// Writes `posting`'s entries into pending transaction `id` and posts it (SQLite refuses an
/// unbalanced or overdrawing posting, and the caller's transaction then rolls back).
pub async fn post(
    conn: &mut SqliteConnection,
    id: i64,
    currency: Currency,
    posting: &Posting,
    reason: &str,
) -> Result<(), sqlx::Error> {
    let entries = &posting.entries;
    if !entries.is_empty() {
        // Every account exists (created on first use)…
        let rows = vec!["(?, ?, ?)"; entries.len()].join(", ");
        let sql = format!(
            "INSERT INTO ledger_accounts (kind, user_id, currency) VALUES {rows} ON CONFLICT DO NOTHING"
        );
        let mut accounts = sqlx::query(&sql);
        for entry in entries {
            let (kind, owner) = kind_and_owner(entry.account);
            accounts = accounts.bind(kind).bind(owner).bind(currency.code());
        }
        accounts.execute(&mut *conn).await?;
        // …then all entries in one statement (one round trip to the writer, whatever the
        // posting), in the posting's order.
        let values = vec!["(?, ?, ?, ?)"; entries.len()].join(", ");
        let sql = format!(
            "WITH v (ord, kind, owner, minor) AS (VALUES {values}) \
             INSERT INTO ledger_entries (transaction_id, account_id, minor) \
             SELECT ?, a.id, v.minor FROM v JOIN ledger_accounts a ON a.kind = v.kind \
             AND ifnull(a.user_id, 0) = ifnull(v.owner, 0) AND a.currency = ? ORDER BY v.ord"
        );
        let mut insert = sqlx::query(&sql);
        for (ord, entry) in entries.iter().enumerate() {
            let (kind, owner) = kind_and_owner(entry.account);
            insert = insert.bind(ord as i64).bind(kind).bind(owner).bind(entry.minor);
        }
        let written = insert.bind(id).bind(currency.code()).execute(&mut *conn).await?;
        if written.rows_affected() != entries.len() as u64 {
            return Err(sqlx::Error::RowNotFound);
        }
    }
    sqlx::query("UPDATE ledger_transactions SET status = 'posted', reason = ?2 WHERE id = ?1")
        .bind(id)
        .bind(reason)
        .execute(conn)
        .await
        .map(|_| ())
}

/// Settles pending transaction `id` as declined (it has no entries), saying why.
pub async fn decline(
    conn: &mut SqliteConnection,
    id: i64,
    reason: &str,
) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE ledger_transactions SET status = 'declined', reason = ?2 WHERE id = ?1")
        .bind(id)
        .bind(reason)
        .execute(conn)
        .await
        .map(|_| ())
}

/// The balance of `account` in `currency` (0 before its first entry).
pub async fn balance(
    conn: &mut SqliteConnection,
    account: Account,
    currency: Currency,
) -> Result<Money, sqlx::Error> {
    let (kind, owner) = kind_and_owner(account);
    let balance: Option<i64> = sqlx::query_scalar(
        "SELECT balance FROM ledger_accounts WHERE kind = ?1 AND ifnull(user_id, 0) = ifnull(?2, 0) \
         AND currency = ?3",
    )
    .bind(kind)
    .bind(owner)
    .bind(currency.code())
    .fetch_optional(conn)
    .await?;
    Ok(Money { minor: balance.unwrap_or(0), currency })
}

/// A transaction found by its idempotency key.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct KeyedTransaction {
    pub id: i64,
    pub status: String,
    pub reason: String,
    pub currency: String,
    pub requested_minor: i64,
}

/// The transaction reserved with `key`, if any.
pub async fn by_key(
    conn: impl sqlx::SqliteExecutor<'_>,
    key: &str,
) -> Result<Option<KeyedTransaction>, sqlx::Error> {
    sqlx::query_as(
        "SELECT id, status, reason, currency, requested_minor FROM ledger_transactions \
         WHERE idempotency_key = ?1",
    )
    .bind(key)
    .fetch_optional(conn)
    .await
}

/// What appointment `id`'s fee still has in escrow (its posted payment less its posted
/// settlement or refund), with the currency; `None` when it was never paid.
pub async fn escrow_of(
    conn: &mut SqliteConnection,
    appointment: AppointmentId,
) -> Result<Option<(i64, Currency)>, sqlx::Error> {
    let row: Option<(i64, String)> = sqlx::query_as(
        "SELECT sum(e.minor), a.currency FROM ledger_entries e \
         JOIN ledger_accounts a ON a.id = e.account_id AND a.kind = 'escrow' \
         JOIN ledger_transactions t ON t.id = e.transaction_id \
         WHERE t.appointment_id = ?1 AND t.status = 'posted' GROUP BY a.currency",
    )
    .bind(appointment)
    .fetch_optional(conn)
    .await?;
    Ok(row.and_then(|(minor, code)| Some((minor, Currency::parse(&code)?))))
}

/// The reconciliation check: every cached balance equals the sum of its entries, every currency
/// sums to zero, and no transaction is left pending.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reconciliation {
    pub accounts: i64,
    /// Accounts whose cached balance differs from their entries: (id, cached, from entries).
    pub mismatched: Vec<(i64, i64, i64)>,
    /// Currencies whose accounts do not sum to zero: (currency, total).
    pub unbalanced: Vec<(String, i64)>,
    /// Transactions still pending (a crash between reserving and posting).
    pub pending: i64,
}

impl Reconciliation {
    /// Whether everything adds up.
    pub fn is_clean(&self) -> bool {
        self.mismatched.is_empty() && self.unbalanced.is_empty()
    }
}

/// Checks the whole ledger.
pub async fn reconcile(db: &SqlitePool) -> Result<Reconciliation, sqlx::Error> {
    let accounts = sqlx::query_scalar("SELECT COUNT(*) FROM ledger_accounts").fetch_one(db).await?;
    let mismatched = sqlx::query_as(
        "SELECT a.id, a.balance, ifnull((SELECT sum(e.minor) FROM ledger_entries e \
         JOIN ledger_transactions t ON t.id = e.transaction_id \
         WHERE e.account_id = a.id AND t.status = 'posted'), 0) AS derived \
         FROM ledger_accounts a WHERE a.balance <> derived",
    )
    .fetch_all(db)
    .await?;
    let unbalanced = sqlx::query_as(
        "SELECT currency, sum(balance) FROM ledger_accounts GROUP BY currency HAVING sum(balance) <> 0",
    )
    .fetch_all(db)
    .await?;
    let pending =
        sqlx::query_scalar("SELECT COUNT(*) FROM ledger_transactions WHERE status = 'pending'")
            .fetch_one(db)
            .await?;
    Ok(Reconciliation { accounts, mismatched, unbalanced, pending })
}
