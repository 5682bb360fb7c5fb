//! Editable profiles: a patient's details (each bad field refused with nothing written; who may
//! read the medical fields), a doctor's public profile (languages, practice place, licence
//! number that sends them back to verification).

use crate::helpers::*;
use medibook::dto::directory_page::DirectoryPage;
use medibook::dto::patient_details_view::PatientDetailsView;
use medibook::error::AppError;

const NOW: &str = "2026-11-20T12:00:00Z";
const MONDAY_10AM: &str = "2026-11-23T15:00:00Z";

/// The ids of a division, one of its districts and one of that district's places, by name.
async fn place(app: &TestApp, names: [&str; 3]) -> [String; 3] {
    let id: i64 = sqlx::query_scalar(
        "SELECT c.id FROM locations a JOIN locations b ON b.parent_id = a.id JOIN locations c ON c.parent_id = b.id \
         WHERE a.name_en = ?1 AND b.name_en = ?2 AND c.name_en = ?3",
    )
    .bind(names[0])
    .bind(names[1])
    .bind(names[2])
    .fetch_one(&app.state.db)
    .await
    .unwrap();
    let (b, a): (i64, i64) = sqlx::query_as("SELECT b.id, b.parent_id FROM locations c JOIN locations b ON b.id = c.parent_id WHERE c.id = ?1")
        .bind(id)
        .fetch_one(&app.state.db)
        .await
        .unwrap();
    [a.to_string(), b.to_string(), id.to_string()]
}

fn details_form<'a>(places: &'a [String; 3]) -> Vec<(&'static str, &'a str)> {
    vec![
        ("full_name", "Alice Martin"),
        ("phone", "+880 1711 000000"),
        ("date_of_birth", "1988-04-12"),
        ("blood_group", "O+"),
        ("address_1", places[0].as_str()),
        ("address_2", places[1].as_str()),
        ("address_3", places[2].as_str()),
        ("address", "House 12, Road 5"),
        ("emergency_name", "Bob Martin"),
        ("emergency_relation", "Brother"),
        ("emergency_phone", "01711 000001"),
        ("allergies", "Penicillin"),
        ("conditions", "Asthma"),
    ]
}

#[tokio::test]
async fn a_patient_edits_their_details_and_bad_fields_are_refused_with_nothing_written() {
    let (app, _clock) = spawn_seeded_app_at(NOW).await;
    let alice = app.signed_in("alice").await;
    let places = place(&app, ["Dhaka", "Dhaka", "Dhanmondi"]).await;
    let good = details_form(&places);
    let bad: [(&str, &str, &str); 9] = [
        ("full_name", "A", "full_name"),
        ("phone", "12", "phone"),
        ("date_of_birth", "2030-01-01", "date_of_birth"),
        ("blood_group", "C+", "blood_group"),
        ("emergency_phone", "", "emergency_phone"),
        ("emergency_relation", "a relation far longer than forty characters", "emergency_relation"),
        ("allergies", &"x".repeat(1001), "allergies"),
        ("conditions", "bell\u{7}", "conditions"),
        ("address", &"x".repeat(201), "address"),
    ];
    for (name, value, field) in bad {
        let form: Vec<(&str, &str)> =
            good.iter().map(|(k, v)| (*k, if *k == name { value } else { *v })).collect();
        let error = error_of(app.call(&alice, "save_patient_details", &form).await).await;
        assert!(
            matches!(&error, AppError::Invalid(e) if e.len() == 1 && e[0].field.as_str() == field),
            "{name}: {error:?}"
        );
    }
    assert_eq!(app.count("patient_profiles").await, 0, "nothing written");
    let name: String = sqlx::query_scalar("SELECT full_name FROM users WHERE username = 'alice'")
        .fetch_one(&app.state.db)
        .await
        .unwrap();
    assert_eq!(name, "Alice Martin");

    call_ok(&app, &alice, "save_patient_details", &good).await;
    let saved: PatientDetailsView = call(&app, &alice, "patient_details", &[]).await;
    assert_eq!(saved.blood_group.as_deref(), Some("O+"));
    assert_eq!(saved.phone, "+8801711000000");
    assert_eq!(saved.place.as_deref(), Some("Dhaka › Dhaka › Dhanmondi"));
    assert_eq!(
        (saved.emergency_name.as_str(), saved.emergency_phone.as_deref()),
        ("Bob Martin", Some("01711000001"))
    );
    // A district left over from another division ends the chain at the division.
    let sylhet = place(&app, ["Sylhet", "Sylhet", "Sylhet Sadar"]).await;
    let mut moved = good.clone();
    moved.retain(|(k, _)| !k.starts_with("address_"));
    moved.extend([
        ("address_1", sylhet[0].as_str()),
        ("address_2", places[1].as_str()),
        ("address_3", places[2].as_str()),
    ]);
    call_ok(&app, &alice, "save_patient_details", &moved).await;
    let saved: PatientDetailsView = call(&app, &alice, "patient_details", &[]).await;
    assert_eq!(saved.place.as_deref(), Some("Sylhet"));
    app.stop().await;
}

