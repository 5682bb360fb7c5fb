//! Admins keep the specialty list (issue 17, part 6): add, rename (the directory finds its
//! doctors under the new name), retire (kept by its doctors, chosen by nobody new) and offer
//! again; names are checked at their field, unique in any case, even when two admins race.

use crate::helpers::*;
use medibook::domain::{Field, FieldErrorCode};
use medibook::dto::directory_page::DirectoryPage;
use medibook::dto::specialty::Specialty;
use medibook::dto::specialty_admin::SpecialtyRow;
use medibook::error::AppError;

const NOW: &str = "2026-11-20T12:00:00Z";

async fn rows(app: &TestApp) -> Vec<SpecialtyRow> {
    call(app, &app.admin, "admin_specialties", &[]).await
}

fn field_error(error: AppError) -> (Field, FieldErrorCode) {
    match error {
        AppError::Invalid(errors) => (errors[0].field, errors[0].code),
        other => panic!("not a field error: {other:?}"),
    }
}

async fn found_by_text(app: &TestApp, text: &str) -> Vec<String> {
    let query = format!("q={}", text.replace(' ', "+"));
    let page: DirectoryPage =
        call(app, &app.client(), "search_doctors", &[("query", &query)]).await;
    page.cards.into_iter().map(|c| format!("{} ({})", c.full_name, c.specialty)).collect()
}

#[tokio::test]
async fn admins_add_and_rename_specialties_and_the_directory_follows_a_rename() {
    let (app, _clock) = spawn_seeded_app_at(NOW).await;
    let before = rows(&app).await.len();
    call_ok(&app, &app.admin, "add_specialty", &[("name", "  Sports   medicine ")]).await;
    let list: Vec<Specialty> = call(&app, &app.client(), "list_specialties", &[]).await;
    assert!(list.iter().any(|s| s.name == "Sports medicine" && !s.retired), "folded: {list:?}");
    let added = rows(&app).await;
    assert_eq!(added.len(), before + 1);
    assert_eq!(added.iter().find(|r| r.name == "Sports medicine").map(|r| r.doctors), Some(0));
    let cardiology = rows(&app).await.into_iter().find(|r| r.name == "Cardiology").expect("seeded");
    assert!(cardiology.doctors >= 1, "dr_smith and others");

    // Bad or taken names are refused at the field; nothing is written.
    for (name, code) in [
        ("sports MEDICINE", FieldErrorCode::Taken),
        ("cardiology", FieldErrorCode::Taken),
        ("", FieldErrorCode::Required),
        ("X", FieldErrorCode::TooShort),
        ("1234", FieldErrorCode::InvalidCharacters),
        (&"a".repeat(81), FieldErrorCode::TooLong),
    ] {
        let response = app.call(&app.admin, "add_specialty", &[("name", name)]).await;
        assert_eq!(response.status(), 400, "{name:?}");
        assert_eq!(field_error(error_of(response).await), (Field::Specialty, code), "{name:?}");
    }
    assert_eq!(rows(&app).await.len(), before + 1);

    // Only admins.
    let smith = app.signed_in("dr_smith").await;
    assert_eq!(app.call(&smith, "add_specialty", &[("name", "Dermatology")]).await.status(), 403);
    assert_eq!(app.call(&app.client(), "admin_specialties", &[]).await.status(), 401);
    let alice = app.signed_in("alice").await;
    let id = cardiology.id.0.to_string();
    let rename = [("id", id.as_str()), ("name", "Cardiovascular medicine")];
    assert_eq!(app.call(&alice, "rename_specialty", &rename).await.status(), 403);

    // A rename: doctors keep it, and the directory finds them by the new words, not the old.
    assert!(found_by_text(&app, "cardiovascular").await.is_empty());
    call_ok(&app, &app.admin, "rename_specialty", &rename).await;
    let found = found_by_text(&app, "cardiovascular").await;
    assert!(found.contains(&"Dr. John Smith (Cardiovascular medicine)".to_owned()), "{found:?}");
    let old_name: i64 =
        sqlx::query_scalar("SELECT count(*) FROM doctor_search WHERE specialty = 'Cardiology'")
            .fetch_one(&app.state.db)
            .await
            .expect("count");
    assert_eq!(old_name, 0, "no doctor is indexed under the old name");
    let taken = [("id", id.as_str()), ("name", "SPORTS medicine")];
    let response = app.call(&app.admin, "rename_specialty", &taken).await;
    assert_eq!(field_error(error_of(response).await), (Field::Specialty, FieldErrorCode::Taken));
    let missing =
        app.call(&app.admin, "rename_specialty", &[("id", "999999"), ("name", "Ghost")]).await;
    assert_eq!(missing.status(), 404);
}

