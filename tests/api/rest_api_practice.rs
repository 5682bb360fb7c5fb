//! `/api/v1` for a doctor's practice and the clinic's figures: the agenda, a patient's history
//! as their doctor sees it, earnings, statistics — each allowed and refused as on the web.

use crate::helpers::*;
use reqwest::header::AUTHORIZATION;
use serde_json::{Value, json};

const NOW: &str = "2026-11-20T12:00:00Z";
const MONDAY_10AM: &str = "2026-11-23T15:00:00Z";

async fn get(app: &TestApp, path: &str, token: &str) -> reqwest::Response {
    reqwest::Client::new()
        .get(format!("{}{path}", app.address))
        .header(AUTHORIZATION, format!("Bearer {token}"))
        .send()
        .await
        .expect("sent")
}

async fn get_json(app: &TestApp, path: &str, token: &str) -> Value {
    let response = get(app, path, token).await;
    assert_eq!(response.status(), 200, "GET {path}");
    response.json().await.expect("json")
}

async fn code_of(response: reqwest::Response) -> (u16, String) {
    let status = response.status().as_u16();
    let body: Value = response.json().await.expect("problem+json");
    (status, body["code"].as_str().unwrap_or_default().to_owned())
}

async fn withdraw(
    app: &TestApp,
    token: &str,
    key: Option<&str>,
    body: &Value,
) -> reqwest::Response {
    let mut request = reqwest::Client::new()
        .post(format!("{}/api/v1/withdrawals", app.address))
        .header(AUTHORIZATION, format!("Bearer {token}"))
        .json(body);
    if let Some(key) = key {
        request = request.header("Idempotency-Key", key);
    }
    request.send().await.expect("sent")
}

