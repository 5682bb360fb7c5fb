//! Appointment notices (mail + in-app) and reminders, with the clock moved.
use crate::helpers::*;
use chrono::Duration;

/// Friday 20 November 2026, noon UTC. dr_smith works Mon, Tue, Wed and Fri, 10-13 and 14-17
/// New York time.
const NOW: &str = "2026-11-20T12:00:00Z";
const MONDAY_10AM: &str = "2026-11-23T15:00:00Z";
const MONDAY_11AM: &str = "2026-11-23T16:00:00Z";
const MONDAY_2PM: &str = "2026-11-23T19:00:00Z";
const TUESDAY_10AM: &str = "2026-11-24T15:00:00Z";
const ALICE: &str = "alice@medibook.local";
const BOB: &str = "bob@medibook.local";
const CAROL: &str = "carol@medibook.local";
const SMITH: &str = "dr.smith@medibook.local";

fn reminders(mails: &[(String, String, String)]) -> Vec<&(String, String, String)> {
    mails.iter().filter(|(subject, _, _)| subject.starts_with("Reminder")).collect()
}

#[tokio::test]
async fn each_change_mails_and_notifies_the_right_people_in_their_zone() {
    let (app, _clock) = spawn_seeded_app_at(NOW).await;
    let smith_id = app.user_id("dr_smith").await;
    let (alice, smith) = (app.signed_in("alice").await, app.signed_in("dr_smith").await);
    call_ok(&app, &alice, "save_time_zone", &[("time_zone", "Asia/Kolkata")]).await;

    let id = book(&app, &alice, smith_id, MONDAY_10AM, "Palpitations").await;
    app.run_jobs().await;
    let to_alice = app.mails_to(ALICE).await;
    assert_eq!(subjects(&to_alice), vec!["MediBook: Booking request sent"]);
    let (_, text, html) = &to_alice[0];
    assert!(
        text.contains("Monday 23 November 2026 at 20:30 IST (10:00 EST at the clinic)"),
        "{text}"
    );
    assert!(text.contains("Dr. John Smith") && html.contains("Dr. John Smith"));
    let to_smith = app.mails_to(SMITH).await;
    assert_eq!(subjects(&to_smith), vec!["MediBook: New booking request"]);
    assert!(to_smith[0].1.contains("Alice Martin asked for an appointment"));
    assert!(
        to_smith[0].1.contains("Monday 23 November 2026 at 10:00 EST (30 minutes)"),
        "{}",
        to_smith[0].1
    );

    let notices = call_ok(&app, &smith, "my_notifications", &[]).await;
    assert_eq!(notices["unread"], 1);
    assert_eq!(notices["items"][0]["kind"], "requested");
    assert_eq!(call_ok(&app, &smith, "unread_notifications", &[]).await, 1);

    assert_eq!(change(&app, &smith, id, "reject", "On leave that day").await.status(), 200);
    app.run_jobs().await;
    let to_alice = app.mails_to(ALICE).await;
    assert_eq!(subjects(&to_alice)[1], "MediBook: Appointment request declined");
    assert!(to_alice[1].1.contains("Reason given: On leave that day"));
    assert_eq!(app.mails_to(SMITH).await.len(), 1, "the doctor is not told of their own decision");

    let notices = call_ok(&app, &alice, "my_notifications", &[]).await;
    assert_eq!(notices["unread"], 2);
    let kinds: Vec<&str> = notices["items"]
        .as_array()
        .expect("items")
        .iter()
        .map(|n| n["kind"].as_str().expect("kind"))
        .collect();
    assert_eq!(kinds, vec!["rejected", "requested"], "newest first");
    assert!(notices["items"][0]["headline"].as_str().expect("headline").contains("Dr. John Smith"));
}

#[tokio::test]
async fn notices_are_marked_read_one_or_all_and_only_by_their_owner() {
    let (app, _clock) = spawn_seeded_app_at(NOW).await;
    let smith_id = app.user_id("dr_smith").await;
    let (alice, bob) = (app.signed_in("alice").await, app.signed_in("bob").await);
    book(&app, &alice, smith_id, MONDAY_10AM, "").await;
    book(&app, &alice, smith_id, MONDAY_11AM, "").await;
    let notices = call_ok(&app, &alice, "my_notifications", &[]).await;
    let first = notices["items"][1]["id"].as_i64().expect("id").to_string();

    let response = app.call(&bob, "mark_notifications_read", &[("id", first.as_str())]).await;
    assert_eq!(response.status(), 404, "someone else's notice is not found");
    assert_eq!(call_ok(&app, &alice, "unread_notifications", &[]).await, 2);
    assert_eq!(
        call_ok(&app, &alice, "mark_notifications_read", &[("id", first.as_str())]).await,
        1
    );
    let notices = call_ok(&app, &alice, "my_notifications", &[]).await;
    assert_eq!(
        (notices["unread"].as_i64(), notices["items"][1]["read"].as_bool()),
        (Some(1), Some(true))
    );
    assert_eq!(call_ok(&app, &alice, "mark_notifications_read", &[]).await, 1);
    assert_eq!(call_ok(&app, &alice, "unread_notifications", &[]).await, 0);
    assert_eq!(app.call(&app.client(), "my_notifications", &[]).await.status(), 401);
    assert_eq!(call_ok(&app, &app.client(), "unread_notifications", &[]).await, 0);
}

