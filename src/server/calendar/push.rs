//! Write-back: confirmed appointments put in the doctor's chosen CalDAV calendar, moved with
//! them, deleted when they stop taking place. Triggers queue one `calendar_pushes` row per
//! change (`appointment_events_push_to_calendar`); this worker sends them in order per
//! appointment, with retries and backoff. PUT and DELETE of one URL are idempotent, so a push
//! cut short by a crash is sent again at start-up and the calendar ends the same: one event per
//! appointment, as of its last change.

use super::fetch::{self, Limits, Request};
use super::ics::{self, VisitEvent, uid};
use super::{secret_box, site_host, sources, visits};
use crate::domain::{AppointmentId, Role, UserId};
use crate::server::state::AppState;
use chrono::Duration;

/// Attempts before a push is given up (shown as failed).
const MAX_ATTEMPTS: i64 = 8;

/// A push claimed for sending.
#[derive(Debug, sqlx::FromRow)]
struct Claimed {
    id: i64,
    calendar_id: i64,
    appointment_id: i64,
    action: String,
    attempts: i64,
}

/// Pushes cut short by a stop are sent again (same URL, same end state).
pub async fn recover(state: &AppState) -> Result<u64, sqlx::Error> {
    let done = sqlx::query("UPDATE calendar_pushes SET status = 'queued' WHERE status = 'sending'")
        .execute(&state.writer)
        .await?;
    Ok(done.rows_affected())
}

/// Sends every due push, oldest first; answers how many were handled.
pub async fn run_due(state: &AppState) -> Result<usize, sqlx::Error> {
    let mut handled = 0;
    while let Some(push) = claim(state).await? {
        let outcome = send(state, &push).await;
        finish(state, &push, outcome).await?;
        handled += 1;
    }
    Ok(handled)
}

/// The oldest due push whose appointment has no earlier one still waiting.
async fn claim(state: &AppState) -> Result<Option<Claimed>, sqlx::Error> {
    sqlx::query_as(
        "UPDATE calendar_pushes SET status = 'sending', attempts = attempts + 1 \
         WHERE id = (SELECT p.id FROM calendar_pushes p WHERE p.status = 'queued' AND p.run_at <= ?1 \
                     AND NOT EXISTS (SELECT 1 FROM calendar_pushes q WHERE q.calendar_id = p.calendar_id \
                                     AND q.appointment_id = p.appointment_id AND q.id < p.id \
                                     AND q.status IN ('queued', 'sending')) \
                     ORDER BY p.id LIMIT 1) \
         RETURNING id, calendar_id, appointment_id, action, attempts",
    )
    .bind(state.clock.now().timestamp())
    .fetch_optional(&state.writer)
    .await
}

async fn finish(
    state: &AppState,
    push: &Claimed,
    outcome: Result<(), String>,
) -> Result<(), sqlx::Error> {
    let now = state.clock.now();
    match outcome {
        Ok(()) => {
            sqlx::query("UPDATE calendar_pushes SET status = 'done', finished_at = ?2, last_error = NULL WHERE id = ?1")
                .bind(push.id)
                .bind(now.timestamp())
                .execute(&state.writer)
                .await?;
        }
        Err(reason) => {
            let give_up = push.attempts >= MAX_ATTEMPTS;
            let wait =
                Duration::seconds((30 * 2_i64.pow(push.attempts.clamp(0, 7) as u32)).min(3600));
            tracing::warn!(push = push.id, %reason, give_up, "a calendar write-back failed");
            sqlx::query(
                "UPDATE calendar_pushes SET status = ?2, run_at = ?3, last_error = ?4, \
                 finished_at = CASE WHEN ?2 = 'failed' THEN ?5 END WHERE id = ?1",
            )
            .bind(push.id)
            .bind(if give_up { "failed" } else { "queued" })
            .bind((now + wait).timestamp())
            .bind(reason.chars().take(500).collect::<String>())
            .bind(now.timestamp())
            .execute(&state.writer)
            .await?;
        }
    }
    Ok(())
}

async fn send(state: &AppState, push: &Claimed) -> Result<(), String> {
    let source = sources::find(&state.db, push.calendar_id)
        .await
        .map_err(|e| e.to_string())?
        .ok_or("the calendar was removed")?;
    let key = state.config.calendar.secret_key.as_ref().ok_or("no calendar key")?;
    let password = source
        .sealed_password
        .as_deref()
        .and_then(|sealed| secret_box::open(key, source.doctor_id, sealed))
        .ok_or("the stored password cannot be opened")?;
    let user = source.username.clone().unwrap_or_default();
    let host = site_host(&state.config.mail.site_url);
    let base =
        if source.url.ends_with('/') { source.url.clone() } else { format!("{}/", source.url) };
    let target = format!("{base}{}.ics", uid(push.appointment_id, &host));
    let (method, body, headers) = if push.action == "put" {
        let event = current(state, push.appointment_id, source.doctor_id).await?;
        let body = ics::object(&event, &host);
        (
            reqwest::Method::PUT,
            Some(body),
            vec![("content-type", "text/calendar; charset=utf-8".to_owned())],
        )
    } else {
        (reqwest::Method::DELETE, None, Vec::new())
    };
    let config = &state.config.calendar;
    let limits = Limits {
        timeout: config.fetch_timeout,
        max_bytes: config.max_bytes,
        allow_private: config.allow_private_addresses,
    };
    let request =
        Request { method, url: &target, headers, body, credentials: Some((&user, &password)) };
    let answer = fetch::send(&request, limits).await.map_err(|e| format!("{e:?}"))?;
    match answer.status {
        200..=299 => Ok(()),
        // Already gone: what a delete wants.
        404 | 410 if push.action == "delete" => Ok(()),
        status => Err(format!("the calendar server answered {status}")),
    }
}

/// The appointment as it is now, in the doctor's words ("Appointment" and its page).
async fn current(state: &AppState, appointment: i64, doctor: i64) -> Result<VisitEvent, String> {
    let site = &state.config.mail.site_url;
    let mut event = visits::of_appointment(
        &state.db,
        AppointmentId(appointment),
        (UserId(doctor), Role::Doctor),
        site,
    )
    .await
    .map_err(|e| e.to_string())?
    .ok_or("the appointment is not the doctor's")?;
    event.summary = "Appointment".to_owned();
    Ok(event)
}
