//! What the tests that load a real server process with card deposits share: a pool on its
//! database file, a signed-in demo patient, one deposit, and the wallets that do not hold
//! exactly their posted deposits.

use sqlx::SqlitePool;
use sqlx::sqlite::SqliteConnectOptions;
use std::path::Path;
use std::time::Duration;

const DEMO_PASSWORD: &str = "medibook-demo-2026";

/// A pool on the database file `db` (another process writes it too).
pub async fn open_pool(db: &Path) -> SqlitePool {
    SqlitePool::connect_with(
        SqliteConnectOptions::new().filename(db).busy_timeout(Duration::from_secs(5)),
    )
    .await
    .expect("database")
}

/// A client signed in as demo user `username` at `address`.
pub async fn signed_in(address: &str, username: &str) -> reqwest::Client {
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

/// Deposits `amount` by the succeeding test card with idempotency key `key`; the status, or 0
/// when no answer came (the server was killed).
pub async fn deposit(client: &reqwest::Client, address: &str, amount: &str, key: &str) -> u16 {
    client
        .post(format!("{address}/api/deposit"))
        .header("Origin", address)
        .form(&[
            ("amount", amount),
            ("currency", "USD"),
            ("card_number", "4242424242424242"),
            ("card_expiry", "12/30"),
            ("card_cvc", "123"),
            ("card_holder", "Load Test"),
            ("idempotency_key", key),
        ])
        .send()
        .await
        .map(|r| r.status().as_u16())
        .unwrap_or(0)
}

/// Wallets whose balance is not the sum of their posted deposits: (user, balance, deposited).
pub async fn wallets_off_their_deposits(pool: &SqlitePool) -> Vec<(i64, i64, i64)> {
    sqlx::query_as(
        "SELECT a.user_id, a.balance, (SELECT sum(t.requested_minor) FROM ledger_transactions t \
         WHERE t.user_id = a.user_id AND t.kind = 'deposit' AND t.status = 'posted') AS deposited \
         FROM ledger_accounts a WHERE a.kind = 'wallet' AND a.balance <> deposited",
    )
    .fetch_all(pool)
    .await
    .expect("wallets")
}

/// 400 card deposits of 1.00 each by alice, bob and carol at once, keyed `<prefix>-<who>-<n>`:
/// the tasks answer each deposit's status.
pub async fn spawn_deposit_load(address: &str, prefix: &str) -> Vec<tokio::task::JoinHandle<u16>> {
    let mut tasks = Vec::new();
    for patient in ["alice", "bob", "carol"] {
        let client = signed_in(address, patient).await;
        for n in 0..400 {
            let (client, address) = (client.clone(), address.to_owned());
            let key = format!("{prefix}-{patient}-{n:04}");
            tasks.push(tokio::spawn(async move { deposit(&client, &address, "1.00", &key).await }));
        }
    }
    tasks
}

/// Card deposits posted in the database file `db` so far.
pub async fn posted_deposits(db: &Path) -> i64 {
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
