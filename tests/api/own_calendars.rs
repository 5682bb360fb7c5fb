//! A doctor's own calendars keep patients off their busy hours (issue 18, parts 3 and 5),
//! against real servers on loopback: a plain HTTP server with ETags and Radicale (CalDAV).

use crate::calendar_servers::{CALDAV_PASSWORD, CALDAV_USER, IcsServer, Radicale};
use crate::helpers::*;
use medibook::domain::booking::SlotRefusal;
use medibook::domain::{Field, FieldErrorCode};
use medibook::error::AppError;
use serde_json::Value;

/// Friday noon UTC; dr_smith (New York) works Mondays, Tuesdays, Wednesdays and Fridays.
const NOW: &str = "2026-11-20T12:00:00Z";
const MONDAY: &str = "2026-11-23";
const MONDAY_10AM: &str = "2026-11-23T15:00:00Z";
const TUESDAY: &str = "2026-11-24";
const WEDNESDAY: &str = "2026-11-25";

fn calendar(events: &str) -> String {
    format!("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Test//EN\r\n{events}END:VCALENDAR\r\n")
}

fn event(uid: &str, lines: &str) -> String {
    format!("BEGIN:VEVENT\r\nUID:{uid}\r\nDTSTAMP:20261101T000000Z\r\n{lines}END:VEVENT\r\n")
}

/// Monday 23 November 10:00-11:00 New York (15:00-16:00 UTC).
fn conference() -> String {
    event(
        "conference",
        "DTSTART;TZID=America/New_York:20261123T100000\r\nDTEND;TZID=America/New_York:20261123T110000\r\nSUMMARY:Conference\r\n",
    )
}

async fn connect(
    app: &TestApp,
    doctor: &reqwest::Client,
    form: &[(&str, &str)],
) -> reqwest::Response {
    app.call(doctor, "connect_calendar", form).await
}

/// Connects a calendar that the server accepts; its state.
async fn connected(app: &TestApp, doctor: &reqwest::Client, form: &[(&str, &str)]) -> Value {
    let answer = connect(app, doctor, form).await;
    assert_eq!(answer.status(), 200);
    answer.json().await.expect("json")
}

/// Connects `radicale`'s calendar with the right credentials; its state.
async fn connect_radicale(app: &TestApp, doctor: &reqwest::Client, radicale: &Radicale) -> Value {
    let url = radicale.calendar_url();
    let form = [
        ("kind", "caldav"),
        ("calendar_url", url.as_str()),
        ("calendar_username", CALDAV_USER),
        ("calendar_password", CALDAV_PASSWORD),
    ];
    connected(app, doctor, &form).await
}

async fn calendars(app: &TestApp, doctor: &reqwest::Client) -> Vec<Value> {
    let list = call_ok(app, doctor, "my_calendars", &[]).await;
    list.as_array().expect("list").clone()
}

