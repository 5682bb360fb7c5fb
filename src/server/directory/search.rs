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
/// Counting and ordering read only the tables the search filters or sorts by (every sort has
/// an index that can drive the scan); the cards' columns are read for the page's ids alone.
/// A text search's matches are few enough to count in the statement that orders them (one
/// statement instead of two); other searches count apart, so their page can stop at its end.
pub async fn search(
    conn: &mut SqliteConnection,
    filter: &DirectoryFilter,
) -> sqlx::Result<DirectoryPage> {
    let (total, cards) = if filter.text.is_empty() {
        let total = count(conn, filter).await?;
        let ids = if total > filter.offset() { page_ids(conn, filter).await? } else { Vec::new() };
        (total, cards(conn, &ids).await?)
    } else {
        let (ids, total) = counted_page_ids(conn, filter).await?;
        let total = match total {
            Some(total) => total,
            None if filter.offset() > 0 => count(conn, filter).await?,
            None => 0,
        };
        (total, cards(conn, &ids).await?)
    };
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
    if !push_from_where(&mut query, filter, false) {
        return Ok(0);
    }
    let total: i64 = query.build_query_scalar().fetch_one(&mut *conn).await?;
    Ok(u32::try_from(total).unwrap_or(u32::MAX))
}

/// The ids on `filter`'s page, in order.
async fn page_ids(conn: &mut SqliteConnection, filter: &DirectoryFilter) -> sqlx::Result<Vec<i64>> {
    let mut query = QueryBuilder::new("SELECT d.user_id");
    if !push_from_where(&mut query, filter, true) {
        return Ok(Vec::new());
    }
    push_order(&mut query, filter);
    query.push(" LIMIT ").push_bind(PAGE_SIZE).push(" OFFSET ").push_bind(filter.offset());
    query.build_query_scalar().fetch_all(&mut *conn).await
}

/// The ids on `filter`'s page and the total over all pages, in one statement (`None`: the
/// page is empty, so the total is not known from it).
async fn counted_page_ids(
    conn: &mut SqliteConnection,
    filter: &DirectoryFilter,
) -> sqlx::Result<(Vec<i64>, Option<u32>)> {
    let mut query = QueryBuilder::new("SELECT d.user_id, count(*) OVER ()");
    if !push_from_where(&mut query, filter, true) {
        return Ok((Vec::new(), Some(0)));
    }
    push_order(&mut query, filter);
    query.push(" LIMIT ").push_bind(PAGE_SIZE).push(" OFFSET ").push_bind(filter.offset());
    let rows: Vec<(i64, i64)> = query.build_query_as().fetch_all(&mut *conn).await?;
    let total = rows.first().map(|(_, total)| u32::try_from(*total).unwrap_or(u32::MAX));
    Ok((rows.into_iter().map(|(id, _)| id).collect(), total))
}

/// The cards of doctors `ids`, in that order.
async fn cards(conn: &mut SqliteConnection, ids: &[i64]) -> sqlx::Result<Vec<DirectoryCard>> {
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    let mut rows: Vec<CardRow> = sqlx::query_as(
        "SELECT d.user_id AS id, u.full_name, s.name AS specialty, d.fee_minor, d.currency, \
         d.years_of_experience, l.name_en AS place, la.name_en AS place_above, \
         r.count AS rating_count, r.average AS rating_average, av.next_free_at, d.time_zone, \
         '/photos/' || p.hash || '/card.jpg' AS photo_url \
         FROM json_each(?1) j JOIN doctors d ON d.user_id = j.value \
         JOIN users u ON u.id = d.user_id JOIN specialties s ON s.id = d.specialty_id \
         JOIN doctor_ratings r ON r.doctor_id = d.user_id \
         JOIN doctor_availability av ON av.doctor_id = d.user_id \
         LEFT JOIN locations l ON l.id = d.practice_location_id \
         LEFT JOIN locations la ON la.id = l.parent_id \
         LEFT JOIN photos p ON p.id = d.photo_id",
    )
    .bind(serde_json::to_string(ids).unwrap_or_default())
    .fetch_all(&mut *conn)
    .await?;
    rows.sort_by_key(|row| ids.iter().position(|id| *id == row.id));
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

/// `FROM … WHERE …` for `filter`, joining only the tables its filters need (and, when
/// `sorting`, its sort); false when the text has nothing searchable in it (then nothing
/// matches, as a search for punctuation should).
fn push_from_where(
    query: &mut QueryBuilder<'_, Sqlite>,
    filter: &DirectoryFilter,
    sorting: bool,
) -> bool {
    let text = !filter.text.is_empty();
    let by_rating = sorting
        && match filter.sort {
            DirectorySort::Rating => true,
            DirectorySort::BestMatch => !text,
            _ => false,
        };
    query.push(" FROM doctors d");
    if filter.min_rating.is_some() || by_rating {
        query.push(" JOIN doctor_ratings r ON r.doctor_id = d.user_id");
    }
    if sorting && matches!(filter.sort, DirectorySort::Soonest) {
        query.push(" JOIN doctor_availability av ON av.doctor_id = d.user_id");
    }
    if text {
        let Some(expression) = match_expression(&filter.text) else { return false };
        query
            .push(" JOIN (SELECT rowid AS doctor_id, rank FROM doctor_search WHERE doctor_search MATCH ")
            .push_bind(expression)
            .push(") m ON m.doctor_id = d.user_id");
    }
    query.push(" WHERE d.listed = 1");
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
    // Each order ends with the doctor's id from the table whose index serves it (that index's
    // rowid order), so SQLite can walk the index and stop at the page's end.
    let order = match filter.sort {
        DirectorySort::BestMatch if !filter.text.is_empty() => "m.rank, d.user_id".to_owned(),
        // SQLite sorts NULL lowest: doctors with no reviews come last.
        DirectorySort::BestMatch | DirectorySort::Rating => {
            "r.average DESC, r.count DESC, r.doctor_id".to_owned()
        }
        DirectorySort::Soonest => "av.soonest, av.doctor_id".to_owned(),
        DirectorySort::FeeLowest => format!("{FEE_HUNDREDTHS}, d.user_id"),
        DirectorySort::Experience => "d.years_of_experience DESC, d.user_id".to_owned(),
    };
    query.push(format!(" ORDER BY {order}"));
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
