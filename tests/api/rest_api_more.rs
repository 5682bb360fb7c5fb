//! `/api/v1` beyond booking: places, the admin's accounts, wallet deposits under racing
//! retries, notices, rescheduling and reviews — each through the web app's own services.

use crate::helpers::*;
use reqwest::header::AUTHORIZATION;
use serde_json::{Value, json};

const NOW: &str = "2026-11-20T12:00:00Z";
const MONDAY_10AM: &str = "2026-11-23T15:00:00Z";
const MONDAY_11AM: &str = "2026-11-23T16:00:00Z";

async fn send(
    app: &TestApp,
    method: reqwest::Method,
    path: &str,
    token: Option<&str>,
    body: Option<Value>,
) -> reqwest::Response {
    let mut request = reqwest::Client::new().request(method, format!("{}{path}", app.address));
    if let Some(token) = token {
        request = request.header(AUTHORIZATION, format!("Bearer {token}"));
    }
    if let Some(body) = body {
        request = request.json(&body);
    }
    request.send().await.expect("sent")
}

async fn get_json(app: &TestApp, path: &str, token: Option<&str>) -> Value {
    let response = send(app, reqwest::Method::GET, path, token, None).await;
    assert_eq!(response.status(), 200, "GET {path}");
    response.json().await.expect("json")
}

#[tokio::test]
async fn places_list_level_by_level_find_by_either_language_and_check_a_chain() {
    let (app, _clock) = spawn_seeded_app_at(NOW).await;
    let divisions = get_json(&app, "/api/v1/locations", None).await;
    assert_eq!(divisions.as_array().map(Vec::len), Some(8));
    let dhaka = divisions
        .as_array()
        .and_then(|d| d.iter().find(|p| p["name_en"] == "Dhaka"))
        .expect("Dhaka")
        .clone();
    let districts =
        get_json(&app, &format!("/api/v1/locations?parent={}", dhaka["id"]), None).await;
    let district = districts.as_array().and_then(|d| d.first()).expect("a district").clone();
    assert_eq!(district["level_en"], "District");
    let upazilas =
        get_json(&app, &format!("/api/v1/locations?parent={}", district["id"]), None).await;
    let upazila = upazilas.as_array().and_then(|u| u.first()).expect("an upazila").clone();
    let tree = get_json(&app, "/api/v1/locations/tree", None).await;
    let by_depth = |d: i64| tree.as_array().map(|t| t.iter().filter(|p| p["depth"] == d).count());
    assert_eq!((by_depth(1), by_depth(2), by_depth(3)), (Some(8), Some(64), Some(521)));

    let path = get_json(&app, &format!("/api/v1/locations/{}/path", upazila["id"]), None).await;
    let names: Vec<&str> =
        path.as_array().expect("path").iter().filter_map(|p| p["name_en"].as_str()).collect();
    assert_eq!(
        names,
        vec![
            "Dhaka",
            district["name_en"].as_str().unwrap_or(""),
            upazila["name_en"].as_str().unwrap_or("")
        ]
    );
    let found = get_json(&app, "/api/v1/locations/search?q=dhanm", None).await;
    assert_eq!(found[0]["breadcrumb_en"], "Dhaka › Dhaka › Dhanmondi");
    let bangla =
        get_json(&app, "/api/v1/locations/search?q=%E0%A6%A7%E0%A6%BE%E0%A6%A8%E0%A6%AE", None)
            .await;
    assert_eq!(bangla[0]["place"]["name_en"], "Dhanmondi", "ধানম finds Dhanmondi");

    let good = format!(
        "/api/v1/locations/check?division={}&district={}&upazila={}",
        dhaka["id"], district["id"], upazila["id"]
    );
    assert_eq!(get_json(&app, &good, None).await["valid"], true);
    let other = divisions
        .as_array()
        .and_then(|d| d.iter().find(|p| p["name_en"] != "Dhaka"))
        .expect("another");
    let bad =
        format!("/api/v1/locations/check?division={}&district={}", other["id"], district["id"]);
    let answer = get_json(&app, &bad, None).await;
    assert_eq!(
        (answer["valid"].as_bool(), answer["deepest"].as_i64()),
        (Some(false), other["id"].as_i64())
    );
    assert_eq!(
        send(&app, reqwest::Method::GET, "/api/v1/locations/999999/path", None, None)
            .await
            .status(),
        404
    );
    app.stop().await;
}