#[tokio::test]
async fn an_ics_address_keeps_patients_off_its_busy_hours_and_an_unchanged_one_costs_a_304() {
    let (app, _clock) = spawn_seeded_app_at(NOW).await;
    let smith_id = app.user_id("dr_smith").await;
    let smith = app.signed_in("dr_smith").await;
    let server = IcsServer::start();
    server.put("busy.ics", &calendar(&conference()));
    let before = free_starts(&app, smith_id, MONDAY).await;
    assert!(before.contains(&"2026-11-23T15:00:00Z".to_owned()), "{before:?}");

    let url = server.url("busy.ics");
    let connected = connect(
        &app,
        &smith,
        &[("kind", "ics"), ("calendar_url", &url), ("calendar_label", "Family")],
    )
    .await;
    assert_eq!(connected.status(), 200);
    let view: Value = connected.json().await.expect("json");
    assert_eq!(
        (view["label"].as_str(), view["error_code"].as_str()),
        (Some("Family"), None),
        "{view}"
    );
    assert_eq!(view["busy_ahead"], 1);
    assert!(!view["address"].as_str().expect("address").contains("busy.ics"), "masked: {view}");
    let after = free_starts(&app, smith_id, MONDAY).await;
    for gone in ["2026-11-23T15:00:00Z", "2026-11-23T15:30:00Z"] {
        assert!(!after.contains(&gone.to_owned()), "{gone} still offered: {after:?}");
    }
    assert_eq!(after.len(), before.len() - 2, "exactly the conference's two slots");
    // A patient who saw the slot a moment ago is refused at the hold by SQLite itself.
    let alice = app.signed_in("alice").await;
    let held = app
        .call(
            &alice,
            "hold_slot",
            &[("doctor_id", &smith_id.to_string()), ("start", "2026-11-23T15:00:00Z")],
        )
        .await;
    assert_eq!(error_of(held).await, AppError::SlotRefused(SlotRefusal::Taken));

    // Unchanged: one request answered 304. Changed: the conference moves to 13:00.
    let id = view["id"].to_string();
    call_ok(&app, &smith, "sync_calendar", &[("calendar_id", &id)]).await;
    assert_eq!(server.log().await, ["200 /busy.ics", "304 /busy.ics"]);
    server.put(
        "busy.ics",
        &calendar(&conference().replace("T100000", "T130000").replace("T110000", "T140000")),
    );
    call_ok(&app, &smith, "sync_calendar", &[("calendar_id", &id)]).await;
    let moved = free_starts(&app, smith_id, MONDAY).await;
    assert!(moved.contains(&"2026-11-23T15:00:00Z".to_owned()), "freed: {moved:?}");
    assert!(!moved.contains(&"2026-11-23T18:00:00Z".to_owned()), "blocked: {moved:?}");

    // Another doctor cannot see, sync or remove it; removing it frees the time.
    let davis = app.signed_in("dr_davis").await;
    assert!(calendars(&app, &davis).await.is_empty());
    assert_eq!(app.call(&davis, "sync_calendar", &[("calendar_id", &id)]).await.status(), 404);
    assert_eq!(app.call(&davis, "remove_calendar", &[("calendar_id", &id)]).await.status(), 404);
    assert_eq!(app.call(&alice, "my_calendars", &[]).await.status(), 403);
    call_ok(&app, &smith, "remove_calendar", &[("calendar_id", &id)]).await;
    assert_eq!(free_starts(&app, smith_id, MONDAY).await, before);
    assert_eq!(app.count("external_busy").await, 0);
}

