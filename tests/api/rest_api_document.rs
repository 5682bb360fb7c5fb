//! The REST API's OpenAPI document, its reference page at `/api/docs`, page links and ETags.

use crate::helpers::*;
use reqwest::header::{ETAG, IF_NONE_MATCH, LINK};
use serde_json::Value;

const NOW: &str = "2026-11-20T12:00:00Z";
const MONDAY_10AM: &str = "2026-11-23T15:00:00Z";

async fn get(app: &TestApp, path: &str) -> reqwest::Response {
    reqwest::Client::new().get(format!("{}{path}", app.address)).send().await.expect("sent")
}

#[tokio::test]
async fn the_document_describes_every_route_the_api_serves() {
    let app = spawn_app().await;
    let doc: Value = get(&app, "/api/v1/openapi.json").await.json().await.expect("json");
    assert!(doc["openapi"].as_str().is_some_and(|v| v.starts_with("3.1")), "{}", doc["openapi"]);
    let paths: Vec<&str> =
        doc["paths"].as_object().expect("paths").keys().map(String::as_str).collect();
    for path in [
        "/api/v1/tokens",
        "/api/v1/tokens/refresh",
        "/api/v1/tokens/revoke",
        "/api/v1/me",
        "/api/v1/specialties",
        "/api/v1/doctors",
        "/api/v1/doctors/{id}",
        "/api/v1/doctors/{id}/slots",
        "/api/v1/doctors/{id}/availability",
        "/api/v1/holds",
        "/api/v1/holds/{id}/booking",
        "/api/v1/appointments",
        "/api/v1/appointments/{id}",
        "/api/v1/appointments/{id}/{action}",
    ] {
        assert!(paths.contains(&path), "{path} missing from {paths:?}");
    }
    let zone = &doc["paths"]["/api/v1/doctors/{id}/slots"]["get"]["parameters"]
        .as_array()
        .expect("parameters")
        .iter()
        .find(|p| p["name"] == "time_zone")
        .expect("time_zone")["schema"]["enum"];
    assert!(zone.as_array().is_some_and(|names| names.iter().any(|n| n == "Asia/Dhaka")));

    // The reference page: our own copies of Swagger UI's files, and an anchor for each code a
    // problem's `type` points at.
    let page = get(&app, "/api/docs").await;
    assert_eq!(page.status(), 200);
    let html = page.text().await.expect("html");
    for part in [
        "src=\"/api-docs/swagger-ui-bundle.js\"",
        "href=\"/api/v1/openapi.json\"",
        "id=\"error-token_invalid\"",
        "id=\"error-slot_not_working_time\"",
    ] {
        assert!(html.contains(part), "{part}");
    }
    assert!(!html.contains("://"), "nothing from another site");
    app.stop().await;
}

#[tokio::test]
async fn searches_page_with_links_and_polled_reads_answer_304_until_they_change() {
    let (app, _clock) = spawn_seeded_app_at(NOW).await;
    let all: Value = get(&app, "/api/v1/doctors").await.json().await.expect("json");
    let total = all["total"].as_u64().expect("total");
    assert!(total >= 1);
    let found = get(&app, "/api/v1/doctors?q=smith&sort=fee").await;
    assert_eq!(found.status(), 200);
    let link = found.headers().get(LINK).and_then(|v| v.to_str().ok()).map(str::to_owned);
    assert_eq!(
        link.as_deref(),
        Some(
            "</api/v1/doctors?q=smith&sort=fee&page=1>; rel=\"first\", </api/v1/doctors?q=smith&sort=fee&page=1>; rel=\"last\""
        )
    );
    let body: Value = found.json().await.expect("json");
    assert_eq!(body["doctors"][0]["full_name"], "Dr. John Smith");
    assert!(body["doctors"][0]["fee"]["amount_minor"].as_i64().is_some());

    let smith = app.user_id("dr_smith").await;
    let path = format!("/api/v1/doctors/{smith}/slots?date=2026-11-23&time_zone=America/New_York");
    let first = get(&app, &path).await;
    assert_eq!(
        first.headers().get("cache-control").and_then(|v| v.to_str().ok()),
        Some("private, no-cache")
    );
    let tag = first.headers().get(ETAG).expect("etag").clone();
    let day: Value = first.json().await.expect("json");
    assert_eq!(day["slots"][0]["start"], MONDAY_10AM);
    let again = reqwest::Client::new()
        .get(format!("{}{path}", app.address))
        .header(IF_NONE_MATCH, tag.clone())
        .send()
        .await
        .expect("sent");
    assert_eq!(again.status(), 304);
    // Bob holds the first slot: the day changed, so the same tag gets the new list.
    let bob = app.signed_in("bob").await;
    let _: medibook::dto::hold_view::HoldView =
        call(&app, &bob, "hold_slot", &[("doctor_id", &smith.to_string()), ("start", MONDAY_10AM)])
            .await;
    let changed = reqwest::Client::new()
        .get(format!("{}{path}", app.address))
        .header(IF_NONE_MATCH, tag)
        .send()
        .await
        .expect("sent");
    assert_eq!(changed.status(), 200);
    let day: Value = changed.json().await.expect("json");
    assert_ne!(day["slots"][0]["start"], MONDAY_10AM);
    app.stop().await;
}
