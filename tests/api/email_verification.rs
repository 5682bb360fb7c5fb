//! Verifying an email address with a one-time code: the mail, the limits, the worker.
use crate::helpers::*;
use chrono::Duration;
use medibook::domain::otp::{CodeRefusal, ResendRefusal};
use medibook::error::AppError;

const NOW: &str = "2026-11-20T12:00:00Z";
const EMAIL: &str = "newbie@example.com";

/// Registers and signs in `newbie`.
async fn newbie(app: &TestApp) -> reqwest::Client {
    let response = app.register_patient("newbie").await;
    assert_eq!(response.status(), 200, "{}", response.text().await.unwrap_or_default());
    app.signed_in("newbie").await
}

async fn verify(app: &TestApp, client: &reqwest::Client, code: &str) -> Result<(), AppError> {
    let response = app.call(client, "verify_email", &[("code", code)]).await;
    if response.status() == 200 { Ok(()) } else { Err(error_of(response).await) }
}

async fn resend(app: &TestApp, client: &reqwest::Client) -> Result<bool, AppError> {
    let response = app.call(client, "resend_verification_code", &[]).await;
    if response.status() == 200 {
        Ok(response.json().await.expect("json"))
    } else {
        Err(error_of(response).await)
    }
}

async fn verified(app: &TestApp) -> bool {
    sqlx::query_scalar::<_, Option<i64>>(
        "SELECT email_verified_at FROM users WHERE username = 'newbie'",
    )
    .fetch_one(&app.state.db)
    .await
    .expect("user")
    .is_some()
}

fn wrong(code: &str) -> String {
    let first = if code.starts_with('9') { '0' } else { '9' };
    format!("{first}{}", &code[1..])
}

#[tokio::test]
async fn registration_mails_a_code_that_is_stored_only_as_a_hash_and_verifies_the_address() {
    let (app, _clock) = spawn_seeded_app_at(NOW).await;
    let client = newbie(&app).await;
    assert_eq!(app.count("mail_outbox").await, 0, "mail goes out from the worker, not the request");
    let code = app.latest_code(EMAIL).await;
    assert!(code.len() == 6 && code.bytes().all(|b| b.is_ascii_digit()), "{code}");
    let mails = app.mails_to(EMAIL).await;
    assert_eq!(mails.len(), 1);
    let (_, text, html) = &mails[0];
    assert!(text.contains(&code) && html.contains(&code) && html.contains("Jane Tester"));
    let leaks: i64 = sqlx::query_scalar::<_, i64>(
        "SELECT COUNT(*) FROM otp_codes WHERE code_hash LIKE '%' || ?1 || '%' \
         UNION ALL SELECT COUNT(*) FROM jobs WHERE payload LIKE '%' || ?1 || '%'",
    )
    .bind(&code)
    .fetch_all(&app.state.db)
    .await
    .expect("leaks")
    .into_iter()
    .sum();
    assert_eq!(leaks, 0, "neither the code table nor the sent job keeps the code");
    assert!(!verified(&app).await);

    assert_eq!(
        verify(&app, &client, "banana").await,
        Err(AppError::WrongCode { attempts_left: 5 })
    );
    assert_eq!(verify(&app, &client, &code).await, Ok(()));
    assert!(verified(&app).await);
    assert_eq!(
        verify(&app, &client, &code).await,
        Err(AppError::CodeRefused(CodeRefusal::NoCode)),
        "a code works once"
    );
    assert_eq!(resend(&app, &client).await, Ok(false), "nothing to send once verified");
    app.stop().await;
}

#[tokio::test]
async fn five_wrong_guesses_kill_the_code_and_a_resent_code_works() {
    let (app, clock) = spawn_seeded_app_at(NOW).await;
    let client = newbie(&app).await;
    let code = app.latest_code(EMAIL).await;
    for left in (0..5).rev() {
        assert_eq!(
            verify(&app, &client, &wrong(&code)).await,
            Err(AppError::WrongCode { attempts_left: left })
        );
    }
    assert_eq!(
        verify(&app, &client, &code).await,
        Err(AppError::CodeRefused(CodeRefusal::TooManyAttempts)),
        "dead even with the right code"
    );
    assert!(matches!(
        resend(&app, &client).await,
        Err(AppError::ResendRefused(ResendRefusal::TooSoon { .. }))
    ));
    clock.advance(Duration::seconds(60));
    assert_eq!(resend(&app, &client).await, Ok(true));
    let fresh = app.latest_code(EMAIL).await;
    assert_eq!(app.mails_to(EMAIL).await.len(), 2);
    if fresh != code {
        assert_eq!(
            verify(&app, &client, &code).await,
            Err(AppError::WrongCode { attempts_left: 4 }),
            "the old code is superseded"
        );
    }
    assert_eq!(verify(&app, &client, &fresh).await, Ok(()));
    assert!(verified(&app).await);
    app.stop().await;
}

