use crate::helpers::*;
use medibook::domain::AppointmentId;
use medibook::domain::booking::{AppointmentStatus, SlotRefusal};
use medibook::dto::booked_view::BookedView;
use medibook::dto::hold_view::HoldView;
use medibook::error::AppError;

/// Friday 20 November 2026, noon UTC (07:00 in New York). dr_smith works Mon/Tue/Wed/Fri,
/// 10:00-13:00 and 14:00-17:00 New York time (15:00-18:00 and 19:00-22:00 UTC in November).
const NOW: &str = "2026-11-20T12:00:00Z";
const MONDAY_10AM: &str = "2026-11-23T15:00:00Z";

async fn hold(
    app: &TestApp,
    client: &reqwest::Client,
    doctor: &str,
    start: &str,
) -> reqwest::Response {
    app.call(client, "hold_slot", &[("doctor_id", doctor), ("start", start)]).await
}

#[tokio::test]
async fn every_booking_rule_is_refused_with_its_own_error_and_nothing_is_written() {
    let (app, _clock) = spawn_seeded_app_at(NOW).await;
    let smith = app.user_id("dr_smith").await.to_string();
    let alice = app.signed_in("alice").await;
    let smith_session = app.signed_in("dr_smith").await;
    call_ok(
        &app,
        &smith_session,
        "put_date_override",
        &[("override_date", "2026-11-25"), ("override_kind", "off")],
    )
    .await;

    let cases = [
        ("banana", SlotRefusal::InvalidFormat),
        ("2026-11-23T08:17:00Z", SlotRefusal::NotWorkingTime), // 03:17 in New York
        ("2026-11-23T15:17:00Z", SlotRefusal::NotWorkingTime), // off the 30-minute grid
        ("2026-11-23T18:00:00Z", SlotRefusal::NotWorkingTime), // 13:00, the lunch break
        ("2026-11-25T15:00:00Z", SlotRefusal::NotWorkingTime), // the day off
        ("2026-11-22T15:00:00Z", SlotRefusal::NotWorkingTime), // Sunday
        ("2026-11-19T15:00:00Z", SlotRefusal::InPast),
        ("2026-11-20T13:00:00Z", SlotRefusal::TooSoon), // 08:00, within 2 hours' notice
        ("2027-03-01T15:00:00Z", SlotRefusal::BeyondHorizon),
    ];
    for (start, reason) in cases {
        let response = hold(&app, &alice, &smith, start).await;
        assert_eq!(response.status(), 400, "{start}");
        assert_eq!(error_of(response).await, AppError::SlotRefused(reason), "{start}");
    }
    app.register_doctor("dr_new", "MD-8080").await.error_for_status().expect("doctor");
    let unverified = app.user_id("dr_new").await.to_string();
    assert_eq!(hold(&app, &alice, &unverified, MONDAY_10AM).await.status(), 404);
    assert_eq!(hold(&app, &alice, "abc", MONDAY_10AM).await.status(), 400);
    assert_eq!(hold(&app, &app.client(), &smith, MONDAY_10AM).await.status(), 401);
    assert_eq!(
        hold(&app, &smith_session, &smith, MONDAY_10AM).await.status(),
        403,
        "doctors do not book"
    );
    assert_eq!(app.count("appointments").await, 0, "nothing was written");

    let held = call::<HoldView>(
        &app,
        &alice,
        "hold_slot",
        &[("doctor_id", &smith), ("start", MONDAY_10AM)],
    )
    .await;
    assert_eq!(rfc3339(held.start), MONDAY_10AM);
    assert_eq!(rfc3339(held.expires_at), "2026-11-20T12:10:00Z");
    app.stop().await;
}

#[tokio::test]
async fn a_held_slot_is_just_taken_for_others_and_a_patient_cannot_be_in_two_places() {
    let (app, clock) = spawn_seeded_app_at(NOW).await;
    let (smith, davis) =
        (app.user_id("dr_smith").await.to_string(), app.user_id("dr_davis").await.to_string());
    let (alice, bob) = (app.signed_in("alice").await, app.signed_in("bob").await);
    call::<HoldView>(&app, &alice, "hold_slot", &[("doctor_id", &smith), ("start", MONDAY_10AM)])
        .await;

    let response = hold(&app, &bob, &smith, MONDAY_10AM).await;
    assert_eq!(response.status(), 409);
    let error = error_of(response).await;
    assert_eq!(error, AppError::SlotRefused(SlotRefusal::Taken));
    assert!(error.message().contains("just taken"));

    // Alice picking another doctor at the same time lets her first hold go (one hold at a time).
    call::<HoldView>(&app, &alice, "hold_slot", &[("doctor_id", &davis), ("start", MONDAY_10AM)])
        .await;
    let held =
        call::<HoldView>(&app, &bob, "hold_slot", &[("doctor_id", &smith), ("start", MONDAY_10AM)])
            .await;

    // Bob books his hold (paying by card); then he cannot hold Davis at that time.
    let id = held.appointment_id.to_string();
    let form =
        [("appointment_id", id.as_str()), ("reason", ""), ("idempotency_key", "bob-books-001")];
    call::<BookedView>(&app, &bob, "book_held_slot", &paying_by_card(&form)).await;
    let response = hold(&app, &bob, &davis, "2026-11-23T15:00:00Z").await;
    assert_eq!(
        error_of(response).await,
        AppError::SlotRefused(SlotRefusal::Taken),
        "Davis is held by Alice"
    );
    let response = hold(&app, &bob, &davis, "2026-11-23T15:30:00Z").await;
    assert_eq!(response.status(), 200, "a different time is fine");
    let response = hold(&app, &bob, &app.user_id("dr_brown").await.to_string(), MONDAY_10AM).await;
    assert_eq!(error_of(response).await, AppError::PatientBusy);

    clock.advance(chrono::Duration::minutes(11));
    let carol = app.signed_in("carol").await;
    call::<HoldView>(&app, &carol, "hold_slot", &[("doctor_id", &davis), ("start", MONDAY_10AM)])
        .await;
    app.stop().await;
}

