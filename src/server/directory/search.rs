//! The directory's search: full-text match, filters and sort in one SQL statement over the
//! kept aggregates (ratings) and cache (next free slot, free days), so a page never computes
//! availability.

use crate::domain::UserId;
use crate::domain::directory_filter::{DirectoryFilter, DirectorySort, PAGE_SIZE, page_count};
use crate::domain::location_search::match_expression;
use crate::domain::money::{Currency, Money};
use crate::domain::schedule::TimeZone;
use crate::dto::directory_page::{DirectoryCard, DirectoryPage, RatingSummary, WiderSearch};
use chrono::DateTime;
use sqlx::{QueryBuilder, Sqlite, SqliteConnection};

/// A doctor's fee in hundredths of a unit of their currency, so fees compare across currencies
/// with different minor units (yen has none).
const FEE_HUNDREDTHS: &str = "(d.fee_minor * CASE d.currency WHEN 'JPY' THEN 100 ELSE 1 END)";

#[derive(sqlx::FromRow)]
struct CardRow {
    id: i64,
    full_name: String,
    specialty: String,
    fee_minor: i64,
    currency: String,
    years_of_experience: i64,
    place: Option<String>,
    place_above: Option<String>,
    rating_count: i64,
    rating_average: Option<f64>,
    next_free_at: Option<i64>,
    time_zone: TimeZone,
    photo_url: Option<String>,
}

/// One page of `filter`'s answer, with the total and, when nothing matched, the widest way out.
pub async fn search(
    conn: &mut SqliteConnection,
    filter: &DirectoryFilter,
) -> sqlx::Result<DirectoryPage> {
    let total = count(conn, filter).await?;
    let cards = if total > filter.offset() { page(conn, filter).await? } else { Vec::new() };
    let wider = if total == 0 { wider(conn, filter).await? } else { None };
    Ok(DirectoryPage {
        filter: filter.clone(),
        cards,
        total,
        pages: page_count(total),
        wider,
        place_picker: Vec::new(),
    })
}

/// Doctors matching `filter`, over all pages.
pub async fn count(conn: &mut SqliteConnection, filter: &DirectoryFilter) -> sqlx::Result<u32> {
    let mut query = QueryBuilder::new("SELECT count(*)");
    if !push_from_where(&mut query, filter) {
        return Ok(0);
    }
    let total: i64 = query.build_query_scalar().fetch_one(&mut *conn).await?;
    Ok(u32::try_from(total).unwrap_or(u32::MAX))
}

/// The ids of every doctor matching `filter`, in its order (all pages; for tests and tools).
pub async fn ordered_ids(
    conn: &mut SqliteConnection,
    filter: &DirectoryFilter,
) -> sqlx::Result<Vec<i64>> {
    let mut query = QueryBuilder::new("SELECT d.user_id");
    if !push_from_where(&mut query, filter) {
        return Ok(Vec::new());
    }
    push_order(&mut query, filter);
    query.build_query_scalar().fetch_all(&mut *conn).await
}

async fn page(
    conn: &mut SqliteConnection,
    filter: &DirectoryFilter,
) -> sqlx::Result<Vec<DirectoryCard>> {
    let mut query = QueryBuilder::new(
        "SELECT d.user_id AS id, u.full_name, s.name AS specialty, d.fee_minor, d.currency, \
         d.years_of_experience, l.name_en AS place, la.name_en AS place_above, \
         r.count AS rating_count, r.average AS rating_average, av.next_free_at, d.time_zone, \
         (SELECT '/photos/' || p.hash || '/card.jpg' FROM photos p WHERE p.id = d.photo_id) AS photo_url",
    );
    if !push_from_where(&mut query, filter) {
        return Ok(Vec::new());
    }
    push_order(&mut query, filter);
    query.push(" LIMIT ").push_bind(PAGE_SIZE).push(" OFFSET ").push_bind(filter.offset());
    let rows: Vec<CardRow> = query.build_query_as().fetch_all(&mut *conn).await?;
    Ok(rows.into_iter().map(card).collect())
}

/// The filter whose removal finds the most doctors (the first such, in the page's order).
async fn wider(
    conn: &mut SqliteConnection,
    filter: &DirectoryFilter,
) -> sqlx::Result<Option<WiderSearch>> {
    let mut best: Option<WiderSearch> = None;
    for kind in filter.active() {
        let candidate = filter.without(kind);
        let total = count(conn, &candidate).await?;
        if total > 0 && best.as_ref().is_none_or(|b| total > b.total) {
            best = Some(WiderSearch { drop: kind, total, filter: candidate });
        }
    }
    Ok(best)
}