#[tokio::test]
async fn a_code_expires_after_ten_minutes_and_codes_are_capped_per_hour() {
    let (app, clock) = spawn_seeded_app_at(NOW).await;
    let client = newbie(&app).await;
    let code = app.latest_code(EMAIL).await;
    clock.advance(Duration::minutes(10));
    assert_eq!(
        verify(&app, &client, &code).await,
        Err(AppError::CodeRefused(CodeRefusal::Expired))
    );
    // Registration sent the first code; four more fit in the hour, the sixth does not.
    for _ in 0..4 {
        clock.advance(Duration::seconds(61));
        assert_eq!(resend(&app, &client).await, Ok(true));
    }
    clock.advance(Duration::seconds(61));
    assert!(matches!(
        resend(&app, &client).await,
        Err(AppError::ResendRefused(ResendRefusal::HourlyCap { .. }))
    ));
    assert_eq!(app.count("otp_codes").await, 5);
    clock.advance(Duration::minutes(60));
    assert_eq!(resend(&app, &client).await, Ok(true), "an hour later");
    app.stop().await;
}

#[tokio::test]
async fn parallel_guesses_never_get_more_than_five_tries() {
    let (app, _clock) = spawn_seeded_app_at(NOW).await;
    let client = newbie(&app).await;
    let code = app.latest_code(EMAIL).await;
    let guess = wrong(&code);
    let mut racing = tokio::task::JoinSet::new();
    for _ in 0..20 {
        let (client, address, guess) = (client.clone(), app.address.clone(), guess.clone());
        racing.spawn(async move {
            let response = client
                .post(format!("{address}/api/verify_email"))
                .header(reqwest::header::ORIGIN, &address)
                .form(&[("code", guess.as_str())])
                .send()
                .await
                .expect("sent");
            error_of(response).await
        });
    }
    let answers: Vec<AppError> = racing.join_all().await;
    let wrong_answers = answers.iter().filter(|a| matches!(a, AppError::WrongCode { .. })).count();
    assert!(wrong_answers <= 5, "{answers:?}");
    let failed: i64 = sqlx::query_scalar("SELECT failed_attempts FROM otp_codes")
        .fetch_one(&app.state.db)
        .await
        .expect("code");
    assert!(failed <= 5, "{failed}");
    assert_eq!(
        verify(&app, &client, &code).await,
        Err(AppError::CodeRefused(CodeRefusal::TooManyAttempts))
    );
    app.stop().await;
}

#[tokio::test]
async fn verifying_needs_a_signed_in_user() {
    let (app, _clock) = spawn_seeded_app_at(NOW).await;
    assert_eq!(verify(&app, &app.client(), "123456").await, Err(AppError::Unauthenticated));
    assert_eq!(resend(&app, &app.client()).await, Err(AppError::Unauthenticated));
    app.stop().await;
}

#[tokio::test]
async fn a_mail_interrupted_by_a_crash_is_delivered_exactly_once_after_the_restart() {
    let (app, _clock) = spawn_seeded_app_at(NOW).await;
    newbie(&app).await;
    // The worker claimed the job (attempt counted) and the server died before delivering.
    sqlx::query("UPDATE jobs SET status = 'sending', attempts = 1")
        .execute(&app.state.db)
        .await
        .expect("claim");
    let config = test_config(&app.db_path);
    let dir = app.stop().await;
    let app = spawn_app_with(config).await;
    assert_eq!(app.run_jobs().await, 1);
    assert_eq!(app.run_jobs().await, 0);
    assert_eq!(app.mails_to(EMAIL).await.len(), 1);
    // A job whose mail was delivered is not sent again by a later restart.
    let config = test_config(&app.db_path);
    app.stop().await;
    let app = spawn_app_with(config).await;
    assert_eq!(app.run_jobs().await, 0);
    assert_eq!(app.mails_to(EMAIL).await.len(), 1);
    let (status, attempts): (String, i64) = sqlx::query_as("SELECT status, attempts FROM jobs")
        .fetch_one(&app.state.db)
        .await
        .expect("job");
    assert_eq!((status.as_str(), attempts), ("done", 2));
    app.stop().await;
    drop(dir);
}

#[tokio::test]
async fn an_unverified_patient_cannot_book_until_they_enter_the_code() {
    let (app, _clock) = spawn_seeded_app_at(NOW).await;
    let client = newbie(&app).await;
    let smith = app.user_id("dr_smith").await;
    let start = free_starts(&app, smith, "2026-11-23").await.remove(0);
    let doctor = smith.to_string();
    let hold = [("doctor_id", doctor.as_str()), ("start", start.as_str())];
    let response = app.call(&client, "hold_slot", &hold).await;
    assert_eq!(response.status(), 403);
    assert_eq!(error_of(response).await, AppError::EmailNotVerified);
    assert_eq!(app.count("appointments").await, 0, "nothing held");
    assert!(
        AppError::EmailNotVerified.message().contains("code"),
        "the message leads to verifying"
    );

    let code = app.latest_code(EMAIL).await;
    assert_eq!(verify(&app, &client, &code).await, Ok(()));
    let response = app.call(&client, "hold_slot", &hold).await;
    assert_eq!(response.status(), 200, "{}", response.text().await.unwrap_or_default());
    app.stop().await;
}
