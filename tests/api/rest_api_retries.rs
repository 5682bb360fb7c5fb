//! `Idempotency-Key` on the two POSTs where it is optional: a hold and a personal token. Twenty
//! racing retries of one key create one thing and all answer it; the key sent for something
//! else, or malformed, is refused with nothing written.

use crate::helpers::*;
use reqwest::header::AUTHORIZATION;
use serde_json::{Value, json};

/// Friday 20 November 2026, noon UTC. dr_smith (Cardiology) works Mon/Tue/Wed/Fri in New York.
const NOW: &str = "2026-11-20T12:00:00Z";
const MONDAY_10AM: &str = "2026-11-23T15:00:00Z";
const MONDAY_1030AM: &str = "2026-11-23T15:30:00Z";

/// POSTs `body` to `path` with `token` and `key`: the status and the JSON answer.
async fn post(app: &TestApp, path: &str, token: &str, key: &str, body: &Value) -> (u16, Value) {
    post_to(&app.address, path, token, key, body).await
}

async fn post_to(address: &str, path: &str, token: &str, key: &str, body: &Value) -> (u16, Value) {
    let response = reqwest::Client::new()
        .post(format!("{address}{path}"))
        .header(AUTHORIZATION, format!("Bearer {token}"))
        .header("Idempotency-Key", key)
        .json(body)
        .send()
        .await
        .expect("sent");
    let status = response.status().as_u16();
    (status, response.json().await.expect("json"))
}

/// Twenty concurrent POSTs of one request with one key: their answers.
async fn twenty_racing(
    app: &TestApp,
    path: &str,
    token: &str,
    key: &str,
    body: Value,
) -> Vec<(u16, Value)> {
    let mut racing = tokio::task::JoinSet::new();
    for _ in 0..20 {
        let (address, path, token, key, body) =
            (app.address.clone(), path.to_owned(), token.to_owned(), key.to_owned(), body.clone());
        racing.spawn(async move { post_to(&address, &path, &token, &key, &body).await });
    }
    racing.join_all().await
}

#[tokio::test]
async fn twenty_racing_retries_of_a_hold_place_one_hold_and_all_answer_it() {
    let (app, _clock) = spawn_seeded_app_at(NOW).await;
    let alice = access(&app, "alice").await;
    let smith = app.user_id("dr_smith").await;
    let slot = json!({"doctor_id": smith, "start": MONDAY_10AM});

    let answers =
        twenty_racing(&app, "/api/v1/holds", &alice, "alice-hold-0001", slot.clone()).await;
    let first = &answers[0].1;
    for (status, answer) in &answers {
        assert_eq!(*status, 201, "{answer}");
        assert_eq!(answer, first, "every retry answers the same hold");
    }
    assert_eq!(first["start"], MONDAY_10AM);
    assert_eq!(first["expires_at"], "2026-11-20T12:10:00Z");
    assert_eq!(app.count("appointments").await, 1, "one hold placed");

    let elsewhere = json!({"doctor_id": smith, "start": MONDAY_1030AM});
    let (status, problem) =
        post(&app, "/api/v1/holds", &alice, "alice-hold-0001", &elsewhere).await;
    assert_eq!(
        (status, problem["code"].as_str()),
        (400, Some("bad_request")),
        "the key is for another time"
    );
    let (status, _) = post(&app, "/api/v1/holds", &alice, "short", &elsewhere).await;
    assert_eq!(status, 400, "a malformed key");
    assert_eq!(app.count("appointments").await, 1, "nothing written by the refusals");

    let (status, newer) = post(&app, "/api/v1/holds", &alice, "alice-hold-0002", &elsewhere).await;
    assert_eq!(status, 201, "{newer}");
    assert_ne!(newer["appointment_id"], first["appointment_id"]);
    let (status, problem) = post(&app, "/api/v1/holds", &alice, "alice-hold-0001", &slot).await;
    assert_eq!(
        (status, problem["code"].as_str()),
        (409, Some("hold_expired")),
        "the newer hold let go of the first, so its retry does not place it again"
    );
    let held: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM appointments WHERE status = 'held'")
        .fetch_one(&app.state.db)
        .await
        .expect("count");
    assert_eq!((held, app.count("appointments").await), (1, 2));

    let bob = access(&app, "bob").await;
    let bobs_slot = json!({"doctor_id": smith, "start": "2026-11-23T16:00:00Z"});
    let (status, bobs) = post(&app, "/api/v1/holds", &bob, "alice-hold-0001", &bobs_slot).await;
    assert_eq!(status, 201, "a key is the patient's own: another patient may send the same text");
    assert_ne!(bobs["appointment_id"], first["appointment_id"]);
}

#[tokio::test]
async fn twenty_racing_retries_of_a_personal_token_issue_one_token_with_one_text() {
    let (app, _clock) = spawn_seeded_app_at(NOW).await;
    let admin = access(&app, ADMIN).await;
    let alice_id = app.user_id("alice").await;
    let request =
        json!({"user_id": alice_id, "name": "Kiosk", "scopes": ["me:read"], "expires_in_days": 30});

    let answers =
        twenty_racing(&app, "/api/v1/personal-tokens", &admin, "kiosk-token-1", request.clone())
            .await;
    let first = &answers[0].1;
    for (status, answer) in &answers {
        assert_eq!(*status, 201, "{answer}");
        assert_eq!(answer, first, "every retry answers the same token, text included");
    }
    assert_eq!(app.count("api_personal_tokens").await, 1, "one token issued");
    let token = first["token"].as_str().expect("token");
    let me = reqwest::Client::new()
        .get(format!("{}/api/v1/me", app.address))
        .header(AUTHORIZATION, format!("Bearer {token}"))
        .send()
        .await
        .expect("sent");
    assert_eq!(me.status(), 200, "the answered text is the token");

    for other in [
        json!({"user_id": alice_id, "name": "Kiosk 2", "scopes": ["me:read"], "expires_in_days": 30}),
        json!({"user_id": alice_id, "name": "Kiosk", "scopes": ["me:write"], "expires_in_days": 30}),
        json!({"user_id": alice_id, "name": "Kiosk", "scopes": ["me:read"]}),
        json!({"user_id": app.user_id("bob").await, "name": "Kiosk", "scopes": ["me:read"], "expires_in_days": 30}),
    ] {
        let (status, problem) =
            post(&app, "/api/v1/personal-tokens", &admin, "kiosk-token-1", &other).await;
        assert_eq!((status, problem["code"].as_str()), (400, Some("bad_request")), "{other}");
    }
    let (status, _) = post(&app, "/api/v1/personal-tokens", &admin, "bad key", &request).await;
    assert_eq!(status, 400, "a malformed key");
    assert_eq!(app.count("api_personal_tokens").await, 1, "nothing written by the refusals");

    let (status, second) =
        post(&app, "/api/v1/personal-tokens", &admin, "kiosk-token-2", &request).await;
    assert_eq!(status, 201);
    assert_ne!(second["token"], first["token"], "another key issues another token");
    let stored: Vec<Vec<u8>> = sqlx::query_scalar("SELECT hash FROM api_personal_tokens")
        .fetch_all(&app.state.db)
        .await
        .expect("hashes");
    assert!(stored.iter().all(|h| h.len() == 32), "only hashes are kept");
}
