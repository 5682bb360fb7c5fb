//! Closing an account: refused while appointments are to come or money is held; then sign-in
//! ends everywhere and personal data is erased, while appointments, the ledger, the event log
//! and reviews stay whole (the review shown as anonymous). SQLite keeps a closed account closed.

use crate::helpers::*;
use medibook::error::AppError;

/// Friday 20 November 2026, noon UTC; dr_smith works Monday 15:00-18:00 UTC.
const NOW: &str = "2026-11-20T12:00:00Z";
const MONDAY_3PM: &str = "2026-11-23T15:00:00Z";

async fn close(
    app: &TestApp,
    client: &reqwest::Client,
    password: &str,
    understood: bool,
) -> reqwest::Response {
    let mut form = vec![("password", password)];
    if understood {
        form.push(("understood", "yes"));
    }
    app.call(client, "close_account", &form).await
}

async fn field_of(response: reqwest::Response) -> String {
    match error_of(response).await {
        AppError::Invalid(fields) => fields[0].field.as_str().to_owned(),
        other => panic!("expected a field error, got {other:?}"),
    }
}

#[tokio::test]
async fn a_patient_closes_their_account_and_only_what_others_must_keep_stays() {
    let (app, clock) = spawn_seeded_app_at(NOW).await;
    let smith = app.user_id("dr_smith").await;
    let erin = app.verified_patient("erin").await;
    let erin_elsewhere = app.signed_in("erin").await;
    let erin_id = app.user_id("erin").await;
    let visit = book(&app, &erin, smith, MONDAY_3PM, "Chest pain").await;
    let doctor = app.signed_in("dr_smith").await;
    assert_eq!(change(&app, &doctor, visit, "accept", "").await.status(), 200);

    // Refused: a visit still to come; a wrong password; the box not ticked.
    assert_eq!(
        error_of(close(&app, &erin, PASSWORD, true).await).await,
        AppError::AccountHasUpcomingVisits
    );
    clock.advance(chrono::Duration::days(3) + chrono::Duration::hours(10));
    let doctor = app.signed_in("dr_smith").await;
    assert_eq!(change(&app, &doctor, visit, "complete", "").await.status(), 200);
    let erin = app.signed_in("erin").await;
    let erin_elsewhere_too = app.signed_in("erin").await;
    let review = app
        .call(
            &erin,
            "write_review",
            &[("appointment_id", &visit.to_string()), ("stars", "5"), ("review_body", "Kind.")],
        )
        .await;
    assert_eq!(review.status(), 200);
    assert_eq!(field_of(close(&app, &erin, "wrong password", true).await).await, "password");
    assert_eq!(field_of(close(&app, &erin, PASSWORD, false).await).await, "understood");
    assert_eq!(app.whoami(&erin).await.as_deref(), Some("erin"), "nothing happened yet");

    let (events, entries, appointments) = (
        app.count("appointment_events").await,
        app.count("ledger_entries").await,
        app.count("appointments").await,
    );
    let closed = close(&app, &erin, PASSWORD, true).await;
    assert_eq!(closed.status(), 200, "{}", closed.text().await.unwrap_or_default());

    // Signed out here and on every other device; the old credentials open nothing.
    assert_eq!(app.whoami(&erin).await, None);
    assert_eq!(app.whoami(&erin_elsewhere).await, None);
    assert_eq!(app.whoami(&erin_elsewhere_too).await, None);
    assert_eq!(app.login(&app.client(), "erin", PASSWORD).await.status(), 401);
    assert_eq!(app.login(&app.client(), "erin@example.com", PASSWORD).await.status(), 401);

    // Personal data gone; the row others point at says only "Closed account".
    let row: (String, String, String, Option<String>, Option<String>, bool, Option<i64>) = sqlx::query_as(
        "SELECT username, email, full_name, phone, date_of_birth, is_active, closed_at FROM users WHERE id = ?1",
    )
    .bind(erin_id)
    .fetch_one(&app.state.db)
    .await
    .expect("the row is kept");
    assert_eq!(row.2, "Closed account");
    assert!(row.0.starts_with("closed-") && row.1.ends_with("@closed.invalid"), "{row:?}");
    assert_eq!((row.3, row.4, row.5), (None, None, false));
    assert!(row.6.is_some());
    let profiles: i64 =
        sqlx::query_scalar("SELECT count(*) FROM patient_profiles WHERE user_id = ?1")
            .bind(erin_id)
            .fetch_one(&app.state.db)
            .await
            .expect("count");
    assert_eq!(profiles, 0);
    // What the clinic keeps is whole: the visit, its events, the money's trail.
    assert_eq!(app.count("appointments").await, appointments);
    assert_eq!(app.count("appointment_events").await, events);
    assert_eq!(app.count("ledger_entries").await, entries);
    assert_eq!(status_of(&app, visit).await, "completed");
    // The review stays, no longer under the patient's name.
    let reviews: serde_json::Value =
        call(&app, &app.client(), "reviews_of_doctor", &[("doctor_id", &smith.to_string())]).await;
    let author = reviews["reviews"][0]["author"].as_str().unwrap_or_default().to_owned();
    assert!(!author.contains("Closed") && !author.contains("Erin"), "{author}");
    // The last mail goes to the old address.
    app.run_jobs().await;
    let mails = app.mails_to("erin@example.com").await;
    assert!(mails.iter().any(|(_, subject, _)| subject.contains("account is closed")), "{mails:?}");

    // SQLite keeps it closed, whatever code writes.
    for statement in [
        "UPDATE users SET is_active = 1 WHERE id = ?1",
        "UPDATE users SET full_name = 'Erin Again' WHERE id = ?1",
        "UPDATE users SET phone = '+15551234567', date_of_birth = '1990-01-01', closed_at = NULL WHERE id = ?1",
    ] {
        let refused = sqlx::query(statement).bind(erin_id).execute(&app.state.db).await;
        assert!(refused.is_err_and(|e| e.to_string().contains("MB_ACCOUNT_CLOSED")), "{statement}");
    }
}