#[tokio::test]
async fn a_doctor_reads_the_agenda_a_patients_history_earnings_and_figures() {
    let (app, clock) = spawn_seeded_app_at(NOW).await;
    let (smith, alice) = (app.user_id("dr_smith").await, app.user_id("alice").await);
    let alice_web = app.signed_in("alice").await;
    let id = book(&app, &alice_web, smith, MONDAY_10AM, "Chest pain").await;
    let (smith_token, alice_token) = (access(&app, "dr_smith").await, access(&app, "alice").await);

    // The agenda: the request waits, on its day (the doctor's Monday).
    let agenda = get_json(&app, "/api/v1/agenda?date=2026-11-23&period=week", &smith_token).await;
    assert_eq!(
        (agenda["first_day"].as_str(), agenda["days"].as_u64()),
        (Some("2026-11-23"), Some(7))
    );
    assert_eq!(agenda["time_zone"], "America/New_York");
    assert_eq!(agenda["pending"][0]["id"], id);
    assert_eq!(agenda["appointments"][0]["reason"], "Chest pain");
    assert_eq!(
        code_of(get(&app, "/api/v1/agenda", &alice_token).await).await,
        (403, "forbidden".into())
    );
    let bad = get(&app, "/api/v1/agenda?date=23/11/2026", &smith_token).await;
    assert_eq!(code_of(bad).await, (400, "invalid_input".into()));

    // The visit happens.
    let doctor_web = app.signed_in("dr_smith").await;
    assert_eq!(change(&app, &doctor_web, id, "accept", "").await.status(), 200);
    clock.advance(chrono::Duration::days(3) + chrono::Duration::hours(5));
    let doctor_web = app.signed_in("dr_smith").await;
    assert_eq!(change(&app, &doctor_web, id, "complete", "").await.status(), 200);
    let smith_token = access(&app, "dr_smith").await;
    // Access tokens last 15 minutes by the app's clock: fresh ones after the days went by.
    let alice_token = access(&app, "alice").await;
    let brown_token = access(&app, "dr_brown").await;

    // The patient's history, as her doctor sees it; another doctor never saw her.
    let history = get_json(&app, &format!("/api/v1/patients/{alice}/history"), &smith_token).await;
    assert_eq!(history["full_name"], "Alice Martin");
    assert_eq!(history["all_doctors"], false);
    assert_eq!(history["visits"][0]["appointment"]["id"], id);
    assert_eq!(history["visits"][0]["appointment"]["status"], "completed");
    let other = get(&app, &format!("/api/v1/patients/{alice}/history"), &brown_token).await;
    // As on the web: a patient the doctor has no visit with is "not found" (her existence is
    // not told).
    assert_eq!(code_of(other).await, (404, "not_found".into()));
    let opened: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM record_views WHERE patient_id = ?1")
        .bind(alice)
        .fetch_one(&app.state.db)
        .await
        .expect("record views");
    assert!(opened >= 1, "the opening is recorded for the patient");

    // Earnings: the fee less the platform's 10 %.
    let earnings = get_json(&app, "/api/v1/earnings", &smith_token).await;
    let line = &earnings["lines"][0];
    assert_eq!(line["appointment_id"], id);
    let (fee, net) = (
        line["fee"]["amount_minor"].as_i64().unwrap(),
        line["net"]["amount_minor"].as_i64().unwrap(),
    );
    assert_eq!(net, fee - fee / 10);
    assert_eq!(earnings["balances"][0]["amount_minor"], net);
    assert_eq!(code_of(get(&app, "/api/v1/earnings", &alice_token).await).await.0, 403);

    // A withdrawal of all of it, sent 20 times at once with one key: asked once.
    let whole = format!("{}.{:02}", net / 100, net % 100);
    let body = json!({"amount": whole, "currency": "USD"});
    let mut racing = tokio::task::JoinSet::new();
    for _ in 0..20 {
        let (address, token, body) = (app.address.clone(), smith_token.clone(), body.clone());
        racing.spawn(async move {
            let answer = reqwest::Client::new()
                .post(format!("{address}/api/v1/withdrawals"))
                .header(AUTHORIZATION, format!("Bearer {token}"))
                .header("Idempotency-Key", "withdraw-all-1")
                .json(&body)
                .send()
                .await
                .expect("sent");
            assert_eq!(answer.status(), 201);
            answer.json::<Value>().await.expect("json")["id"].as_i64().expect("id")
        });
    }
    let mut ids = racing.join_all().await;
    ids.sort();
    ids.dedup();
    assert_eq!(ids.len(), 1, "one request, whichever retry came first");
    assert_eq!(app.count("withdrawal_requests").await, 1);
    let earnings = get_json(&app, "/api/v1/earnings", &smith_token).await;
    assert_eq!(earnings["withdrawals"][0]["status"], "requested");
    assert_eq!(earnings["available"][0]["amount_minor"], 0);
    // Another key: nothing left to ask for. No key, or the key for another amount: refused.
    let one = json!({"amount": "1", "currency": "USD"});
    let more = withdraw(&app, &smith_token, Some("withdraw-more-2"), &one).await;
    assert_eq!(code_of(more).await, (409, "insufficient_earnings".into()));
    let keyless = withdraw(&app, &smith_token, None, &body).await;
    assert_eq!(code_of(keyless).await, (400, "bad_request".into()));
    let changed = withdraw(&app, &smith_token, Some("withdraw-all-1"), &one).await;
    assert_eq!(code_of(changed).await, (400, "bad_request".into()));
    let patient = withdraw(&app, &alice_token, Some("withdraw-alice"), &body).await;
    assert_eq!(code_of(patient).await.0, 403);
    assert_eq!(app.count("withdrawal_requests").await, 1);

    // Statistics: the admin sees every doctor; a doctor only themself; a patient nothing.
    let admin_token = access(&app, ADMIN).await;
    let range = "from=2026-11-01&to=2026-11-30";
    let figures = get_json(&app, &format!("/api/v1/statistics?{range}"), &admin_token).await;
    let smith_figures = figures["doctors"]
        .as_array()
        .and_then(|d| d.iter().find(|f| f["doctor_id"] == smith))
        .expect("Dr. Smith's figures")
        .clone();
    assert_eq!(
        (smith_figures["completed"].as_u64(), smith_figures["net"]["amount_minor"].as_i64()),
        (Some(1), Some(net))
    );
    let own = get_json(&app, &format!("/api/v1/statistics?{range}"), &smith_token).await;
    assert_eq!(own["doctors"].as_array().map(Vec::len), Some(1));
    let brown = app.user_id("dr_brown").await;
    // As on the web, a doctor naming another doctor still gets only their own figures.
    let theirs =
        get_json(&app, &format!("/api/v1/statistics?{range}&doctor={brown}"), &smith_token).await;
    assert_eq!(theirs["doctors"][0]["doctor_id"], smith);
    assert_eq!(theirs["doctors"].as_array().map(Vec::len), Some(1));
    let patient = get(&app, &format!("/api/v1/statistics?{range}"), &alice_token).await;
    assert_eq!(code_of(patient).await.0, 403);
    let backwards =
        get(&app, "/api/v1/statistics?from=2026-11-30&to=2026-11-01", &admin_token).await;
    assert_eq!(code_of(backwards).await, (400, "invalid_input".into()));
}
