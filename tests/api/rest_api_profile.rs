//! `/api/v1/me/profile`: read and change the caller's profile through the account page's
//! checks; a bad field changes nothing.

use crate::helpers::*;
use medibook::domain::api_scope::ApiScope;
use reqwest::header::AUTHORIZATION;
use serde_json::{Value, json};

const NOW: &str = "2026-11-20T12:00:00Z";

async fn send(
    app: &TestApp,
    method: reqwest::Method,
    token: &str,
    body: Option<Value>,
) -> reqwest::Response {
    let mut request = reqwest::Client::new()
        .request(method, format!("{}/api/v1/me/profile", app.address))
        .header(AUTHORIZATION, format!("Bearer {token}"));
    if let Some(body) = body {
        request = request.json(&body);
    }
    request.send().await.expect("sent")
}

#[tokio::test]
async fn a_patient_changes_a_few_fields_and_a_bad_one_changes_nothing() {
    let (app, _clock) = spawn_seeded_app_at(NOW).await;
    let token = access(&app, "alice").await;
    let before: Value = send(&app, reqwest::Method::GET, &token, None).await.json().await.unwrap();
    assert_eq!(before["username"], "alice");
    assert_eq!(before["full_name"], "Alice Martin");
    assert!(before["patient"].is_object(), "a patient's details: {before}");

    let change =
        json!({"allergies": "Penicillin", "time_zone": "Asia/Dhaka", "phone": "+1 555 010 4242"});
    let response = send(&app, reqwest::Method::PATCH, &token, Some(change)).await;
    assert_eq!(response.status(), 200);
    let after: Value = response.json().await.unwrap();
    assert_eq!(after["patient"]["allergies"], "Penicillin");
    assert_eq!(after["time_zone"], "Asia/Dhaka");
    assert_eq!(after["phone"], "+15550104242", "stored normalised, as on the web");
    assert_eq!(after["full_name"], "Alice Martin", "fields not given stay");
    assert_eq!(after["date_of_birth"], before["date_of_birth"]);

    // A bad phone and an unknown zone: both named, neither the zone nor the name written.
    let bad = json!({"phone": "12", "full_name": "Alice M", "time_zone": "Mars/Olympus"});
    let response = send(&app, reqwest::Method::PATCH, &token, Some(bad)).await;
    assert_eq!(response.status(), 400);
    let problem: Value = response.json().await.unwrap();
    assert_eq!(problem["code"], "invalid_input");
    let fields: Vec<&str> =
        problem["errors"].as_array().unwrap().iter().filter_map(|e| e["field"].as_str()).collect();
    assert!(fields.contains(&"time_zone"), "{problem}");
    let now: Value = send(&app, reqwest::Method::GET, &token, None).await.json().await.unwrap();
    assert_eq!(
        (now["full_name"].clone(), now["time_zone"].clone()),
        (json!("Alice Martin"), json!("Asia/Dhaka"))
    );

    let bad_phone = json!({"phone": "12", "full_name": "Alice M"});
    let response = send(&app, reqwest::Method::PATCH, &token, Some(bad_phone)).await;
    let problem: Value = response.json().await.unwrap();
    assert_eq!(problem["errors"][0]["field"], "phone", "{problem}");
    let now: Value = send(&app, reqwest::Method::GET, &token, None).await.json().await.unwrap();
    assert_eq!(now["full_name"], "Alice Martin", "nothing half-written");

    // A doctor has no patient details to change; their zone they can.
    let doctor = access(&app, "dr_smith").await;
    let response =
        send(&app, reqwest::Method::PATCH, &doctor, Some(json!({"allergies": "x"}))).await;
    assert_eq!(response.status(), 403);
    let response =
        send(&app, reqwest::Method::PATCH, &doctor, Some(json!({"time_zone": ""}))).await;
    assert_eq!(response.status(), 200);
    let unknown =
        send(&app, reqwest::Method::PATCH, &doctor, Some(json!({"nickname": "Doc"}))).await;
    assert_eq!(unknown.status(), 400, "unknown fields are refused, not ignored");
    assert!(ApiScope::parse("me:write").is_some());
}
