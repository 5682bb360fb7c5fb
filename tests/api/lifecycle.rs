//! The appointment lifecycle over HTTP: accept, reject, cancel, complete, no-show, reschedule.
use crate::helpers::*;
use medibook::domain::booking::SlotRefusal;
use medibook::domain::{Field, FieldError, FieldErrorCode};
use medibook::dto::hold_view::HoldConfirmation;
use medibook::error::AppError;

/// Friday 20 November 2026, noon UTC. dr_smith and dr_davis both work Mondays 10-13 and 14-17
/// New York time (15:00-18:00 and 19:00-22:00 UTC).
const NOW: &str = "2026-11-20T12:00:00Z";
const MONDAY_10AM: &str = "2026-11-23T15:00:00Z";
const MONDAY_1030: &str = "2026-11-23T15:30:00Z";
const MONDAY_11AM: &str = "2026-11-23T16:00:00Z";
const MONDAY_2PM: &str = "2026-11-23T19:00:00Z";

#[tokio::test]
async fn a_booking_is_accepted_cancelled_with_a_reason_and_its_time_is_free_again_at_once() {
    let (app, _clock) = spawn_seeded_app_at(NOW).await;
    let smith_id = app.user_id("dr_smith").await;
    let (alice, bob, smith) =
        (app.signed_in("alice").await, app.signed_in("bob").await, app.signed_in("dr_smith").await);
    let id = book(&app, &alice, smith_id, MONDAY_10AM, "Palpitations").await;
    assert!(!free_starts(&app, smith_id, "2026-11-23").await.contains(&MONDAY_10AM.to_owned()));

    let mine = call_ok(&app, &alice, "my_appointments", &[]).await;
    let upcoming = &mine["upcoming"][0];
    assert_eq!(upcoming["status"], "pending");
    assert_eq!(upcoming["reason"], "Palpitations");
    assert_eq!(upcoming["actions"], serde_json::json!(["cancel"]));
    let fee: i64 = sqlx::query_scalar("SELECT fee_minor FROM doctors WHERE user_id = ?1")
        .bind(smith_id)
        .fetch_one(&app.state.db)
        .await
        .expect("fee");
    assert_eq!(upcoming["fee"]["minor"], fee, "the fee agreed at booking");

    let agenda =
        call_ok(&app, &smith, "doctor_agenda", &[("date", "2026-11-23"), ("period", "week")]).await;
    assert_eq!(agenda["first_day"], "2026-11-23");
    assert_eq!(agenda["pending"][0]["id"], id);
    assert_eq!(agenda["pending"][0]["patient_name"], "Alice Martin");
    assert_eq!(
        agenda["appointments"][0]["actions"],
        serde_json::json!(["accept", "reject", "cancel"])
    );

    assert_eq!(
        change(&app, &alice, id, "accept", "").await.status(),
        403,
        "patients cannot accept"
    );
    assert_eq!(change(&app, &smith, id, "delete", "").await.status(), 400);
    let response = change(&app, &smith, id, "reject", "   ").await;
    assert_eq!(
        error_of(response).await,
        AppError::Invalid(vec![FieldError::new(Field::Note, FieldErrorCode::Required)]),
        "a rejection needs a reason"
    );
    assert_eq!(
        call_ok(
            &app,
            &smith,
            "change_appointment",
            &[("appointment_id", &id.to_string()), ("action", "accept")]
        )
        .await,
        "confirmed"
    );
    assert_eq!(
        change(&app, &smith, id, "accept", "").await.status(),
        200,
        "a double click is harmless"
    );
    let response = change(&app, &smith, id, "complete", "").await;
    assert_eq!(error_of(response).await, AppError::VisitNotStarted);

    let response = change(&app, &alice, id, "cancel", "").await;
    assert_eq!(response.status(), 400, "a cancellation needs a reason");
    assert_eq!(status_of(&app, id).await, "confirmed", "nothing was written");
    assert_eq!(change(&app, &alice, id, "cancel", "Feeling better").await.status(), 200);
    let response = change(&app, &smith, id, "complete", "").await;
    assert_eq!(error_of(response).await, AppError::AppointmentChanged);

    assert!(free_starts(&app, smith_id, "2026-11-23").await.contains(&MONDAY_10AM.to_owned()));
    let again = book(&app, &bob, smith_id, MONDAY_10AM, "").await;
    assert_eq!(status_of(&app, again).await, "pending");

    let mine = call_ok(&app, &alice, "my_appointments", &[]).await;
    assert_eq!(mine["upcoming"], serde_json::json!([]));
    assert_eq!(mine["past"][0]["status"], "cancelled");
    assert_eq!(mine["past"][0]["status_note"], "Feeling better");
    assert_eq!(mine["past"][0]["status_by"], "Patient");

    let events: Vec<(Option<String>, String, Option<String>)> = sqlx::query_as(
        "SELECT from_status, to_status, actor FROM appointment_events WHERE appointment_id = ?1 ORDER BY id",
    )
    .bind(id)
    .fetch_all(&app.state.db)
    .await
    .expect("events");
    let expected = [
        (None, "held", Some("patient")),
        (Some("held"), "pending", Some("patient")),
        (Some("pending"), "confirmed", Some("doctor")),
        (Some("confirmed"), "cancelled", Some("patient")),
    ];
    let expected: Vec<_> = expected
        .iter()
        .map(|(f, t, a)| (f.map(str::to_owned), t.to_string(), a.map(str::to_owned)))
        .collect();
    assert_eq!(events, expected);
    app.stop().await;
}

