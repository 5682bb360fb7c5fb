//! Abuse limits: sign-in backoff per account (counted in SQLite, surviving a restart), limits
//! per client address and per patient answered 429 with Retry-After, and the cap on upcoming
//! appointments per patient.

use crate::helpers::*;
use medibook::error::AppError;
use std::sync::Arc;

const NOW: &str = "2026-11-20T12:00:00Z";
const MONDAY_10AM: &str = "2026-11-23T15:00:00Z";

async fn retry_after(response: reqwest::Response) -> (u64, AppError) {
    assert_eq!(response.status(), 429);
    let seconds = response
        .headers()
        .get("retry-after")
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse().ok())
        .expect("a Retry-After header");
    (seconds, error_of(response).await)
}

#[tokio::test]
async fn sixty_parallel_wrong_passwords_get_a_few_tries_then_a_backoff_that_survives_a_restart() {
    let (app, clock) = spawn_seeded_app_configured(NOW, |config| {
        config.limits.sign_in_failures_before_backoff = 5;
    })
    .await;
    let app = Arc::new(app);
    let tasks: Vec<_> = (0..60)
        .map(|n| {
            let app = app.clone();
            tokio::spawn(async move {
                app.login(&app.client(), "alice", &format!("wrong password {n}")).await.status()
            })
        })
        .collect();
    let mut statuses = Vec::new();
    for task in tasks {
        statuses.push(task.await.expect("task").as_u16());
    }
    let tried = statuses.iter().filter(|s| **s == 401).count();
    let refused = statuses.iter().filter(|s| **s == 429).count();
    assert_eq!(tried + refused, 60, "{statuses:?}");
    assert!((5..=6).contains(&tried), "five free tries, then the wait: {tried} checked");

    // Even the right password waits now, and the answer says how long.
    let (seconds, error) = retry_after(app.login(&app.client(), "alice", PASSWORD).await).await;
    assert!(matches!(error, AppError::RateLimited { .. }));
    assert!((1..=2).contains(&seconds), "{seconds}");
    // An unknown name is throttled the same way: the throttle says nothing about accounts.
    for n in 0..6 {
        app.login(&app.client(), "nobody-here", &format!("guess {n}")).await;
    }
    assert_eq!(app.login(&app.client(), "nobody-here", "guess").await.status(), 429);

    // Counted in SQLite: a restart does not reset it.
    let app = Arc::into_inner(app).expect("one owner");
    let dir = app.stop().await;
    let config = {
        let mut config = test_config(&dir.as_ref().expect("dir").path().join("test.db"));
        config.limits.sign_in_failures_before_backoff = 5;
        config
    };
    let app = spawn_app_with_clock(config.clone(), Arc::new(clock.clone())).await;
    assert_eq!(app.login(&app.client(), "alice", PASSWORD).await.status(), 429);
    // After the wait, the right password works and the count starts again.
    clock.advance(chrono::Duration::seconds(2));
    assert_eq!(app.login(&app.client(), "alice", PASSWORD).await.status(), 200);
    assert_eq!(app.count("sign_in_failures").await, 1, "only the unknown name is remembered");
    app.stop().await;
    drop(dir);
}

#[tokio::test]
async fn a_client_address_has_its_sign_in_allowance_and_is_told_when_to_come_back() {
    let (app, _clock) = spawn_seeded_app_configured(NOW, |config| {
        config.limits.sign_in_per_address_per_minute = 3;
    })
    .await;
    // The test harness signed its admin in from this address already: two tries are left.
    for _ in 0..2 {
        assert_ne!(app.login(&app.client(), "bob", "not it").await.status(), 429);
    }
    let (seconds, error) = retry_after(app.login(&app.client(), "bob", PASSWORD).await).await;
    assert_eq!(error.code(), "rate_limited");
    assert!((1..=20).contains(&seconds), "{seconds}");
    app.stop().await;
}

#[tokio::test]
async fn a_patients_holds_are_limited_and_a_retry_after_the_wait_works() {
    let (app, _clock) = spawn_seeded_app_configured(NOW, |config| {
        config.limits.bookings_per_patient_per_minute = 60;
    })
    .await;
    let smith = app.user_id("dr_smith").await.to_string();
    let alice = app.signed_in("alice").await;
    let form = [("doctor_id", smith.as_str()), ("start", MONDAY_10AM)];
    let hold = || app.call(&alice, "hold_slot", &form);
    for _ in 0..60 {
        assert_eq!(hold().await.status(), 200);
    }
    let (seconds, _) = retry_after(hold().await).await;
    assert_eq!(seconds, 1, "one more each second");
    tokio::time::sleep(std::time::Duration::from_millis(1100)).await;
    assert_eq!(hold().await.status(), 200, "the retry after the wait works");
    app.stop().await;
}

