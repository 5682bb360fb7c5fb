//! Reading the location hierarchy: a level's places, a place's path, search by name.

use crate::domain::location_search::{PICKER_LEVELS, breadcrumb, match_expression};
use crate::dto::location_view::{LocationMatch, LocationView, PickerLevel};
use sqlx::SqlitePool;

/// Columns of a `LocationView`, from `locations l` joined with its level `v` ([`FROM`]).
const COLUMNS: &str = "l.id, l.depth, l.name_en, l.name_local, v.name_en, v.name_local";
const FROM: &str =
    "FROM locations l JOIN location_levels v ON v.country = l.country AND v.depth = l.depth";

type Row = (i64, i64, String, String, String, String);
/// A [`Row`] with the names above the place (JSON arrays, English then local).
type MatchRow = (i64, i64, String, String, String, String, String, String);

fn view((id, depth, name_en, name_local, level_en, level_local): Row) -> LocationView {
    LocationView { id, depth: depth as u8, name_en, name_local, level_en, level_local }
}

/// Every place with its parent, level by level and by English name within a level.
pub async fn all(pool: &SqlitePool) -> sqlx::Result<Vec<(LocationView, Option<i64>)>> {
    let sql = format!("SELECT {COLUMNS}, l.parent_id {FROM} ORDER BY l.depth, l.name_en, l.id");
    let rows: Vec<(i64, i64, String, String, String, String, Option<i64>)> =
        sqlx::query_as(&sql).fetch_all(pool).await?;
    Ok(rows
        .into_iter()
        .map(|(id, depth, name_en, name_local, level_en, level_local, parent)| {
            (view((id, depth, name_en, name_local, level_en, level_local)), parent)
        })
        .collect())
}

/// The places directly under `parent` (the top level when `None`), by English name.
pub async fn children(pool: &SqlitePool, parent: Option<i64>) -> sqlx::Result<Vec<LocationView>> {
    let sql = format!("SELECT {COLUMNS} {FROM} WHERE l.parent_id IS ?1 ORDER BY l.name_en, l.id");
    let rows: Vec<Row> = sqlx::query_as(&sql).bind(parent).fetch_all(pool).await?;
    Ok(rows.into_iter().map(view).collect())
}

/// `place` and its parents, broadest first; empty for an unknown place.
pub async fn path(pool: &SqlitePool, place: i64) -> sqlx::Result<Vec<LocationView>> {
    let sql = format!(
        "WITH RECURSIVE up (id) AS (SELECT ?1 UNION ALL \
           SELECT l.parent_id FROM locations l JOIN up ON l.id = up.id WHERE l.parent_id IS NOT NULL) \
         SELECT {COLUMNS} {FROM} JOIN up ON up.id = l.id ORDER BY l.depth"
    );
    let rows: Vec<Row> = sqlx::query_as(&sql).bind(place).fetch_all(pool).await?;
    Ok(rows.into_iter().map(view).collect())
}

