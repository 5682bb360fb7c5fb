//! The SQLite compiled into the server is built without the two global locks its bundled
//! defaults add (`.cargo/config.toml`): a shared page cache for all connections
//! (`SQLITE_ENABLE_MEMORY_MANAGEMENT`) and memory statistics on every allocation.

use crate::helpers::spawn_app;

async fn compile_options(pool: &sqlx::SqlitePool) -> Vec<String> {
    sqlx::query_scalar("SELECT compile_options FROM pragma_compile_options")
        .fetch_all(pool)
        .await
        .expect("compile options")
}

#[tokio::test]
async fn the_server_sqlite_has_no_global_page_cache_lock() {
    let app = spawn_app().await;
    let options = compile_options(&app.state.db).await;
    assert!(options.iter().any(|o| o == "ENABLE_FTS5"), "the bundled build: {options:?}");
    assert!(
        !options.iter().any(|o| o == "ENABLE_MEMORY_MANAGEMENT"),
        "every connection would share one page cache behind one mutex: {options:?}"
    );
    assert!(
        options.iter().any(|o| o == "DEFAULT_MEMSTATUS=0"),
        "memory statistics would lock a global mutex on every allocation: {options:?}"
    );
}