#[tokio::test]
async fn visits_are_completed_or_marked_no_show_once_they_start_and_patients_cannot_cancel_late() {
    let (app, clock) = spawn_seeded_app_at(NOW).await;
    let smith_id = app.user_id("dr_smith").await;
    let (alice, bob, smith) =
        (app.signed_in("alice").await, app.signed_in("bob").await, app.signed_in("dr_smith").await);
    let first = book(&app, &alice, smith_id, MONDAY_10AM, "").await;
    let second = book(&app, &bob, smith_id, MONDAY_1030, "").await;
    let unanswered = book(&app, &app.signed_in("carol").await, smith_id, MONDAY_11AM, "").await;
    for id in [first, second] {
        assert_eq!(change(&app, &smith, id, "accept", "").await.status(), 200);
    }
    clock.advance(chrono::Duration::days(3) + chrono::Duration::hours(4)); // Monday 11:00 NY
    // Sessions idle for days have ended: sign in again.
    let (alice, smith) = (app.signed_in("alice").await, app.signed_in("dr_smith").await);
    let response = change(&app, &alice, first, "cancel", "Too late").await;
    assert_eq!(error_of(response).await, AppError::VisitStarted);
    let response = change(&app, &smith, unanswered, "accept", "").await;
    assert_eq!(error_of(response).await, AppError::VisitStarted, "too late to accept");
    assert_eq!(
        change(&app, &smith, unanswered, "reject", "Request came too late").await.status(),
        200
    );
    assert_eq!(change(&app, &smith, first, "complete", "").await.status(), 200);
    assert_eq!(change(&app, &smith, second, "no_show", "").await.status(), 200);
    assert_eq!(status_of(&app, first).await, "completed");
    assert_eq!(status_of(&app, second).await, "no_show");
    let response = change(&app, &smith, first, "no_show", "").await;
    assert_eq!(error_of(response).await, AppError::AppointmentChanged);
    app.stop().await;
}

#[tokio::test]
async fn rescheduling_moves_to_a_free_slot_atomically_and_frees_the_old_time() {
    let (app, _clock) = spawn_seeded_app_at(NOW).await;
    let (smith_id, davis_id) = (app.user_id("dr_smith").await, app.user_id("dr_davis").await);
    let (alice, bob, smith) =
        (app.signed_in("alice").await, app.signed_in("bob").await, app.signed_in("dr_smith").await);
    let id = book(&app, &alice, smith_id, MONDAY_10AM, "Follow-up").await;
    change(&app, &smith, id, "accept", "").await.error_for_status().expect("accepted");
    book(&app, &bob, smith_id, MONDAY_1030, "").await;
    book(&app, &alice, davis_id, MONDAY_2PM, "").await;
    let move_to = |start: &'static str| {
        let (app, alice) = (&app, &alice);
        async move {
            app.call(
                alice,
                "reschedule_appointment",
                &[("appointment_id", &id.to_string()), ("start", start)],
            )
            .await
        }
    };
    let cases = [
        ("banana", AppError::SlotRefused(SlotRefusal::InvalidFormat)),
        (MONDAY_1030, AppError::SlotRefused(SlotRefusal::Taken)),
        ("2026-11-23T18:00:00Z", AppError::SlotRefused(SlotRefusal::NotWorkingTime)),
        ("2026-11-19T15:00:00Z", AppError::SlotRefused(SlotRefusal::InPast)),
        (MONDAY_2PM, AppError::PatientBusy),
    ];
    for (start, expected) in cases {
        assert_eq!(error_of(move_to(start).await).await, expected, "{start}");
    }
    let answer = move_to(MONDAY_11AM).await;
    assert_eq!(answer.status(), 200);
    let (start, status): (i64, String) =
        sqlx::query_as("SELECT start_at, status FROM appointments WHERE id = ?1")
            .bind(id)
            .fetch_one(&app.state.db)
            .await
            .expect("row");
    assert_eq!(start, chrono::DateTime::parse_from_rfc3339(MONDAY_11AM).expect("t").timestamp());
    assert_eq!(status, "confirmed", "the new time is one the doctor offers");
    let free = free_starts(&app, smith_id, "2026-11-23").await;
    assert!(free.contains(&MONDAY_10AM.to_owned()), "the old time is free again");
    assert!(!free.contains(&MONDAY_11AM.to_owned()));
    book(&app, &app.signed_in("carol").await, smith_id, MONDAY_10AM, "").await;

    change(&app, &alice, id, "cancel", "Moving away").await.error_for_status().expect("cancel");
    assert_eq!(error_of(move_to("2026-11-23T16:30:00Z").await).await, AppError::AppointmentChanged);
    app.stop().await;
}

