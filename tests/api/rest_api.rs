//! `/api/v1`: tokens (rotation, reuse, revocation), the bearer-only rule, problem+json, page
//! links and ETags, and a booking made, retried and cancelled through the API with the web
//! app's rules.

use crate::helpers::*;
use reqwest::header::{AUTHORIZATION, CONTENT_TYPE};
use serde_json::{Value, json};

/// Friday 20 November 2026, noon UTC. dr_smith (Cardiology) works Mon/Tue/Wed/Fri in New York.
const NOW: &str = "2026-11-20T12:00:00Z";
const MONDAY_10AM: &str = "2026-11-23T15:00:00Z";

async fn post(app: &TestApp, path: &str, token: Option<&str>, body: Value) -> reqwest::Response {
    let mut request = reqwest::Client::new().post(format!("{}{path}", app.address)).json(&body);
    if let Some(token) = token {
        request = request.header(AUTHORIZATION, format!("Bearer {token}"));
    }
    request.send().await.expect("sent")
}

async fn get(app: &TestApp, path: &str, token: Option<&str>) -> reqwest::Response {
    let mut request = reqwest::Client::new().get(format!("{}{path}", app.address));
    if let Some(token) = token {
        request = request.header(AUTHORIZATION, format!("Bearer {token}"));
    }
    request.send().await.expect("sent")
}

/// Signs `login` in through the API: (access token, refresh token).
async fn tokens(app: &TestApp, login: &str) -> (String, String) {
    let response =
        post(app, "/api/v1/tokens", None, json!({"login": login, "password": PASSWORD})).await;
    assert_eq!(response.status(), 201, "sign-in of {login}");
    let body: Value = response.json().await.expect("json");
    assert_eq!(body["token_type"], "Bearer");
    assert_eq!(body["expires_in"], 900);
    pair(&body)
}

fn pair(body: &Value) -> (String, String) {
    (
        body["access_token"].as_str().expect("access").to_owned(),
        body["refresh_token"].as_str().expect("refresh").to_owned(),
    )
}

/// The problem+json body of a refusal, after checking its media type and status.
async fn problem(response: reqwest::Response, status: u16) -> Value {
    assert_eq!(response.status(), status);
    let media =
        response.headers().get(CONTENT_TYPE).and_then(|v| v.to_str().ok()).map(str::to_owned);
    assert_eq!(media.as_deref(), Some("application/problem+json"));
    let body: Value = response.json().await.expect("problem json");
    assert_eq!(body["status"], status);
    assert_eq!(body["type"], format!("/api/docs#error-{}", body["code"].as_str().expect("code")));
    body
}

async fn me(app: &TestApp, access: &str) -> u16 {
    get(app, "/api/v1/me", Some(access)).await.status().as_u16()
}

