//! `medibook backup FILE` while the server takes card deposits and bookings: the copy is
//! consistent (a server started on it settles what was in flight and its ledger reconciles),
//! holds everything committed before it, and a backup never overwrites a file.

use crate::deposit_load::{
    open_pool, posted_deposits, spawn_deposit_load, wallets_off_their_deposits,
};
use crate::server_process::{ServerProcess, fresh_database, run_command};
use medibook::server::payments::ledger::reconcile;
use std::time::Duration;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_backup_taken_under_load_restores_to_a_ledger_that_reconciles() {
    let (dir, db) = fresh_database();
    let settings = [
        ("MEDIBOOK_SEED_ON_FIRST_START", "true".to_owned()),
        ("MEDIBOOK_SEED_DOCTORS", "1".to_owned()),
    ];
    let server = ServerProcess::start(&db, &settings).await;
    let address = server.address.clone();
    let tasks = spawn_deposit_load(&address, "backup").await;
    while posted_deposits(&db).await < 100 {
        tokio::time::sleep(Duration::from_millis(5)).await;
    }
    let posted_before = posted_deposits(&db).await;
    let copy = dir.path().join("backup.db");
    let (db_for_backup, copy_path) = (db.clone(), copy.clone());
    let output = tokio::task::spawn_blocking(move || {
        run_command(&db_for_backup, &["backup", copy_path.to_str().expect("utf-8")])
    })
    .await
    .expect("joined");
    let posted_after_backup = posted_deposits(&db).await;
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    let said = String::from_utf8_lossy(&output.stdout).into_owned();
    assert!(said.starts_with("Backup written to"), "{said}");
    let mut statuses = Vec::new();
    for task in tasks {
        statuses.push(task.await.expect("task"));
    }
    assert!(statuses.iter().all(|s| *s == 200), "every deposit went through during the backup");
    assert!(posted_after_backup < 1200, "the backup ran while deposits were still coming in");
    drop(server);

    // The copy as of one instant: everything committed before the backup started, nothing
    // half-written; a server started on it (a restore) settles the charges that were in flight.
    let in_copy = posted_deposits(&copy).await;
    assert!(in_copy >= posted_before && in_copy <= posted_after_backup, "{in_copy}");
    let pool = open_pool(&copy).await;
    assert!(reconcile(&pool).await.expect("reconcile").is_clean());
    pool.close().await;
    let restored = ServerProcess::start(&copy, &[]).await;
    let pool = open_pool(&copy).await;
    let after = reconcile(&pool).await.expect("reconcile");
    assert!(after.is_clean(), "{after:?}");
    assert_eq!(after.pending, 0, "charges in flight at the backup were settled at start-up");
    let wrong = wallets_off_their_deposits(&pool).await;
    assert_eq!(wrong, vec![], "every wallet holds exactly its posted deposits");
    pool.close().await;
    let answer = reqwest::get(format!("{}/login", restored.address)).await.expect("serves");
    assert_eq!(answer.status(), 200);
    drop(restored);

    // A backup never overwrites.
    let again = run_command(&db, &["backup", copy.to_str().expect("utf-8")]);
    assert!(!again.status.success());
    assert!(String::from_utf8_lossy(&again.stderr).contains("exists already"));
    println!(
        "backup under load: {posted_before} deposits posted before it, {in_copy} in the copy, \
         {posted_after_backup} when it finished"
    );
}