#[tokio::test]
async fn a_failing_calendar_says_why_and_keeps_the_busy_times_of_its_last_good_sync() {
    let (app, _clock) = spawn_seeded_app_at(NOW).await;
    let smith_id = app.user_id("dr_smith").await;
    let smith = app.signed_in("dr_smith").await;
    let server = IcsServer::start();
    server.put("busy.ics", &calendar(&conference()));
    let view: Value =
        connected(&app, &smith, &[("kind", "ics"), ("calendar_url", &server.url("busy.ics"))])
            .await;
    let id = view["id"].to_string();
    let blocked = free_starts(&app, smith_id, MONDAY).await;
    for (content, code) in [
        ("<html><body>Please sign in</body></html>".to_owned(), "malformed"),
        (calendar(&"X-FILLER:0123456789\r\n".repeat(20_000)), "too_large"),
    ] {
        server.put("busy.ics", &content);
        call_ok(&app, &smith, "sync_calendar", &[("calendar_id", &id)]).await;
        let state = &calendars(&app, &smith).await[0];
        assert_eq!(state["error_code"], code, "{state}");
        assert!(state["last_success"].is_string() && state["busy_ahead"] == 1, "{state}");
        assert_eq!(free_starts(&app, smith_id, MONDAY).await, blocked, "last good busy times kept");
    }
    // A missing file is "not found" from the first sync.
    let missing: Value =
        connected(&app, &smith, &[("kind", "ics"), ("calendar_url", &server.url("gone.ics"))])
            .await;
    assert_eq!(missing["error_code"], "not_found", "{missing}");
    assert!(missing["stale"].as_bool().expect("stale"), "never synced");
    // Bad input is refused at its field and nothing is stored.
    let before = app.count("external_calendars").await;
    for (url, code) in [
        ("", FieldErrorCode::Required),
        ("ftp://calendar.example/a.ics", FieldErrorCode::InvalidFormat),
        ("https://user:secret@calendar.example/a.ics", FieldErrorCode::InvalidFormat),
        ("https://no-such-host.invalid/a.ics", FieldErrorCode::Unknown),
    ] {
        let refused = connect(&app, &smith, &[("kind", "ics"), ("calendar_url", url)]).await;
        assert_eq!(error_of(refused).await, AppError::field(Field::CalendarUrl, code), "{url:?}");
    }
    let twice =
        connect(&app, &smith, &[("kind", "ics"), ("calendar_url", &server.url("busy.ics"))]).await;
    assert_eq!(error_of(twice).await, AppError::field(Field::CalendarUrl, FieldErrorCode::Taken));
    let no_password = connect(
        &app,
        &smith,
        &[("kind", "caldav"), ("calendar_url", &server.url("x")), ("calendar_username", "me")],
    )
    .await;
    assert_eq!(
        error_of(no_password).await,
        AppError::field(Field::CalendarPassword, FieldErrorCode::Required)
    );
    assert_eq!(app.count("external_calendars").await, before);
}

#[tokio::test]
async fn the_server_refuses_to_fetch_private_loopback_and_metadata_addresses_unless_allowed() {
    let (app, _clock) =
        spawn_seeded_app_configured(NOW, |config| config.calendar.allow_private_addresses = false)
            .await;
    let smith = app.signed_in("dr_smith").await;
    let server = IcsServer::start();
    server.put("busy.ics", &calendar(&conference()));
    for url in [
        server.url("busy.ics"),
        "http://127.0.0.1/cal.ics".to_owned(),
        "http://[::1]/cal.ics".to_owned(),
        "http://169.254.169.254/latest/meta-data".to_owned(),
        "http://10.0.0.7/cal.ics".to_owned(),
        "http://localhost/cal.ics".to_owned(),
    ] {
        let refused = connect(&app, &smith, &[("kind", "ics"), ("calendar_url", &url)]).await;
        assert_eq!(
            error_of(refused).await,
            AppError::field(Field::CalendarUrl, FieldErrorCode::Unknown),
            "{url}"
        );
    }
    assert_eq!(app.count("external_calendars").await, 0);
    assert!(server.log().await.is_empty(), "nothing was fetched");
}

