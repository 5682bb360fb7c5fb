//! Password reset by an emailed code: the flow, other sessions ended, and nothing revealed
//! about which addresses are registered.
use crate::helpers::*;
use chrono::Duration;
use medibook::error::AppError;

const NOW: &str = "2026-11-20T12:00:00Z";
const ALICE: &str = "alice@medibook.local";
const NEW_PASSWORD: &str = "a brand new passphrase";

async fn request(app: &TestApp, email: &str) -> (u16, String) {
    let response = app.call(&app.client(), "request_password_reset", &[("email", email)]).await;
    (response.status().as_u16(), response.text().await.expect("body"))
}

async fn reset(app: &TestApp, email: &str, code: &str, password: &str) -> Result<(), AppError> {
    let form = [("email", email), ("code", code), ("new_password", password)];
    let response = app.call(&app.client(), "reset_password", &form).await;
    if response.status() == 200 { Ok(()) } else { Err(error_of(response).await) }
}

fn wrong(code: &str) -> String {
    let first = if code.starts_with('9') { '0' } else { '9' };
    format!("{first}{}", &code[1..])
}

#[tokio::test]
async fn a_reset_code_sets_a_new_password_and_ends_every_session() {
    let (app, _clock) = spawn_seeded_app_at(NOW).await;
    let elsewhere = app.signed_in("alice").await;
    assert_eq!(request(&app, "  Alice@MediBook.local ").await.0, 200);
    let code = app.latest_code(ALICE).await;
    let mails = app.mails_to(ALICE).await;
    assert!(mails[0].0.contains("password reset code") && mails[0].2.contains(&code));

    assert_eq!(
        reset(&app, ALICE, &code, "short").await.map_err(|e| e.code()),
        Err("invalid_input"),
        "the holder of the code hears the password rules, and the code is not used up"
    );
    assert_eq!(reset(&app, ALICE, &code, NEW_PASSWORD).await, Ok(()));
    assert_eq!(app.whoami(&elsewhere).await, None, "the other session ended");
    assert_eq!(app.login(&app.client(), "alice", PASSWORD).await.status(), 401);
    assert_eq!(app.login(&app.client(), "alice", NEW_PASSWORD).await.status(), 200);
    assert_eq!(
        reset(&app, ALICE, &code, "yet another passphrase").await,
        Err(AppError::ResetCodeInvalid),
        "a code works once"
    );
    app.stop().await;
}

#[tokio::test]
async fn requesting_a_reset_reveals_nothing_about_unknown_addresses() {
    let (app, _clock) = spawn_seeded_app_at(NOW).await;
    let known = request(&app, ALICE).await;
    let unknown = request(&app, "nobody@example.com").await;
    assert_eq!(known, unknown, "the same status and body");
    assert_eq!(known.0, 200);
    app.run_jobs().await;
    assert_eq!(app.count("mail_outbox").await, 1, "only the real address got mail");
    assert_eq!(
        reset(&app, "nobody@example.com", "123456", NEW_PASSWORD).await,
        Err(AppError::ResetCodeInvalid)
    );
    assert_eq!(
        reset(&app, ALICE, "not a code", NEW_PASSWORD).await,
        Err(AppError::ResetCodeInvalid),
        "the same answer for a registered address"
    );
    let (status, body) = request(&app, "not-an-email").await;
    assert_eq!(status, 400, "{body}");
    app.stop().await;
}

#[tokio::test]
async fn reset_codes_have_the_same_limits_as_verification_codes() {
    let (app, clock) = spawn_seeded_app_at(NOW).await;
    request(&app, ALICE).await;
    let code = app.latest_code(ALICE).await;
    for _ in 0..5 {
        assert_eq!(
            reset(&app, ALICE, &wrong(&code), NEW_PASSWORD).await,
            Err(AppError::ResetCodeInvalid)
        );
    }
    assert_eq!(
        reset(&app, ALICE, &code, NEW_PASSWORD).await,
        Err(AppError::ResetCodeInvalid),
        "dead after five wrong guesses"
    );
    assert_eq!(request(&app, ALICE).await.0, 200, "too soon: same answer, nothing sent");
    assert_eq!(app.run_jobs().await, 0);
    clock.advance(Duration::seconds(60));
    request(&app, ALICE).await;
    let fresh = app.latest_code(ALICE).await;
    clock.advance(Duration::minutes(10));
    assert_eq!(
        reset(&app, ALICE, &fresh, NEW_PASSWORD).await,
        Err(AppError::ResetCodeInvalid),
        "expired"
    );
    assert_eq!(app.login(&app.client(), "alice", PASSWORD).await.status(), 200, "unchanged");
    app.stop().await;
}

#[tokio::test]
async fn every_failed_reset_gets_one_answer_after_the_same_work_whoever_the_address_belongs_to() {
    let (app, _clock) = spawn_seeded_app_at(NOW).await;
    request(&app, ALICE).await;
    let code = app.latest_code(ALICE).await;
    let timed = |email: &'static str, code: String, password: &'static str| {
        let app = &app;
        async move {
            let form = [("email", email), ("code", code.as_str()), ("new_password", password)];
            let started = std::time::Instant::now();
            let response = app.call(&app.client(), "reset_password", &form).await;
            let status = response.status();
            let body = response.text().await.expect("body");
            (status, body, started.elapsed())
        }
    };
    // A weak password (even one containing the username) with a wrong code says nothing about
    // the account: the code is checked first, with the same work for an unknown address.
    // Timed in pairs, in alternating order, and compared by the median of the pairs'
    // differences: load from other tests on the machine slows both of a pair alike.
    let (mut known, mut differences) = (Vec::new(), Vec::new());
    for round in 0..40 {
        let ((k_status, k_body, k_time), (u_status, u_body, u_time)) = if round % 2 == 0 {
            let k = timed(ALICE, wrong(&code), "alice").await;
            (k, timed("nobody@example.com", wrong(&code), "alice").await)
        } else {
            let u = timed("nobody@example.com", wrong(&code), "alice").await;
            (timed(ALICE, wrong(&code), "alice").await, u)
        };
        assert_eq!((k_status, &k_body), (u_status, &u_body), "round {round}");
        assert_eq!(k_status, 400);
        assert_eq!(
            serde_json::from_str::<AppError>(&k_body).ok(),
            Some(AppError::ResetCodeInvalid)
        );
        known.push(k_time.as_secs_f64() * 1000.0);
        differences.push((k_time.as_secs_f64() - u_time.as_secs_f64()) * 1000.0);
    }
    let median = |values: &mut Vec<f64>| {
        values.sort_by(f64::total_cmp);
        values[values.len() / 2]
    };
    let (known, difference) = (median(&mut known), median(&mut differences));
    let tolerance = (known * 0.35).max(10.0);
    assert!(
        difference.abs() <= tolerance,
        "a registered address took {difference:.1} ms longer (median of pairs; {known:.1} ms each)"
    );
    app.stop().await;
}
