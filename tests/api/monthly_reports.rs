//! Monthly doctor reports (issue 17): a known month — visits completed, missed, cancelled by
//! the patient, declined by the doctor; fees; reviews — checked figure by figure against
//! numbers computed here; generated once when the month ends, caught up after a missed month,
//! never twice (not on a second run, not by two workers at once); the statistics function
//! gives the same numbers; who may read them; the CSV is formula-safe.

use crate::helpers::*;
use chrono::{Duration, NaiveDate};
use medibook::domain::schedule::calendar::Month;
use medibook::dto::report_views::{MonthlyReportView, StatisticsView};
use medibook::error::AppError;
use medibook::server::reports::generation;

/// Friday 20 November 2026, noon UTC (07:00 in New York, the clinic's zone).
const NOW: &str = "2026-11-20T12:00:00Z";

fn at(rfc: &str) -> chrono::DateTime<chrono::Utc> {
    chrono::DateTime::parse_from_rfc3339(rfc).unwrap().with_timezone(&chrono::Utc)
}

async fn review(app: &TestApp, client: &reqwest::Client, id: i64, stars: &str) {
    let response = app
        .call(client, "write_review", &[("appointment_id", &id.to_string()), ("stars", stars)])
        .await;
    assert_eq!(response.status(), 200);
}

#[tokio::test]
async fn a_month_is_reported_once_and_missed_months_are_caught_up() {
    let (app, clock) = spawn_seeded_app_at(NOW).await;
    let smith = app.user_id("dr_smith").await;
    let (alice, bob, carol) =
        (app.signed_in("alice").await, app.signed_in("bob").await, app.signed_in("carol").await);
    // Monday 23 at 10:00, 10:30, 11:00; Tuesday 24 at 10:00; Wednesday 25 at 10:00, 10:30 (NY).
    let a = book(&app, &alice, smith, "2026-11-23T15:00:00Z", "").await;
    let b = book(&app, &bob, smith, "2026-11-23T15:30:00Z", "").await;
    let c = book(&app, &carol, smith, "2026-11-23T16:00:00Z", "").await;
    let d = book(&app, &alice, smith, "2026-11-24T15:00:00Z", "").await;
    let e = book(&app, &bob, smith, "2026-11-25T15:00:00Z", "").await;
    let f = book(&app, &carol, smith, "2026-11-25T15:30:00Z", "").await;
    let doctor = app.signed_in("dr_smith").await;
    for id in [a, b, c, d, e] {
        assert_eq!(change(&app, &doctor, id, "accept", "").await.status(), 200);
    }
    assert_eq!(change(&app, &doctor, f, "reject", "Fully booked").await.status(), 200);
    assert_eq!(change(&app, &bob, e, "cancel", "Travelling").await.status(), 200);
    // Tuesday 24, 17:00 in New York: three visits done, one missed; three reviews.
    clock.advance(at("2026-11-24T22:00:00Z") - at(NOW));
    let doctor = app.signed_in("dr_smith").await;
    for id in [a, b, c] {
        assert_eq!(change(&app, &doctor, id, "complete", "").await.status(), 200);
    }
    assert_eq!(change(&app, &doctor, d, "no_show", "").await.status(), 200);
    let (alice, bob, carol) =
        (app.signed_in("alice").await, app.signed_in("bob").await, app.signed_in("carol").await);
    review(&app, &alice, a, "5").await;
    review(&app, &bob, b, "4").await;
    review(&app, &carol, c, "4").await;

    // November is not over in New York until 05:00 UTC on 1 December.
    clock.advance(at("2026-12-01T04:59:00Z") - at("2026-11-24T22:00:00Z"));
    let before = generation::catch_up(&app.state).await.unwrap();
    assert!(!before.contains(&"2026-11".to_owned()), "{before:?}");
    clock.advance(Duration::minutes(2));
    let written = generation::catch_up(&app.state).await.unwrap();
    assert_eq!(written.last().map(String::as_str), Some("2026-11"), "{written:?}");
    assert!(generation::catch_up(&app.state).await.unwrap().is_empty(), "nothing twice");

    // Every figure of Dr. Smith's November, computed here.
    let doctor = app.signed_in("dr_smith").await;
    let report: MonthlyReportView =
        call(&app, &doctor, "monthly_report", &[("month", "2026-11")]).await;
    assert_eq!(report.reports.len(), 1, "a doctor reads their own report only");
    let figures = &report.reports[0].figures;
    let s = figures.by_status;
    assert_eq!(
        (s.completed, s.no_show, s.cancelled, s.rejected, s.confirmed, s.pending),
        (3, 1, 1, 1, 0, 0)
    );
    assert_eq!(figures.completion_permille, Some(500));
    assert_eq!(figures.cancellation_permille, Some(333));
    assert_eq!(figures.no_show_permille, Some(167));
    let (fee, slot) = fee_and_slot(&app, smith).await;
    assert_eq!(figures.booked_minutes as i64, 4 * slot, "three visits and the missed one");
    // Four fees kept (the missed visit is not refunded), 10 % to the clinic; the cancelled and
    // declined ones were refunded in full.
    let cut = |amount: i64| amount * 1000 / 10_000;
    assert_eq!(figures.revenue.gross, 4 * fee);
    assert_eq!(figures.revenue.platform_cut, 4 * cut(fee));
    assert_eq!(figures.revenue.net, 4 * (fee - cut(fee)));
    assert_eq!((figures.ratings.count, figures.rating_tenths), (3, Some(43)));
    assert_eq!(figures.busiest_weekday, Some(chrono::Weekday::Mon));
    assert_eq!(figures.busiest_hour, Some(10));
    // Offered: his weekly hours on each November day.
    let offered =
        weekly_minutes_over(&app, smith, NaiveDate::from_ymd_opt(2026, 11, 1).unwrap(), 30).await;
    assert!(offered > 0);
    assert_eq!(figures.offered_minutes as i64, offered);
    assert_eq!(
        figures.utilisation_permille,
        Some(((4 * slot * 1000 + offered / 2) / offered) as u16)
    );

    // The statistics function gives the same numbers for the same days.
    let stats: StatisticsView =
        call(&app, &doctor, "statistics", &[("from", "2026-11-01"), ("to", "2026-11-30")]).await;
    assert_eq!(&stats.reports[0].figures, figures);

    // A missed month: the server was down all of January; both months come, once each, even
    // with two workers at it.
    clock.advance(at("2027-02-02T12:00:00Z") - at("2026-12-01T05:01:00Z"));
    let (one, two) =
        tokio::join!(generation::catch_up(&app.state), generation::catch_up(&app.state));
    let mut months: Vec<String> = one.unwrap().into_iter().chain(two.unwrap()).collect();
    months.sort();
    assert_eq!(months, ["2026-12", "2027-01"]);
    let per_month: Vec<(String, i64)> = sqlx::query_as(
        "SELECT month, count(*) FROM monthly_reports WHERE doctor_id = ?1 GROUP BY month ORDER BY month",
    )
    .bind(smith)
    .fetch_all(&app.state.db)
    .await
    .unwrap();
    assert!(per_month.iter().all(|(_, n)| *n == 1), "{per_month:?}");
    assert!(per_month.iter().any(|(m, _)| m == "2027-01"));
    assert!(!generation::generate(&app.state, Month::parse("2026-11").unwrap()).await.unwrap());
    // Kept as generated, whatever code writes.
    let error = sqlx::query("UPDATE monthly_reports SET figures = '{}'")
        .execute(&app.state.writer)
        .await
        .unwrap_err();
    assert!(error.to_string().contains("MB_REPORTS_KEPT"), "{error}");
    app.stop().await;
}

