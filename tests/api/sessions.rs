use crate::helpers::*;

#[tokio::test]
async fn a_session_survives_a_server_restart() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db_path = dir.path().join("restart.db");
    let first = spawn_app_with(test_config(&db_path)).await;
    first.register_patient("jane").await.error_for_status().expect("registered");
    let client = first.signed_in("jane").await;
    first.stop().await;

    let second = spawn_app_with(test_config(&db_path)).await;
    // Cookies are per host, not per port: the same client presents its session to the new server.
    assert_eq!(second.whoami(&client).await.as_deref(), Some("jane"));
    second.stop().await;
}

#[tokio::test]
async fn a_remembered_session_ends_max_days_after_sign_in_however_active() {
    let (app, clock) = spawn_seeded_app_at("2026-11-20T12:00:00Z").await;
    let alice = app.client();
    let response = app
        .call(&alice, "login", &[("login", "alice"), ("password", PASSWORD), ("remember", "on")])
        .await;
    assert_eq!(response.status(), 200);
    // Used every 20 days: never idle, yet the sign-in is 90 days old at most.
    for _ in 0..4 {
        clock.advance(chrono::Duration::days(20));
        assert_eq!(app.whoami(&alice).await.as_deref(), Some("alice"));
    }
    clock.advance(chrono::Duration::days(11));
    assert_eq!(app.whoami(&alice).await, None, "91 days after signing in");
    app.stop().await;
}

#[tokio::test]
async fn sign_out_everywhere_ends_every_session_of_the_account_and_no_other() {
    let (app, _clock) = spawn_seeded_app_at("2026-11-20T12:00:00Z").await;
    let laptop = app.signed_in("alice").await;
    let phone = app.signed_in("alice").await;
    let bob = app.signed_in("bob").await;
    let response = app.call(&phone, "sign_out_everywhere", &[]).await;
    assert_eq!(response.status(), 200);
    assert_eq!(app.whoami(&laptop).await, None);
    assert_eq!(app.whoami(&phone).await, None);
    assert_eq!(app.whoami(&bob).await.as_deref(), Some("bob"), "other accounts are untouched");
    assert_eq!(app.whoami(&app.signed_in("alice").await).await.as_deref(), Some("alice"));
    let anonymous = app.call(&app.client(), "sign_out_everywhere", &[]).await;
    assert_eq!(anonymous.status(), 401);
    app.stop().await;
}
