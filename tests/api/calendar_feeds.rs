//! Calendar feeds, invitations and downloads (issue 18, parts 1–2), read back by an independent
//! parser (Python's icalendar, `tests/support/ics_read.py`): one UID per appointment across the
//! feed, every invitation and the download; SEQUENCE growing with each change; cancelled visits
//! marked so; a replaced or stopped address answering 404 at once; patients' names in a
//! doctor's feed only when the doctor chose so.

use crate::helpers::*;
use crate::smtp_sink::python;
use serde_json::Value;
use std::io::Write;
use std::process::{Command, Stdio};

/// Friday noon UTC; dr_smith's Monday 10:00 and 11:00 New York visits.
const NOW: &str = "2026-11-20T12:00:00Z";
const MONDAY_10AM: &str = "2026-11-23T15:00:00Z";
const MONDAY_11AM: &str = "2026-11-23T16:00:00Z";
const ALICE: &str = "alice@medibook.local";
const SMITH: &str = "dr.smith@medibook.local";

/// Runs Python's icalendar over `text` (`tests/support/ics_read.py`).
fn run_parser(text: &str) -> std::process::Output {
    let script = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/support/ics_read.py");
    let mut child = Command::new(python())
        .arg(script)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("start the iCalendar parser");
    child.stdin.take().expect("stdin").write_all(text.as_bytes()).expect("write");
    child.wait_with_output().expect("parser output")
}

/// `text` as Python's icalendar reads it; panics with the parser's reason if it refuses it.
pub fn parse_ics(text: &str) -> Value {
    let out = run_parser(text);
    assert!(out.status.success(), "refused: {}\n{text}", String::from_utf8_lossy(&out.stderr));
    serde_json::from_slice(&out.stdout).expect("json")
}

/// The path of a feed address the server handed out.
fn feed_path(address: &Value) -> String {
    let url = address["url"].as_str().expect("url");
    let at = url.find("/calendar/").expect("feed path");
    url[at..].to_owned()
}

/// GETs `path` with no cookie, as a calendar app does: (status, content type, body).
async fn fetch(app: &TestApp, path: &str) -> (u16, String, String) {
    let response = app.client().get(format!("{}{path}", app.address)).send().await.expect("get");
    let status = response.status().as_u16();
    let kind = response
        .headers()
        .get("content-type")
        .map(|v| v.to_str().unwrap_or("").to_owned())
        .unwrap_or_default();
    (status, kind, response.text().await.expect("body"))
}

async fn feed(app: &TestApp, path: &str) -> Value {
    let (status, kind, body) = fetch(app, path).await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(kind, "text/calendar; charset=utf-8");
    parse_ics(&body)
}

