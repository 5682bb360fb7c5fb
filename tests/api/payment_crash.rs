//! Killing the server (SIGKILL) while card deposits are in flight: after a restart the ledger
//! reconciles, nothing is left pending, and every wallet holds exactly its posted deposits.
use crate::deposit_load::{
    deposit, open_pool, posted_deposits, signed_in, spawn_deposit_load, wallets_off_their_deposits,
};
use crate::server_process::{ServerProcess, fresh_database};
use medibook::server::payments::ledger::reconcile;
use std::time::Duration;

#[tokio::test]
async fn a_server_killed_while_deposits_are_in_flight_reconciles_after_restart() {
    let (_dir, db) = fresh_database();
    let settings = [
        ("MEDIBOOK_SEED_ON_FIRST_START", "true".to_owned()),
        ("MEDIBOOK_SEED_DOCTORS", "1".to_owned()),
    ];
    let server = ServerProcess::start(&db, &settings).await;
    let address = server.address.clone();
    let tasks = spawn_deposit_load(&address, "crash").await;
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
    let wrong = wallets_off_their_deposits(&pool).await;
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
    let status = deposit(&alice, &restarted.address, "5", "after-restart-1").await;
    assert_eq!(status, 200);
    pool.close().await;
}