#[tokio::test]
async fn a_retired_specialty_stays_on_its_doctors_and_is_chosen_by_nobody_new() {
    let (app, _clock) = spawn_seeded_app_at(NOW).await;
    // The specialty with the most doctors among the seeded ones.
    let busiest = rows(&app).await.into_iter().max_by_key(|r| r.doctors).expect("rows");
    assert!(busiest.doctors >= 1);
    let general = busiest.id.0.to_string();
    let retire = |retired: &'static str| [("id", general.clone()), ("retired", retired.to_owned())];
    let pairs =
        |form: &[(&'static str, String); 2]| -> Vec<(&'static str, String)> { form.to_vec() };
    let send = |form: Vec<(&'static str, String)>| {
        let app = &app;
        async move {
            let form: Vec<(&str, &str)> = form.iter().map(|(k, v)| (*k, v.as_str())).collect();
            call_ok(app, &app.admin, "retire_specialty", &form).await
        }
    };
    send(pairs(&retire("true"))).await;
    send(pairs(&retire("true"))).await; // twice: no change
    let row = rows(&app).await.into_iter().find(|r| r.name == busiest.name).expect("kept");
    assert!(row.retired && row.doctors >= 1, "{row:?}");
    let list: Vec<Specialty> = call(&app, &app.client(), "list_specialties", &[]).await;
    assert!(list.iter().any(|s| s.name == busiest.name && s.retired), "still listed, marked");

    // A new doctor cannot register under it.
    let mut form = patient_form("dr_newcomer", "dr_newcomer@example.com");
    form[0] = ("role", "doctor".into());
    form.push(("specialty", general.clone()));
    form.push(("licence_number", "MB-777001".into()));
    let users = app.count("users").await;
    let response = register_form(&app, &form).await;
    assert_eq!(field_error(error_of(response).await), (Field::Specialty, FieldErrorCode::Unknown));
    assert_eq!(app.count("users").await, users, "nothing half-written");
    // Whatever code writes: SQLite refuses a doctor moving onto a retired specialty.
    let moved = sqlx::query(
        "UPDATE doctors SET specialty_id = ?1 WHERE specialty_id <> ?1 AND user_id = \
         (SELECT min(user_id) FROM doctors WHERE specialty_id <> ?1)",
    )
    .bind(general.parse::<i64>().unwrap())
    .execute(&app.state.writer)
    .await
    .expect_err("retired");
    assert!(moved.to_string().contains("MB_SPECIALTY_RETIRED"), "{moved}");
    let deleted = sqlx::query("DELETE FROM specialties WHERE id = ?1")
        .bind(general.parse::<i64>().unwrap())
        .execute(&app.state.writer)
        .await
        .expect_err("kept");
    assert!(deleted.to_string().contains("MB_SPECIALTIES_KEPT"), "{deleted}");
    // A doctor who has it keeps it, and may save their profile unchanged.
    let kept: i64 = sqlx::query_scalar("SELECT count(*) FROM doctors WHERE specialty_id = ?1")
        .bind(general.parse::<i64>().unwrap())
        .fetch_one(&app.state.db)
        .await
        .expect("count");
    assert_eq!(kept, row.doctors);

    // Offered again: registration works.
    send(pairs(&retire("false"))).await;
    assert_eq!(register_form(&app, &form).await.status(), 200);
}

#[tokio::test]
async fn two_admins_adding_the_same_name_at_once_make_one_specialty() {
    let (app, _clock) = spawn_seeded_app_at(NOW).await;
    let before = rows(&app).await.len();
    let app = std::sync::Arc::new(app);
    let tasks: Vec<_> = (0..8)
        .map(|n| {
            let app = app.clone();
            let name = if n % 2 == 0 { "Sleep medicine" } else { "SLEEP MEDICINE" };
            tokio::spawn(async move {
                app.call(&app.admin, "add_specialty", &[("name", name)]).await.status().as_u16()
            })
        })
        .collect();
    let mut statuses = Vec::new();
    for task in tasks {
        statuses.push(task.await.expect("add"));
    }
    statuses.sort_unstable();
    assert_eq!(statuses, vec![200, 400, 400, 400, 400, 400, 400, 400]);
    assert_eq!(rows(&app).await.len(), before + 1);
}
