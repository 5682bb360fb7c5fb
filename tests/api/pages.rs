//! Server-rendered pages and the built client's files: the doctor page's data loaded once and
//! never stale, compression as the browser allows, and cache headers.

use crate::helpers::*;
use reqwest::header;

/// Friday 20 November 2026, noon UTC; Monday the 23rd is a working day for dr_smith (12 slots).
const NOW: &str = "2026-11-20T12:00:00Z";

/// `/doctors/:id` rendered for a viewer in New York (the zone cookie the browser keeps).
async fn doctor_page(app: &TestApp, client: &reqwest::Client, doctor: i64) -> String {
    let response = client
        .get(format!("{}/doctors/{doctor}", app.address))
        .header(header::COOKIE, "medibook_tz=America/New_York")
        .send()
        .await
        .expect("page");
    assert_eq!(response.status(), 200);
    assert_eq!(response.headers()[header::CACHE_CONTROL], "no-store");
    response.text().await.expect("html")
}

/// The free-slot count the rendered calendar shows for `date`.
fn shown_free(html: &str, date: &str) -> u32 {
    let marker = format!("data-date=\"{date}\" data-free=\"");
    let at = html.find(&marker).unwrap_or_else(|| panic!("no calendar day {date}")) + marker.len();
    html[at..].split('"').next().and_then(|n| n.parse().ok()).expect("count")
}

/// The free-slot count the hydration data carries for `date` (what the client starts from).
fn hydrated_free(html: &str, date: &str) -> u32 {
    let marker = format!("{{\\\"date\\\":\\\"{date}\\\",\\\"free_slots\\\":");
    let at = html.find(&marker).unwrap_or_else(|| panic!("no data for {date}")) + marker.len();
    html[at..].split('}').next().and_then(|n| n.parse().ok()).expect("count")
}

/// Bob holds the first free slot of Monday the 23rd; the day's free starts before the hold.
async fn bob_holds_the_first_slot(app: &TestApp, doctor: i64) -> Vec<String> {
    let starts = free_starts(app, doctor, "2026-11-23").await;
    let bob = app.signed_in("bob").await;
    app.call(&bob, "hold_slot", &[("doctor_id", &doctor.to_string()), ("start", &starts[0])])
        .await
        .error_for_status()
        .expect("held");
    starts
}

#[tokio::test]
async fn the_doctor_page_loads_its_month_once_and_each_render_shows_holds_bookings_and_frees() {
    let (app, _clock) = spawn_seeded_app_at(NOW).await;
    let smith = app.user_id("dr_smith").await;
    let visitor = app.client();
    let html = doctor_page(&app, &visitor, smith).await;
    // The month is computed and serialised once (it was three times: a resource created inside
    // the profile's suspended view is created again on each walk of that view). Only the
    // calendar island's data is sent: the profile is rendered on the server alone.
    assert_eq!(html.matches("\\\"month\\\":\\\"2026-11\\\"").count(), 1, "one month in the data");
    assert_eq!(html.matches("\\\"full_name\\\":\\\"Dr. John Smith\\\"").count(), 0);
    assert_eq!(html.matches("<h1>Dr. John Smith</h1>").count(), 1, "the profile is on the page");
    assert_eq!((shown_free(&html, "2026-11-23"), hydrated_free(&html, "2026-11-23")), (12, 12));
    assert!(html.contains("November 2026"), "the month's name");

    let starts = bob_holds_the_first_slot(&app, smith).await;
    let html = doctor_page(&app, &visitor, smith).await;
    assert_eq!((shown_free(&html, "2026-11-23"), hydrated_free(&html, "2026-11-23")), (11, 11));

    let alice = app.signed_in("alice").await;
    let booked = book(&app, &alice, smith, &starts[1], "Check-up").await;
    let html = doctor_page(&app, &alice, smith).await;
    assert_eq!((shown_free(&html, "2026-11-23"), hydrated_free(&html, "2026-11-23")), (10, 10));

    change(&app, &alice, booked, "cancel", "Plans changed")
        .await
        .error_for_status()
        .expect("cancel");
    let html = doctor_page(&app, &visitor, smith).await;
    assert_eq!((shown_free(&html, "2026-11-23"), hydrated_free(&html, "2026-11-23")), (11, 11));
    app.stop().await;
}

#[tokio::test]
async fn the_month_overview_defaults_to_the_current_month_in_the_doctors_zone() {
    let (app, _clock) = spawn_seeded_app_at(NOW).await;
    let smith = app.user_id("dr_smith").await.to_string();
    let overview =
        call_ok(&app, &app.client(), "month_availability", &[("doctor_id", &smith)]).await;
    assert_eq!(overview["month"], "2026-11");
    assert_eq!(overview["time_zone"], "America/New_York");
    assert_eq!(overview["today"], "2026-11-20");
    // Another zone is taken as asked (noon UTC is 21:00 on the 20th in Tokyo); blank is absent.
    let late = [("doctor_id", smith.as_str()), ("month", " "), ("time_zone", "Asia/Tokyo")];
    let overview = call_ok(&app, &app.client(), "month_availability", &late).await;
    assert_eq!(
        (overview["time_zone"].as_str(), overview["today"].as_str()),
        (Some("Asia/Tokyo"), Some("2026-11-20"))
    );
    app.stop().await;
}

/// A client that is signed in (it sends its jar's cookies) or a visitor in New York.
type Viewer<'a> = (&'a reqwest::Client, bool);