#[tokio::test]
async fn a_caldav_calendar_blocks_recurring_all_day_and_edited_events_and_a_wrong_password_keeps_them()
 {
    let (app, _clock) = spawn_seeded_app_at(NOW).await;
    let smith_id = app.user_id("dr_smith").await;
    let smith = app.signed_in("dr_smith").await;
    let radicale = Radicale::start().await;
    radicale.make_calendar().await;
    radicale.put("conference.ics", &calendar(&conference())).await;
    // Wednesdays 10:00-11:00 New York since 28 October (14:00 UTC then; 15:00 UTC after the
    // 1 November DST change), but not 2 December; and the whole Tuesday.
    let weekly = event(
        "school-run",
        "DTSTART;TZID=America/New_York:20261028T100000\r\nDTEND;TZID=America/New_York:20261028T110000\r\n\
         RRULE:FREQ=WEEKLY;BYDAY=WE\r\nEXDATE;TZID=America/New_York:20261202T100000\r\n",
    );
    radicale.put("school-run.ics", &calendar(&weekly)).await;
    radicale
        .put(
            "away.ics",
            &calendar(&event(
                "away",
                "DTSTART;VALUE=DATE:20261124\r\nDTEND;VALUE=DATE:20261125\r\n",
            )),
        )
        .await;
    let free_tuesday = free_starts(&app, smith_id, TUESDAY).await;
    assert!(!free_tuesday.is_empty());

    let view = connect_radicale(&app, &smith, &radicale).await;
    assert_eq!(view["error_code"], Value::Null, "{view}");
    let sealed: Vec<u8> = sqlx::query_scalar("SELECT sealed_password FROM external_calendars")
        .fetch_one(&app.state.db)
        .await
        .expect("sealed");
    assert!(
        !sealed.windows(CALDAV_PASSWORD.len()).any(|w| w == CALDAV_PASSWORD.as_bytes()),
        "sealed, not stored"
    );
    let has = |slots: &[String], at: &str| slots.contains(&at.to_owned());
    let monday = free_starts(&app, smith_id, MONDAY).await;
    assert!(
        !has(&monday, "2026-11-23T15:00:00Z") && has(&monday, "2026-11-23T16:00:00Z"),
        "{monday:?}"
    );
    assert!(free_starts(&app, smith_id, TUESDAY).await.is_empty(), "all day away");
    let wednesday = free_starts(&app, smith_id, WEDNESDAY).await;
    assert!(
        !has(&wednesday, "2026-11-25T15:00:00Z") && has(&wednesday, "2026-11-25T16:00:00Z"),
        "{wednesday:?}"
    );
    assert!(
        has(&free_starts(&app, smith_id, "2026-12-02").await, "2026-12-02T15:00:00Z"),
        "EXDATE frees it"
    );
    assert!(
        !has(&free_starts(&app, smith_id, "2026-12-09").await, "2026-12-09T15:00:00Z"),
        "and it recurs after"
    );

    // Edited and deleted events follow at the next sync.
    radicale
        .put(
            "conference.ics",
            &calendar(&conference().replace("T100000", "T120000").replace("T110000", "T130000")),
        )
        .await;
    radicale.delete("away.ics").await;
    let id = view["id"].to_string();
    call_ok(&app, &smith, "sync_calendar", &[("calendar_id", &id)]).await;
    let monday = free_starts(&app, smith_id, MONDAY).await;
    assert!(
        has(&monday, "2026-11-23T15:00:00Z") && !has(&monday, "2026-11-23T17:00:00Z"),
        "{monday:?}"
    );
    assert_eq!(free_starts(&app, smith_id, TUESDAY).await, free_tuesday);

    // A wrong password: the error is shown and the busy times stay.
    let wrong =
        medibook::server::calendar::secret_box::seal(&[7; 32], smith_id, "not-the-password");
    sqlx::query("UPDATE external_calendars SET sealed_password = ?1")
        .bind(wrong)
        .execute(&app.state.writer)
        .await
        .expect("replace");
    call_ok(&app, &smith, "sync_calendar", &[("calendar_id", &id)]).await;
    let state = &calendars(&app, &smith).await[0];
    assert_eq!(state["error_code"], "unauthorized", "{state}");
    assert!(!has(&free_starts(&app, smith_id, MONDAY).await, "2026-11-23T17:00:00Z"), "kept");
}

