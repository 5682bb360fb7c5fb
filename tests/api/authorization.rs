//! Every appointment server function called as the owner, another patient, the doctor, another
//! doctor, an admin and anonymously. Anyone who is not a party gets exactly the answer a missing
//! appointment gets, and nothing changes.
use crate::helpers::*;

const NOW: &str = "2026-11-20T12:00:00Z";
const MISSING: i64 = 987_654;

struct Callers {
    owner: reqwest::Client,
    other_patient: reqwest::Client,
    doctor: reqwest::Client,
    other_doctor: reqwest::Client,
    admin: reqwest::Client,
    anonymous: reqwest::Client,
}

/// An endpoint and its form for an appointment id.
type Call = (&'static str, fn(i64) -> Vec<(&'static str, String)>);

const CALLS: [Call; 7] = [
    ("hold_details", |id| vec![("appointment_id", id.to_string())]),
    ("release_hold", |id| vec![("appointment_id", id.to_string())]),
    ("book_held_slot", |id| {
        vec![
            ("appointment_id", id.to_string()),
            ("reason", "Mine".into()),
            ("idempotency_key", format!("matrix-key-{id}")),
            ("payment_method", "card".into()),
            ("card_number", "4242424242424242".into()),
            ("card_expiry", "12/30".into()),
            ("card_cvc", "123".into()),
            ("card_holder", "Matrix".into()),
        ]
    }),
    ("change_appointment", |id| {
        vec![("appointment_id", id.to_string()), ("action", "accept".into())]
    }),
    ("change_appointment", |id| {
        vec![("appointment_id", id.to_string()), ("action", "cancel".into()), ("note", "x".into())]
    }),
    ("change_appointment", |id| {
        vec![("appointment_id", id.to_string()), ("action", "complete".into())]
    }),
    ("reschedule_appointment", |id| {
        vec![("appointment_id", id.to_string()), ("start", "2026-11-23T16:30:00Z".into())]
    }),
];