/// Places whose English or local name has words starting with each word of `text`, best
/// match first (then broader places first), at most `limit`, each with its breadcrumb.
pub async fn search(pool: &SqlitePool, text: &str, limit: u32) -> sqlx::Result<Vec<LocationMatch>> {
    let Some(expression) = match_expression(text) else { return Ok(Vec::new()) };
    // The ancestors by joins (the schema allows six levels, so at most five above a place).
    let sql = format!(
        "SELECT {COLUMNS}, \
           json_array(a5.name_en, a4.name_en, a3.name_en, a2.name_en, a1.name_en), \
           json_array(a5.name_local, a4.name_local, a3.name_local, a2.name_local, a1.name_local) \
         {FROM} \
         LEFT JOIN locations a1 ON a1.id = l.parent_id LEFT JOIN locations a2 ON a2.id = a1.parent_id \
         LEFT JOIN locations a3 ON a3.id = a2.parent_id LEFT JOIN locations a4 ON a4.id = a3.parent_id \
         LEFT JOIN locations a5 ON a5.id = a4.parent_id \
         JOIN locations_search s ON s.rowid = l.id \
         WHERE locations_search MATCH ?1 ORDER BY s.rank, l.depth, l.name_en LIMIT ?2"
    );
    let rows: Vec<MatchRow> =
        sqlx::query_as(&sql).bind(expression).bind(limit).fetch_all(pool).await?;
    Ok(rows
        .into_iter()
        .map(|(id, depth, en, local, level_en, level_local, above_en, above_local)| {
            let crumb = |above: &str, own: &str| {
                let above: Vec<Option<String>> = serde_json::from_str(above).unwrap_or_default();
                breadcrumb(above.iter().flatten().map(String::as_str).chain([own]))
            };
            LocationMatch {
                breadcrumb_en: crumb(&above_en, &en),
                breadcrumb_local: crumb(&above_local, &local),
                place: view((id, depth, en, local, level_en, level_local)),
            }
        })
        .collect())
}

/// The deepest of `picked` (broadest first) that continues the chain from the top: the first a
/// top-level place, each next one a child of the one before. An unknown place, or one that is
/// not under the previous (a district left over after the division changed), ends the chain.
pub async fn deepest_in_chain(pool: &SqlitePool, picked: &[i64]) -> sqlx::Result<Option<i64>> {
    if picked.is_empty() {
        return Ok(None);
    }
    let ids = serde_json::to_string(picked).unwrap_or_else(|_| "[]".into());
    let rows: Vec<(i64, Option<i64>)> = sqlx::query_as(
        "SELECT l.id, l.parent_id FROM json_each(?1) j JOIN locations l ON l.id = j.value",
    )
    .bind(ids)
    .fetch_all(pool)
    .await?;
    let parent_of =
        |id: i64| rows.iter().find(|(place, _)| *place == id).map(|(_, parent)| *parent);
    let mut deepest = None;
    for &id in picked {
        match parent_of(id) {
            Some(parent) if parent == deepest => deepest = Some(id),
            _ => break,
        }
    }
    Ok(deepest)
}

/// The pickers' levels showing `selected` (any level): every level down to it, each with its
/// places and choice, plus the level under it to choose from next. One statement: the top
/// level and the children of every place on `selected`'s path, each flagged if on the path.
pub async fn picker(pool: &SqlitePool, selected: Option<i64>) -> sqlx::Result<Vec<PickerLevel>> {
    let sql = format!(
        "WITH RECURSIVE up (id, parent_id) AS ( \
           SELECT id, parent_id FROM locations WHERE id = ?1 UNION ALL \
           SELECT l.id, l.parent_id FROM locations l JOIN up ON l.id = up.parent_id) \
         SELECT {COLUMNS}, l.id IN (SELECT id FROM up) {FROM} \
         WHERE l.parent_id IS NULL OR l.parent_id IN (SELECT id FROM up) \
         ORDER BY l.depth, l.name_en, l.id"
    );
    let rows: Vec<(i64, i64, String, String, String, String, bool)> =
        sqlx::query_as(&sql).bind(selected).fetch_all(pool).await?;
    let mut levels: Vec<PickerLevel> = Vec::new();
    for (id, depth, name_en, name_local, level_en, level_local, on_path) in rows {
        let place = view((id, depth, name_en, name_local, level_en, level_local));
        let same_level = levels.last().and_then(|l| l.options.first()).map(|p| p.depth);
        if same_level != Some(place.depth) {
            if levels.len() == PICKER_LEVELS {
                break;
            }
            let label = place.level_en.clone();
            levels.push(PickerLevel { label, options: Vec::new(), chosen: None });
        }
        let Some(level) = levels.last_mut() else { continue };
        if on_path {
            level.chosen = Some(place.id);
        }
        level.options.push(place);
    }
    Ok(levels)
}
