use crate::helpers::*;
use medibook::error::AppError;
use medibook::server::services::create_admin::{AdminInput, create_admin};

#[tokio::test]
async fn admin_functions_refuse_visitors_patients_and_doctors() {
    let app = spawn_app().await;
    app.register_patient("jane").await.error_for_status().expect("patient");
    app.register_doctor("dr_who", "MD-4242").await.error_for_status().expect("doctor");
    let doctor_id = app.user_id("dr_who").await.to_string();
    let calls: [(&str, Vec<(&str, &str)>); 3] = [
        ("list_users", vec![("show", ""), ("search", "")]),
        ("verify_doctor", vec![("user_id", doctor_id.as_str())]),
        ("set_user_active", vec![("user_id", doctor_id.as_str()), ("active", "false")]),
    ];
    let patient = app.signed_in("jane").await;
    let doctor = app.signed_in("dr_who").await;
    for (endpoint, form) in &calls {
        let visitor = app.call(&app.client(), endpoint, form).await;
        assert_eq!(visitor.status(), 401, "{endpoint} as visitor");
        assert_eq!(error_of(visitor).await, AppError::Unauthenticated);
        for (who, client) in [("patient", &patient), ("doctor", &doctor)] {
            let response = app.call(client, endpoint, form).await;
            assert_eq!(response.status(), 403, "{endpoint} as {who}");
            assert_eq!(error_of(response).await, AppError::Forbidden);
        }
    }
    let verified: Option<i64> = sqlx::query_scalar("SELECT verified_at FROM doctors")
        .fetch_one(&app.state.db)
        .await
        .expect("doctor row");
    assert_eq!(verified, None, "nothing changed");
    for (endpoint, form) in &calls {
        assert_eq!(app.call(&app.admin, endpoint, form).await.status(), 200, "{endpoint} as admin");
    }
    app.stop().await;
}

#[tokio::test]
async fn a_doctor_is_invisible_to_patients_until_an_admin_verifies_them() {
    let app = spawn_app().await;
    app.register_doctor("dr_new", "MD-7777").await.error_for_status().expect("doctor");
    async fn listed(app: &TestApp) -> bool {
        let body: serde_json::Value =
            app.call(&app.client(), "list_doctors", &[]).await.json().await.expect("json");
        body.as_array().expect("list").iter().any(|d| d["full_name"] == "Jane Tester")
    }
    assert!(!listed(&app).await, "unverified doctor hidden");
    let pending: serde_json::Value = app
        .call(&app.admin, "list_users", &[("show", "unverified"), ("search", "")])
        .await
        .json()
        .await
        .expect("json");
    assert_eq!(pending.as_array().map(Vec::len), Some(1));
    let id = app.user_id("dr_new").await.to_string();
    assert_eq!(app.call(&app.admin, "verify_doctor", &[("user_id", &id)]).await.status(), 200);
    assert!(listed(&app).await, "verified doctor listed");
    app.stop().await;
}

#[tokio::test]
async fn a_deactivated_user_is_locked_out_and_loses_existing_sessions() {
    let app = spawn_app().await;
    app.register_patient("jane").await.error_for_status().expect("patient");
    let session = app.signed_in("jane").await;
    let id = app.user_id("jane").await.to_string();
    let response =
        app.call(&app.admin, "set_user_active", &[("user_id", &id), ("active", "false")]).await;
    assert_eq!(response.status(), 200);
    assert_eq!(app.whoami(&session).await, None, "existing session ended");
    let login = app.login(&app.client(), "jane", PASSWORD).await;
    assert_eq!(login.status(), 403);
    assert_eq!(error_of(login).await, AppError::AccountDeactivated);
    let reactivate =
        app.call(&app.admin, "set_user_active", &[("user_id", &id), ("active", "true")]).await;
    assert_eq!(reactivate.status(), 200);
    assert_eq!(app.login(&app.client(), "jane", PASSWORD).await.status(), 200);
    app.stop().await;
}

#[tokio::test]
async fn an_admin_cannot_deactivate_themselves_and_unknown_users_are_not_found() {
    let app = spawn_app().await;
    let me = app.user_id(ADMIN).await.to_string();
    let response =
        app.call(&app.admin, "set_user_active", &[("user_id", &me), ("active", "false")]).await;
    assert_eq!(response.status(), 403);
    let response =
        app.call(&app.admin, "set_user_active", &[("user_id", "99999"), ("active", "false")]).await;
    assert_eq!(response.status(), 404);
    let response = app.call(&app.admin, "verify_doctor", &[("user_id", &me)]).await;
    assert_eq!(response.status(), 404, "an admin is not a doctor");
    let response = app.call(&app.admin, "verify_doctor", &[("user_id", "banana")]).await;
    assert_eq!(response.status(), 400);
    app.stop().await;
}

#[tokio::test]
async fn verifying_again_after_the_first_verifier_left_keeps_the_first_verification() {
    let app = spawn_app().await;
    app.register_doctor("dr_who", "MD-4242").await.error_for_status().expect("doctor");
    let doctor = app.user_id("dr_who").await.to_string();
    let second_admin = AdminInput {
        username: "second_admin".into(),
        email: "second@clinic.test".into(),
        full_name: "Second Admin".into(),
        password: PASSWORD.into(),
    };
    let second_id = create_admin(&app.state, &second_admin).await.expect("admin").to_string();
    let second = app.signed_in("second_admin").await;
    assert_eq!(app.call(&second, "verify_doctor", &[("user_id", &doctor)]).await.status(), 200);
    let deactivate = [("user_id", second_id.as_str()), ("active", "false")];
    assert_eq!(app.call(&app.admin, "set_user_active", &deactivate).await.status(), 200);
    let again = app.call(&app.admin, "verify_doctor", &[("user_id", &doctor)]).await;
    assert_eq!(again.status(), 200, "{}", again.text().await.unwrap_or_default());
    let verifier: i64 = sqlx::query_scalar("SELECT verified_by FROM doctors WHERE user_id = ?1")
        .bind(doctor.parse::<i64>().expect("id"))
        .fetch_one(&app.state.db)
        .await
        .expect("doctor");
    assert_eq!(verifier.to_string(), second_id, "the first verification is kept");
    app.stop().await;
}
