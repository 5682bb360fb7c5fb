//! SQLite keeps the ledger honest whatever code writes it: these tests write raw SQL, as buggy
//! application code would.
use crate::helpers::*;
use medibook::domain::money::Money;
use sqlx::SqlitePool;

/// Runs `sql`; the error is the message SQLite gave (a trigger code or a constraint).
async fn run(pool: &SqlitePool, sql: &str) -> Result<(), String> {
    sqlx::raw_sql(sql).execute(pool).await.map(|_| ()).map_err(|e| e.to_string())
}

async fn balance(pool: &SqlitePool, account: i64) -> i64 {
    sqlx::query_scalar("SELECT balance FROM ledger_accounts WHERE id = ?1")
        .bind(account)
        .fetch_one(pool)
        .await
        .expect("account")
}

/// Accounts 1 (alice's USD wallet), 2 (USD escrow), 3 (USD outside), 4 (EUR outside), and a
/// posted deposit of 10.00 into the wallet.
async fn ledger_with_a_deposit(app: &TestApp) -> SqlitePool {
    let pool = app.state.writer.clone();
    let alice = app.user_id("alice").await;
    run(
        &pool,
        &format!(
            "INSERT INTO ledger_accounts (id, kind, user_id, currency) VALUES \
             (1, 'wallet', {alice}, 'USD'), (2, 'escrow', NULL, 'USD'), (3, 'outside', NULL, 'USD'), \
             (4, 'outside', NULL, 'EUR'); \
             INSERT INTO ledger_transactions (id, kind, currency, user_id, created_at) VALUES (1, 'deposit', 'USD', {alice}, 0); \
             INSERT INTO ledger_entries (transaction_id, account_id, minor) VALUES (1, 3, -1000), (1, 1, 1000); \
             UPDATE ledger_transactions SET status = 'posted' WHERE id = 1;"
        ),
    )
    .await
    .expect("a balanced deposit");
    pool
}

#[tokio::test]
async fn a_balanced_transaction_moves_the_cached_balances() {
    let (app, _clock) = spawn_seeded_app_at("2026-11-20T12:00:00Z").await;
    let pool = ledger_with_a_deposit(&app).await;
    assert_eq!((balance(&pool, 1).await, balance(&pool, 3).await), (1000, -1000));
    run(
        &pool,
        "INSERT INTO ledger_transactions (id, kind, currency, created_at) VALUES (7, 'deposit', 'USD', 0); \
         UPDATE ledger_transactions SET status = 'declined', reason = 'Card declined' WHERE id = 7;",
    )
    .await
    .expect("a declined charge leaves a settled, empty transaction");
}