async fn answer(
    app: &TestApp,
    client: &reqwest::Client,
    endpoint: &str,
    form: &[(&'static str, String)],
) -> (u16, String) {
    let form: Vec<(&str, &str)> = form.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let response = app.call(client, endpoint, &form).await;
    (response.status().as_u16(), response.text().await.expect("body"))
}

async fn snapshot(app: &TestApp) -> Vec<(i64, String, i64)> {
    sqlx::query_as("SELECT id, status, start_at FROM appointments ORDER BY id")
        .fetch_all(&app.state.db)
        .await
        .expect("rows")
}

#[tokio::test]
async fn strangers_get_the_answer_of_a_missing_appointment_and_change_nothing() {
    let (app, _clock) = spawn_seeded_app_at(NOW).await;
    let smith = app.user_id("dr_smith").await;
    let callers = Callers {
        owner: app.signed_in("alice").await,
        other_patient: app.signed_in("bob").await,
        doctor: app.signed_in("dr_smith").await,
        other_doctor: app.signed_in("dr_davis").await,
        admin: app.admin.clone(),
        anonymous: app.client(),
    };
    // Alice has one booked appointment and one hold.
    let booked = book(&app, &callers.owner, smith, "2026-11-23T15:00:00Z", "Private").await;
    let held = call_ok(
        &app,
        &callers.owner,
        "hold_slot",
        &[("doctor_id", &smith.to_string()), ("start", "2026-11-23T16:00:00Z")],
    )
    .await["appointment_id"]
        .as_i64()
        .expect("hold");

    let strangers = [
        ("another patient", &callers.other_patient),
        ("another doctor", &callers.other_doctor),
        ("anonymous", &callers.anonymous),
    ];
    let before = snapshot(&app).await;
    for (endpoint, form) in CALLS {
        for id in [booked, held] {
            for (who, client) in strangers {
                let real = answer(&app, client, endpoint, &form(id)).await;
                let missing = answer(&app, client, endpoint, &form(MISSING)).await;
                assert_eq!(real, missing, "{endpoint} {:?} as {who}", form(id));
                assert!(
                    real.0 == 401 || real.0 == 403 || real.0 == 404,
                    "{endpoint} as {who}: {real:?}"
                );
            }
        }
    }
    assert_eq!(snapshot(&app).await, before, "nothing changed");

    // Lists never show someone else's appointments.
    let bobs = call_ok(&app, &callers.other_patient, "my_appointments", &[]).await;
    assert_eq!(bobs, serde_json::json!({"upcoming": [], "past": []}));
    let davis = call_ok(
        &app,
        &callers.other_doctor,
        "doctor_agenda",
        &[("date", "2026-11-23"), ("period", "week")],
    )
    .await;
    assert_eq!(davis["appointments"], serde_json::json!([]));
    assert_eq!(davis["pending"], serde_json::json!([]));
    for (who, client, status) in [
        ("patient", &callers.owner, 403),
        ("doctor", &callers.doctor, 403),
        ("anonymous", &callers.anonymous, 401),
    ] {
        assert_eq!(app.call(client, "admin_appointments", &[]).await.status(), status, "{who}");
        assert_eq!(
            app.call(client, "my_appointments", &[]).await.status().as_u16() == 200,
            who == "patient"
        );
        assert_eq!(
            app.call(client, "doctor_agenda", &[]).await.status().as_u16() == 200,
            who == "doctor"
        );
    }

    // The parties: the owner books and cancels, the doctor accepts, the admin sees and acts on all.
    let (status, _) = answer(&app, &callers.doctor, "hold_details", &CALLS[0].1(held)).await;
    assert_eq!(status, 403, "holds are the patient's business");
    assert_eq!(answer(&app, &callers.owner, "hold_details", &CALLS[0].1(held)).await.0, 200);
    assert_eq!(
        answer(&app, &callers.owner, "change_appointment", &CALLS[3].1(booked)).await.0,
        403,
        "a patient cannot accept"
    );
    assert_eq!(
        answer(&app, &callers.doctor, "change_appointment", &CALLS[3].1(booked)).await.0,
        200
    );
    assert_eq!(
        answer(&app, &callers.owner, "reschedule_appointment", &CALLS[6].1(booked)).await.0,
        200
    );
    let all = call_ok(&app, &callers.admin, "admin_appointments", &[]).await;
    assert_eq!(all["total"], 2, "the admin sees every appointment (the booking and the hold)");
    assert_eq!(
        answer(&app, &callers.admin, "change_appointment", &CALLS[4].1(booked)).await.0,
        200
    );
    assert_eq!(status_of(&app, booked).await, "cancelled");
    let events: Vec<String> = sqlx::query_scalar(
        "SELECT actor FROM appointment_events WHERE appointment_id = ?1 ORDER BY id",
    )
    .bind(booked)
    .fetch_all(&app.state.db)
    .await
    .expect("events");
    assert_eq!(events, ["patient", "patient", "doctor", "patient", "admin"]);
    app.stop().await;
}

#[tokio::test]
async fn the_admin_list_filters_searches_and_paginates() {
    let (app, _clock) = spawn_seeded_app_at(NOW).await;
    let (smith, davis) = (app.user_id("dr_smith").await, app.user_id("dr_davis").await);
    let (alice, bob) = (app.signed_in("alice").await, app.signed_in("bob").await);
    let doctor = app.signed_in("dr_smith").await;
    let mut smiths = Vec::new();
    for day in ["2026-11-23", "2026-11-24", "2026-11-25", "2026-11-27"] {
        for hour in 15..18 {
            let start = format!("{day}T{hour}:00:00Z");
            smiths.push(book(&app, &alice, smith, &start, "Heart check").await);
            let later = format!("{day}T{hour}:30:00Z");
            book(&app, &bob, smith, &later, "Knee").await;
        }
    }
    book(&app, &bob, davis, "2026-11-26T15:00:00Z", "Fever").await;
    change(&app, &doctor, smiths[0], "accept", "").await.error_for_status().expect("accept");

    let page = |query: Vec<(&'static str, String)>| {
        let app = &app;
        async move {
            let form: Vec<(&str, &str)> = query.iter().map(|(k, v)| (*k, v.as_str())).collect();
            call_ok(app, &app.admin, "admin_appointments", &form).await
        }
    };
    let all = page(vec![]).await;
    assert_eq!(all["total"], 25);
    assert_eq!(all["pages"], 2);
    assert_eq!(all["items"].as_array().expect("items").len(), 20);
    assert_eq!(all["items"][0]["start"], "2026-11-27T17:30:00Z", "newest first");
    let second = page(vec![("page", "2".into())]).await;
    assert_eq!(second["items"].as_array().expect("items").len(), 5);
    assert_eq!(page(vec![("page", "99".into())]).await["page"], 2, "clamped to the last page");

    assert_eq!(page(vec![("doctor", davis.to_string())]).await["total"], 1);
    let alices = page(vec![("patient", app.user_id("alice").await.to_string())]).await;
    assert_eq!(alices["total"], 12);
    assert_eq!(page(vec![("status", "confirmed".into())]).await["total"], 1);
    assert_eq!(page(vec![("status", "pending".into())]).await["total"], 24);
    let tuesday = page(vec![("from", "2026-11-24".into()), ("to", "2026-11-24".into())]).await;
    assert_eq!(tuesday["total"], 6, "dates are clinic days");
    assert_eq!(page(vec![("search", "knee".into())]).await["total"], 12);
    assert_eq!(page(vec![("search", "Nguyen".into())]).await["total"], 13, "patient name");
    assert_eq!(page(vec![("search", "Davis".into())]).await["total"], 1, "doctor name");
    assert_eq!(
        page(vec![("search", "100%".into())]).await["total"],
        0,
        "LIKE wildcards are literal"
    );

    for (field, value) in
        [("status", "sleeping"), ("from", "banana"), ("page", "x"), ("doctor", "one")]
    {
        let response = app.call(&app.admin, "admin_appointments", &[(field, value)]).await;
        assert_eq!(response.status(), 400, "{field}={value}");
    }
    let response = app
        .call(&app.admin, "admin_appointments", &[("from", "2026-11-25"), ("to", "2026-11-24")])
        .await;
    assert_eq!(response.status(), 400);
    app.stop().await;
}
