//! Changing one's email address: proved by a code sent to the new address.
use crate::helpers::*;
use medibook::domain::otp::CodeRefusal;
use medibook::domain::{Field, FieldError, FieldErrorCode};
use medibook::error::AppError;

const NEW: &str = "alice.new@example.com";

async fn email_of(app: &TestApp, username: &str) -> (String, Option<i64>) {
    sqlx::query_as("SELECT email, email_verified_at FROM users WHERE username = ?1")
        .bind(username)
        .fetch_one(&app.state.db)
        .await
        .expect("user")
}

#[tokio::test]
async fn a_new_email_takes_effect_only_with_the_code_sent_to_it() {
    let (app, _clock) = spawn_seeded_app_at("2026-11-20T12:00:00Z").await;
    let alice = app.signed_in("alice").await;
    let before = email_of(&app, "alice").await;

    let cases = [
        (
            vec![("email", "not-an-email"), ("current_password", PASSWORD)],
            Field::Email,
            FieldErrorCode::InvalidFormat,
        ),
        (
            vec![("email", NEW), ("current_password", "wrong password 1")],
            Field::CurrentPassword,
            FieldErrorCode::Incorrect,
        ),
        (
            vec![("email", "BOB@medibook.local"), ("current_password", PASSWORD)],
            Field::Email,
            FieldErrorCode::Taken,
        ),
        (
            vec![("email", "alice@medibook.local"), ("current_password", PASSWORD)],
            Field::Email,
            FieldErrorCode::SameAsCurrent,
        ),
    ];
    for (form, field, code) in cases {
        let response = app.call(&alice, "request_email_change", &form).await;
        assert_eq!(error_of(response).await, AppError::Invalid(vec![FieldError::new(field, code)]));
    }
    app.run_jobs().await;
    assert!(app.mails_to(NEW).await.is_empty(), "no code for a refused request");

    call_ok(
        &app,
        &alice,
        "request_email_change",
        &[("email", NEW), ("current_password", PASSWORD)],
    )
    .await;
    let code = app.latest_code(NEW).await;
    let mails = app.mails_to(NEW).await;
    assert!(
        mails[0].0.starts_with("Your MediBook code to confirm your new email address"),
        "{}",
        mails[0].0
    );
    assert_eq!(email_of(&app, "alice").await, before, "nothing changes before the code comes back");

    let wrong = if code == "000000" { "111111" } else { "000000" };
    let response = app.call(&alice, "confirm_email_change", &[("code", wrong)]).await;
    assert!(matches!(error_of(response).await, AppError::WrongCode { attempts_left: 4 }));
    let answer = call_ok(&app, &alice, "confirm_email_change", &[("code", code.as_str())]).await;
    assert_eq!(answer, NEW);
    let (email, verified) = email_of(&app, "alice").await;
    assert_eq!(email, NEW);
    assert!(verified.is_some(), "the new address is proved");
    let response = app.call(&alice, "confirm_email_change", &[("code", code.as_str())]).await;
    assert_eq!(error_of(response).await, AppError::CodeRefused(CodeRefusal::NoCode), "used once");

    let fresh = app.client();
    assert_eq!(
        app.login(&fresh, NEW, PASSWORD).await.status(),
        200,
        "signs in with the new address"
    );
    assert_eq!(
        app.call(
            &app.client(),
            "request_email_change",
            &[("email", NEW), ("current_password", PASSWORD)]
        )
        .await
        .status(),
        401
    );
}

#[tokio::test]
async fn a_changed_address_is_told_to_the_old_one_and_other_sessions_end() {
    let (app, _clock) = spawn_seeded_app_at("2026-11-20T12:00:00Z").await;
    let alice = app.signed_in("alice").await;
    let other_device = app.signed_in("alice").await;
    call_ok(
        &app,
        &alice,
        "request_email_change",
        &[("email", NEW), ("current_password", PASSWORD)],
    )
    .await;
    let code = app.latest_code(NEW).await;
    call_ok(&app, &alice, "confirm_email_change", &[("code", code.as_str())]).await;

    assert_eq!(app.whoami(&alice).await.as_deref(), Some("alice"), "this session goes on");
    assert_eq!(app.whoami(&other_device).await, None, "every other session ended");
    app.run_jobs().await;
    let told = app.mails_to("alice@medibook.local").await;
    let (subject, text, _) = told.last().expect("the old address is told");
    assert_eq!(subject, "The email address of your MediBook account was changed");
    assert!(text.contains("a•••@example.com"), "{text}");
    assert!(!text.contains(NEW), "the whole new address is not handed to the old mailbox");
    app.stop().await;
}