#[tokio::test]
async fn refresh_tokens_rotate_and_a_reused_one_revokes_every_token_of_that_sign_in() {
    let (app, clock) = spawn_seeded_app_at(NOW).await;
    let (access, first_refresh) = tokens(&app, "alice").await;
    let me_body: Value = get(&app, "/api/v1/me", Some(&access)).await.json().await.expect("me");
    assert_eq!(
        (me_body["username"].as_str(), me_body["role"].as_str()),
        (Some("alice"), Some("patient"))
    );

    let rotated =
        post(&app, "/api/v1/tokens/refresh", None, json!({"refresh_token": first_refresh})).await;
    assert_eq!(rotated.status(), 200);
    let (second_access, second_refresh) = pair(&rotated.json().await.expect("json"));
    assert_ne!(second_refresh, first_refresh);
    assert_eq!(me(&app, &second_access).await, 200);

    // The spent token comes back (stolen, or a client's bug): the whole family ends.
    let reused =
        post(&app, "/api/v1/tokens/refresh", None, json!({"refresh_token": first_refresh})).await;
    assert_eq!(problem(reused, 401).await["code"], "token_invalid");
    for token in [&access, &second_access] {
        assert_eq!(me(&app, token).await, 401, "access tokens of the family are dead");
    }
    let next =
        post(&app, "/api/v1/tokens/refresh", None, json!({"refresh_token": second_refresh})).await;
    assert_eq!(next.status(), 401, "the family's newest refresh token too");
    let why: String = sqlx::query_scalar("SELECT revoked_why FROM api_token_families")
        .fetch_one(&app.state.db)
        .await
        .expect("family");
    assert_eq!(why, "reused");

    // Another sign-in is its own family; an access token expires after 15 minutes by the
    // app's clock, and revoking ends the family.
    let (access, refresh) = tokens(&app, "alice").await;
    clock.advance(chrono::Duration::minutes(15));
    assert_eq!(me(&app, &access).await, 401, "expired");
    let renewed =
        post(&app, "/api/v1/tokens/refresh", None, json!({"refresh_token": refresh})).await;
    let (access, refresh) = pair(&renewed.json().await.expect("json"));
    let revoked =
        post(&app, "/api/v1/tokens/revoke", None, json!({"refresh_token": refresh})).await;
    assert_eq!(revoked.status(), 204);
    assert_eq!(me(&app, &access).await, 401, "revoked");
    let unknown = post(&app, "/api/v1/tokens/revoke", None, json!({"refresh_token": "nope"})).await;
    assert_eq!(unknown.status(), 204, "RFC 7009: the same answer for an unknown token");
    app.stop().await;
}

#[tokio::test]
async fn twenty_racing_refreshes_of_one_token_give_one_new_pair_and_revoke_the_family() {
    let (app, _clock) = spawn_seeded_app_at(NOW).await;
    let (_, refresh) = tokens(&app, "bob").await;
    let mut racing = tokio::task::JoinSet::new();
    for _ in 0..20 {
        let (address, refresh) = (app.address.clone(), refresh.clone());
        racing.spawn(async move {
            reqwest::Client::new()
                .post(format!("{address}/api/v1/tokens/refresh"))
                .json(&json!({"refresh_token": refresh}))
                .send()
                .await
                .expect("sent")
                .status()
                .as_u16()
        });
    }
    let statuses = racing.join_all().await;
    assert_eq!(statuses.iter().filter(|s| **s == 200).count(), 1, "{statuses:?}");
    assert_eq!(statuses.iter().filter(|s| **s == 401).count(), 19, "{statuses:?}");
    let live: i64 =
        sqlx::query_scalar("SELECT COUNT(*) FROM api_token_families WHERE revoked_at IS NULL")
            .fetch_one(&app.state.db)
            .await
            .expect("families");
    assert_eq!(live, 0, "a reuse among the racers revoked the family");
    app.stop().await;
}

#[tokio::test]
async fn deactivation_and_a_password_change_end_api_tokens_at_once_and_cookies_never_count() {
    let (app, _clock) = spawn_seeded_app_at(NOW).await;
    let (access, refresh) = tokens(&app, "carol").await;
    let cookie_session = app.signed_in("carol").await;
    let by_cookie =
        cookie_session.get(format!("{}/api/v1/me", app.address)).send().await.expect("sent");
    let body = problem(by_cookie, 401).await;
    assert_eq!(body["code"], "unauthenticated", "a signed-in browser's cookie is not a token");

    let id = app.user_id("carol").await.to_string();
    let off =
        app.call(&app.admin, "set_user_active", &[("user_id", &id), ("active", "false")]).await;
    assert_eq!(off.status(), 200);
    assert_eq!(
        problem(get(&app, "/api/v1/me", Some(&access)).await, 401).await["code"],
        "token_invalid"
    );
    let refused =
        post(&app, "/api/v1/tokens/refresh", None, json!({"refresh_token": refresh})).await;
    assert_eq!(refused.status(), 401);
    let signed_in =
        post(&app, "/api/v1/tokens", None, json!({"login": "carol", "password": PASSWORD})).await;
    assert_eq!(problem(signed_in, 403).await["code"], "account_deactivated");
    let on = app.call(&app.admin, "set_user_active", &[("user_id", &id), ("active", "true")]).await;
    assert_eq!(on.status(), 200);
    assert_eq!(me(&app, &access).await, 401, "reactivating does not bring old tokens back");

    let (access, _) = tokens(&app, "bob").await;
    let bob = app.signed_in("bob").await;
    let changed = app
        .call(
            &bob,
            "change_password",
            &[
                ("current_password", PASSWORD),
                ("new_password", "An0ther-long-passphrase"),
                ("confirm_password", "An0ther-long-passphrase"),
            ],
        )
        .await;
    assert_eq!(changed.status(), 200, "{}", changed.text().await.unwrap_or_default());
    assert_eq!(me(&app, &access).await, 401, "a password change ends API tokens");
    let wrong =
        post(&app, "/api/v1/tokens", None, json!({"login": "bob", "password": PASSWORD})).await;
    assert_eq!(problem(wrong, 401).await["code"], "invalid_credentials");
    app.stop().await;
}

