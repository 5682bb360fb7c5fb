//! Syncs one connected calendar: an ICS address (`If-None-Match` with the last ETag: 304 costs
//! one request) or a CalDAV collection (`sync-collection` from the last sync-token, then a
//! multiget of what changed). A failure is recorded with its reason and keeps the busy times of
//! the last good sync; nothing is freed because a server was down.

use super::busy::{self, Interval};
use super::caldav::{self, Multistatus};
use super::fetch::{self, Answer, FetchError, Limits, Request};
use super::sources::{self, Changes, Source};
use super::{ics, secret_box, site_host};
use crate::server::state::AppState;
use chrono::{DateTime, Duration, Utc};
use chrono_tz::Tz;

/// How far ahead busy times are read (beyond any doctor's booking horizon).
const AHEAD: Duration = Duration::days(400);
/// An unchanged calendar is read whole again after this long, so recurring events keep being
/// expanded as far ahead as the booking horizon reaches.
const REEXPAND_AFTER: Duration = Duration::days(7);
/// Objects fetched per multiget.
const MULTIGET_BATCH: usize = 100;

/// A failed sync: a stable code the schedule page words, and the detail.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SyncError {
    pub code: &'static str,
    pub detail: String,
}

fn error(code: &'static str, detail: impl Into<String>) -> SyncError {
    SyncError { code, detail: detail.into() }
}

impl From<FetchError> for SyncError {
    fn from(failure: FetchError) -> SyncError {
        match failure {
            FetchError::Refused(refused) => error("refused_address", refused.sentence()),
            FetchError::Timeout => error("timeout", "the calendar server did not answer in time"),
            FetchError::Unreachable(why) => error("unreachable", why),
            FetchError::TooLarge => error("too_large", "the calendar is larger than the size cap"),
            FetchError::Redirect(why) => error("redirect", why),
        }
    }
}

/// The error for an HTTP status that is not the one expected.
fn status_error(status: u16) -> SyncError {
    match status {
        401 | 403 => {
            error("unauthorized", format!("the server refused the credentials ({status})"))
        }
        404 | 410 => error("not_found", format!("no calendar at this address ({status})")),
        _ => error("server_error", format!("the server answered {status}")),
    }
}

/// Syncs calendar `id` now; records the outcome either way. `Ok(false)`: no such calendar.
pub async fn sync_now(state: &AppState, id: i64) -> Result<bool, sqlx::Error> {
    let Some(source) = sources::find(&state.db, id).await? else { return Ok(false) };
    let now = state.clock.now();
    let next = now + Duration::minutes(state.config.calendar.sync_minutes);
    let failure = match fetch_changes(state, &source, now).await {
        Ok(changes) => {
            let ids = (source.id, source.doctor_id);
            match sources::store_success(&state.writer, ids, &changes, now, next).await {
                Ok(()) => None,
                // An answer SQLite refuses to store (e.g. an empty object name) is the calendar
                // server's fault; anything else is ours. Either way recorded, and the next try
                // waits its turn.
                Err(refused @ sqlx::Error::Database(_)) => Some(error(
                    "malformed",
                    format!("the calendar's answer could not be stored: {refused}"),
                )),
                Err(other) => {
                    Some(error("server_error", format!("storing the sync failed: {other}")))
                }
            }
        }
        Err(failure) => Some(failure),
    };
    if let Some(failure) = failure {
        sources::store_failure(&state.writer, id, (failure.code, &failure.detail), now, next)
            .await?;
    }
    Ok(true)
}

fn limits(state: &AppState) -> Limits {
    let config = &state.config.calendar;
    Limits {
        timeout: config.fetch_timeout,
        max_bytes: config.max_bytes,
        allow_private: config.allow_private_addresses,
    }
}

fn read(
    state: &AppState,
    text: &[u8],
    zone: Tz,
    now: DateTime<Utc>,
) -> Result<Vec<Interval>, SyncError> {
    let text = std::str::from_utf8(text)
        .map_err(|_| error("malformed", "the calendar is not UTF-8 text"))?;
    let host = site_host(&state.config.mail.site_url);
    let ours = |uid: &str| ics::is_ours(uid, &host);
    busy::busy_intervals(text, zone, (now - Duration::days(1), now + AHEAD), &ours)
        .map_err(|busy::Malformed(why)| error("malformed", format!("not a valid calendar: {why}")))
}