#[tokio::test]
async fn who_reads_reports_and_the_csv_is_formula_safe() {
    let (app, clock) = spawn_seeded_app_at(NOW).await;
    let smith = app.user_id("dr_smith").await;
    let alice = app.signed_in("alice").await;
    book(&app, &alice, smith, "2026-11-23T15:00:00Z", "").await;
    sqlx::query("UPDATE users SET full_name = '=HYPERLINK(\"x\")' WHERE id = ?1")
        .bind(app.user_id("dr_johnson").await)
        .execute(&app.state.writer)
        .await
        .unwrap();
    clock.advance(at("2026-12-02T12:00:00Z") - at(NOW));
    generation::catch_up(&app.state).await.unwrap();
    let patient = app.signed_in("alice").await;
    let admin = app.signed_in(ADMIN).await;
    let refused = error_of(app.call(&patient, "monthly_report", &[]).await).await;
    assert_eq!(refused, AppError::Forbidden);
    let all: MonthlyReportView =
        call(&app, &admin, "monthly_report", &[("month", "2026-11")]).await;
    assert!(all.reports.len() >= 5, "every verified doctor");
    let one: MonthlyReportView = call(
        &app,
        &admin,
        "monthly_report",
        &[("month", "2026-11"), ("doctor", &smith.to_string())],
    )
    .await;
    assert_eq!(one.reports.len(), 1);
    assert_eq!(one.reports[0].figures.by_status.pending, 1);
    let csv = admin.get(format!("{}/reports/2026-11.csv", app.address)).send().await.unwrap();
    assert_eq!(csv.status(), 200);
    assert!(csv.headers()["content-type"].to_str().unwrap().starts_with("text/csv"));
    let text = csv.text().await.unwrap();
    assert!(text.starts_with("month,doctor,specialty,"));
    assert!(text.contains("'=HYPERLINK"), "a name is never a formula: {text}");
    assert_eq!(text.lines().count(), all.reports.len() + 1);
    let doctor = app.signed_in("dr_smith").await;
    let own = doctor.get(format!("{}/reports/2026-11.csv", app.address)).send().await.unwrap();
    assert_eq!(own.text().await.unwrap().lines().count(), 2, "header and their own row");
    let none = patient.get(format!("{}/reports/2026-11.csv", app.address)).send().await.unwrap();
    assert_eq!(none.status(), 403);
    let missing = doctor.get(format!("{}/reports/2031-01.csv", app.address)).send().await.unwrap();
    assert_eq!(missing.status(), 404);
    // Statistics: bad ranges are refused at the date.
    for (from, to) in
        [("2026-11-30", "2026-11-01"), ("2020-01-01", "2026-11-01"), ("nope", "2026-11-01")]
    {
        let error =
            error_of(app.call(&doctor, "statistics", &[("from", from), ("to", to)]).await).await;
        assert!(matches!(error, AppError::Invalid(_)), "{from}–{to}: {error:?}");
    }
    app.stop().await;
}