#[tokio::test]
async fn a_patients_feed_and_invitations_follow_one_visit_from_booking_to_cancellation() {
    let (app, _clock) = spawn_seeded_app_at(NOW).await;
    let smith_id = app.user_id("dr_smith").await;
    let (alice, smith) = (app.signed_in("alice").await, app.signed_in("dr_smith").await);
    let address = call_ok(&app, &alice, "renew_calendar_feed", &[]).await;
    assert!(address["webcal"].as_str().expect("webcal").starts_with("webcal://"));
    let path = feed_path(&address);
    let empty = feed(&app, &path).await;
    assert_eq!(empty["version"], "2.0");
    assert_eq!(empty["method"], "PUBLISH");
    assert_eq!(empty["events"], serde_json::json!([]));

    let id = book(&app, &alice, smith_id, MONDAY_10AM, "Headaches").await;
    let mut seen = vec![feed(&app, &path).await];
    assert_eq!(change(&app, &smith, id, "accept", "").await.status(), 200);
    seen.push(feed(&app, &path).await);
    let moved = app
        .call(
            &alice,
            "reschedule_appointment",
            &[("appointment_id", &id.to_string()), ("start", MONDAY_11AM)],
        )
        .await;
    assert_eq!(moved.status(), 200);
    seen.push(feed(&app, &path).await);
    assert_eq!(change(&app, &alice, id, "cancel", "Travelling").await.status(), 200);
    seen.push(feed(&app, &path).await);

    let uid = format!("appointment-{id}@");
    let expected = [
        (0, "TENTATIVE", "2026-11-23T15:00:00+00:00"),
        (1, "CONFIRMED", "2026-11-23T15:00:00+00:00"),
        (2, "CONFIRMED", "2026-11-23T16:00:00+00:00"),
        (3, "CANCELLED", "2026-11-23T16:00:00+00:00"),
    ];
    for (calendar, (sequence, status, start)) in seen.iter().zip(expected) {
        let events = calendar["events"].as_array().expect("events");
        assert_eq!(events.len(), 1, "{calendar}");
        let event = &events[0];
        assert!(event["uid"].as_str().expect("uid").starts_with(&uid), "{event}");
        assert_eq!(event["uid"], seen[0]["events"][0]["uid"], "one UID for the visit's life");
        assert_eq!(
            (event["sequence"].as_i64(), event["status"].as_str()),
            (Some(sequence), Some(status))
        );
        assert_eq!(event["start"], start);
        assert_eq!(event["summary"], "Visit with Dr. John Smith (Cardiology)");
        assert!(!event.to_string().contains("Headaches"), "the reason stays out: {event}");
    }

    // Each of the patient's mails about it carried an invitation for the same event.
    app.run_jobs().await;
    let invitations: Vec<(String, String)> = sqlx::query_as(
        "SELECT subject, calendar_body FROM mail_outbox \
         WHERE to_address = ?1 AND calendar_body IS NOT NULL ORDER BY id",
    )
    .bind(ALICE)
    .fetch_all(&app.state.db)
    .await
    .expect("invitations");
    let read: Vec<(String, i64, String, String)> = invitations
        .iter()
        .map(|(_, body)| {
            let calendar = parse_ics(body);
            let event = &calendar["events"][0];
            assert_eq!(event["uid"], seen[0]["events"][0]["uid"]);
            assert!(event["organizer"].as_str().expect("organizer").starts_with("mailto:"));
            assert_eq!(event["attendees"], serde_json::json!([format!("mailto:{ALICE}")]));
            (
                calendar["method"].as_str().expect("method").to_owned(),
                event["sequence"].as_i64().expect("sequence"),
                event["status"].as_str().expect("status").to_owned(),
                event["start"].as_str().expect("start").to_owned(),
            )
        })
        .collect();
    let subjects: Vec<&str> = invitations.iter().map(|(s, _)| s.as_str()).collect();
    assert_eq!(
        read,
        [
            ("REQUEST".into(), 0, "TENTATIVE".into(), "2026-11-23T15:00:00+00:00".into()),
            ("REQUEST".into(), 1, "CONFIRMED".into(), "2026-11-23T15:00:00+00:00".into()),
            ("REQUEST".into(), 2, "CONFIRMED".into(), "2026-11-23T16:00:00+00:00".into()),
            ("CANCEL".into(), 3, "CANCELLED".into(), "2026-11-23T16:00:00+00:00".into()),
        ],
        "{subjects:?}"
    );
    let to_doctor: i64 = sqlx::query_scalar(
        "SELECT count(*) FROM mail_outbox WHERE to_address = ?1 AND calendar_body IS NOT NULL",
    )
    .bind(SMITH)
    .fetch_one(&app.state.db)
    .await
    .expect("count");
    assert_eq!(to_doctor, 0, "invitations are the patient's");
}

#[tokio::test]
async fn a_new_address_retires_the_old_one_at_once_and_only_patients_and_doctors_have_one() {
    let (app, _clock) = spawn_seeded_app_at(NOW).await;
    let alice = app.signed_in("alice").await;
    let first = feed_path(&call_ok(&app, &alice, "renew_calendar_feed", &[]).await);
    assert_eq!(fetch(&app, &first).await.0, 200);
    let second = feed_path(&call_ok(&app, &alice, "renew_calendar_feed", &[]).await);
    assert_ne!(first, second);
    assert_eq!(fetch(&app, &first).await.0, 404, "the replaced address");
    assert_eq!(fetch(&app, &second).await.0, 200);
    let state = call_ok(&app, &alice, "my_calendar_feed", &[]).await;
    assert!(state["active_since"].is_string() && state["can_name_patients"] == false, "{state}");
    call_ok(&app, &alice, "stop_calendar_feed", &[]).await;
    assert_eq!(fetch(&app, &second).await.0, 404, "the stopped address");
    let state = call_ok(&app, &alice, "my_calendar_feed", &[]).await;
    assert!(state["active_since"].is_null());
    // Guessing, mangling or a different case finds nothing, with the same answer.
    for path in
        ["/calendar/x.ics", "/calendar/.ics", &second.to_uppercase(), &second.replace(".ics", "")]
    {
        assert_eq!(fetch(&app, path).await.0, 404, "{path}");
    }
    // Admins have no calendar; the signed-out are asked to sign in.
    let admin = app.signed_in("admin").await;
    assert_eq!(app.call(&admin, "renew_calendar_feed", &[]).await.status(), 403);
    assert_eq!(app.call(&app.client(), "renew_calendar_feed", &[]).await.status(), 401);
    // A deactivated account's feed answers 404; the row goes when the account closes.
    let third = feed_path(&call_ok(&app, &alice, "renew_calendar_feed", &[]).await);
    let alice_id = app.user_id("alice").await;
    sqlx::query("UPDATE users SET is_active = 0 WHERE id = ?1")
        .bind(alice_id)
        .execute(&app.state.writer)
        .await
        .expect("deactivate");
    assert_eq!(fetch(&app, &third).await.0, 404);
}

