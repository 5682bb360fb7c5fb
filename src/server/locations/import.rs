//! Loads the location hierarchy shipped in the binary (`data/bd.json`, made by
//! `scripts/import-locations` from registry packages) into SQLite. Idempotent: places are keyed
//! by their stable code, so a second load adds and renames nothing; places are never deleted
//! (addresses may refer to them).

use crate::server::db;
use anyhow::Context;
use serde::Deserialize;
use sqlx::SqlitePool;
use std::collections::HashMap;

/// Bangladesh: 8 divisions, 64 districts, their upazilas and metropolitan thanas.
const BANGLADESH: &str = include_str!("data/bd.json");

#[derive(Deserialize)]
struct LocationSet {
    country: String,
    version: String,
    levels: Vec<Level>,
    places: Vec<Place>,
}

#[derive(Deserialize)]
struct Level {
    en: String,
    local: String,
}

#[derive(Deserialize)]
struct Place {
    code: String,
    parent: Option<String>,
    en: String,
    local: String,
}

/// What a load changed.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct LoadReport {
    pub added: usize,
    pub renamed: usize,
    pub unchanged: usize,
}

/// Loads the shipped data unless this version is already loaded (`force`: load anyway). `None`
/// when skipped.
pub async fn load_shipped(writer: &SqlitePool, force: bool) -> anyhow::Result<Option<LoadReport>> {
    let set: LocationSet = serde_json::from_str(BANGLADESH).context("reading shipped locations")?;
    let loaded: Option<String> =
        sqlx::query_scalar("SELECT version FROM location_sets WHERE country = ?1")
            .bind(&set.country)
            .fetch_optional(writer)
            .await?;
    if !force && loaded.as_deref() == Some(set.version.as_str()) {
        return Ok(None);
    }
    load(writer, &set).await.map(Some)
}

async fn load(writer: &SqlitePool, set: &LocationSet) -> anyhow::Result<LoadReport> {
    let mut tx = db::begin_write(writer).await?;
    for (index, level) in set.levels.iter().enumerate() {
        sqlx::query(
            "INSERT INTO location_levels (country, depth, name_en, name_local) VALUES (?1, ?2, ?3, ?4) \
             ON CONFLICT (country, depth) DO UPDATE SET name_en = excluded.name_en, \
             name_local = excluded.name_local",
        )
        .bind(&set.country)
        .bind(index as i64 + 1)
        .bind(&level.en)
        .bind(&level.local)
        .execute(&mut *tx)
        .await?;
    }
    let mut report = LoadReport::default();
    let mut placed: HashMap<&str, (i64, i64)> = HashMap::new();
    for place in &set.places {
        let (parent_id, depth) = match &place.parent {
            None => (None, 1),
            Some(code) => {
                let (id, depth) = placed.get(code.as_str()).with_context(|| {
                    format!("{}: parent {code} not listed before it", place.code)
                })?;
                (Some(*id), depth + 1)
            }
        };
        let before: Option<(i64, String, String)> =
            sqlx::query_as("SELECT id, name_en, name_local FROM locations WHERE code = ?1")
                .bind(&place.code)
                .fetch_optional(&mut *tx)
                .await?;
        let id = match before {
            Some((id, en, local)) if en == place.en && local == place.local => {
                report.unchanged += 1;
                id
            }
            Some((id, _, _)) => {
                sqlx::query("UPDATE locations SET name_en = ?2, name_local = ?3 WHERE id = ?1")
                    .bind(id)
                    .bind(&place.en)
                    .bind(&place.local)
                    .execute(&mut *tx)
                    .await?;
                report.renamed += 1;
                id
            }
            None => {
                report.added += 1;
                sqlx::query_scalar(
                    "INSERT INTO locations (code, country, parent_id, depth, name_en, name_local) \
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6) RETURNING id",
                )
                .bind(&place.code)
                .bind(&set.country)
                .bind(parent_id)
                .bind(depth)
                .bind(&place.en)
                .bind(&place.local)
                .fetch_one(&mut *tx)
                .await
                .with_context(|| format!("adding {}", place.code))?
            }
        };
        placed.insert(&place.code, (id, depth));
    }
    sqlx::query(
        "INSERT INTO location_sets (country, version) VALUES (?1, ?2) \
         ON CONFLICT (country) DO UPDATE SET version = excluded.version",
    )
    .bind(&set.country)
    .bind(&set.version)
    .execute(&mut *tx)
    .await?;
    tx.commit().await?;
    Ok(report)
}
