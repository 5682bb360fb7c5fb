use crate::helpers::*;
use medibook::domain::booking::SlotRefusal;
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

    let held =
        call_ok(&app, &alice, "hold_slot", &[("doctor_id", &smith), ("start", MONDAY_10AM)]).await;
    assert_eq!(held["start"], MONDAY_10AM);
    assert_eq!(held["expires_at"], "2026-11-20T12:10:00Z");
    app.stop().await;
}

#[tokio::test]
async fn a_held_slot_is_just_taken_for_others_and_a_patient_cannot_be_in_two_places() {
    let (app, clock) = spawn_seeded_app_at(NOW).await;
    let (smith, davis) =
        (app.user_id("dr_smith").await.to_string(), app.user_id("dr_davis").await.to_string());
    let (alice, bob) = (app.signed_in("alice").await, app.signed_in("bob").await);
    call_ok(&app, &alice, "hold_slot", &[("doctor_id", &smith), ("start", MONDAY_10AM)]).await;

    let response = hold(&app, &bob, &smith, MONDAY_10AM).await;
    assert_eq!(response.status(), 409);
    let error = error_of(response).await;
    assert_eq!(error, AppError::SlotRefused(SlotRefusal::Taken));
    assert!(error.message().contains("just taken"));

    // Alice picking another doctor at the same time lets her first hold go (one hold at a time).
    call_ok(&app, &alice, "hold_slot", &[("doctor_id", &davis), ("start", MONDAY_10AM)]).await;
    call_ok(&app, &bob, "hold_slot", &[("doctor_id", &smith), ("start", MONDAY_10AM)]).await;

    // Make Bob's hold a booking (the booking step is not built yet), then he cannot hold Davis then.
    sqlx::query("UPDATE appointments SET status = 'pending', hold_expires_at = NULL WHERE status = 'held' AND patient_id = ?1")
        .bind(app.user_id("bob").await)
        .execute(&app.state.db)
        .await
        .expect("book");
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
    call_ok(&app, &carol, "hold_slot", &[("doctor_id", &davis), ("start", MONDAY_10AM)]).await;
    app.stop().await;
}

#[tokio::test]
async fn sixty_four_patients_racing_for_one_slot_get_exactly_one_hold() {
    let (app, _clock) = spawn_seeded_app_at(NOW).await;
    let smith = app.user_id("dr_smith").await.to_string();
    let mut clients = Vec::new();
    for n in 0..64 {
        let name = format!("racer{n:02}");
        app.register_patient(&name).await.error_for_status().expect("registered");
        clients.push(app.signed_in(&name).await);
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
