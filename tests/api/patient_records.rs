//! A patient's record as their doctors and admins open it (issue 17): who may open it, what it
//! holds (only the viewing doctor's visits), and the append-only log the patient reads.

use crate::helpers::*;
use medibook::dto::patient_record::{PatientRecordView, RecordViewsPage};
use medibook::error::AppError;

const NOW: &str = "2026-11-20T12:00:00Z";
const MONDAY_10AM: &str = "2026-11-23T15:00:00Z";
const TUESDAY_10AM: &str = "2026-11-24T15:00:00Z";

async fn open(app: &TestApp, client: &reqwest::Client, patient: i64) -> reqwest::Response {
    app.call(client, "patient_record", &[("patient_id", &patient.to_string())]).await
}

#[tokio::test]
async fn the_record_access_matrix() {
    let (app, _clock) = spawn_seeded_app_at(NOW).await;
    let alice = app.signed_in("alice").await;
    let alice_id = app.user_id("alice").await;
    let smith = app.user_id("dr_smith").await;
    let johnson = app.user_id("dr_johnson").await;
    book(&app, &alice, smith, MONDAY_10AM, "Chest pain").await;
    // Dr. Johnson's only appointment with Alice was cancelled: no reason to see her record.
    let cancelled = book(&app, &alice, johnson, TUESDAY_10AM, "Rash").await;
    assert_eq!(change(&app, &alice, cancelled, "cancel", "Better now").await.status(), 200);
    let status = |response: reqwest::Response| response.status().as_u16();
    let matrix = [
        ("her doctor", status(open(&app, &app.signed_in("dr_smith").await, alice_id).await), 200),
        (
            "a doctor she cancelled",
            status(open(&app, &app.signed_in("dr_johnson").await, alice_id).await),
            404,
        ),
        (
            "another doctor",
            status(open(&app, &app.signed_in("dr_brown").await, alice_id).await),
            404,
        ),
        ("the patient", status(open(&app, &alice, alice_id).await), 200),
        ("another patient", status(open(&app, &app.signed_in("bob").await, alice_id).await), 404),
        ("an admin", status(open(&app, &app.admin, alice_id).await), 200),
        ("a visitor", status(open(&app, &app.client(), alice_id).await), 401),
        ("a doctor, for a doctor", status(open(&app, &app.admin, smith).await), 404),
    ];
    for (who, got, expected) in matrix {
        assert_eq!(got, expected, "{who}");
    }
    let refused = error_of(open(&app, &app.signed_in("dr_brown").await, alice_id).await).await;
    assert_eq!(refused, AppError::NotFound);
    // The doctor sees the visits with them only; the admin every visit.
    let by_smith: PatientRecordView = call(
        &app,
        &app.signed_in("dr_smith").await,
        "patient_record",
        &[("patient_id", &alice_id.to_string())],
    )
    .await;
    assert!(!by_smith.all_doctors);
    assert_eq!(by_smith.visits.len(), 1);
    assert_eq!(by_smith.visits[0].visit.reason, "Chest pain");
    assert_eq!(by_smith.details.full_name, "Alice Martin");
    let by_admin: PatientRecordView =
        call(&app, &app.admin, "patient_record", &[("patient_id", &alice_id.to_string())]).await;
    assert!(by_admin.all_doctors);
    assert_eq!(by_admin.visits.len(), 2, "the cancelled visit too");
    app.stop().await;
}

#[tokio::test]
async fn opening_a_record_is_logged_for_the_patient() {
    let (app, _clock) = spawn_seeded_app_at(NOW).await;
    let alice = app.signed_in("alice").await;
    let alice_id = app.user_id("alice").await;
    book(&app, &alice, app.user_id("dr_smith").await, MONDAY_10AM, "Chest pain").await;
    let dr_smith = app.signed_in("dr_smith").await;
    assert_eq!(open(&app, &dr_smith, alice_id).await.status(), 200);
    assert_eq!(open(&app, &app.admin, alice_id).await.status(), 200);
    // The details alone (as the agenda's server function reads them) count as an opening too.
    let id = alice_id.to_string();
    assert_eq!(app.call(&dr_smith, "patient_details", &[("patient_id", &id)]).await.status(), 200);
    // Refused attempts and the patient's own look are not openings.
    assert_eq!(open(&app, &app.signed_in("dr_brown").await, alice_id).await.status(), 404);
    assert_eq!(open(&app, &alice, alice_id).await.status(), 200);
    assert_eq!(app.count("record_views").await, 3);

    let log: RecordViewsPage = call(&app, &alice, "my_record_views", &[]).await;
    assert_eq!(log.total, 3);
    let who: Vec<&str> = log.entries.iter().map(|e| e.viewer_name.as_str()).collect();
    assert_eq!(who, ["Dr. John Smith", "Root Admin", "Dr. John Smith"], "newest first");
    assert_eq!(log.entries[1].viewer_role, medibook::domain::Role::Admin);
    assert!(log.entries.iter().all(|e| e.at.to_rfc3339() == "2026-11-20T12:00:00+00:00"));
    // Only patients have a log to read.
    let refused = error_of(app.call(&dr_smith, "my_record_views", &[]).await).await;
    assert_eq!(refused, AppError::Forbidden);
    // Nobody's log shows in another patient's.
    let bob: RecordViewsPage =
        call(&app, &app.signed_in("bob").await, "my_record_views", &[]).await;
    assert_eq!(bob.total, 0);

    // The log cannot be rewritten or trimmed, whatever code writes.
    for statement in ["UPDATE record_views SET at = 0", "DELETE FROM record_views"] {
        let error = sqlx::query(statement).execute(&app.state.writer).await.expect_err(statement);
        assert!(error.to_string().contains("MB_RECORD_VIEWS_APPEND_ONLY"), "{statement}: {error}");
    }
    // Nor can it claim an opening the rules refuse.
    let brown = app.user_id("dr_brown").await;
    let error =
        sqlx::query("INSERT INTO record_views (patient_id, viewer_id, at) VALUES (?1, ?2, 0)")
            .bind(alice_id)
            .bind(brown)
            .execute(&app.state.writer)
            .await
            .expect_err("not her doctor");
    assert!(error.to_string().contains("MB_RECORD_NOT_YOURS"), "{error}");
    app.stop().await;
}