#[tokio::test]
async fn with_the_clock_moved_each_confirmed_appointment_is_reminded_once_at_its_current_time() {
    let (app, clock) = spawn_seeded_app_at(NOW).await;
    let smith_id = app.user_id("dr_smith").await;
    let smith = app.signed_in("dr_smith").await;
    let (alice, bob, carol) =
        (app.signed_in("alice").await, app.signed_in("bob").await, app.signed_in("carol").await);
    let kept = book(&app, &alice, smith_id, MONDAY_10AM, "").await;
    let cancelled = book(&app, &bob, smith_id, MONDAY_11AM, "").await;
    let moved = book(&app, &carol, smith_id, MONDAY_2PM, "").await;
    let unconfirmed = book(&app, &alice, smith_id, TUESDAY_10AM, "").await;
    for id in [kept, cancelled, moved] {
        assert_eq!(change(&app, &smith, id, "accept", "").await.status(), 200);
    }
    assert_eq!(change(&app, &bob, cancelled, "cancel", "Feeling better").await.status(), 200);
    let response = app
        .call(
            &carol,
            "reschedule_appointment",
            &[("appointment_id", &moved.to_string()), ("start", "2026-11-24T16:00:00Z")],
        )
        .await;
    assert_eq!(response.status(), 200, "{}", response.text().await.unwrap_or_default());
    let _ = unconfirmed;
    app.run_jobs().await;
    for who in [ALICE, BOB, CAROL] {
        assert!(reminders(&app.mails_to(who).await).is_empty(), "nothing is due yet");
    }

    // Sunday 10:01 New York: 24 hours before Monday 10:00.
    clock.advance(Duration::hours(51) + Duration::minutes(1));
    app.run_jobs().await;
    let to_alice = app.mails_to(ALICE).await;
    assert_eq!(reminders(&to_alice).len(), 1, "{:?}", subjects(&to_alice));
    assert_eq!(reminders(&to_alice)[0].0, "Reminder: your appointment in 24 hours");
    assert!(reminders(&to_alice)[0].1.contains("Monday 23 November 2026 at 10:00 EST"));
    assert!(reminders(&app.mails_to(BOB).await).is_empty(), "none for a cancelled appointment");
    assert!(
        reminders(&app.mails_to(CAROL).await).is_empty(),
        "none at the old time of a moved one"
    );

    // Monday 11:02 New York: the moved appointment (Tuesday 11:00) is reminded, once.
    clock.advance(Duration::hours(25) + Duration::minutes(1));
    app.run_jobs().await;
    app.run_jobs().await;
    let to_carol = app.mails_to(CAROL).await;
    assert_eq!(reminders(&to_carol).len(), 1);
    assert!(
        reminders(&to_carol)[0].1.contains("Tuesday 24 November 2026 at 11:00 EST"),
        "{}",
        reminders(&to_carol)[0].1
    );
    assert_eq!(
        reminders(&app.mails_to(ALICE).await).len(),
        1,
        "the pending one gets none; no repeats"
    );
    let carol = app.signed_in("carol").await; // days later: her old session has ended
    let in_app = call_ok(&app, &carol, "my_notifications", &[]).await;
    assert_eq!(in_app["items"][0]["kind"], "reminder", "shown in the app as well");
    let cancelled_jobs: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM jobs WHERE reminder_for IN (?1, ?2) AND status = 'cancelled'",
    )
    .bind(cancelled)
    .bind(moved)
    .fetch_one(&app.state.db)
    .await
    .expect("count");
    assert_eq!(
        cancelled_jobs, 2,
        "the cancelled one's and the old time's reminders were cancelled"
    );
}

/// A seeded app at NOW reminding 24 h and 2 h before, with alice's Monday 10:00 visit with
/// dr_smith confirmed.
async fn confirmed_with_two_reminders()
-> (TestApp, medibook::server::clock::FixedClock, tempfile::TempDir) {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut config = test_config(&dir.path().join("r.db"));
    config.reminders = vec![Duration::hours(24), Duration::hours(2)];
    let at = chrono::DateTime::parse_from_rfc3339(NOW).expect("now").with_timezone(&chrono::Utc);
    let clock = medibook::server::clock::FixedClock::new(at);
    let app = spawn_app_with_clock(config, std::sync::Arc::new(clock.clone())).await;
    medibook::server::seed::run(&app.state, 5, PASSWORD).await.expect("seed");
    let smith_id = app.user_id("dr_smith").await;
    let (alice, smith) = (app.signed_in("alice").await, app.signed_in("dr_smith").await);
    let id = book(&app, &alice, smith_id, MONDAY_10AM, "").await;
    assert_eq!(change(&app, &smith, id, "accept", "").await.status(), 200);
    (app, clock, dir)
}

async fn reminder_subjects(app: &TestApp) -> Vec<String> {
    reminders(&app.mails_to(ALICE).await).into_iter().map(|m| m.0.clone()).collect()
}

#[tokio::test]
async fn several_reminder_offsets_each_send_once() {
    let (app, clock, _dir) = confirmed_with_two_reminders().await;
    clock.advance(Duration::hours(51) + Duration::minutes(1));
    app.run_jobs().await;
    clock.advance(Duration::hours(22));
    app.run_jobs().await;
    assert_eq!(
        reminder_subjects(&app).await,
        vec!["Reminder: your appointment in 24 hours", "Reminder: your appointment in 2 hours"]
    );
}

#[tokio::test]
async fn a_reminder_overtaken_by_a_later_one_is_not_sent_as_well() {
    let (app, clock, _dir) = confirmed_with_two_reminders().await;
    // The worker was down until 90 minutes before the start: one reminder, saying so.
    clock.advance(Duration::hours(73) + Duration::minutes(30));
    app.run_jobs().await;
    assert_eq!(reminder_subjects(&app).await, vec!["Reminder: your appointment in 90 minutes"]);
}
