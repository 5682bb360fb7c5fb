//! Personal access tokens: only an admin's sign-in issues, lists and revokes them; a token
//! does only what its scopes name within its account's role, and ends when revoked, expired,
//! or when its account is deactivated or changes its password.

use crate::helpers::*;
use reqwest::Method;
use reqwest::header::AUTHORIZATION;
use serde_json::{Value, json};

const NOW: &str = "2026-11-20T12:00:00Z";

async fn send(
    app: &TestApp,
    method: Method,
    path: &str,
    token: &str,
    body: Option<Value>,
) -> reqwest::Response {
    let mut request = reqwest::Client::new()
        .request(method, format!("{}{path}", app.address))
        .header(AUTHORIZATION, format!("Bearer {token}"));
    if let Some(body) = body {
        request = request.json(&body);
    }
    request.send().await.expect("sent")
}

async fn issue(app: &TestApp, admin: &str, body: Value) -> reqwest::Response {
    send(app, Method::POST, "/api/v1/personal-tokens", admin, Some(body)).await
}

#[tokio::test]
async fn a_personal_token_does_only_what_its_scopes_name_until_revoked_or_expired() {
    let (app, clock) = spawn_seeded_app_at(NOW).await;
    let admin = access(&app, ADMIN).await;
    let alice_id = app.user_id("alice").await;
    let created = issue(
        &app,
        &admin,
        json!({"user_id": alice_id, "name": "Kiosk",
        "scopes": ["appointments:read", "me:read"], "expires_in_days": 30}),
    )
    .await;
    assert_eq!(created.status(), 201);
    let created: Value = created.json().await.expect("json");
    let token = created["token"].as_str().expect("token").to_owned();
    assert!(token.starts_with("mbp_") && token.len() == 68, "{token}");
    assert_eq!(created["scopes"], json!(["me:read", "appointments:read"]));
    let stored: Vec<u8> = sqlx::query_scalar("SELECT hash FROM api_personal_tokens")
        .fetch_one(&app.state.db)
        .await
        .expect("row");
    assert_eq!(stored.len(), 32, "only a hash is kept");

    let me: Value =
        send(&app, Method::GET, "/api/v1/me", &token, None).await.json().await.expect("json");
    assert_eq!(me["username"], "alice");
    assert_eq!(send(&app, Method::GET, "/api/v1/appointments", &token, None).await.status(), 200);
    assert_eq!(
        send(&app, Method::GET, "/api/v1/wallet", &token, None).await.status(),
        403,
        "no wallet:read"
    );
    let smith = app.user_id("dr_smith").await;
    let hold = send(
        &app,
        Method::POST,
        "/api/v1/holds",
        &token,
        Some(json!({"doctor_id": smith, "start": "2026-11-23T15:00:00Z"})),
    )
    .await;
    assert_eq!(hold.status(), 403, "no appointments:write");
    assert_eq!(app.count("appointments").await, 0);
    let users = send(&app, Method::GET, "/api/v1/users", &token, None).await;
    assert_eq!(users.status(), 403, "a patient's token never gets admin rights");
    let again =
        issue(&app, &token, json!({"user_id": alice_id, "name": "x", "scopes": ["me:read"]})).await;
    assert_eq!(again.status(), 403, "a personal token cannot issue tokens");

    let listed: Value = send(&app, Method::GET, "/api/v1/personal-tokens", &admin, None)
        .await
        .json()
        .await
        .expect("json");
    assert_eq!(listed[0]["name"], "Kiosk");
    assert!(listed[0].get("token").is_none(), "the secret is never listed");
    clock.advance(chrono::Duration::days(31));
    assert_eq!(send(&app, Method::GET, "/api/v1/me", &token, None).await.status(), 401, "expired");

    let admin = access(&app, ADMIN).await;
    let forever =
        issue(&app, &admin, json!({"user_id": alice_id, "name": "Sync", "scopes": ["me:read"]}))
            .await;
    let forever: Value = forever.json().await.expect("json");
    let token = forever["token"].as_str().expect("token").to_owned();
    assert_eq!(send(&app, Method::GET, "/api/v1/me", &token, None).await.status(), 200);
    let id = forever["id"].as_i64().expect("id");
    let revoked =
        send(&app, Method::DELETE, &format!("/api/v1/personal-tokens/{id}"), &admin, None).await;
    assert_eq!(revoked.status(), 204);
    assert_eq!(send(&app, Method::GET, "/api/v1/me", &token, None).await.status(), 401, "revoked");
    let unknown = send(&app, Method::DELETE, "/api/v1/personal-tokens/99999", &admin, None).await;
    assert_eq!(unknown.status(), 404);
    app.stop().await;
}

#[tokio::test]
async fn only_an_admin_issues_bad_requests_are_refused_at_their_fields_and_deactivation_ends_tokens()
 {
    let (app, _clock) = spawn_seeded_app_at(NOW).await;
    let admin = access(&app, ADMIN).await;
    let doctor = access(&app, "dr_smith").await;
    let bob_id = app.user_id("bob").await;
    let refused =
        issue(&app, &doctor, json!({"user_id": bob_id, "name": "x", "scopes": ["me:read"]})).await;
    assert_eq!(refused.status(), 403);
    let bad = issue(
        &app,
        &admin,
        json!({"user_id": bob_id, "name": " ", "scopes": ["me:read", "root"],
        "expires_in_days": 0}),
    )
    .await;
    assert_eq!(bad.status(), 400);
    let body: Value = bad.json().await.expect("json");
    let fields: Vec<&str> = body["errors"]
        .as_array()
        .expect("errors")
        .iter()
        .filter_map(|e| e["field"].as_str())
        .collect();
    assert_eq!(fields, vec!["name", "scopes", "expires_in_days"]);
    let nobody =
        issue(&app, &admin, json!({"user_id": 99999, "name": "x", "scopes": ["me:read"]})).await;
    assert_eq!(nobody.status(), 404);
    assert_eq!(app.count("api_personal_tokens").await, 0, "nothing written");

    let created: Value = issue(
        &app,
        &admin,
        json!({"user_id": bob_id, "name": "Bob's sync",
        "scopes": ["me:read", "wallet:read"]}),
    )
    .await
    .json()
    .await
    .expect("json");
    let token = created["token"].as_str().expect("token").to_owned();
    assert_eq!(send(&app, Method::GET, "/api/v1/wallet", &token, None).await.status(), 200);
    let off = send(
        &app,
        Method::POST,
        &format!("/api/v1/users/{bob_id}/activity"),
        &admin,
        Some(json!({"active": false})),
    )
    .await;
    assert_eq!(off.status(), 204);
    assert_eq!(
        send(&app, Method::GET, "/api/v1/me", &token, None).await.status(),
        401,
        "account deactivated"
    );
    let on = send(
        &app,
        Method::POST,
        &format!("/api/v1/users/{bob_id}/activity"),
        &admin,
        Some(json!({"active": true})),
    )
    .await;
    assert_eq!(on.status(), 204);
    assert_eq!(
        send(&app, Method::GET, "/api/v1/me", &token, None).await.status(),
        401,
        "not revived"
    );
    let fixed = sqlx::query("UPDATE api_personal_tokens SET scopes = 'users:admin'")
        .execute(&app.state.db)
        .await;
    assert!(fixed.is_err(), "SQLite refuses widening a token's scopes");
    app.stop().await;
}