/// `FROM … WHERE …` for `filter`; false when the text has nothing searchable in it (then
/// nothing matches, as a search for punctuation should).
fn push_from_where(query: &mut QueryBuilder<'_, Sqlite>, filter: &DirectoryFilter) -> bool {
    query.push(
        " FROM doctors d JOIN users u ON u.id = d.user_id \
          JOIN specialties s ON s.id = d.specialty_id \
          JOIN doctor_ratings r ON r.doctor_id = d.user_id \
          JOIN doctor_availability av ON av.doctor_id = d.user_id \
          LEFT JOIN locations l ON l.id = d.practice_location_id \
          LEFT JOIN locations la ON la.id = l.parent_id",
    );
    if !filter.text.is_empty() {
        let Some(expression) = match_expression(&filter.text) else { return false };
        query
            .push(" JOIN (SELECT rowid AS doctor_id, rank FROM doctor_search WHERE doctor_search MATCH ")
            .push_bind(expression)
            .push(") m ON m.doctor_id = d.user_id");
    }
    query.push(" WHERE d.verified_at IS NOT NULL AND u.is_active = 1");
    if let Some(specialty) = filter.specialty {
        query.push(" AND d.specialty_id = ").push_bind(specialty);
    }
    if let Some(location) = filter.location {
        // The place itself and every place under it: their codes extend its code with '.'.
        query
            .push(" AND d.practice_location_id IN (SELECT id FROM locations WHERE id = ")
            .push_bind(location)
            .push(" UNION ALL SELECT c.id FROM locations c, locations p WHERE p.id = ")
            .push_bind(location)
            .push(" AND c.code > p.code || '.' AND c.code < p.code || '/')");
    }
    if let Some(low) = filter.fee_min {
        query.push(format!(" AND {FEE_HUNDREDTHS} >= ")).push_bind(i64::from(low) * 100);
    }
    if let Some(high) = filter.fee_max {
        query.push(format!(" AND {FEE_HUNDREDTHS} <= ")).push_bind(i64::from(high) * 100);
    }
    if let Some(years) = filter.min_experience {
        query.push(" AND d.years_of_experience >= ").push_bind(i64::from(years));
    }
    if let Some(stars) = filter.min_rating {
        query.push(" AND r.average >= ").push_bind(f64::from(stars));
    }
    if let Some(day) = filter.free_on {
        query
            .push(" AND EXISTS (SELECT 1 FROM doctor_free_days f WHERE f.doctor_id = d.user_id AND f.day = ")
            .push_bind(day.format("%Y-%m-%d").to_string())
            .push(")");
    }
    if let Some(language) = &filter.language {
        query
            .push(" AND EXISTS (SELECT 1 FROM doctor_languages g WHERE g.doctor_id = d.user_id AND g.language = ")
            .push_bind(language.clone())
            .push(")");
    }
    true
}

fn push_order(query: &mut QueryBuilder<'_, Sqlite>, filter: &DirectoryFilter) {
    const BY_RATING: &str = "r.average IS NULL, r.average DESC, r.count DESC";
    let order = match filter.sort {
        DirectorySort::BestMatch if !filter.text.is_empty() => "m.rank".to_owned(),
        DirectorySort::BestMatch | DirectorySort::Rating => BY_RATING.to_owned(),
        DirectorySort::Soonest => "av.next_free_at IS NULL, av.next_free_at".to_owned(),
        DirectorySort::FeeLowest => FEE_HUNDREDTHS.to_owned(),
        DirectorySort::Experience => "d.years_of_experience DESC".to_owned(),
    };
    query.push(format!(" ORDER BY {order}, d.user_id"));
}

fn card(row: CardRow) -> DirectoryCard {
    let currency = Currency::parse(&row.currency).unwrap_or(Currency::USD);
    let place = match (row.place, row.place_above) {
        (Some(place), Some(above)) => Some(format!("{place}, {above}")),
        (place, _) => place,
    };
    let average_tenths = row.rating_average.map_or(0, |a| (a * 10.0).round() as u16);
    DirectoryCard {
        id: UserId(row.id),
        full_name: row.full_name,
        specialty: row.specialty,
        fee: Money { minor: row.fee_minor, currency },
        years_of_experience: row.years_of_experience.clamp(0, 70) as u8,
        place,
        rating: RatingSummary {
            count: u32::try_from(row.rating_count).unwrap_or(0),
            average_tenths,
        },
        next_free_day: row
            .next_free_at
            .and_then(|at| DateTime::from_timestamp(at, 0))
            .map(|at| row.time_zone.local(at).date()),
        photo_url: row.photo_url,
    }
}