#[tokio::test]
async fn refusals_are_problem_json_with_the_web_apps_codes_and_fields() {
    let (app, _clock) = spawn_seeded_app_at(NOW).await;
    let bad = get(&app, "/api/v1/doctors?rating=9&sort=cheapest", None).await;
    let body = problem(bad, 400).await;
    assert_eq!(body["code"], "invalid_input");
    let fields: Vec<(&str, &str)> = body["errors"]
        .as_array()
        .expect("errors")
        .iter()
        .map(|e| (e["field"].as_str().unwrap_or(""), e["code"].as_str().unwrap_or("")))
        .collect();
    assert!(fields.contains(&("rating", "out_of_range")), "{fields:?}");
    assert!(fields.contains(&("sort", "unknown")), "{fields:?}");
    assert_eq!(
        problem(get(&app, "/api/v1/no-such-thing", None).await, 404).await["code"],
        "not_found"
    );
    assert_eq!(
        problem(get(&app, "/api/v1/doctors/999999", None).await, 404).await["code"],
        "not_found"
    );
    let no_token = get(&app, "/api/v1/me", None).await;
    assert_eq!(
        no_token.headers().get("www-authenticate").and_then(|v| v.to_str().ok()),
        Some("Bearer")
    );
    assert_eq!(problem(no_token, 401).await["code"], "unauthenticated");
    let garbage = post(&app, "/api/v1/tokens", None, json!({"login": 5})).await;
    assert_eq!(problem(garbage, 400).await["code"], "bad_request");
    let wrong =
        post(&app, "/api/v1/tokens", None, json!({"login": "alice", "password": "nope"})).await;
    assert_eq!(problem(wrong, 401).await["code"], "invalid_credentials");
    let smith = app.user_id("dr_smith").await;
    let bad_zone = get(
        &app,
        &format!("/api/v1/doctors/{smith}/slots?date=2026-11-23&time_zone=Mars/Base"),
        None,
    )
    .await;
    let body = problem(bad_zone, 400).await;
    assert_eq!(body["errors"][0]["field"], "time_zone");
    app.stop().await;
}