#[tokio::test]
async fn a_doctors_feed_names_patients_only_when_the_doctor_chooses() {
    let (app, _clock) = spawn_seeded_app_at(NOW).await;
    let smith_id = app.user_id("dr_smith").await;
    let (alice, smith) = (app.signed_in("alice").await, app.signed_in("dr_smith").await);
    book(&app, &alice, smith_id, MONDAY_10AM, "Headaches").await;
    // Nothing to choose before there is a feed.
    assert_eq!(
        app.call(&smith, "save_feed_privacy", &[("patient_names", "on")]).await.status(),
        404
    );
    let path = feed_path(&call_ok(&app, &smith, "renew_calendar_feed", &[]).await);
    let summary = |calendar: &Value| calendar["events"][0]["summary"].as_str().map(str::to_owned);
    assert_eq!(summary(&feed(&app, &path).await).as_deref(), Some("Appointment"));
    call_ok(&app, &smith, "save_feed_privacy", &[("patient_names", "on")]).await;
    let named = feed(&app, &path).await;
    assert_eq!(summary(&named).as_deref(), Some("Appointment: Alice Martin"));
    assert!(!named.to_string().contains("Headaches"), "never the reason: {named}");
    // A new address keeps the choice; an unticked box turns it off.
    let path = feed_path(&call_ok(&app, &smith, "renew_calendar_feed", &[]).await);
    assert_eq!(summary(&feed(&app, &path).await).as_deref(), Some("Appointment: Alice Martin"));
    call_ok(&app, &smith, "save_feed_privacy", &[]).await;
    assert_eq!(summary(&feed(&app, &path).await).as_deref(), Some("Appointment"));
    // Patients cannot make the choice, and SQLite refuses it whatever code asks.
    call_ok(&app, &alice, "renew_calendar_feed", &[]).await;
    assert_eq!(
        app.call(&alice, "save_feed_privacy", &[("patient_names", "on")]).await.status(),
        403
    );
    let refused = sqlx::query("UPDATE calendar_feeds SET patient_names = 1 WHERE user_id = ?1")
        .bind(app.user_id("alice").await)
        .execute(&app.state.writer)
        .await
        .expect_err("refused");
    assert!(refused.to_string().contains("MB_FEED_NAMES_DOCTORS_ONLY"), "{refused}");
}

#[tokio::test]
async fn one_appointments_calendar_file_is_for_its_patient_and_doctor_only() {
    let (app, _clock) = spawn_seeded_app_at(NOW).await;
    let smith_id = app.user_id("dr_smith").await;
    let alice = app.signed_in("alice").await;
    let id = book(&app, &alice, smith_id, MONDAY_10AM, "Headaches").await;
    let path = format!("/appointments/{id}/calendar.ics");
    let get = |client: reqwest::Client| {
        let url = format!("{}{path}", app.address);
        async move {
            let response = client.get(url).send().await.expect("get");
            (response.status().as_u16(), response.text().await.expect("body"))
        }
    };
    let (status, body) = get(alice.clone()).await;
    assert_eq!(status, 200, "{body}");
    let calendar = parse_ics(&body);
    assert_eq!(calendar["events"][0]["summary"], "Visit with Dr. John Smith (Cardiology)");
    assert!(
        calendar["events"][0]["uid"]
            .as_str()
            .expect("uid")
            .starts_with(&format!("appointment-{id}@"))
    );
    let (status, body) = get(app.signed_in("dr_smith").await).await;
    assert_eq!(
        (status, parse_ics(&body)["events"][0]["summary"].clone()),
        (200, "Appointment: Alice Martin".into())
    );
    assert_eq!(get(app.signed_in("bob").await).await.0, 404, "another patient");
    assert_eq!(get(app.signed_in("dr_davis").await).await.0, 404, "another doctor");
    assert_eq!(get(app.signed_in("admin").await).await.0, 404);
    assert_eq!(get(app.client()).await.0, 401);
    // The appointment page offers it, with Google and Outlook links in UTC.
    let page =
        call_ok(&app, &alice, "appointment_page", &[("appointment_id", &id.to_string())]).await;
    let links = &page["add_to_calendar"];
    assert_eq!(links["download"], path);
    assert!(
        links["google"]
            .as_str()
            .expect("google")
            .contains("dates=20261123T150000Z/20261123T153000Z")
    );
    assert!(
        links["outlook"].as_str().expect("outlook").contains("startdt=2026-11-23T15%3A00%3A00Z")
    );
}

#[test]
fn the_independent_parser_refuses_what_is_not_icalendar() {
    let refused = |text: &str| !run_parser(text).status.success();
    assert!(refused("BEGIN:VCALENDAR\nVERSION:2.0\nEND:VCALENDAR\n"), "bare LF line ends");
    assert!(refused("not a calendar"));
}
