//! Every connection plans with the latest table statistics: one opened before the latest
//! `PRAGMA optimize` is replaced when next taken from its pool (`db::statistics`), since SQLite
//! reloads statistics only in the connection that ran `ANALYZE`.

use crate::helpers::spawn_app;
use medibook::server::db::statistics;
use sqlx::Sqlite;
use sqlx::SqlitePool;
use sqlx::pool::PoolConnection;

/// Every connection the pool allows, held at once (so each is a different connection).
async fn all_connections(pool: &SqlitePool, size: u32) -> Vec<PoolConnection<Sqlite>> {
    let mut held = Vec::new();
    for _ in 0..size {
        held.push(pool.acquire().await.expect("a connection"));
    }
    held
}

/// How many of `connections` carry the marker (a table in the connection's own temp schema).
async fn marked(connections: &mut [PoolConnection<Sqlite>]) -> usize {
    let mut count = 0;
    for conn in connections.iter_mut() {
        let found: i64 = sqlx::query_scalar(
            "SELECT count(*) FROM temp.sqlite_schema WHERE name = 'opened_before'",
        )
        .fetch_one(&mut **conn)
        .await
        .expect("temp schema");
        count += usize::try_from(found).unwrap_or(0);
    }
    count
}

#[tokio::test]
async fn connections_opened_before_new_statistics_are_replaced() {
    let app = spawn_app().await;
    let pool = &app.state.db;
    let size = app.state.config.database.max_connections;
    let mut held = all_connections(pool, size).await;
    for conn in held.iter_mut() {
        sqlx::query("CREATE TEMP TABLE opened_before (x)").execute(&mut **conn).await.unwrap();
    }
    drop(held);

    // Without new statistics the pool hands the same connections out again.
    let mut again = all_connections(pool, size).await;
    assert!(marked(&mut again).await > 0, "the marked connections are kept");
    drop(again);

    statistics::optimize(&app.state.writer, &app.state.config.database.path, true)
        .await
        .expect("optimize");
    let mut after = all_connections(pool, size).await;
    assert_eq!(marked(&mut after).await, 0, "every connection opened after the statistics");
    let plans: i64 = sqlx::query_scalar("SELECT count(*) FROM sqlite_stat1")
        .fetch_one(&mut *after[0])
        .await
        .unwrap();
    assert!(plans > 0, "statistics gathered");
    drop(after);
    app.stop().await;
}
