//! Reviews from real visits: who may write one (the eligibility matrix), editing for 14 days,
//! the doctor's one answer, admins hiding with a reason the author is told, and ratings that
//! equal a recount after concurrent reviews. SQLite refuses the rest on its own.

use crate::helpers::*;
use medibook::dto::review_views::DoctorReviews;
use medibook::error::AppError;

/// Friday 20 November 2026, noon UTC. dr_smith works Monday 10:00-13:00 and 14:00-17:00 New
/// York time (15:00-18:00 and 19:00-22:00 UTC).
const NOW: &str = "2026-11-20T12:00:00Z";
const MONDAY: [&str; 9] = [
    "2026-11-23T15:00:00Z",
    "2026-11-23T15:30:00Z",
    "2026-11-23T16:00:00Z",
    "2026-11-23T16:30:00Z",
    "2026-11-23T17:00:00Z",
    "2026-11-23T17:30:00Z",
    "2026-11-23T19:00:00Z",
    "2026-11-23T19:30:00Z",
    "2026-11-23T20:00:00Z",
];
const PATIENTS: [&str; 3] = ["alice", "bob", "carol"];

async fn write(
    app: &TestApp,
    client: &reqwest::Client,
    appointment: i64,
    stars: &str,
    body: &str,
) -> reqwest::Response {
    app.call(
        client,
        "write_review",
        &[("appointment_id", &appointment.to_string()), ("stars", stars), ("review_body", body)],
    )
    .await
}