#[tokio::test]
async fn confirmed_appointments_are_written_back_moved_and_deleted_once_each_even_across_a_crash() {
    use medibook::server::calendar::push;
    let (app, _clock) = spawn_seeded_app_at(NOW).await;
    let smith_id = app.user_id("dr_smith").await;
    let (smith, alice) = (app.signed_in("dr_smith").await, app.signed_in("alice").await);
    let radicale = Radicale::start().await;
    radicale.make_calendar().await;
    // Confirmed before write-back is chosen: queued when it is.
    let early = book(&app, &alice, smith_id, "2026-11-23T19:00:00Z", "Check-up").await;
    assert_eq!(change(&app, &smith, early, "accept", "").await.status(), 200);
    let view = connect_radicale(&app, &smith, &radicale).await;
    let id = view["id"].to_string();
    call_ok(&app, &smith, "choose_write_back", &[("calendar_id", &id), ("on", "1")]).await;
    assert_eq!(calendars(&app, &smith).await[0]["write_back"], true);
    let object = |appointment: i64| format!("appointment-{appointment}@127.0.0.1.ics");

    let visit = book(&app, &alice, smith_id, MONDAY_10AM, "Headaches").await;
    assert_eq!(push::run_due(&app.state).await.expect("pushes"), 1, "pending: only the early one");
    assert!(radicale.get(&object(early)).await.is_some());
    assert_eq!(radicale.get(&object(visit)).await, None, "not confirmed yet");
    assert_eq!(change(&app, &smith, visit, "accept", "").await.status(), 200);
    push::run_due(&app.state).await.expect("pushes");
    let stored = radicale.get(&object(visit)).await.expect("written");
    assert!(
        stored.contains("DTSTART:20261123T150000Z") && stored.contains("SUMMARY:Appointment"),
        "{stored}"
    );
    assert!(!stored.contains("Headaches") && !stored.contains("METHOD"), "{stored}");
    // Reading the calendar back does not make the doctor's own appointment a busy time twice.
    call_ok(&app, &smith, "sync_calendar", &[("calendar_id", &id)]).await;
    assert_eq!(calendars(&app, &smith).await[0]["busy_ahead"], 0);

    // A move, cut short by a crash after it was claimed: sent again at start-up, once.
    let moved = app
        .call(
            &alice,
            "reschedule_appointment",
            &[("appointment_id", &visit.to_string()), ("start", "2026-11-23T20:00:00Z")],
        )
        .await;
    assert_eq!(moved.status(), 200);
    sqlx::query(
        "UPDATE calendar_pushes SET status = 'sending', attempts = 1 WHERE status = 'queued'",
    )
    .execute(&app.state.writer)
    .await
    .expect("crash");
    assert_eq!(push::run_due(&app.state).await.expect("pushes"), 0, "claimed by the dead run");
    assert_eq!(push::recover(&app.state).await.expect("recover"), 1);
    assert_eq!(push::run_due(&app.state).await.expect("pushes"), 1);
    let stored = radicale.get(&object(visit)).await.expect("still there");
    assert!(stored.contains("DTSTART:20261123T200000Z"), "moved: {stored}");

    assert_eq!(change(&app, &alice, visit, "cancel", "Travelling").await.status(), 200);
    push::run_due(&app.state).await.expect("pushes");
    assert_eq!(radicale.get(&object(visit)).await, None, "deleted");
    let pushes: Vec<(String, String)> = sqlx::query_as(
        "SELECT action, status FROM calendar_pushes WHERE appointment_id = ?1 ORDER BY id",
    )
    .bind(visit)
    .fetch_all(&app.state.db)
    .await
    .expect("pushes");
    let done = |action: &str| (action.to_owned(), "done".to_owned());
    assert_eq!(pushes, [done("put"), done("put"), done("delete")], "one per change");
    // Stopping write-back takes the appointments the calendar holds out of it.
    assert!(radicale.get(&object(early)).await.is_some());
    call_ok(&app, &smith, "choose_write_back", &[("calendar_id", &id)]).await;
    assert_eq!(calendars(&app, &smith).await[0]["write_back"], false);
    assert_eq!(push::run_due(&app.state).await.expect("pushes"), 1);
    assert_eq!(radicale.get(&object(early)).await, None, "taken out when write-back stops");
    // Only a CalDAV calendar takes appointments.
    let server = IcsServer::start();
    server.put("busy.ics", &calendar(&conference()));
    let ics: Value =
        connected(&app, &smith, &[("kind", "ics"), ("calendar_url", &server.url("busy.ics"))])
            .await;
    let refused = app
        .call(&smith, "choose_write_back", &[("calendar_id", &ics["id"].to_string()), ("on", "1")])
        .await;
    assert_eq!(refused.status(), 400);
}
