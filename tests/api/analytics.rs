//! The analytics dashboard (issue 17): every series against a scenario built here, a doctor's
//! own slice, who may see it, and charts that are valid SVG with a title and a table beneath
//! holding the same numbers.

use crate::helpers::*;
use chrono::NaiveDate;
use medibook::dto::analytics_view::AnalyticsView;
use medibook::error::AppError;

/// Friday 20 November 2026, noon UTC (07:00 in New York, the clinic's zone).
const NOW: &str = "2026-11-20T12:00:00Z";
const RANGE: [(&str, &str); 2] = [("from", "2026-11-20"), ("to", "2026-12-10")];

fn at(rfc: &str) -> chrono::DateTime<chrono::Utc> {
    chrono::DateTime::parse_from_rfc3339(rfc).unwrap().with_timezone(&chrono::Utc)
}

/// The `<figure id="{id}">…</figure>` of a page (hydration markers removed).
fn figure(html: &str, id: &str) -> String {
    let start =
        html.find(&format!("<figure id=\"{id}\"")).unwrap_or_else(|| panic!("no chart {id}"));
    let end = start + html[start..].find("</figure>").expect("figure end") + "</figure>".len();
    html[start..end].replace("<!>", "")
}

#[tokio::test]
async fn every_series_matches_a_known_scenario_and_the_charts_hold_the_same_numbers() {
    let (app, clock) = spawn_seeded_app_at(NOW).await;
    let smith = app.user_id("dr_smith").await;
    let (alice, bob) = (app.signed_in("alice").await, app.signed_in("bob").await);
    // Booked on Friday: two visits on Monday (3 days ahead), one on 7 December (17 days).
    let a = book(&app, &alice, smith, "2026-11-23T15:00:00Z", "").await;
    let b = book(&app, &bob, smith, "2026-11-23T15:30:00Z", "").await;
    book(&app, &alice, smith, "2026-12-07T16:00:00Z", "").await;
    let doctor = app.signed_in("dr_smith").await;
    assert_eq!(change(&app, &doctor, a, "accept", "").await.status(), 200);
    assert_eq!(change(&app, &bob, b, "cancel", "Travelling").await.status(), 200);
    clock.advance(at("2026-11-23T17:00:00Z") - at(NOW));
    let doctor = app.signed_in("dr_smith").await;
    assert_eq!(change(&app, &doctor, a, "complete", "").await.status(), 200);
    let admin = app.signed_in(ADMIN).await;
    let view: AnalyticsView = call(&app, &admin, "analytics", &RANGE).await;

    assert_eq!(view.bookings_per_day.len(), 21);
    let booked: Vec<(String, u32)> = view
        .bookings_per_day
        .iter()
        .filter(|d| d.count > 0)
        .map(|d| (d.date.to_string(), d.count))
        .collect();
    assert_eq!(booked, [("2026-11-20".to_owned(), 3)]);
    let leads: Vec<u32> = view.lead_times.iter().map(|l| l.count).collect();
    assert_eq!(leads, [0, 0, 2, 0, 1, 0]);
    let cancelled: Vec<(&str, u32)> =
        view.cancellations.iter().map(|c| (c.label.as_str(), c.count)).collect();
    assert_eq!(cancelled[0], ("Cancelled by the patient", 1));
    assert_eq!(cancelled.iter().map(|c| c.1).sum::<u32>(), 1);
    assert_eq!(view.cancellation_reasons[0].label, "Travelling");
    // Utilisation: the visit done and the one to come, against his hours over the 21 days.
    let (fee, slot) = fee_and_slot(&app, smith).await;
    let offered =
        weekly_minutes_over(&app, smith, NaiveDate::from_ymd_opt(2026, 11, 20).unwrap(), 21).await;
    let row = view.utilisation.iter().find(|u| u.doctor_name == "Dr. John Smith").expect("smith");
    assert_eq!((row.booked_minutes as i64, row.offered_minutes as i64), (2 * slot, offered));
    assert_eq!(row.permille, Some((2 * slot * 1000 / offered) as u16));
    assert_eq!(view.utilisation[0].doctor_name, "Dr. John Smith", "the busiest first");
    // Revenue: the completed visit's fee in November, 10 % to the clinic; nothing in December.
    assert_eq!(view.revenue.len(), 2);
    assert_eq!((view.revenue[0].month.as_str(), view.revenue[0].gross.minor), ("2026-11", fee));
    assert_eq!(view.revenue[0].net.minor, fee - fee / 10);
    assert_eq!(view.revenue[1].gross.minor, 0);
    // New patients: the registrations of each week; one more registers now.
    let registered: i64 = sqlx::query_scalar(
        "SELECT count(*) FROM users WHERE role = 'patient' AND created_at >= ?1 AND created_at < ?2",
    )
    .bind(at("2026-11-20T05:00:00Z").timestamp())
    .bind(at("2026-11-23T05:00:00Z").timestamp())
    .fetch_one(&app.state.db)
    .await
    .unwrap();
    assert_eq!(view.new_patients[0].date.to_string(), "2026-11-20");
    assert_eq!(i64::from(view.new_patients[0].count), registered);
    app.register_patient("newcomer").await.error_for_status().unwrap();
    let after: AnalyticsView = call(&app, &admin, "analytics", &RANGE).await;
    assert_eq!(after.new_patients[1].count, view.new_patients[1].count + 1, "week of 23 November");

    // The charts: valid SVG with a title, and tables with the same numbers.
    let html = admin
        .get(format!("{}/analytics?from=2026-11-20&to=2026-12-10", app.address))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    for id in [
        "bookings-per-day",
        "lead-times",
        "utilisation",
        "cancellations",
        "revenue",
        "new-patients",
    ] {
        let fragment = figure(&html, id);
        let document = roxmltree::Document::parse(&fragment)
            .unwrap_or_else(|e| panic!("{id}: {e}\n{fragment}"));
        let svg = document.descendants().find(|n| n.has_tag_name("svg")).expect("svg");
        let title = svg
            .children()
            .find(|n| n.has_tag_name("title"))
            .and_then(|t| t.text())
            .unwrap_or_default();
        assert!(!title.trim().is_empty(), "{id} has a title");
        assert!(svg.attribute("viewBox").is_some() && svg.attribute("role") == Some("img"));
        let rows: Vec<(String, String)> = document
            .descendants()
            .filter(|n| n.has_tag_name("tr"))
            .filter_map(|tr| {
                let cells: Vec<String> = tr
                    .children()
                    .filter(|c| c.is_element())
                    .map(|c| c.text().unwrap_or_default().to_owned())
                    .collect();
                (cells.len() == 2 && tr.children().any(|c| c.has_tag_name("td")))
                    .then(|| (cells[0].clone(), cells[1].clone()))
            })
            .collect();
        match id {
            "bookings-per-day" => {
                assert_eq!(rows.len(), 21);
                assert!(rows.contains(&("20 Nov".to_owned(), "3".to_owned())), "{rows:?}");
                let bars = svg.descendants().filter(|n| n.has_tag_name("rect")).count();
                assert_eq!(bars, 21);
            }
            "lead-times" => {
                assert!(rows.contains(&("3–6 days".to_owned(), "2".to_owned())), "{rows:?}")
            }
            "cancellations" => {
                assert!(rows.contains(&("Cancelled by the patient".to_owned(), "1".to_owned())))
            }
            _ => assert!(!rows.is_empty(), "{id} has its numbers beneath"),
        }
    }
    app.stop().await;
}