async fn fetch_changes(
    state: &AppState,
    source: &Source,
    now: DateTime<Utc>,
) -> Result<Changes, SyncError> {
    let zone: Tz = source.time_zone.parse().unwrap_or(Tz::UTC);
    // Read whole again (no ETag, no sync-token) once the last whole read is a week old.
    let stale =
        source.expanded_at.is_none_or(|at| now.timestamp() - at > REEXPAND_AFTER.num_seconds());
    let whole;
    let source = if stale {
        whole = Source { etag: None, sync_token: None, ..source.clone() };
        &whole
    } else {
        source
    };
    if source.kind == "ics" {
        return ics(state, source, zone, now).await;
    }
    let key = state.config.calendar.secret_key.as_ref().ok_or_else(|| {
        error(
            "unauthorized",
            "the server has no calendar key (calendar.secret_key) to open the password",
        )
    })?;
    let password = source
        .sealed_password
        .as_deref()
        .and_then(|sealed| secret_box::open(key, source.doctor_id, sealed))
        .ok_or_else(|| {
            error("unauthorized", "the stored password cannot be opened with this server's key")
        })?;
    let user = source.username.clone().unwrap_or_default();
    caldav(state, source, (&user, &password), zone, now).await
}

async fn ics(
    state: &AppState,
    source: &Source,
    zone: Tz,
    now: DateTime<Utc>,
) -> Result<Changes, SyncError> {
    let mut headers = vec![("accept", "text/calendar, */*;q=0.5".to_owned())];
    if let Some(etag) = &source.etag {
        headers.push(("if-none-match", etag.clone()));
    }
    let request = Request {
        method: reqwest::Method::GET,
        url: &source.url,
        headers,
        body: None,
        credentials: None,
    };
    let answer = fetch::send(&request, limits(state)).await?;
    match answer.status {
        304 => Ok(Changes { etag: source.etag.clone(), ..Changes::default() }),
        200 => {
            let intervals = read(state, &answer.body, zone, now)?;
            Ok(Changes {
                changed: vec![(source.url.clone(), answer.etag.clone(), intervals)],
                complete: true,
                etag: answer.etag,
                ..Changes::default()
            })
        }
        status => Err(status_error(status)),
    }
}

async fn report(
    state: &AppState,
    auth: (&str, &str),
    url: &str,
    depth: &str,
    body: String,
) -> Result<Answer, SyncError> {
    let headers = vec![
        ("depth", depth.to_owned()),
        ("content-type", "application/xml; charset=utf-8".to_owned()),
    ];
    let method =
        reqwest::Method::from_bytes(b"REPORT").map_err(|e| error("server_error", e.to_string()))?;
    Ok(fetch::send(
        &Request { method, url, headers, body: Some(body), credentials: Some(auth) },
        limits(state),
    )
    .await?)
}

fn multistatus(answer: &Answer) -> Result<Multistatus, SyncError> {
    if answer.status != 207 {
        return Err(status_error(answer.status));
    }
    let text = String::from_utf8_lossy(&answer.body);
    caldav::parse_multistatus(&text).map_err(|why| error("malformed", why))
}

async fn caldav(
    state: &AppState,
    source: &Source,
    auth: (&str, &str),
    zone: Tz,
    now: DateTime<Utc>,
) -> Result<Changes, SyncError> {
    let mut answer = report(
        state,
        auth,
        &source.url,
        "0",
        caldav::sync_collection(source.sync_token.as_deref()),
    )
    .await?;
    let mut complete = source.sync_token.is_none();
    // A token the server no longer knows: start again from a full listing.
    if source.sync_token.is_some() && matches!(answer.status, 403 | 409 | 412) {
        answer = report(state, auth, &source.url, "0", caldav::sync_collection(None)).await?;
        complete = true;
    }
    let listing = multistatus(&answer)?;
    let (present, gone): (Vec<_>, Vec<_>) =
        listing.members.into_iter().partition(|m| m.etag.is_some());
    let mut changed = Vec::new();
    for batch in present.chunks(MULTIGET_BATCH) {
        let hrefs: Vec<String> = batch.iter().map(|m| m.href.clone()).collect();
        let objects =
            multistatus(&report(state, auth, &source.url, "1", caldav::multiget(&hrefs)).await?)?;
        for object in objects.members {
            let Some(text) = object.calendar_data else { continue };
            let intervals = read(state, text.as_bytes(), zone, now)
                .map_err(|e| error(e.code, format!("{} ({})", e.detail, object.href)))?;
            changed.push((object.href, object.etag, intervals));
        }
    }
    if complete {
        // Everything listed is kept; members the listing found but the multiget did not are
        // not calendar objects (e.g. the collection itself).
        return Ok(Changes {
            changed,
            complete: true,
            sync_token: listing.sync_token,
            ..Changes::default()
        });
    }
    Ok(Changes {
        changed,
        gone: gone.into_iter().map(|m| m.href).collect(),
        complete: false,
        sync_token: listing.sync_token,
        etag: None,
    })
}
