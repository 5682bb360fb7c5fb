use crate::helpers::*;
use medibook::domain::{Field, FieldError, FieldErrorCode};
use medibook::error::AppError;

fn field_codes(error: &AppError) -> Vec<(Field, FieldErrorCode)> {
    match error {
        AppError::Invalid(errors) => {
            errors.iter().map(|e: &FieldError| (e.field, e.code)).collect()
        }
        other => panic!("expected field errors, got {other:?}"),
    }
}

#[tokio::test]
async fn a_patient_can_register_and_is_sent_to_sign_in() {
    let app = spawn_app().await;
    let response = app.register_patient("jane").await;
    assert_eq!(response.status(), 200);
    let role: String = sqlx::query_scalar("SELECT role FROM users WHERE username = 'jane'")
        .fetch_one(&app.state.db)
        .await
        .expect("stored");
    assert_eq!(role, "patient");
    app.stop().await;
}

#[tokio::test]
async fn bad_registration_input_gets_a_message_per_field_and_writes_nothing() {
    let app = spawn_app().await;
    let before = app.count("users").await;
    let cases: Vec<(&str, String, Field, FieldErrorCode)> = vec![
        ("email", "not-an-email".into(), Field::Email, FieldErrorCode::InvalidFormat),
        ("password", "short1!".into(), Field::Password, FieldErrorCode::TooShort),
        ("password", "password123".into(), Field::Password, FieldErrorCode::Common),
        ("full_name", "x".repeat(101), Field::FullName, FieldErrorCode::TooLong),
        ("username", "u".repeat(33), Field::Username, FieldErrorCode::TooLong),
        (
            "email",
            format!("{}@example.com", "e".repeat(250)),
            Field::Email,
            FieldErrorCode::TooLong,
        ),
        ("role", "admin".into(), Field::Role, FieldErrorCode::Unknown),
        ("role", "nurse".into(), Field::Role, FieldErrorCode::Unknown),
        ("date_of_birth", "banana".into(), Field::DateOfBirth, FieldErrorCode::InvalidFormat),
        ("phone", "call me".into(), Field::Phone, FieldErrorCode::InvalidCharacters),
    ];
    for (name, value, field, code) in cases {
        let mut form = patient_form("newbie", "newbie@example.com");
        form.iter_mut().filter(|(k, _)| *k == name).for_each(|(_, v)| *v = value.clone());
        let response = register_form(&app, &form).await;
        assert_eq!(response.status(), 400, "{name}={value}");
        assert_eq!(field_codes(&error_of(response).await), vec![(field, code)], "{name}={value}");
    }
    assert_eq!(app.count("users").await, before, "nothing was written");
    app.stop().await;
}

#[tokio::test]
async fn a_taken_username_or_email_is_refused_case_insensitively() {
    let app = spawn_app().await;
    assert_eq!(app.register_patient("jane").await.status(), 200);
    let form = patient_form("JANE", "other@example.com");
    let error = error_of(register_form(&app, &form).await).await;
    assert_eq!(field_codes(&error), vec![(Field::Username, FieldErrorCode::Taken)]);
    let form = patient_form("someone", "Jane@Example.com");
    let error = error_of(register_form(&app, &form).await).await;
    assert_eq!(field_codes(&error), vec![(Field::Email, FieldErrorCode::Taken)]);
    app.stop().await;
}

#[tokio::test]
async fn a_doctor_needs_a_known_specialty_and_an_unused_licence() {
    let app = spawn_app().await;
    assert_eq!(app.register_doctor("dr_one", "MD-1001").await.status(), 200);
    let error = error_of(app.register_doctor("dr_two", "md-1001").await).await;
    assert_eq!(field_codes(&error), vec![(Field::LicenceNumber, FieldErrorCode::Taken)]);
    let mut form = patient_form("dr_three", "three@example.com");
    form[0] = ("role", "doctor".into());
    form.push(("specialty", "9999".into()));
    form.push(("licence_number", "MD-3003".into()));
    let error = error_of(register_form(&app, &form).await).await;
    assert_eq!(field_codes(&error), vec![(Field::Specialty, FieldErrorCode::Unknown)]);
    assert_eq!(app.count("doctors").await, 1);
    app.stop().await;
}

#[tokio::test]
async fn a_request_missing_arguments_is_a_bad_request() {
    let app = spawn_app().await;
    let response = app.call(&app.client(), "register", &[("role", "patient")]).await;
    assert_eq!(response.status(), 400);
    assert_eq!(error_of(response).await, AppError::BadRequest);
    app.stop().await;
}