#[tokio::test]
async fn a_patient_holds_at_most_the_configured_number_of_upcoming_appointments() {
    let (app, _clock) = spawn_seeded_app_configured(NOW, |config| {
        config.booking.max_future_appointments = 2;
    })
    .await;
    let smith = app.user_id("dr_smith").await;
    let alice = app.signed_in("alice").await;
    book(&app, &alice, smith, MONDAY_10AM, "").await;
    book(&app, &alice, smith, "2026-11-23T16:00:00Z", "").await;
    let third = app
        .call(
            &alice,
            "hold_slot",
            &[("doctor_id", &smith.to_string()), ("start", "2026-11-23T19:00:00Z")],
        )
        .await;
    assert_eq!(third.status(), 409);
    assert_eq!(error_of(third).await, AppError::TooManyAppointments);
    let bob = app.signed_in("bob").await;
    let other = app
        .call(
            &bob,
            "hold_slot",
            &[("doctor_id", &smith.to_string()), ("start", "2026-11-23T19:00:00Z")],
        )
        .await;
    assert_eq!(other.status(), 200, "the cap is per patient");
    app.stop().await;
}

#[tokio::test]
async fn forwarded_addresses_count_only_from_a_trusted_proxy() {
    let limited = |trusted: bool| async move {
        let (app, _clock) = spawn_seeded_app_configured(NOW, |config| {
            config.limits.sign_in_per_address_per_minute = 2;
            if trusted {
                config.site.trusted_proxies = vec!["127.0.0.1".parse().expect("ip")];
            }
        })
        .await;
        let mut statuses = Vec::new();
        for n in 0..4 {
            let response = app
                .client()
                .post(format!("{}/api/login", app.address))
                .header("origin", &app.address)
                .header("x-forwarded-for", format!("198.51.100.{n}"))
                .form(&[("login", "carol"), ("password", "nope")])
                .send()
                .await
                .expect("sent");
            statuses.push(response.status().as_u16());
        }
        app.stop().await;
        statuses
    };
    assert_eq!(limited(true).await, vec![401, 401, 401, 401], "four clients behind our proxy");
    // Untrusted: the header is ignored and all four share 127.0.0.1 with the harness's admin
    // sign-in, so one try is left of two.
    assert_eq!(limited(false).await, vec![401, 429, 429, 429], "a header from anyone is ignored");
}

#[tokio::test]
async fn a_hold_taken_under_the_cap_is_not_booked_over_it_and_the_card_is_not_charged() {
    // A patient has one hold at a time, so the cap can only be crossed between a hold and its
    // booking by the clinic lowering it (a restart with a new setting): checked again there.
    let (app, _clock) = spawn_seeded_app_configured(NOW, |config| {
        config.booking.max_future_appointments = 2;
    })
    .await;
    let smith = app.user_id("dr_smith").await;
    let alice = app.signed_in("alice").await;
    book(&app, &alice, smith, MONDAY_10AM, "").await;
    let held: medibook::dto::hold_view::HoldView = call(
        &app,
        &alice,
        "hold_slot",
        &[("doctor_id", &smith.to_string()), ("start", "2026-11-23T16:00:00Z")],
    )
    .await;
    medibook::server::appointments::set_max_future(&app.state.writer, 1).await.expect("lowered");
    let id = held.appointment_id.to_string();
    let form =
        [("appointment_id", id.as_str()), ("reason", ""), ("idempotency_key", "lowered-cap")];
    let response = app.call(&alice, "book_held_slot", &paying_by_card(&form)).await;
    assert_eq!(response.status(), 409);
    assert_eq!(error_of(response).await, AppError::TooManyAppointments);
    let db = app.state.db.clone();
    let count = |sql: &'static str| {
        let db = db.clone();
        async move { sqlx::query_scalar::<_, i64>(sql).fetch_one(&db).await.expect("count") }
    };
    let booked = "SELECT COUNT(*) FROM appointments WHERE status IN ('pending', 'confirmed')";
    assert_eq!(count(booked).await, 1);
    assert_eq!(
        count("SELECT COUNT(*) FROM ledger_transactions WHERE kind = 'payment'").await,
        1,
        "only the first booking's payment: the second card was never charged"
    );

    // The trigger itself refuses the write whatever the code before it checked.
    let refused = sqlx::query("UPDATE appointments SET status = 'confirmed' WHERE id = ?1")
        .bind(held.appointment_id.0)
        .execute(&app.state.writer)
        .await
        .expect_err("refused");
    assert!(refused.to_string().contains("MB_TOO_MANY_APPOINTMENTS"), "{refused}");
    app.stop().await;
}