#[tokio::test]
async fn sixty_four_patients_racing_for_one_slot_get_exactly_one_hold() {
    let (app, _clock) = spawn_seeded_app_at(NOW).await;
    let smith = app.user_id("dr_smith").await.to_string();
    let mut clients = Vec::new();
    for n in 0..64 {
        let name = format!("racer{n:02}");
        clients.push(app.verified_patient(&name).await);
    }
    let app = std::sync::Arc::new(app);
    let tasks: Vec<_> = clients
        .into_iter()
        .map(|client| {
            let app = app.clone();
            let smith = smith.clone();
            tokio::spawn(async move {
                let response = hold(&app, &client, &smith, MONDAY_10AM).await;
                (response.status().as_u16(), response.text().await.unwrap_or_default())
            })
        })
        .collect();
    let mut won = 0;
    for task in tasks {
        let (status, body) = task.await.expect("task");
        match status {
            200 => won += 1,
            409 => assert_eq!(
                serde_json::from_str::<AppError>(&body).ok(),
                Some(AppError::SlotRefused(SlotRefusal::Taken))
            ),
            other => panic!("unexpected answer {other}: {body}"),
        }
    }
    assert_eq!(won, 1);
    let active: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM appointments WHERE status = 'held'")
        .fetch_one(&app.state.db)
        .await
        .expect("count");
    assert_eq!(active, 1);
}

#[tokio::test]
async fn a_hold_becomes_a_booking_once_however_often_the_request_is_sent() {
    let (app, clock) = spawn_seeded_app_at(NOW).await;
    let smith = app.user_id("dr_smith").await.to_string();
    let (alice, bob) = (app.signed_in("alice").await, app.signed_in("bob").await);
    let held = call::<HoldView>(
        &app,
        &alice,
        "hold_slot",
        &[("doctor_id", &smith), ("start", MONDAY_10AM)],
    )
    .await;
    let id = held.appointment_id.to_string();
    let form = [
        ("appointment_id", id.as_str()),
        ("reason", "Chest pain when running"),
        ("idempotency_key", "alice-key-0001"),
    ];

    assert_eq!(
        app.call(&bob, "book_held_slot", &paying_by_card(&form)).await.status(),
        404,
        "someone else's hold looks missing"
    );
    let missing =
        [("appointment_id", "99999"), ("reason", ""), ("idempotency_key", "bob-key-00001")];
    assert_eq!(app.call(&bob, "book_held_slot", &paying_by_card(&missing)).await.status(), 404);

    let app = std::sync::Arc::new(app);
    let tasks: Vec<_> = (0..20)
        .map(|_| {
            let (app, alice) = (app.clone(), alice.clone());
            let form: Vec<(String, String)> =
                form.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect();
            tokio::spawn(async move {
                let form: Vec<(&str, &str)> =
                    form.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
                call::<BookedView>(&app, &alice, "book_held_slot", &paying_by_card(&form)).await
            })
        })
        .collect();
    for task in tasks {
        let answer = task.await.expect("task");
        assert_eq!(
            answer.status,
            AppointmentStatus::Pending,
            "every retry answers the first result"
        );
        assert_eq!(Some(answer.appointment_id), AppointmentId::parse(&id));
    }
    let rows: Vec<(String, String)> = sqlx::query_as("SELECT status, reason FROM appointments")
        .fetch_all(&app.state.db)
        .await
        .expect("rows");
    assert_eq!(rows, vec![("pending".to_owned(), "Chest pain when running".to_owned())]);

    // A hold that lapsed cannot be booked.
    let brown = app.user_id("dr_brown").await.to_string();
    let held =
        call::<HoldView>(&app, &bob, "hold_slot", &[("doctor_id", &brown), ("start", MONDAY_10AM)])
            .await;
    let late = held.appointment_id.to_string();
    clock.advance(chrono::Duration::minutes(11));
    let response = app
        .call(
            &bob,
            "book_held_slot",
            &paying_by_card(&[
                ("appointment_id", &late),
                ("reason", ""),
                ("idempotency_key", "bob-key-00002"),
            ]),
        )
        .await;
    assert_eq!(error_of(response).await, AppError::HoldExpired);
}

#[tokio::test]
async fn an_auto_confirming_doctor_confirms_at_once() {
    let (app, _clock) = spawn_seeded_app_at(NOW).await;
    let davis = app.user_id("dr_davis").await;
    sqlx::query("UPDATE doctors SET auto_confirm = 1 WHERE user_id = ?1")
        .bind(davis)
        .execute(&app.state.db)
        .await
        .expect("set");
    let carol = app.signed_in("carol").await;
    let held = call::<HoldView>(
        &app,
        &carol,
        "hold_slot",
        &[("doctor_id", &davis.to_string()), ("start", MONDAY_10AM)],
    )
    .await;
    let id = held.appointment_id.to_string();
    let status = call::<BookedView>(
        &app,
        &carol,
        "book_held_slot",
        &paying_by_card(&[
            ("appointment_id", &id),
            ("reason", "Check-up"),
            ("idempotency_key", "carol-key-001"),
        ]),
    )
    .await;
    assert_eq!(status.status, AppointmentStatus::Confirmed);
    app.stop().await;
}