#[tokio::test]
async fn a_patient_holds_books_retries_and_cancels_through_the_api_under_the_web_apps_rules() {
    let (app, _clock) = spawn_seeded_app_at(NOW).await;
    let smith = app.user_id("dr_smith").await;
    let (alice, _) = tokens(&app, "alice").await;
    let (doctor, _) = tokens(&app, "dr_smith").await;

    let by_doctor = post(
        &app,
        "/api/v1/holds",
        Some(&doctor),
        json!({"doctor_id": smith, "start": MONDAY_10AM}),
    )
    .await;
    assert_eq!(problem(by_doctor, 403).await["code"], "forbidden", "doctors do not book");
    let off_grid = post(
        &app,
        "/api/v1/holds",
        Some(&alice),
        json!({"doctor_id": smith, "start": "2026-11-23T15:17:00Z"}),
    )
    .await;
    assert_eq!(problem(off_grid, 400).await["code"], "slot_not_working_time");

    let held = post(
        &app,
        "/api/v1/holds",
        Some(&alice),
        json!({"doctor_id": smith, "start": MONDAY_10AM}),
    )
    .await;
    assert_eq!(held.status(), 201);
    let held: Value = held.json().await.expect("json");
    let id = held["appointment_id"].as_i64().expect("id");
    assert_eq!(held["expires_at"], "2026-11-20T12:10:00Z");

    let booking = format!("/api/v1/holds/{id}/booking");
    let body = json!({"reason": "Checkup", "payment_method": "card",
        "card": {"number": "4242 4242 4242 4242", "expiry": "12/30", "cvc": "123", "holder": "Alice"}});
    let no_key = post(&app, &booking, Some(&alice), body.clone()).await;
    assert_eq!(problem(no_key, 400).await["code"], "bad_request", "the key is required");
    let mut racing = tokio::task::JoinSet::new();
    for _ in 0..20 {
        let (address, token, booking, body) =
            (app.address.clone(), alice.clone(), booking.clone(), body.clone());
        racing.spawn(async move {
            let response = reqwest::Client::new()
                .post(format!("{address}{booking}"))
                .header(AUTHORIZATION, format!("Bearer {token}"))
                .header("Idempotency-Key", "alice-api-booking-1")
                .json(&body)
                .send()
                .await
                .expect("sent");
            let status = response.status().as_u16();
            (status, response.json::<Value>().await.expect("json"))
        });
    }
    for (status, answer) in racing.join_all().await {
        assert_eq!(status, 201, "{answer}");
        assert_eq!(
            (answer["appointment_id"].as_i64(), answer["status"].as_str()),
            (Some(id), Some("pending"))
        );
    }
    let charges: i64 =
        sqlx::query_scalar("SELECT COUNT(*) FROM ledger_transactions WHERE kind = 'payment'")
            .fetch_one(&app.state.db)
            .await
            .expect("charges");
    assert_eq!(charges, 1, "twenty retries charged once");

    let detail: Value = get(&app, &format!("/api/v1/appointments/{id}"), Some(&alice))
        .await
        .json()
        .await
        .expect("json");
    assert_eq!(
        (detail["status"].as_str(), detail["doctor_time_zone"].as_str()),
        (Some("pending"), Some("America/New_York"))
    );
    let (bob, _) = tokens(&app, "bob").await;
    assert_eq!(
        get(&app, &format!("/api/v1/appointments/{id}"), Some(&bob)).await.status(),
        404,
        "someone else's"
    );
    let mine: Value =
        get(&app, "/api/v1/appointments", Some(&alice)).await.json().await.expect("json");
    assert_eq!(mine["upcoming"][0]["id"], id);

    let no_reason =
        post(&app, &format!("/api/v1/appointments/{id}/cancel"), Some(&alice), json!({})).await;
    assert_eq!(problem(no_reason, 400).await["code"], "invalid_input");
    let cancelled = post(
        &app,
        &format!("/api/v1/appointments/{id}/cancel"),
        Some(&alice),
        json!({"note": "Feeling better"}),
    )
    .await;
    assert_eq!(cancelled.status(), 200);
    let cancelled: Value = cancelled.json().await.expect("json");
    assert_eq!(cancelled["status"], "cancelled");
    assert_eq!(status_of(&app, id).await, "cancelled");
    let day: Value = get(
        &app,
        &format!("/api/v1/doctors/{smith}/slots?date=2026-11-23&time_zone=America/New_York"),
        None,
    )
    .await
    .json()
    .await
    .expect("json");
    assert_eq!(day["slots"][0]["start"], MONDAY_10AM, "the time is free again");
    app.stop().await;
}