#[tokio::test]
async fn a_released_hold_frees_the_time_and_the_confirmation_step_shows_the_hold() {
    let (app, _clock) = spawn_seeded_app_at(NOW).await;
    let smith_id = app.user_id("dr_smith").await;
    let alice = app.signed_in("alice").await;
    let held = call_ok(
        &app,
        &alice,
        "hold_slot",
        &[("doctor_id", &smith_id.to_string()), ("start", MONDAY_10AM)],
    )
    .await;
    let id = held["appointment_id"].as_i64().expect("id").to_string();
    let details: HoldConfirmation =
        call(&app, &alice, "hold_details", &[("appointment_id", &id)]).await;
    assert_eq!(details.hold.doctor_name, "Dr. John Smith");
    assert_eq!(details.hold.doctor_time_zone.name(), "America/New_York");
    assert_eq!(details.specialty, "Cardiology");
    let key = details.booking_key.as_str();
    assert_eq!(key.len(), 32);
    let again: HoldConfirmation =
        call(&app, &alice, "hold_details", &[("appointment_id", &id)]).await;
    assert_ne!(again.booking_key.as_str(), key, "a fresh key for every confirmation page");
    assert!(!free_starts(&app, smith_id, "2026-11-23").await.contains(&MONDAY_10AM.to_owned()));

    let accept_own_hold = change(&app, &alice, id.parse().expect("id"), "accept", "").await;
    assert_eq!(
        error_of(accept_own_hold).await,
        AppError::AppointmentChanged,
        "holds are only booked"
    );
    let cancel_hold = change(&app, &alice, id.parse().expect("id"), "cancel", "x").await;
    assert_eq!(error_of(cancel_hold).await, AppError::AppointmentChanged);
    call_ok(&app, &alice, "release_hold", &[("appointment_id", &id)]).await;
    assert!(free_starts(&app, smith_id, "2026-11-23").await.contains(&MONDAY_10AM.to_owned()));
    let response = app.call(&alice, "hold_details", &[("appointment_id", &id)]).await;
    assert_eq!(error_of(response).await, AppError::HoldExpired);
    call_ok(&app, &alice, "release_hold", &[("appointment_id", &id)]).await;
    app.stop().await;
}

#[tokio::test]
async fn one_patient_racing_two_doctors_for_the_same_time_ends_with_one_appointment() {
    let (app, _clock) = spawn_seeded_app_at(NOW).await;
    let doctors = [app.user_id("dr_smith").await, app.user_id("dr_davis").await];
    let app = std::sync::Arc::new(app);
    let starts = [
        "2026-11-23T15:00:00Z",
        "2026-11-23T15:30:00Z",
        "2026-11-23T16:00:00Z",
        "2026-11-23T16:30:00Z",
        "2026-11-27T15:00:00Z",
        "2026-11-27T15:30:00Z",
    ];
    for start in starts {
        let mut tasks = Vec::new();
        for doctor in doctors {
            // Two tabs of the same patient, each with its own session.
            let client = app.signed_in("alice").await;
            let app = app.clone();
            tasks.push(tokio::spawn(async move {
                let held = app
                    .call(
                        &client,
                        "hold_slot",
                        &[("doctor_id", &doctor.to_string()), ("start", start)],
                    )
                    .await;
                if held.status() != 200 {
                    return error_of(held).await.code().to_owned();
                }
                let held: serde_json::Value = held.json().await.expect("json");
                let id = held["appointment_id"].to_string();
                let booked = app
                    .call(
                        &client,
                        "book_held_slot",
                        &paying_by_card(&[
                            ("appointment_id", &id),
                            ("reason", ""),
                            ("idempotency_key", &format!("race-key-{id}")),
                        ]),
                    )
                    .await;
                if booked.status() == 200 {
                    "booked".to_owned()
                } else {
                    error_of(booked).await.code().to_owned()
                }
            }));
        }
        let mut answers = Vec::new();
        for task in tasks {
            answers.push(task.await.expect("task"));
        }
        for answer in &answers {
            assert!(
                ["booked", "patient_busy", "hold_expired", "slot_taken"].contains(&answer.as_str()),
                "{start}: {answers:?}"
            );
        }
        let active: i64 = sqlx::query_scalar(
            "SELECT COUNT(*) FROM appointments WHERE patient_id = ?1 AND start_at = ?2 \
             AND status IN ('held', 'pending', 'confirmed')",
        )
        .bind(app.user_id("alice").await)
        .bind(chrono::DateTime::parse_from_rfc3339(start).expect("t").timestamp())
        .fetch_one(&app.state.db)
        .await
        .expect("count");
        assert_eq!(active, 1, "{start}: {answers:?}");
        assert_eq!(answers.iter().filter(|a| *a == "booked").count(), 1, "{start}: {answers:?}");
    }
}
