//! `migrations/schema.sql` is the current schema in one place: it must match what the
//! migrations build, statement for statement.

use crate::helpers::spawn_app;

/// Every table of ours (not sqlx's migration log, the session store's table nor the shadow
/// tables full-text search makes, whose names SQLite quotes) with its indexes and triggers, as
/// `migrations/schema.sql` lists them.
async fn migrated_schema(pool: &sqlx::SqlitePool) -> String {
    let tables: Vec<(String, String)> = sqlx::query_as(
        "SELECT name, sql FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' \
         AND name NOT IN ('_sqlx_migrations', 'tower_sessions') \
         AND sql NOT LIKE 'CREATE TABLE ''%' ORDER BY rowid",
    )
    .fetch_all(pool)
    .await
    .expect("tables");
    let mut statements = Vec::new();
    for (table, sql) in tables {
        statements.push(format!("{};", sql.trim()));
        for kind in ["index", "trigger"] {
            let rest: Vec<String> = sqlx::query_scalar(
                "SELECT sql FROM sqlite_master WHERE type = ?1 AND tbl_name = ?2 \
                 AND sql IS NOT NULL ORDER BY name",
            )
            .bind(kind)
            .bind(&table)
            .fetch_all(pool)
            .await
            .expect("indexes and triggers");
            statements.extend(rest.into_iter().map(|sql| format!("{};", sql.trim())));
        }
    }
    statements.join("\n\n")
}

/// The text without full-line comments and blank lines.
fn without_comments(text: &str) -> Vec<&str> {
    text.lines().filter(|l| !l.starts_with("--") && !l.trim().is_empty()).collect()
}

#[tokio::test]
async fn the_schema_file_is_what_the_migrations_build() {
    let app = spawn_app().await;
    let actual = migrated_schema(&app.state.db).await;
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/migrations/schema.sql");
    let file = std::fs::read_to_string(path).expect("migrations/schema.sql");
    if without_comments(&file) != without_comments(&actual) {
        let out = std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join("schema.migrated.sql");
        std::fs::write(&out, &actual).expect("write");
        panic!(
            "migrations/schema.sql differs from the migrated database; the migrated schema is in \
             {} (copy it over, keeping the comments)",
            out.display()
        );
    }
}

#[test]
fn every_trigger_in_the_schema_file_says_what_it_guarantees() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/migrations/schema.sql");
    let file = std::fs::read_to_string(path).expect("migrations/schema.sql");
    let lines: Vec<&str> = file.lines().collect();
    for (i, line) in lines.iter().enumerate() {
        if line.starts_with("CREATE TRIGGER") {
            assert!(
                i > 0 && lines[i - 1].starts_with("-- "),
                "no comment above `{line}` in migrations/schema.sql"
            );
        }
    }
}
