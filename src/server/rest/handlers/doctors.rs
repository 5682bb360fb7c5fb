//! `/api/v1/doctors`: the directory search, a doctor's profile, and their free times.

use crate::domain::field_error::{Field, FieldErrorCode};
use crate::domain::{FieldError, UserId, query_string};
use crate::error::AppError;
use crate::server::rest::etag::polled_json;
use crate::server::rest::extract::{PathOf, QueryOf};
use crate::server::rest::pagination;
use crate::server::rest::problem::{ProblemBody, RestResult};
use crate::server::rest::views::{
    DayCount, DaySlotsAnswer, DoctorDetail, DoctorSearchPage, DoctorSummary, MonthAnswer, SlotView,
};
use crate::server::services::{availability, directory};
use crate::server::state::AppState;
use axum::extract::{RawQuery, State};
use axum::http::HeaderMap;
use axum::response::Response;
use serde::Deserialize;
use utoipa::IntoParams;

/// The directory's filters: the same query string as the `/doctors` page (shareable between
/// the two), read by the same parser.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
#[allow(dead_code)] // Describes the query for the document; the service reads the raw string.
pub struct DoctorSearchParams {
    /// Words matched against name, specialty, bio and place (prefixes; accents ignored).
    #[param(max_length = 100, pattern = "^[^\\u0000-\\u001f\\u007f-\\u009f]*$")]
    q: Option<String>,
    /// A specialty id (`GET /api/v1/specialties`).
    #[param(minimum = 0)]
    specialty: Option<i64>,
    /// A place at any level (division, district, upazila): doctors in it or below it.
    #[param(minimum = 0)]
    location: Option<i64>,
    /// Lowest fee, in whole currency units.
    #[param(minimum = 0, maximum = 100000)]
    fee_min: Option<u32>,
    /// Highest fee, in whole currency units (not below `fee_min`).
    #[param(minimum = 0, maximum = 100000)]
    fee_max: Option<u32>,
    /// Minimum years of experience.
    #[param(minimum = 0, maximum = 70)]
    experience: Option<u8>,
    /// Minimum average stars.
    #[param(minimum = 1, maximum = 5)]
    rating: Option<u8>,
    /// Only doctors with a free slot on this local date.
    #[param(pattern = "^(19|20|21)[0-9]{2}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$")]
    free_on: Option<String>,
    /// ISO 639-1 code of a language the doctor consults in.
    #[param(pattern = "^[a-z]{2}$")]
    language: Option<String>,
    /// `best` (default), `soonest`, `fee`, `rating` or `experience`.
    #[param(pattern = "^(best|soonest|fee|rating|experience)$")]
    sort: Option<String>,
    /// 1-based page of 20.
    #[param(minimum = 1, maximum = 10000)]
    page: Option<u32>,
}

/// The search's parameters that must not be blank when sent (the web form sends blanks for
/// "any"; the API's document says a parameter is either absent or a value).
const FILTERS: [Field; 10] = [
    Field::Specialty,
    Field::Location,
    Field::FeeMin,
    Field::FeeMax,
    Field::MinExperience,
    Field::MinRating,
    Field::FreeOn,
    Field::Language,
    Field::Sort,
    Field::Page,
];

/// Refuses parameters that were sent empty, each at its field.
fn refuse_blank(given: &[(Field, Option<&str>)]) -> Result<(), AppError> {
    let blank: Vec<FieldError> = given
        .iter()
        .filter(|(_, value)| value.is_some_and(|v| v.trim().is_empty()))
        .map(|(field, _)| FieldError::new(*field, FieldErrorCode::InvalidFormat))
        .collect();
    if blank.is_empty() { Ok(()) } else { Err(AppError::Invalid(blank)) }
}

/// Searches listed doctors: 20 a page, with `Link` headers to the other pages.
#[utoipa::path(get, path = "/api/v1/doctors", tag = "doctors", params(DoctorSearchParams),
    responses(
        (status = 200, description = "One page of doctors", body = DoctorSearchPage,
            headers(("Link" = String, description = "first, prev, next, last (RFC 8288)"),
                    ("ETag" = String, description = "Send as If-None-Match to get 304 while unchanged"))),
        (status = 304, description = "Unchanged since the ETag sent"),
        (status = 400, description = "`invalid_input` with the refused parameters, or `bad_request`", body = ProblemBody, content_type = "application/problem+json"),
    ))]
pub async fn search(
    State(state): State<AppState>,
    RawQuery(query): RawQuery,
    headers: HeaderMap,
) -> RestResult<Response> {
    let query = query.unwrap_or_default();
    let pairs = query_string::decode(&query);
    let given: Vec<(Field, Option<&str>)> = FILTERS
        .iter()
        .map(|field| {
            let value = pairs.iter().find(|(k, _)| k == field.as_str()).map(|(_, v)| v.as_str());
            (*field, value)
        })
        .collect();
    refuse_blank(&given)?;
    let found = directory::search(&state, &query).await?;
    let page = found.filter.page.max(1);
    let answer = DoctorSearchPage {
        doctors: found
            .cards
            .into_iter()
            .map(|c| DoctorSummary {
                id: c.id.0,
                full_name: c.full_name,
                specialty: c.specialty,
                fee: c.fee.into(),
                years_of_experience: c.years_of_experience,
                place: c.place,
                rating: c.rating.into(),
                next_free_day: c.next_free_day,
                photo_url: c.photo_url,
            })
            .collect(),
        total: found.total,
        page,
        pages: found.pages,
    };
    let mut response = polled_json(&headers, &answer);
    pagination::link_pages(&mut response, "/api/v1/doctors", &query, page, found.pages);
    Ok(response)
}