#[tokio::test]
async fn money_held_for_the_person_keeps_the_account_open() {
    let (app, _clock) = spawn_seeded_app_at(NOW).await;
    let frank = app.verified_patient("frank").await;
    let deposit = [
        ("amount", "10"),
        ("currency", "USD"),
        ("card_number", "4242 4242 4242 4242"),
        ("card_expiry", "12/30"),
        ("card_cvc", "123"),
        ("card_holder", "Frank Doe"),
        ("idempotency_key", "frank-deposit-1"),
    ];
    call_ok(&app, &frank, "deposit", &deposit).await;
    assert_eq!(
        error_of(close(&app, &frank, PASSWORD, true).await).await,
        AppError::AccountHoldsMoney
    );
    assert_eq!(app.whoami(&frank).await.as_deref(), Some("frank"));
    // Admins do not close their account this way.
    let admin = app.signed_in("admin").await;
    assert_eq!(close(&app, &admin, PASSWORD, true).await.status(), 403);
    assert_eq!(close(&app, &app.client(), PASSWORD, true).await.status(), 401);
}

#[tokio::test]
async fn a_doctor_closes_their_account_and_leaves_the_directory() {
    let (app, _clock) = spawn_seeded_app_at(NOW).await;
    app.register_doctor("dr_gray", "LIC-GRAY-1").await.error_for_status().expect("registered");
    let gray = app.user_id("dr_gray").await;
    let admin = app.signed_in("admin").await;
    assert_eq!(
        app.call(&admin, "verify_doctor", &[("user_id", &gray.to_string())]).await.status(),
        200
    );
    let listed = |app: &TestApp| {
        let db = app.state.db.clone();
        async move {
            sqlx::query_scalar::<_, bool>("SELECT listed FROM doctors WHERE user_id = ?1")
                .bind(gray)
                .fetch_one(&db)
                .await
                .expect("listed")
        }
    };
    assert!(listed(&app).await);
    let doctor = app.signed_in("dr_gray").await;
    let closed = close(&app, &doctor, PASSWORD, true).await;
    assert_eq!(closed.status(), 200, "{}", closed.text().await.unwrap_or_default());
    assert!(!listed(&app).await, "out of the directory");
    let (licence, bio, languages): (String, String, i64) = sqlx::query_as(
        "SELECT licence_number, bio, (SELECT count(*) FROM doctor_languages WHERE doctor_id = ?1) FROM doctors WHERE user_id = ?1",
    )
    .bind(gray)
    .fetch_one(&app.state.db)
    .await
    .expect("doctor row kept");
    assert_eq!(
        (licence.as_str(), bio.as_str(), languages),
        (format!("CLOSED-{gray}").as_str(), "", 0)
    );
    let profile =
        app.call(&app.client(), "doctor_public", &[("doctor_id", &gray.to_string())]).await;
    assert_eq!(profile.status(), 404, "the public profile is gone");
    // Nobody books with a closed account, whatever code writes.
    let alice = app.user_id("alice").await;
    let refused = sqlx::query(
        "INSERT INTO appointments (doctor_id, patient_id, start_at, end_at, blocked_from, blocked_until, status, created_at, updated_at) \
         VALUES (?1, ?2, 1900000000, 1900001800, 1900000000, 1900001800, 'pending', 0, 0)",
    )
    .bind(gray)
    .bind(alice)
    .execute(&app.state.db)
    .await;
    assert!(refused.is_err_and(|e| e.to_string().contains("MB_ACCOUNT_CLOSED")));
}
