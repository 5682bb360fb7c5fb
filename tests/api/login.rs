use crate::helpers::*;
use medibook::error::AppError;

#[tokio::test]
async fn a_user_can_sign_in_by_username_or_email_and_sign_out() {
    let app = spawn_app().await;
    app.register_patient("jane").await.error_for_status().expect("registered");

    let by_username = app.client();
    assert_eq!(app.login(&by_username, "Jane", PASSWORD).await.status(), 200);
    assert_eq!(app.whoami(&by_username).await.as_deref(), Some("jane"));

    let by_email = app.client();
    assert_eq!(app.login(&by_email, "JANE@example.com", PASSWORD).await.status(), 200);
    assert_eq!(app.whoami(&by_email).await.as_deref(), Some("jane"));

    assert_eq!(app.call(&by_email, "logout", &[]).await.status(), 200);
    assert_eq!(app.whoami(&by_email).await, None);
    assert_eq!(app.whoami(&by_username).await.as_deref(), Some("jane"), "other session unaffected");
    app.stop().await;
}

#[tokio::test]
async fn a_wrong_password_and_an_unknown_user_get_the_same_answer() {
    let app = spawn_app().await;
    app.register_patient("jane").await.error_for_status().expect("registered");
    let wrong = app.login(&app.client(), "jane", "not the right password").await;
    let unknown = app.login(&app.client(), "nobody", "not the right password").await;
    assert_eq!(wrong.status(), 401);
    assert_eq!(unknown.status(), 401);
    let (wrong, unknown) = (wrong.text().await.expect("body"), unknown.text().await.expect("body"));
    assert_eq!(wrong, unknown);
    assert_eq!(
        serde_json::from_str::<AppError>(&wrong).expect("error"),
        AppError::InvalidCredentials
    );
    app.stop().await;
}

#[tokio::test]
async fn the_session_id_changes_at_sign_in() {
    let app = spawn_app().await;
    app.register_patient("jane").await.error_for_status().expect("registered");
    let client = app.client();
    let anonymous = app.call(&client, "current_user", &[]).await;
    assert!(anonymous.headers().get("set-cookie").is_none(), "no session for visitors");
    let login = app.login(&client, "jane", PASSWORD).await;
    let cookie = login
        .headers()
        .get("set-cookie")
        .expect("session cookie")
        .to_str()
        .expect("text")
        .to_owned();
    assert!(cookie.contains("HttpOnly"), "{cookie}");
    assert!(cookie.contains("SameSite=Lax"), "{cookie}");
    let relogin = app.login(&client, "jane", PASSWORD).await;
    let second = relogin
        .headers()
        .get("set-cookie")
        .expect("cookie again")
        .to_str()
        .expect("text")
        .to_owned();
    assert_ne!(cookie.split(';').next(), second.split(';').next(), "id cycled");
    app.stop().await;
}

#[tokio::test]
async fn remember_me_makes_a_persistent_cookie_and_without_it_a_browser_session_cookie() {
    let app = spawn_app().await;
    app.register_patient("jane").await.error_for_status().expect("registered");
    let plain = app.login(&app.client(), "jane", PASSWORD).await;
    let plain =
        plain.headers().get("set-cookie").expect("cookie").to_str().expect("text").to_owned();
    assert!(!plain.contains("Max-Age") && !plain.contains("Expires"), "{plain}");
    let remembered = app
        .call(
            &app.client(),
            "login",
            &[("login", "jane"), ("password", PASSWORD), ("remember", "on")],
        )
        .await;
    let remembered =
        remembered.headers().get("set-cookie").expect("cookie").to_str().expect("text").to_owned();
    assert!(
        remembered.contains("Max-Age=2592000") || remembered.contains("Expires"),
        "{remembered}"
    );
    app.stop().await;
}

#[tokio::test]
async fn changing_the_password_keeps_this_session_and_ends_the_others() {
    let app = spawn_app().await;
    app.register_patient("jane").await.error_for_status().expect("registered");
    let here = app.signed_in("jane").await;
    let elsewhere = app.signed_in("jane").await;
    let new = "a brand new long passphrase";
    let wrong = app
        .call(
            &here,
            "change_password",
            &[
                ("current_password", "wrong wrong wrong"),
                ("new_password", new),
                ("confirm_password", new),
            ],
        )
        .await;
    assert_eq!(wrong.status(), 400);
    let response = app
        .call(
            &here,
            "change_password",
            &[("current_password", PASSWORD), ("new_password", new), ("confirm_password", new)],
        )
        .await;
    assert_eq!(response.status(), 200);
    assert_eq!(app.whoami(&here).await.as_deref(), Some("jane"));
    assert_eq!(app.whoami(&elsewhere).await, None);
    assert_eq!(app.login(&app.client(), "jane", PASSWORD).await.status(), 401);
    assert_eq!(app.login(&app.client(), "jane", new).await.status(), 200);
    app.stop().await;
}