/// A listed doctor's public profile; unlisted (unverified, deactivated) doctors are not found.
#[utoipa::path(get, path = "/api/v1/doctors/{id}", tag = "doctors",
    params(("id" = i64, Path, description = "The doctor's id")),
    responses(
        (status = 200, description = "The doctor", body = DoctorDetail),
        (status = 304, description = "Unchanged since the ETag sent"),
        (status = 404, description = "`not_found`", body = ProblemBody, content_type = "application/problem+json"),
    ))]
pub async fn detail(
    State(state): State<AppState>,
    PathOf(id): PathOf<i64>,
    headers: HeaderMap,
) -> RestResult<Response> {
    let p = availability::listed_doctor(&state, UserId(id)).await?.profile;
    let detail = DoctorDetail {
        id: p.id.0,
        full_name: p.full_name,
        specialty: p.specialty,
        bio: p.bio,
        years_of_experience: p.years_of_experience,
        fee: p.fee.into(),
        location: p.location,
        place: p.place,
        time_zone: p.time_zone.name().to_owned(),
        slot_minutes: p.slot_minutes,
        languages: p.languages,
        rating: p.rating.into(),
        photo_url: p.photo_url,
    };
    Ok(polled_json(&headers, &detail))
}

/// A day in a zone.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct DayParams {
    /// The local date, `YYYY-MM-DD`.
    #[param(pattern = "^(19|20|21)[0-9]{2}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$")]
    date: String,
    /// The IANA zone `date` is read in (the viewer's).
    time_zone: String,
}

/// The free slots starting on a local day.
#[utoipa::path(get, path = "/api/v1/doctors/{id}/slots", tag = "availability",
    params(("id" = i64, Path, description = "The doctor's id"), DayParams),
    responses(
        (status = 200, description = "Free slots, earliest first", body = DaySlotsAnswer),
        (status = 304, description = "Unchanged since the ETag sent"),
        (status = 400, description = "`invalid_input` (`date`, `time_zone`) or `bad_request`", body = ProblemBody, content_type = "application/problem+json"),
        (status = 404, description = "`not_found`", body = ProblemBody, content_type = "application/problem+json"),
    ))]
pub async fn day_slots(
    State(state): State<AppState>,
    PathOf(id): PathOf<i64>,
    QueryOf(day): QueryOf<DayParams>,
    headers: HeaderMap,
) -> RestResult<Response> {
    let view = availability::day_slots(&state, UserId(id), &day.date, &day.time_zone).await?;
    let answer = DaySlotsAnswer {
        date: view.date,
        time_zone: view.time_zone.name().to_owned(),
        doctor_time_zone: view.doctor_time_zone.name().to_owned(),
        slots: view.slots.into_iter().map(|s| SlotView { start: s.start, end: s.end }).collect(),
    };
    Ok(polled_json(&headers, &answer))
}

/// A month in a zone.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct MonthParams {
    /// `YYYY-MM`; default: this month.
    #[param(pattern = "^(20[0-9]{2}|2100)-(0[1-9]|1[0-2])$")]
    month: Option<String>,
    /// The IANA zone days are counted in; default: the doctor's.
    time_zone: Option<String>,
}

/// Free-slot counts for every day of a month.
#[utoipa::path(get, path = "/api/v1/doctors/{id}/availability", tag = "availability",
    params(("id" = i64, Path, description = "The doctor's id"), MonthParams),
    responses(
        (status = 200, description = "Each day's free slots", body = MonthAnswer),
        (status = 304, description = "Unchanged since the ETag sent"),
        (status = 400, description = "`invalid_input` (`month`, `time_zone`) or `bad_request`", body = ProblemBody, content_type = "application/problem+json"),
        (status = 404, description = "`not_found`", body = ProblemBody, content_type = "application/problem+json"),
    ))]
pub async fn month(
    State(state): State<AppState>,
    PathOf(id): PathOf<i64>,
    QueryOf(params): QueryOf<MonthParams>,
    headers: HeaderMap,
) -> RestResult<Response> {
    refuse_blank(&[
        (Field::Month, params.month.as_deref()),
        (Field::TimeZone, params.time_zone.as_deref()),
    ])?;
    let view = availability::month_overview(
        &state,
        UserId(id),
        params.month.as_deref(),
        params.time_zone.as_deref(),
    )
    .await?;
    let answer = MonthAnswer {
        month: view.month,
        time_zone: view.time_zone.name().to_owned(),
        today: view.today,
        days: view
            .days
            .into_iter()
            .map(|d| DayCount { date: d.date, free_slots: d.free_slots })
            .collect(),
    };
    Ok(polled_json(&headers, &answer))
}