/// A form post to a server function that owns its inputs (for racing tasks).
async fn post(
    client: reqwest::Client,
    address: String,
    endpoint: &'static str,
    form: Vec<(&'static str, String)>,
) -> reqwest::Response {
    client
        .post(format!("{address}/api/{endpoint}"))
        .header(reqwest::header::ORIGIN, &address)
        .form(&form)
        .send()
        .await
        .expect("sent")
}

async fn reviews_of(app: &TestApp, client: &reqwest::Client, doctor: i64) -> DoctorReviews {
    call(app, client, "reviews_of_doctor", &[("doctor_id", &doctor.to_string())]).await
}

/// (count, stars_5..stars_1) kept by the triggers, and the same recounted from the reviews.
async fn kept_and_recounted(
    app: &TestApp,
    doctor: i64,
) -> ((i64, i64, i64, i64, i64, i64), (i64, i64, i64, i64, i64, i64)) {
    let kept = sqlx::query_as("SELECT count, stars_5, stars_4, stars_3, stars_2, stars_1 FROM doctor_ratings WHERE doctor_id = ?1")
        .bind(doctor)
        .fetch_one(&app.state.db)
        .await
        .unwrap();
    let recount = sqlx::query_as(
        "SELECT count(*), count(*) FILTER (WHERE stars = 5), count(*) FILTER (WHERE stars = 4), \
           count(*) FILTER (WHERE stars = 3), count(*) FILTER (WHERE stars = 2), count(*) FILTER (WHERE stars = 1) \
         FROM reviews WHERE doctor_id = ?1 AND hidden_at IS NULL",
    )
    .bind(doctor)
    .fetch_one(&app.state.db)
    .await
    .unwrap();
    (kept, recount)
}

/// Nine Monday visits with dr_smith (three per patient), accepted; the clock then moves past
/// them and the doctor completes all but the last. Returns (appointment, patient index).
async fn visits(app: &TestApp, clock: &medibook::server::clock::FixedClock) -> Vec<(i64, usize)> {
    let smith = app.user_id("dr_smith").await;
    let mut booked = Vec::new();
    for (i, start) in MONDAY.iter().enumerate() {
        let patient = app.signed_in(PATIENTS[i % 3]).await;
        booked.push((book(app, &patient, smith, start, "").await, i % 3));
    }
    let doctor = app.signed_in("dr_smith").await;
    for (id, _) in &booked {
        assert_eq!(change(app, &doctor, *id, "accept", "").await.status(), 200);
    }
    clock.advance(chrono::Duration::days(3) + chrono::Duration::hours(10)); // Monday evening
    let doctor = app.signed_in("dr_smith").await;
    for (id, _) in &booked[..8] {
        assert_eq!(change(app, &doctor, *id, "complete", "").await.status(), 200);
    }
    booked
}

#[tokio::test]
async fn only_the_patient_of_a_completed_visit_reviews_it_once_and_edits_it_for_14_days() {
    let (app, clock) = spawn_seeded_app_at(NOW).await;
    let smith = app.user_id("dr_smith").await;
    let booked = visits(&app, &clock).await;
    let (alices_visit, _) = booked[0];
    let (not_completed, last_patient) = booked[8];
    let alice = app.signed_in("alice").await;
    let bob = app.signed_in("bob").await;
    let doctor = app.signed_in("dr_smith").await;

    // Who may not: a visitor, a doctor, another patient, the patient of a visit not completed.
    assert_eq!(write(&app, &app.client(), alices_visit, "5", "").await.status(), 401);
    assert_eq!(write(&app, &doctor, alices_visit, "5", "").await.status(), 403);
    assert_eq!(
        write(&app, &bob, alices_visit, "1", "").await.status(),
        404,
        "someone else's visit"
    );
    let owner = app.signed_in(PATIENTS[last_patient]).await;
    assert_eq!(
        error_of(write(&app, &owner, not_completed, "5", "").await).await,
        AppError::ReviewNotAllowed
    );
    assert_eq!(error_of(write(&app, &alice, 999_999, "5", "").await).await, AppError::NotFound);
    // Bad input, refused at its field with nothing written.
    for (stars, body, field) in
        [("0", "", "stars"), ("6", "", "stars"), ("", "", "stars"), ("x", "", "stars")]
    {
        let error = error_of(write(&app, &alice, alices_visit, stars, body).await).await;
        assert!(
            matches!(&error, AppError::Invalid(e) if e[0].field.as_str() == field),
            "{stars:?}: {error:?}"
        );
    }
    let long = "a".repeat(2001);
    let error = error_of(write(&app, &alice, alices_visit, "4", &long).await).await;
    assert!(
        matches!(&error, AppError::Invalid(e) if e[0].field.as_str() == "review_body"),
        "{error:?}"
    );
    assert_eq!(app.count("reviews").await, 0);

    // The patient reviews once; a second review of the same visit is refused.
    let response = write(&app, &alice, alices_visit, "4", "Listened carefully.").await;
    assert_eq!(response.status(), 200);
    let review: i64 = response.json().await.unwrap();
    assert_eq!(
        error_of(write(&app, &alice, alices_visit, "5", "").await).await,
        AppError::AlreadyReviewed
    );
    let public = reviews_of(&app, &app.client(), smith).await;
    assert_eq!(public.reviews.len(), 1);
    assert_eq!(public.reviews[0].author, "Alice M.");
    assert_eq!(
        (public.summary.count, public.summary.average_tenths, public.distribution),
        (1, 40, [0, 1, 0, 0, 0])
    );

    // Editing: the author only, within 14 days; anonymity hides the name.
    let edit = |client: &reqwest::Client, stars: &'static str| {
        let client = client.clone();
        let app = &app;
        async move {
            app.call(
                &client,
                "edit_review",
                &[
                    ("review_id", &review.to_string()),
                    ("stars", stars),
                    ("review_body", "Changed."),
                    ("anonymous", "on"),
                ],
            )
            .await
        }
    };
    clock.advance(chrono::Duration::minutes(5));
    assert_eq!(edit(&bob, "1").await.status(), 404);
    assert_eq!(edit(&alice, "5").await.status(), 200);
    let public = reviews_of(&app, &app.client(), smith).await;
    assert_eq!(
        (public.reviews[0].author.as_str(), public.reviews[0].stars, public.reviews[0].edited),
        ("Anonymous patient", 5, true)
    );
    assert_eq!(public.distribution, [1, 0, 0, 0, 0]);
    clock.advance(chrono::Duration::days(15));
    let alice = app.signed_in("alice").await;
    assert_eq!(error_of(edit(&alice, "2").await).await, AppError::ReviewEditClosed);

    // The doctor answers once; another doctor cannot.
    let doctor = app.signed_in("dr_smith").await;
    let other = app.signed_in("dr_johnson").await;
    let answer = |client: &reqwest::Client| {
        let client = client.clone();
        let app = &app;
        async move {
            app.call(
                &client,
                "answer_review",
                &[("review_id", &review.to_string()), ("reply", "Thank you.")],
            )
            .await
        }
    };
    assert_eq!(answer(&other).await.status(), 404);
    assert_eq!(answer(&doctor).await.status(), 200);
    assert_eq!(error_of(answer(&doctor).await).await, AppError::AlreadyAnswered);
    assert_eq!(
        reviews_of(&app, &app.client(), smith).await.reviews[0].reply.as_deref(),
        Some("Thank you.")
    );

    // SQLite itself refuses what no code path should write.
    let direct = sqlx::query(
        "INSERT INTO reviews (appointment_id, doctor_id, patient_id, stars, created_at, updated_at) \
         SELECT id, doctor_id, patient_id, 5, 0, 0 FROM appointments WHERE id = ?1",
    )
    .bind(not_completed)
    .execute(&app.state.writer)
    .await
    .unwrap_err();
    assert!(direct.to_string().contains("MB_REVIEW_NOT_ELIGIBLE"), "{direct}");
    let delete = sqlx::query("DELETE FROM reviews").execute(&app.state.writer).await.unwrap_err();
    assert!(delete.to_string().contains("MB_REVIEW_NOT_ELIGIBLE"), "{delete}");
    app.stop().await;
}