#[tokio::test]
async fn a_doctor_sees_their_own_slice_and_patients_nothing() {
    let (app, _clock) = spawn_seeded_app_at(NOW).await;
    let smith = app.user_id("dr_smith").await;
    let johnson = app.user_id("dr_johnson").await;
    let alice = app.signed_in("alice").await;
    book(&app, &alice, smith, "2026-11-23T15:00:00Z", "").await;
    book(&app, &alice, johnson, "2026-11-24T15:00:00Z", "").await;
    let mine: AnalyticsView =
        call(&app, &app.signed_in("dr_smith").await, "analytics", &RANGE).await;
    assert!(mine.own_slice);
    assert_eq!(mine.utilisation.len(), 1);
    assert_eq!(mine.bookings_per_day.iter().map(|d| d.count).sum::<u32>(), 1);
    assert_eq!(mine.new_patients.iter().map(|d| d.count).sum::<u32>(), 1, "Alice, new to him");
    let all: AnalyticsView = call(&app, &app.admin, "analytics", &RANGE).await;
    assert_eq!(all.bookings_per_day.iter().map(|d| d.count).sum::<u32>(), 2);
    let refused = error_of(app.call(&alice, "analytics", &RANGE).await).await;
    assert_eq!(refused, AppError::Forbidden);
    let reversed = error_of(
        app.call(&app.admin, "analytics", &[("from", "2026-12-10"), ("to", "2026-11-20")]).await,
    )
    .await;
    assert!(matches!(reversed, AppError::Invalid(_)));
    // The default range: the last 90 days.
    let default: AnalyticsView = call(&app, &app.admin, "analytics", &[]).await;
    assert_eq!(default.bookings_per_day.len(), 90);
    app.stop().await;
}
