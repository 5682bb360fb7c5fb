//! Consultation notes (issue 17): only the visit's doctor writes them; the patient reads the
//! summary and never the private note (not in any answer, not in the page's HTML); the note
//! changes for 24 hours after the visit, then only addenda are added; nothing is deleted.

use crate::helpers::*;
use medibook::domain::{Field, FieldErrorCode};
use medibook::dto::appointment_page::AppointmentPageView;
use medibook::dto::patient_record::PatientRecordView;
use medibook::error::AppError;

/// Friday noon UTC; dr_smith's Monday 10:00 New York visit is 15:00-15:30 UTC.
const NOW: &str = "2026-11-20T12:00:00Z";
const MONDAY_10AM: &str = "2026-11-23T15:00:00Z";
const PRIVATE: &str = "Suspect white-coat effect; recheck BP at home";

fn note_form(id: &str, diagnosis: &str, weeks: &str, private: &str) -> Vec<(&'static str, String)> {
    vec![
        ("appointment_id", id.to_owned()),
        ("diagnosis", diagnosis.to_owned()),
        ("advice", "Walk 30 minutes a day; less salt.".to_owned()),
        ("follow_up_weeks", weeks.to_owned()),
        ("private_note", private.to_owned()),
    ]
}

async fn save(
    app: &TestApp,
    client: &reqwest::Client,
    form: &[(&'static str, String)],
) -> reqwest::Response {
    let pairs: Vec<(&str, &str)> = form.iter().map(|(k, v)| (*k, v.as_str())).collect();
    app.call(client, "save_visit_note", &pairs).await
}

async fn page(app: &TestApp, client: &reqwest::Client, id: &str) -> (AppointmentPageView, String) {
    let response = app.call(client, "appointment_page", &[("appointment_id", id)]).await;
    assert_eq!(response.status(), 200);
    let text = response.text().await.expect("body");
    (serde_json::from_str(&text).expect("page"), text)
}

/// Alice's Monday visit with dr_smith, booked (pending) and its id.
async fn booked_visit(app: &TestApp) -> String {
    let alice = app.signed_in("alice").await;
    book(app, &alice, app.user_id("dr_smith").await, MONDAY_10AM, "Headaches").await.to_string()
}

#[tokio::test]
async fn only_the_visits_doctor_writes_its_note_and_the_private_part_stays_theirs() {
    let (app, _clock) = spawn_seeded_app_at(NOW).await;
    let id = booked_visit(&app).await;
    let smith = app.signed_in("dr_smith").await;
    let good = note_form(&id, "High blood pressure, mild.", "6", PRIVATE);
    // Not while the request waits for the doctor.
    assert_eq!(error_of(save(&app, &smith, &good).await).await, AppError::NoteNotAllowed);
    assert_eq!(change(&app, &smith, id.parse().unwrap(), "accept", "").await.status(), 200);
    // Nobody else writes it.
    let statuses = [
        ("the patient", save(&app, &app.signed_in("alice").await, &good).await.status(), 403),
        (
            "another doctor",
            save(&app, &app.signed_in("dr_johnson").await, &good).await.status(),
            404,
        ),
        ("an admin", save(&app, &app.admin, &good).await.status(), 403),
        ("a visitor", save(&app, &app.client(), &good).await.status(), 401),
    ];
    for (who, got, expected) in statuses {
        assert_eq!(got.as_u16(), expected, "{who}");
    }
    // Bad input is refused at its field, with nothing written.
    let refusals = [
        (note_form(&id, "", "", ""), Field::Diagnosis, FieldErrorCode::Required),
        (note_form(&id, "ok", "53", ""), Field::FollowUpWeeks, FieldErrorCode::OutOfRange),
        (note_form(&id, "ok", "six", ""), Field::FollowUpWeeks, FieldErrorCode::InvalidFormat),
        (note_form(&id, &"x".repeat(2001), "", ""), Field::Diagnosis, FieldErrorCode::TooLong),
        (
            note_form(&id, "ok", "", "bell\u{7}"),
            Field::PrivateNote,
            FieldErrorCode::InvalidCharacters,
        ),
    ];
    for (form, field, code) in refusals {
        let mut form = form;
        if field == Field::Diagnosis && code == FieldErrorCode::Required {
            form[2].1 = String::new(); // no advice either
        }
        match error_of(save(&app, &smith, &form).await).await {
            AppError::Invalid(errors) => {
                assert!(
                    errors.iter().any(|e| e.field == field && e.code == code),
                    "{field:?}: {errors:?}"
                )
            }
            other => panic!("{field:?}: {other:?}"),
        }
    }
    assert_eq!(app.count("visit_notes").await, 0);
    assert_eq!(save(&app, &smith, &good).await.status(), 200);
    // The doctor reads it all; the patient and the admin never the private note.
    let (mine, _) = page(&app, &smith, &id).await;
    assert!(mine.note_editable && mine.viewer_is_doctor);
    assert_eq!(mine.note.as_ref().unwrap().private_note.as_deref(), Some(PRIVATE));
    for (who, client) in [("patient", app.signed_in("alice").await), ("admin", app.admin.clone())] {
        let (seen, raw) = page(&app, &client, &id).await;
        let note = seen.note.expect("summary");
        assert_eq!(note.diagnosis, "High blood pressure, mild.", "{who}");
        assert_eq!(note.private_note, None, "{who}");
        assert!(!raw.contains("white-coat"), "{who}: private note in the answer");
        assert!(!seen.note_editable && !seen.addendum_allowed, "{who}");
        let html = client
            .get(format!("{}/appointments/{id}", app.address))
            .send()
            .await
            .expect("page")
            .text()
            .await
            .expect("html");
        assert!(html.contains("High blood pressure, mild."), "{who}: summary on the page");
        assert!(!html.contains("white-coat"), "{who}: private note in the HTML");
    }
    // The patient's record: the doctor's own private note for them, the summary for the admin.
    let alice_id = app.user_id("alice").await.to_string();
    let record: PatientRecordView =
        call(&app, &smith, "patient_record", &[("patient_id", &alice_id)]).await;
    assert_eq!(record.visits[0].private_note.as_deref(), Some(PRIVATE));
    let raw = app
        .call(&app.admin, "patient_record", &[("patient_id", &alice_id)])
        .await
        .text()
        .await
        .expect("record");
    assert!(raw.contains("High blood pressure, mild.") && !raw.contains("white-coat"), "{raw}");
    // The patient's follow-up opens the doctor's calendar on the Monday six weeks on.
    let (seen, _) = page(&app, &app.signed_in("alice").await, &id).await;
    assert_eq!(seen.follow_up_from.map(|d| d.to_string()).as_deref(), Some("2027-01-04"));
    // The history shows the booking and the acceptance.
    let steps: Vec<String> = seen.history.iter().map(|s| s.label()).collect();
    assert_eq!(steps.last().map(String::as_str), Some("Confirmed"), "{steps:?}");
    // Strangers do not see the page at all.
    let strangers = [app.signed_in("bob").await, app.signed_in("dr_johnson").await];
    for client in strangers {
        let response = app.call(&client, "appointment_page", &[("appointment_id", &id)]).await;
        assert_eq!(response.status(), 404);
    }
    app.stop().await;
}

#[tokio::test]
async fn a_note_closes_a_day_after_the_visit_and_addenda_follow() {
    let (app, clock) = spawn_seeded_app_at(NOW).await;
    let id = booked_visit(&app).await;
    let smith = app.signed_in("dr_smith").await;
    assert_eq!(change(&app, &smith, id.parse().unwrap(), "accept", "").await.status(), 200);
    let addendum = |text: &str, private: bool| {
        let mut form = vec![("appointment_id", id.clone()), ("addendum", text.to_owned())];
        if private {
            form.push(("private", "on".to_owned()));
        }
        form
    };
    let add = |client: reqwest::Client, form: Vec<(&'static str, String)>| {
        let app = &app;
        async move {
            let pairs: Vec<(&str, &str)> = form.iter().map(|(k, v)| (*k, v.as_str())).collect();
            app.call(&client, "add_visit_addendum", &pairs).await
        }
    };
    // While the note is open, it is changed rather than added to.
    let early = add(smith.clone(), addendum("Too early", false)).await;
    assert_eq!(error_of(early).await, AppError::NoteStillOpen);
    // Monday 15:30 + 24 h = Tuesday 15:30 UTC: the last second of the window, then past it.
    clock.advance(chrono::Duration::seconds(
        (chrono::DateTime::parse_from_rfc3339("2026-11-24T15:30:00Z").unwrap().timestamp())
            - chrono::DateTime::parse_from_rfc3339(NOW).unwrap().timestamp(),
    ));
    let smith = app.signed_in("dr_smith").await;
    assert_eq!(change(&app, &smith, id.parse().unwrap(), "complete", "").await.status(), 200);
    assert_eq!(
        save(&app, &smith, &note_form(&id, "Tension headache.", "", PRIVATE)).await.status(),
        200
    );
    clock.advance(chrono::Duration::seconds(1));
    let late = save(&app, &smith, &note_form(&id, "Changed later", "", "")).await;
    assert_eq!(error_of(late).await, AppError::NoteClosed);
    // Whatever code writes: SQLite refuses a change after the window.
    let sneaky = sqlx::query("UPDATE visit_notes SET diagnosis = 'x', updated_at = updated_at + 2 WHERE appointment_id = ?1")
        .bind(id.parse::<i64>().unwrap())
        .execute(&app.state.writer)
        .await
        .expect_err("closed");
    assert!(sneaky.to_string().contains("MB_NOTE_CLOSED"), "{sneaky}");
    // Addenda: from the doctor only, checked at their field, public or private.
    let blank = add(smith.clone(), addendum("   ", false)).await;
    assert!(matches!(error_of(blank).await, AppError::Invalid(e) if e[0].field == Field::Addendum));
    assert_eq!(add(app.signed_in("alice").await, addendum("Me too", false)).await.status(), 403);
    assert_eq!(add(smith.clone(), addendum("Lab results normal.", false)).await.status(), 200);
    assert_eq!(add(smith.clone(), addendum("Discussed with colleague.", true)).await.status(), 200);
    let (doctor_view, _) = page(&app, &smith, &id).await;
    assert!(!doctor_view.note_editable && doctor_view.addendum_allowed);
    assert_eq!(doctor_view.addenda.len(), 2);
    let (patient_view, raw) = page(&app, &app.signed_in("alice").await, &id).await;
    assert_eq!(patient_view.addenda.len(), 1);
    assert_eq!(patient_view.addenda[0].body, "Lab results normal.");
    assert!(!raw.contains("colleague"));
    assert_eq!(patient_view.note.unwrap().diagnosis, "Tension headache.");
    for statement in ["UPDATE visit_note_addenda SET body = 'x'", "DELETE FROM visit_note_addenda"]
    {
        let error = sqlx::query(statement).execute(&app.state.writer).await.expect_err(statement);
        assert!(error.to_string().contains("MB_NOTES_KEPT"), "{statement}: {error}");
    }
    app.stop().await;
}

#[tokio::test]
async fn notes_and_addenda_are_kept() {
    let (app, _clock) = spawn_seeded_app_at(NOW).await;
    let id = booked_visit(&app).await;
    let smith = app.signed_in("dr_smith").await;
    assert_eq!(change(&app, &smith, id.parse().unwrap(), "accept", "").await.status(), 200);
    assert_eq!(save(&app, &smith, &note_form(&id, "Migraine.", "2", "")).await.status(), 200);
    let johnson = app.user_id("dr_johnson").await;
    for (statement, code) in [
        ("DELETE FROM visit_notes", "MB_NOTES_KEPT"),
        ("UPDATE visit_notes SET doctor_id = ?1", "MB_NOTE_NOT_ALLOWED"),
    ] {
        let error = sqlx::query(statement)
            .bind(johnson)
            .execute(&app.state.writer)
            .await
            .expect_err(statement);
        assert!(error.to_string().contains(code), "{statement}: {error}");
    }
    // Another doctor's note on this visit is refused, whatever code writes.
    let error = sqlx::query(
        "INSERT INTO visit_note_addenda (appointment_id, doctor_id, private, body, at) VALUES (?1, ?2, 0, 'x', 9999999999)",
    )
    .bind(id.parse::<i64>().unwrap())
    .bind(johnson)
    .execute(&app.state.writer)
    .await
    .expect_err("not their visit");
    assert!(error.to_string().contains("MB_NOTE_NOT_ALLOWED"), "{error}");
    app.stop().await;
}