#[tokio::test]
async fn sqlite_refuses_unbalanced_overdrawn_mixed_or_rewritten_money() {
    let (app, _clock) = spawn_seeded_app_at("2026-11-20T12:00:00Z").await;
    let pool = ledger_with_a_deposit(&app).await;
    let cases = [
        (
            "INSERT INTO ledger_transactions (id, kind, currency, created_at) VALUES (2, 'payment', 'USD', 0); \
             INSERT INTO ledger_entries (transaction_id, account_id, minor) VALUES (2, 2, 500); \
             UPDATE ledger_transactions SET status = 'posted' WHERE id = 2;",
            "MB_LEDGER_UNBALANCED",
        ),
        (
            "INSERT INTO ledger_transactions (id, kind, currency, created_at) VALUES (3, 'payment', 'USD', 0); \
             UPDATE ledger_transactions SET status = 'posted' WHERE id = 3;",
            "MB_LEDGER_UNBALANCED",
        ),
        (
            "INSERT INTO ledger_transactions (id, kind, currency, created_at) VALUES (4, 'payment', 'USD', 0); \
             INSERT INTO ledger_entries (transaction_id, account_id, minor) VALUES (4, 1, -1001), (4, 2, 1001);",
            "CHECK constraint failed",
        ),
        (
            "INSERT INTO ledger_entries (transaction_id, account_id, minor) VALUES (1, 1, 5)",
            "MB_LEDGER_CLOSED",
        ),
        (
            "INSERT INTO ledger_transactions (id, kind, currency, created_at) VALUES (5, 'deposit', 'USD', 0); \
             INSERT INTO ledger_entries (transaction_id, account_id, minor) VALUES (5, 4, -100);",
            "MB_LEDGER_CURRENCY",
        ),
        ("UPDATE ledger_entries SET minor = 1 WHERE transaction_id = 1", "MB_LEDGER_APPEND_ONLY"),
        ("DELETE FROM ledger_entries WHERE transaction_id = 1", "MB_LEDGER_APPEND_ONLY"),
        ("DELETE FROM ledger_transactions WHERE id = 1", "MB_LEDGER_APPEND_ONLY"),
        ("UPDATE ledger_transactions SET reason = 'x' WHERE id = 1", "MB_LEDGER_APPEND_ONLY"),
        (
            "UPDATE ledger_transactions SET status = 'declined' WHERE id = 1",
            "MB_LEDGER_APPEND_ONLY",
        ),
        (
            "INSERT INTO ledger_transactions (id, kind, currency, created_at) VALUES (6, 'deposit', 'USD', 0); \
             INSERT INTO ledger_entries (transaction_id, account_id, minor) VALUES (6, 3, -100), (6, 1, 100); \
             UPDATE ledger_transactions SET status = 'declined' WHERE id = 6;",
            "MB_LEDGER_UNBALANCED",
        ),
        (
            "INSERT INTO ledger_transactions (kind, currency, card_last4, created_at) VALUES ('deposit', 'USD', '12a4', 0)",
            "CHECK constraint failed",
        ),
        (
            "INSERT INTO ledger_transactions (kind, currency, idempotency_key, created_at) VALUES \
             ('deposit', 'USD', 'same-key-1', 0), ('deposit', 'USD', 'same-key-1', 0)",
            "UNIQUE constraint failed",
        ),
        (
            "INSERT INTO ledger_accounts (kind, user_id, currency) VALUES ('escrow', NULL, 'USD')",
            "UNIQUE constraint failed",
        ),
    ];
    for (sql, expected) in cases {
        let mut tx = pool.begin().await.expect("tx");
        let error =
            sqlx::raw_sql(sql).execute(&mut *tx).await.map(|_| ()).map_err(|e| e.to_string());
        drop(tx); // rolled back
        let error = error.expect_err(sql);
        assert!(error.contains(expected), "{sql}\n  gave {error}, expected {expected}");
    }
    assert_eq!(
        (balance(&pool, 1).await, balance(&pool, 2).await, balance(&pool, 3).await),
        (1000, 0, -1000)
    );
    let entries: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM ledger_entries")
        .fetch_one(&pool)
        .await
        .expect("count");
    assert_eq!(entries, 2, "nothing half-written");
}

#[tokio::test]
async fn postings_written_by_the_server_reconcile_and_a_reused_key_is_refused() {
    use medibook::domain::money::Currency;
    use medibook::domain::payment::ledger::Posting;
    use medibook::server::db;
    use medibook::server::payments::ledger::{NewTransaction, decline, post, reconcile, reserve};
    let (app, _clock) = spawn_seeded_app_at("2026-11-20T12:00:00Z").await;
    let alice = medibook::domain::UserId(app.user_id("alice").await);
    let new = |key: &'static str| NewTransaction {
        kind: "deposit",
        requested: Money { minor: 2_500, currency: Currency::USD },
        user: Some(alice),
        appointment: None,
        idempotency_key: Some(key),
        card_last4: Some("4242"),
        now: chrono::DateTime::UNIX_EPOCH,
    };
    let mut tx = db::begin_write(&app.state.writer).await.expect("tx");
    let id = reserve(&mut tx, &new("deposit-key-1")).await.expect("reserve").expect("new key");
    post(&mut tx, id, Currency::USD, &Posting::deposit(alice, 2_500), "").await.expect("post");
    assert_eq!(reserve(&mut tx, &new("deposit-key-1")).await.expect("reserve"), None, "used once");
    let declined =
        reserve(&mut tx, &new("deposit-key-2")).await.expect("reserve").expect("new key");
    decline(&mut tx, declined, "Card declined").await.expect("decline");
    tx.commit().await.expect("commit");

    let mut tx = db::begin_write(&app.state.writer).await.expect("tx");
    let id = reserve(&mut tx, &new("payment-key-1")).await.expect("reserve").expect("new key");
    let overdraw =
        post(&mut tx, id, Currency::USD, &Posting::pay_from_wallet(alice, 2_501), "").await;
    assert!(overdraw.is_err(), "the wallet holds 25.00");
    drop(tx); // rolled back: no entries, no pending transaction

    let report = reconcile(&app.state.db).await.expect("reconcile");
    assert!(report.is_clean(), "{report:?}");
    assert_eq!((report.accounts, report.pending), (2, 0));
    let mut tx = db::begin_write(&app.state.writer).await.expect("tx");
    reserve(&mut tx, &new("left-pending-1")).await.expect("reserve");
    tx.commit().await.expect("commit");
    assert_eq!(
        reconcile(&app.state.db).await.expect("reconcile").pending,
        1,
        "a crash mid-payment shows"
    );
}