/// One answer of `/doctors/:id`: cache status, nonce of its policy, HTML. A visitor asks with
/// the zone cookie; a signed-in client sends its jar's cookies (a `Cookie` header set here would
/// replace them).
async fn doctor_page_answer(
    app: &TestApp,
    (client, signed_in): Viewer<'_>,
    doctor: i64,
) -> (String, String, String) {
    let mut request = client.get(format!("{}/doctors/{doctor}", app.address));
    if !signed_in {
        request = request.header(header::COOKIE, "medibook_tz=America/New_York");
    }
    let response = request.send().await.expect("page");
    assert_eq!(response.status(), 200);
    assert_eq!(response.headers()[header::CACHE_CONTROL], "no-store");
    let status = response.headers()["x-page-cache"].to_str().expect("status").to_owned();
    let policy = response.headers()[header::CONTENT_SECURITY_POLICY].to_str().expect("csp");
    let nonce = policy.split("'nonce-").nth(1).and_then(|n| n.split('\'').next()).expect("nonce");
    let nonce = nonce.to_owned();
    let html = response.text().await.expect("html");
    // Every inline script carries this answer's nonce, none an earlier one.
    let scripts = html.matches("<script").count();
    assert_eq!(html.matches(&format!("nonce=\"{nonce}\"")).count(), scripts, "{status}");
    (status, nonce, html)
}

/// Asks until an answer comes from the page cache (the server's start-up writes settle first).
async fn until_kept(app: &TestApp, viewer: Viewer<'_>, doctor: i64) -> (String, String) {
    for _ in 0..100 {
        let (status, nonce, html) = doctor_page_answer(app, viewer, doctor).await;
        if status == "hit" {
            return (nonce, html);
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    panic!("the doctor page was never answered from the cache");
}

#[tokio::test]
async fn a_kept_page_is_answered_again_until_a_write_or_its_time_and_only_to_its_own_visitor() {
    let (app, clock) = spawn_seeded_app_at(NOW).await;
    let smith = app.user_id("dr_smith").await;
    let client = app.client();
    let visitor = (&client, false);
    let (first, html) = until_kept(&app, visitor, smith).await;
    assert_eq!(shown_free(&html, "2026-11-23"), 12);
    let (status, second, _) = doctor_page_answer(&app, visitor, smith).await;
    assert!(status == "hit" || status == "miss");
    assert_ne!(first, second, "each answer has a nonce of its own");

    // A hold is a write: the very next answer is rendered again and shows it.
    bob_holds_the_first_slot(&app, smith).await;
    let (status, _, html) = doctor_page_answer(&app, visitor, smith).await;
    assert_eq!(status, "miss");
    assert_eq!((shown_free(&html, "2026-11-23"), hydrated_free(&html, "2026-11-23")), (11, 11));
    let (_, html) = until_kept(&app, visitor, smith).await;
    assert_eq!(shown_free(&html, "2026-11-23"), 11, "what is kept is the new page");

    // A signed-in patient's page is hers alone: the visitor's kept page never shows her name,
    // and hers is never answered to the visitor.
    let alice = app.signed_in("alice").await;
    let (_, alice_html) = until_kept(&app, (&alice, true), smith).await;
    assert!(alice_html.contains("Alice Martin"), "her name in the header");
    let (_, _, html) = doctor_page_answer(&app, visitor, smith).await;
    assert!(!html.contains("Alice Martin"));

    // Time alone (the hold expiring after its ten minutes) is seen once a kept page is too old.
    clock.advance(chrono::Duration::minutes(11));
    let (status, _, html) = doctor_page_answer(&app, visitor, smith).await;
    assert_eq!(status, "miss");
    assert_eq!(shown_free(&html, "2026-11-23"), 12, "the expired hold's slot is free again");
    app.stop().await;
}

#[tokio::test]
async fn every_page_of_the_booking_path_is_rendered_as_islands_and_no_other() {
    let (app, _clock) = spawn_seeded_app_at(NOW).await;
    let smith = app.user_id("dr_smith").await;
    let alice = app.signed_in("alice").await;
    let start = &free_starts(&app, smith, "2026-11-23").await[0];
    let held: medibook::dto::hold_view::HoldView =
        call(&app, &alice, "hold_slot", &[("doctor_id", &smith.to_string()), ("start", start)])
            .await;
    let doctor = format!("/doctors/{smith}");
    let confirmation = format!("/book/{}", held.appointment_id);
    let islands = ["/", "/login", "/register", "/register/doctor", "/doctors", doctor.as_str()];
    let signed_in = [confirmation.as_str(), "/appointments"];
    let visitor = app.client();
    let pages = islands
        .iter()
        .map(|path| (path, &visitor))
        .chain(signed_in.iter().map(|path| (path, &alice)));
    for (path, client) in pages {
        // The list the server decides by, and a route of the islands app for each of its paths.
        assert!(medibook::ui::islands::is_islands_path(path), "{path}");
        let response = client.get(format!("{}{path}", app.address)).send().await.expect("page");
        assert_eq!(response.status(), 200, "{path}");
        let html = response.text().await.expect("html");
        assert!(html.contains("<body data-islands=\"true\">"), "{path} is an islands page");
        assert!(!html.contains("Page not found"), "{path} has a route in the islands app");
    }
    for path in ["/wallet", "/account", "/appointments/1"] {
        let html = alice.get(format!("{}{path}", app.address)).send().await.expect("page");
        let html = html.text().await.expect("html");
        assert!(!html.contains("data-islands"), "{path} hydrates the whole app");
    }
    app.stop().await;
}