#[tokio::test]
async fn a_patients_medical_details_are_seen_by_them_their_doctors_and_admins_only() {
    let (app, _clock) = spawn_seeded_app_at(NOW).await;
    let alice = app.signed_in("alice").await;
    let places = place(&app, ["Dhaka", "Dhaka", "Dhanmondi"]).await;
    call_ok(&app, &alice, "save_patient_details", &details_form(&places)).await;
    let smith_id = app.user_id("dr_smith").await;
    book(&app, &alice, smith_id, MONDAY_10AM, "Chest pain").await;
    let alice_id = app.user_id("alice").await.to_string();
    let read = |client: reqwest::Client| {
        let app = &app;
        let id = alice_id.clone();
        async move {
            app.call(&client, "patient_details", &[("patient_id", id.as_str())])
                .await
                .status()
                .as_u16()
        }
    };
    let matrix = [
        ("the patient", read(alice.clone()).await, 200),
        ("their doctor", read(app.signed_in("dr_smith").await).await, 200),
        ("another doctor", read(app.signed_in("dr_johnson").await).await, 404),
        ("another patient", read(app.signed_in("bob").await).await, 404),
        ("an admin", read(app.admin.clone()).await, 200),
        ("a visitor", read(app.client()).await, 401),
    ];
    for (who, got, expected) in matrix {
        assert_eq!(got, expected, "{who}");
    }
    let seen: PatientDetailsView = call(
        &app,
        &app.signed_in("dr_smith").await,
        "patient_details",
        &[("patient_id", &alice_id)],
    )
    .await;
    assert_eq!(seen.allergies, "Penicillin");
    app.stop().await;
}

#[tokio::test]
async fn a_doctor_edits_their_profile_and_a_new_licence_waits_for_verification() {
    let (app, _clock) = spawn_seeded_app_at(NOW).await;
    let smith = app.signed_in("dr_smith").await;
    let smith_id = app.user_id("dr_smith").await;
    let sylhet = place(&app, ["Sylhet", "Sylhet", "Sylhet Sadar"]).await;
    let profile = |licence: &'static str, languages: &'static [&'static str]| {
        let mut form: Vec<(&str, String)> = vec![
            ("full_name", "Dr. John Smith".into()),
            ("specialty", "1".into()),
            ("practice_1", sylhet[0].clone()),
            ("practice_2", sylhet[1].clone()),
            ("practice_3", sylhet[2].clone()),
            ("licence_number", licence.into()),
        ];
        form.extend(languages.iter().map(|l| ("languages[]", (*l).to_owned())));
        form
    };
    let send = |form: Vec<(&'static str, String)>| {
        let app = &app;
        let smith = smith.clone();
        async move {
            let form: Vec<(&str, &str)> = form.iter().map(|(k, v)| (*k, v.as_str())).collect();
            app.call(&smith, "save_practice_profile", &form).await
        }
    };
    let error = error_of(send(profile("MB-000001", &[])).await).await;
    assert!(
        matches!(&error, AppError::Invalid(e) if e[0].field.as_str() == "languages"),
        "{error:?}"
    );
    let error = error_of(send(profile("MB-000002", &["en"])).await).await;
    assert!(
        matches!(&error, AppError::Invalid(e) if e[0].field.as_str() == "licence_number"),
        "taken: {error:?}"
    );

    let response = send(profile("MB-000001", &["bn", "ur"])).await;
    assert_eq!(response.status(), 200);
    assert!(!response.json::<bool>().await.unwrap(), "same licence: still verified");
    let query = format!("location={}&language=ur", sylhet[0]);
    let found: DirectoryPage =
        call(&app, &app.client(), "search_doctors", &[("query", &query)]).await;
    assert_eq!(found.cards.iter().map(|c| c.id.0).collect::<Vec<_>>(), vec![smith_id]);
    assert_eq!(found.cards[0].place.as_deref(), Some("Sylhet Sadar, Sylhet"));
    let found: DirectoryPage =
        call(&app, &app.client(), "search_doctors", &[("query", "q=sylhet%20smith")]).await;
    assert_eq!(found.total, 1, "the place names are searchable");

    let response = send(profile("BMDC-77777", &["bn", "ur"])).await;
    assert!(response.json::<bool>().await.unwrap(), "a new licence waits for verification");
    let found: DirectoryPage =
        call(&app, &app.client(), "search_doctors", &[("query", &query)]).await;
    assert_eq!(found.total, 0, "out of the directory until verified");
    call_ok(&app, &app.admin, "verify_doctor", &[("user_id", &smith_id.to_string())]).await;
    let found: DirectoryPage =
        call(&app, &app.client(), "search_doctors", &[("query", &query)]).await;
    assert_eq!(found.total, 1);
    app.stop().await;
}