#[tokio::test]
async fn only_admins_list_verify_and_deactivate_accounts_and_a_verified_doctor_is_listed() {
    let (app, _clock) = spawn_seeded_app_at(NOW).await;
    app.register_doctor("dr_new", "MD-9191").await.error_for_status().expect("registered");
    let new_id = app.user_id("dr_new").await;
    let patient = access(&app, "alice").await;
    let doctor = access(&app, "dr_smith").await;
    let admin = access(&app, ADMIN).await;
    for token in [&patient, &doctor] {
        let listed = send(&app, reqwest::Method::GET, "/api/v1/users", Some(token), None).await;
        assert_eq!(listed.status(), 403);
        let verified = send(
            &app,
            reqwest::Method::POST,
            &format!("/api/v1/users/{new_id}/verification"),
            Some(token),
            None,
        )
        .await;
        assert_eq!(verified.status(), 403);
    }
    let waiting = get_json(&app, "/api/v1/users?show=unverified", Some(&admin)).await;
    let row = waiting
        .as_array()
        .and_then(|w| w.iter().find(|u| u["username"] == "dr_new"))
        .expect("waiting");
    assert_eq!(row["doctor_verified"], false);
    assert_eq!(
        send(&app, reqwest::Method::GET, &format!("/api/v1/doctors/{new_id}"), None, None)
            .await
            .status(),
        404
    );
    let verified = send(
        &app,
        reqwest::Method::POST,
        &format!("/api/v1/users/{new_id}/verification"),
        Some(&admin),
        None,
    )
    .await;
    assert_eq!(verified.status(), 204);
    assert_eq!(
        send(&app, reqwest::Method::GET, &format!("/api/v1/doctors/{new_id}"), None, None)
            .await
            .status(),
        200
    );

    let bob = app.user_id("bob").await;
    let bob_token = access(&app, "bob").await;
    let off = send(
        &app,
        reqwest::Method::POST,
        &format!("/api/v1/users/{bob}/activity"),
        Some(&admin),
        Some(json!({"active": false})),
    )
    .await;
    assert_eq!(off.status(), 204);
    assert_eq!(
        send(&app, reqwest::Method::GET, "/api/v1/me", Some(&bob_token), None).await.status(),
        401
    );
    let me = app.user_id(ADMIN).await;
    let myself = send(
        &app,
        reqwest::Method::POST,
        &format!("/api/v1/users/{me}/activity"),
        Some(&admin),
        Some(json!({"active": false})),
    )
    .await;
    assert_eq!(myself.status(), 403, "an admin cannot lock themselves out");
    app.stop().await;
}

#[tokio::test]
async fn twenty_racing_retries_of_one_deposit_deposit_once_and_the_wallet_shows_it() {
    let (app, _clock) = spawn_seeded_app_at(NOW).await;
    let alice = access(&app, "alice").await;
    let body = json!({"amount": "50", "currency": "USD",
        "card": {"number": "4242 4242 4242 4242", "expiry": "12/30", "cvc": "123", "holder": "Alice Martin"}});
    let no_key = send(
        &app,
        reqwest::Method::POST,
        "/api/v1/wallet/deposits",
        Some(&alice),
        Some(body.clone()),
    )
    .await;
    assert_eq!(no_key.status(), 400);
    let mut racing = tokio::task::JoinSet::new();
    for _ in 0..20 {
        let (address, token, body) = (app.address.clone(), alice.clone(), body.clone());
        racing.spawn(async move {
            let response = reqwest::Client::new()
                .post(format!("{address}/api/v1/wallet/deposits"))
                .header(AUTHORIZATION, format!("Bearer {token}"))
                .header("Idempotency-Key", "alice-deposit-0001")
                .json(&body)
                .send()
                .await
                .expect("sent");
            (response.status().as_u16(), response.json::<Value>().await.expect("json"))
        });
    }
    let answers = racing.join_all().await;
    let ids: std::collections::BTreeSet<i64> = answers
        .iter()
        .map(|(status, body)| {
            assert_eq!(*status, 201, "{body}");
            body["transaction_id"].as_i64().expect("id")
        })
        .collect();
    assert_eq!(ids.len(), 1, "one deposit answered twenty times");
    let wallet = get_json(&app, "/api/v1/wallet?kind=deposit", Some(&alice)).await;
    assert_eq!(wallet["balances"][0], json!({"amount_minor": 5000, "currency": "USD"}));
    assert_eq!(wallet["history"].as_array().map(Vec::len), Some(1));
    let bad =
        send(&app, reqwest::Method::GET, "/api/v1/wallet?from=2026-13-01", Some(&alice), None)
            .await;
    assert_eq!(bad.status(), 400);
    let doctor = access(&app, "dr_smith").await;
    assert_eq!(
        send(&app, reqwest::Method::GET, "/api/v1/wallet", Some(&doctor), None).await.status(),
        403
    );
    app.stop().await;
}

