//! Killing the server (SIGKILL) while card deposits are in flight: after a restart the ledger
//! reconciles, nothing is left pending, and every wallet holds exactly its posted deposits.
use crate::server_process::{ServerProcess, fresh_database};
use medibook::server::payments::ledger::reconcile;
use sqlx::SqlitePool;
use sqlx::sqlite::SqliteConnectOptions;
use std::path::Path;
use std::time::Duration;

const DEMO_PASSWORD: &str = "medibook-demo-2026";

async fn open_pool(db: &Path) -> SqlitePool {
    SqlitePool::connect_with(
        SqliteConnectOptions::new().filename(db).busy_timeout(Duration::from_secs(5)),
    )
    .await
    .expect("database")
}

async fn signed_in(address: &str, username: &str) -> reqwest::Client {
    let client = reqwest::Client::builder().cookie_store(true).build().expect("client");
    let response = client
        .post(format!("{address}/api/login"))
        .header("Origin", address)
        .form(&[("login", username), ("password", DEMO_PASSWORD)])
        .send()
        .await
        .expect("login");
    assert_eq!(response.status(), 200, "login {username}");
    client
}

async fn posted_deposits(db: &Path) -> i64 {
    let pool = open_pool(db).await;
    let n = sqlx::query_scalar(
        "SELECT COUNT(*) FROM ledger_transactions WHERE kind = 'deposit' AND status = 'posted' \
         AND reason = 'card_deposit'",
    )
    .fetch_one(&pool)
    .await
    .expect("count");
    pool.close().await;
    n
}

#[tokio::test]
async fn a_server_killed_while_deposits_are_in_flight_reconciles_after_restart() {
    let (_dir, db) = fresh_database();
    let settings = [
        ("MEDIBOOK_SEED_ON_FIRST_START", "true".to_owned()),
        ("MEDIBOOK_SEED_DOCTORS", "1".to_owned()),
    ];
    let server = ServerProcess::start(&db, &settings).await;
    let address = server.address.clone();
    let mut tasks = Vec::new();
    for patient in ["alice", "bob", "carol"] {
        let client = signed_in(&address, patient).await;
        for n in 0..400 {
            let (client, address) = (client.clone(), address.clone());
            tasks.push(tokio::spawn(async move {
                let key = format!("crash-{patient}-{n:04}");
                let _ = client
                    .post(format!("{address}/api/deposit"))
                    .header("Origin", &address)
                    .form(&[
                        ("amount", "1.00"),
                        ("currency", "USD"),
                        ("card_number", "4242424242424242"),
                        ("card_expiry", "12/30"),
                        ("card_cvc", "123"),
                        ("card_holder", "Crash Test"),
                        ("idempotency_key", key.as_str()),
                    ])
                    .send()
                    .await;
            }));
        }
    }
    let mut posted = 0;
    for _ in 0..1000 {
        posted = posted_deposits(&db).await;
        if posted >= 100 {
            break;
        }
        tokio::time::sleep(Duration::from_millis(5)).await;
    }
    assert!(posted >= 100, "deposits were being made ({posted})");
    server.kill();
    for task in tasks {
        let _ = task.await;
    }
    let pool = open_pool(&db).await;
    let before = reconcile(&pool).await.expect("reconcile");
    assert!(before.is_clean(), "even before recovery the balances match: {before:?}");
    pool.close().await;

    let restarted = ServerProcess::start(&db, &settings).await;
    let pool = open_pool(&db).await;
    let after = reconcile(&pool).await.expect("reconcile");
    assert!(after.is_clean(), "{after:?}");
    assert_eq!(after.pending, 0, "interrupted charges were settled at start-up");
    // Every wallet holds exactly its posted deposits (the demo credit and 1.00 each).
    let wrong: Vec<(i64, i64, i64)> = sqlx::query_as(
        "SELECT a.user_id, a.balance, (SELECT sum(t.requested_minor) FROM ledger_transactions t \
         WHERE t.user_id = a.user_id AND t.kind = 'deposit' AND t.status = 'posted') AS deposited \
         FROM ledger_accounts a WHERE a.kind = 'wallet' AND a.balance <> deposited",
    )
    .fetch_all(&pool)
    .await
    .expect("wallets");
    assert_eq!(wrong, vec![], "wallet, balance, deposited");
    let interrupted: i64 =
        sqlx::query_scalar("SELECT COUNT(*) FROM ledger_transactions WHERE reason = 'interrupted'")
            .fetch_one(&pool)
            .await
            .expect("count");
    println!(
        "crash test: {} posted before the kill, {} interrupted and declined at restart, \
         {} accounts reconcile",
        posted, interrupted, after.accounts
    );

    // The restarted server takes deposits again.
    let alice = signed_in(&restarted.address, "alice").await;
    let response = alice
        .post(format!("{}/api/deposit", restarted.address))
        .header("Origin", &restarted.address)
        .form(&[
            ("amount", "5"),
            ("currency", "USD"),
            ("card_number", "4242424242424242"),
            ("card_expiry", "12/30"),
            ("card_cvc", "123"),
            ("card_holder", "Alice"),
            ("idempotency_key", "after-restart-1"),
        ])
        .send()
        .await
        .expect("deposit");
    assert_eq!(response.status(), 200);
    pool.close().await;
}