#[tokio::test]
async fn admins_hide_a_review_with_a_reason_the_author_is_told_and_restore_it() {
    let (app, clock) = spawn_seeded_app_at(NOW).await;
    let smith = app.user_id("dr_smith").await;
    let booked = visits(&app, &clock).await;
    let alice = app.signed_in("alice").await;
    let review: i64 =
        write(&app, &alice, booked[0].0, "1", "Rude and late.").await.json().await.unwrap();
    let moderate = |client: &reqwest::Client, hide: &'static str, reason: &'static str| {
        let client = client.clone();
        let app = &app;
        async move {
            app.call(
                &client,
                "moderate_review",
                &[("review_id", &review.to_string()), ("hide", hide), ("reason", reason)],
            )
            .await
        }
    };
    let doctor = app.signed_in("dr_smith").await;
    // Sessions from before the visits have ended on the test clock: the admin signs in again.
    let admin = app.signed_in(ADMIN).await;
    assert_eq!(moderate(&doctor, "true", "I disagree").await.status(), 403);
    let error = error_of(moderate(&admin, "true", "no").await).await;
    assert!(matches!(&error, AppError::Invalid(e) if e[0].field.as_str() == "reason"), "{error:?}");
    assert_eq!(moderate(&admin, "true", "Names a staff member").await.status(), 200);

    assert!(
        reviews_of(&app, &app.client(), smith).await.reviews.is_empty(),
        "hidden from the public"
    );
    let seen_by_admin = reviews_of(&app, &admin, smith).await;
    assert_eq!(seen_by_admin.reviews[0].hidden_reason.as_deref(), Some("Names a staff member"));
    assert_eq!(seen_by_admin.summary.count, 0, "hidden reviews do not count");
    app.run_jobs().await;
    let mails = app.mails_to("alice@medibook.local").await;
    let (subject, text, _) = mails.last().expect("the author is told");
    assert_eq!(subject, "Your review was hidden by the clinic");
    assert!(text.contains("Names a staff member"));
    let mine: Option<medibook::dto::review_views::MyReview> =
        call(&app, &alice, "review_of_visit", &[("appointment_id", &booked[0].0.to_string())])
            .await;
    assert_eq!(mine.unwrap().hidden_reason.as_deref(), Some("Names a staff member"));

    assert_eq!(moderate(&admin, "false", "").await.status(), 200);
    let public = reviews_of(&app, &app.client(), smith).await;
    assert_eq!(
        (public.reviews.len(), public.summary.count, public.distribution),
        (1, 1, [0, 0, 0, 0, 1])
    );
    app.stop().await;
}

#[tokio::test]
async fn ratings_equal_a_recount_after_concurrent_reviews_edits_and_hiding() {
    let (app, clock) = spawn_seeded_app_at(NOW).await;
    let smith = app.user_id("dr_smith").await;
    let booked = visits(&app, &clock).await;
    let admin = app.signed_in(ADMIN).await;
    let mut sessions = Vec::new();
    for name in PATIENTS {
        sessions.push(app.signed_in(name).await);
    }
    // Eight reviews at once, then an admin hides two while their authors rewrite the rest.
    let mut racing = tokio::task::JoinSet::new();
    for (i, (id, patient)) in booked[..8].iter().enumerate() {
        let form = vec![("appointment_id", id.to_string()), ("stars", (i % 5 + 1).to_string())];
        racing.spawn(post(sessions[*patient].clone(), app.address.clone(), "write_review", form));
    }
    let mut ids = Vec::new();
    for response in racing.join_all().await {
        assert_eq!(response.status(), 200);
        ids.push(response.json::<i64>().await.unwrap());
    }
    let (kept, recount) = kept_and_recounted(&app, smith).await;
    assert_eq!(kept, recount);
    assert_eq!(kept.0, 8);
    let authors: std::collections::HashMap<i64, String> = sqlx::query_as(
        "SELECT r.id, u.username FROM reviews r JOIN users u ON u.id = r.patient_id",
    )
    .fetch_all(&app.state.db)
    .await
    .unwrap()
    .into_iter()
    .collect();
    let mut racing = tokio::task::JoinSet::new();
    for (i, id) in ids.iter().enumerate() {
        let (client, endpoint, form) = if i < 2 {
            (
                admin.clone(),
                "moderate_review",
                vec![
                    ("review_id", id.to_string()),
                    ("hide", "true".into()),
                    ("reason", "Off topic".into()),
                ],
            )
        } else {
            let session =
                sessions[PATIENTS.iter().position(|p| *p == authors[id]).unwrap()].clone();
            (session, "edit_review", vec![("review_id", id.to_string()), ("stars", "3".into())])
        };
        racing.spawn(post(client, app.address.clone(), endpoint, form));
    }
    for response in racing.join_all().await {
        assert_eq!(response.status(), 200);
    }
    let (kept, recount) = kept_and_recounted(&app, smith).await;
    assert_eq!(kept, recount);
    assert_eq!(kept, (6, 0, 0, 6, 0, 0));
    // The directory shows the same average.
    let page: medibook::dto::directory_page::DirectoryPage =
        call(&app, &app.client(), "search_doctors", &[("query", "q=smith")]).await;
    assert_eq!(page.cards[0].rating.count, 6);
    assert_eq!(page.cards[0].rating.average_tenths, 30);
    app.stop().await;
}