#[tokio::test]
async fn a_booked_visit_is_noticed_moved_completed_and_reviewed_through_the_api() {
    let (app, clock) = spawn_seeded_app_at(NOW).await;
    let smith = app.user_id("dr_smith").await;
    let alice_web = app.signed_in("alice").await;
    let id = book(&app, &alice_web, smith, MONDAY_10AM, "Checkup").await;
    let doctor = access(&app, "dr_smith").await;
    let alice = access(&app, "alice").await;

    let notices = get_json(&app, "/api/v1/notifications", Some(&doctor)).await;
    assert!(notices["unread"].as_i64().is_some_and(|n| n >= 1), "{notices}");
    assert_eq!(notices["items"][0]["kind"], "requested");
    let read = send(
        &app,
        reqwest::Method::POST,
        "/api/v1/notifications/read",
        Some(&doctor),
        Some(json!({})),
    )
    .await;
    assert_eq!(read.status(), 200);
    assert_eq!(get_json(&app, "/api/v1/notifications", Some(&doctor)).await["unread"], 0);
    let others = send(
        &app,
        reqwest::Method::POST,
        "/api/v1/notifications/read",
        Some(&alice),
        Some(json!({"id": notices["items"][0]["id"]})),
    )
    .await;
    assert_eq!(others.status(), 404, "someone else's notice");

    let moved = send(
        &app,
        reqwest::Method::POST,
        &format!("/api/v1/appointments/{id}/reschedule"),
        Some(&alice),
        Some(json!({"start": MONDAY_11AM})),
    )
    .await;
    assert_eq!(moved.status(), 200);
    let day = get_json(
        &app,
        &format!("/api/v1/doctors/{smith}/slots?date=2026-11-23&time_zone=America/New_York"),
        None,
    )
    .await;
    assert_eq!(day["slots"][0]["start"], MONDAY_10AM, "the old time is free again");

    let accept = send(
        &app,
        reqwest::Method::POST,
        &format!("/api/v1/appointments/{id}/accept"),
        Some(&doctor),
        Some(json!({})),
    )
    .await;
    assert_eq!(accept.status(), 200);
    let early = send(
        &app,
        reqwest::Method::POST,
        &format!("/api/v1/appointments/{id}/complete"),
        Some(&doctor),
        Some(json!({})),
    )
    .await;
    assert_eq!(early.status(), 400, "not before the visit");
    let too_soon = send(
        &app,
        reqwest::Method::POST,
        &format!("/api/v1/appointments/{id}/review"),
        Some(&alice),
        Some(json!({"stars": 5})),
    )
    .await;
    assert_eq!(too_soon.status(), 403, "only a completed visit");
    clock.advance(chrono::Duration::days(3) + chrono::Duration::hours(5));
    // Access tokens last 15 minutes by the app's clock: the old ones are refused now.
    assert_eq!(
        send(&app, reqwest::Method::GET, "/api/v1/me", Some(&doctor), None).await.status(),
        401
    );
    let (doctor, alice) = (access(&app, "dr_smith").await, access(&app, "alice").await);
    let done = send(
        &app,
        reqwest::Method::POST,
        &format!("/api/v1/appointments/{id}/complete"),
        Some(&doctor),
        Some(json!({})),
    )
    .await;
    assert_eq!(done.status(), 200);
    let review = json!({"stars": 4, "body": "Thorough and kind."});
    let by_doctor = send(
        &app,
        reqwest::Method::POST,
        &format!("/api/v1/appointments/{id}/review"),
        Some(&doctor),
        Some(review.clone()),
    )
    .await;
    assert_eq!(by_doctor.status(), 403);
    let written = send(
        &app,
        reqwest::Method::POST,
        &format!("/api/v1/appointments/{id}/review"),
        Some(&alice),
        Some(review.clone()),
    )
    .await;
    assert_eq!(written.status(), 201);
    let twice = send(
        &app,
        reqwest::Method::POST,
        &format!("/api/v1/appointments/{id}/review"),
        Some(&alice),
        Some(review),
    )
    .await;
    assert_eq!(twice.status(), 409);
    let reviews = get_json(&app, &format!("/api/v1/doctors/{smith}/reviews"), None).await;
    assert_eq!(reviews["rating"]["count"], 1);
    assert_eq!(reviews["distribution"], json!([0, 1, 0, 0, 0]));
    assert_eq!(reviews["reviews"][0]["body"], "Thorough and kind.");
    app.stop().await;
}
