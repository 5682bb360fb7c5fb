//! Each role's dashboard (issue 17): the numbers match the lists their links open, today's
//! visits come in order, and the next visit is the soonest.

use crate::helpers::*;
use medibook::dto::appointment_lists::AppointmentPage;
use medibook::dto::dashboards::{Dashboard, DashboardPanel};
use medibook::dto::payment_views::WalletView;

/// Monday 23 November 2026, 07:00 in New York (the clinic's and dr_smith's zone).
const NOW: &str = "2026-11-23T12:00:00Z";
const MONDAY_10AM: &str = "2026-11-23T15:00:00Z";
const MONDAY_1030AM: &str = "2026-11-23T15:30:00Z";
const MONDAY_11AM: &str = "2026-11-23T16:00:00Z";
const TUESDAY_10AM: &str = "2026-11-24T15:00:00Z";

async fn dashboard(app: &TestApp, client: &reqwest::Client) -> Dashboard {
    call(app, client, "my_dashboard", &[]).await
}

#[tokio::test]
async fn every_number_matches_the_list_it_links_to() {
    let (app, _clock) = spawn_seeded_app_at(NOW).await;
    let smith = app.user_id("dr_smith").await;
    let (alice, bob, carol) =
        (app.signed_in("alice").await, app.signed_in("bob").await, app.signed_in("carol").await);
    let later = book(&app, &bob, smith, MONDAY_1030AM, "Follow-up").await;
    let first = book(&app, &alice, smith, MONDAY_10AM, "Chest pain").await;
    let called_off = book(&app, &carol, smith, MONDAY_11AM, "Check-up").await;
    book(&app, &alice, smith, TUESDAY_10AM, "Results").await;
    let doctor = app.signed_in("dr_smith").await;
    assert_eq!(change(&app, &doctor, first, "accept", "").await.status(), 200);
    assert_eq!(change(&app, &carol, called_off, "cancel", "Feeling better").await.status(), 200);

    // The patient: the soonest visit first, the count of all, notices, the wallet.
    let DashboardPanel::Patient(patient) = dashboard(&app, &alice).await.panel else {
        panic!("a patient's dashboard")
    };
    assert_eq!(patient.upcoming[0].id.0, first);
    assert_eq!(patient.upcoming_total, 2);
    let unread: i64 = sqlx::query_scalar(
        "SELECT count(*) FROM notifications WHERE user_id = ?1 AND read_at IS NULL",
    )
    .bind(app.user_id("alice").await)
    .fetch_one(&app.state.db)
    .await
    .unwrap();
    assert_eq!(i64::from(patient.unread_notices), unread);
    assert!(unread > 0, "the acceptance was a notice");
    let wallet: WalletView = call(&app, &alice, "my_wallet", &[]).await;
    assert_eq!(patient.wallet, wallet.balances);
    assert!(patient.to_review.is_empty());

    // The doctor: today's visits by start (not the cancelled one), requests, the week.
    let DashboardPanel::Doctor(today) = dashboard(&app, &doctor).await.panel else {
        panic!("a doctor's dashboard")
    };
    let ids: Vec<i64> = today.today_visits.iter().map(|v| v.id.0).collect();
    assert_eq!(ids, [first, later]);
    assert_eq!(today.today.to_string(), "2026-11-23");
    assert_eq!(today.pending_requests, 2, "bob's and alice's Tuesday");
    assert_eq!(today.week_visits, 3);
    assert_eq!(today.week_start.to_string(), "2026-11-23");
    assert!(today.verified);

    // The admin: each count is the total of the list its link opens.
    let DashboardPanel::Admin(clinic) = dashboard(&app, &app.admin).await.panel else {
        panic!("an admin's dashboard")
    };
    let listed = |status: &'static str| {
        let app = &app;
        async move {
            let page: AppointmentPage = call(
                app,
                &app.admin,
                "admin_appointments",
                &[("status", status), ("from", "2026-11-23"), ("to", "2026-11-23")],
            )
            .await;
            page.total
        }
    };
    assert_eq!(i64::from(clinic.visits_today), listed("standing").await);
    assert_eq!(clinic.visits_today, 2);
    assert_eq!(i64::from(clinic.cancelled_today), listed("called_off").await);
    assert_eq!(clinic.cancelled_today, 1);
    assert_eq!(i64::from(clinic.no_shows_today), listed("no_show").await);
    let unverified: Vec<serde_json::Value> =
        call(&app, &app.admin, "list_users", &[("show", "unverified"), ("search", "")]).await;
    assert_eq!(clinic.doctors_awaiting_verification as usize, unverified.len());
    assert_eq!(clinic.failed_mail, 0);
    assert!(clinic.ledger_clean);
    app.stop().await;
}

#[tokio::test]
async fn the_home_page_renders_each_dashboard_on_the_server() {
    let (app, _clock) = spawn_seeded_app_at(NOW).await;
    let smith = app.user_id("dr_smith").await;
    let alice = app.signed_in("alice").await;
    book(&app, &alice, smith, MONDAY_10AM, "Chest pain").await;
    let html = |client: reqwest::Client| {
        let address = app.address.clone();
        async move { client.get(format!("{address}/")).send().await.unwrap().text().await.unwrap() }
    };
    let patient = html(alice.clone()).await;
    assert!(patient.contains("Your next visit") && patient.contains("in 3 hours"), "{patient}");
    let doctor = html(app.signed_in("dr_smith").await).await;
    assert!(
        doctor.contains("Alice Martin") && doctor.contains("/patients/"),
        "today's first patient links to the record"
    );
    let admin = html(app.admin.clone()).await;
    assert!(admin.contains("visits today") && admin.contains("The ledger reconciles."));
    app.stop().await;
}
