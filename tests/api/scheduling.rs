use crate::helpers::*;
use medibook::domain::{Field, FieldErrorCode};
use medibook::error::AppError;

/// Friday 20 November 2026, noon UTC; Monday the 23rd is a working day for dr_smith
/// (Cardiology, Mon/Tue/Wed/Fri, 10:00-13:00 + 14:00-17:00 in America/New_York).
const NOW: &str = "2026-11-20T12:00:00Z";

async fn day(app: &TestApp, doctor: &str, date: &str, zone: &str) -> serde_json::Value {
    call_ok(
        app,
        &app.client(),
        "day_slots",
        &[("doctor_id", doctor), ("date", date), ("time_zone", zone)],
    )
    .await
}

async fn free_on(app: &TestApp, doctor: &str, month: &str, zone: &str, day_of_month: usize) -> u64 {
    let overview = call_ok(
        app,
        &app.client(),
        "month_availability",
        &[("doctor_id", doctor), ("month", month), ("time_zone", zone)],
    )
    .await;
    overview["days"][day_of_month - 1]["free_slots"].as_u64().expect("count")
}

fn field_codes(error: AppError) -> Vec<(Field, FieldErrorCode)> {
    match error {
        AppError::Invalid(errors) => errors.into_iter().map(|e| (e.field, e.code)).collect(),
        other => panic!("expected field errors, got {other:?}"),
    }
}

/// A server function, its form, and the field and code it must refuse.
type Case<'a> = (&'a str, Vec<(&'a str, &'a str)>, Field, FieldErrorCode);

#[tokio::test]
async fn the_template_day_shows_twelve_slots_shifted_into_the_viewers_zone() {
    let (app, _clock) = spawn_seeded_app_at(NOW).await;
    let smith = app.user_id("dr_smith").await.to_string();
    let london = day(&app, &smith, "2026-11-23", "Europe/London").await;
    let starts = slot_starts(&london);
    assert_eq!(starts.len(), 12);
    // 10:00 in New York (EST, UTC-5) is 15:00 in London (GMT).
    assert_eq!(starts[0], "2026-11-23T15:00:00Z");
    assert_eq!(starts[11], "2026-11-23T21:30:00Z");
    assert_eq!(london["doctor_time_zone"], "America/New_York");

    // In Kolkata (UTC+5:30) New York's Monday morning is Monday 20:30-23:00, the afternoon is Tuesday.
    assert_eq!(free_on(&app, &smith, "2026-11", "Asia/Kolkata", 23).await, 6);
    assert_eq!(free_on(&app, &smith, "2026-11", "America/New_York", 23).await, 12);
    assert_eq!(free_on(&app, &smith, "2026-11", "America/New_York", 22).await, 0, "Sunday");
    assert_eq!(
        free_on(&app, &smith, "2026-11", "America/New_York", 26).await,
        0,
        "Thursday is not a Smith day"
    );
    assert_eq!(free_on(&app, &smith, "2026-11", "America/New_York", 19).await, 0, "the past");
    app.stop().await;
}

#[tokio::test]
async fn an_unverified_or_unknown_doctor_has_no_slots() {
    let (app, _clock) = spawn_seeded_app_at(NOW).await;
    app.register_doctor("dr_new", "MD-5151").await.error_for_status().expect("doctor");
    let new = app.user_id("dr_new").await.to_string();
    let patient = app.client();
    for doctor in [new.as_str(), "999999"] {
        let response = app
            .call(
                &patient,
                "day_slots",
                &[("doctor_id", doctor), ("date", "2026-11-23"), ("time_zone", "UTC")],
            )
            .await;
        assert_eq!(response.status(), 404, "doctor {doctor}");
        let response = app
            .call(
                &patient,
                "month_availability",
                &[("doctor_id", doctor), ("month", "2026-11"), ("time_zone", "UTC")],
            )
            .await;
        assert_eq!(response.status(), 404, "doctor {doctor}");
        assert_eq!(
            app.call(&patient, "doctor_public", &[("doctor_id", doctor)]).await.status(),
            404
        );
    }
    app.stop().await;
}

#[tokio::test]
async fn bad_availability_requests_get_clear_errors() {
    let (app, _clock) = spawn_seeded_app_at(NOW).await;
    let smith = app.user_id("dr_smith").await.to_string();
    let client = app.client();
    let cases: [Case; 4] = [
        (
            "day_slots",
            vec![("date", "2026-02-30"), ("time_zone", "UTC")],
            Field::Date,
            FieldErrorCode::InvalidFormat,
        ),
        (
            "day_slots",
            vec![("date", "banana"), ("time_zone", "UTC")],
            Field::Date,
            FieldErrorCode::InvalidFormat,
        ),
        (
            "day_slots",
            vec![("date", "2026-11-23"), ("time_zone", "Mars/Olympus")],
            Field::TimeZone,
            FieldErrorCode::Unknown,
        ),
        (
            "month_availability",
            vec![("month", "2026-13"), ("time_zone", "UTC")],
            Field::Month,
            FieldErrorCode::InvalidFormat,
        ),
    ];
    for (endpoint, mut form, field, code) in cases {
        form.push(("doctor_id", smith.as_str()));
        let response = app.call(&client, endpoint, &form).await;
        assert_eq!(response.status(), 400, "{endpoint} {form:?}");
        assert_eq!(field_codes(error_of(response).await), vec![(field, code)]);
    }
    let response = app
        .call(
            &client,
            "day_slots",
            &[("doctor_id", "abc"), ("date", "2026-11-23"), ("time_zone", "UTC")],
        )
        .await;
    assert_eq!(response.status(), 400);
    app.stop().await;
}

#[tokio::test]
async fn a_day_off_and_time_off_remove_days_and_removing_them_restores_the_slots() {
    let (app, _clock) = spawn_seeded_app_at(NOW).await;
    let smith_id = app.user_id("dr_smith").await.to_string();
    let smith = app.signed_in("dr_smith").await;
    call_ok(
        &app,
        &smith,
        "put_date_override",
        &[("override_date", "2026-11-23"), ("override_kind", "off")],
    )
    .await;
    assert!(slot_starts(&day(&app, &smith_id, "2026-11-23", "America/New_York").await).is_empty());
    assert_eq!(free_on(&app, &smith_id, "2026-11", "America/New_York", 23).await, 0);

    call_ok(
        &app,
        &smith,
        "put_date_override",
        &[
            ("override_date", "2026-11-23"),
            ("override_kind", "hours"),
            ("override_hours", "16:00-16:30, 08:00-09:00"),
        ],
    )
    .await;
    let next_day = [("override_date", "2026-11-24"), ("override_kind", "off")];
    call_ok(&app, &smith, "put_date_override", &next_day).await;
    assert_eq!(
        slot_starts(&day(&app, &smith_id, "2026-11-23", "America/New_York").await),
        ["2026-11-23T13:00:00Z", "2026-11-23T13:30:00Z", "2026-11-23T21:00:00Z"]
    );
    assert_eq!(free_on(&app, &smith_id, "2026-11", "America/New_York", 24).await, 0);
    call_ok(&app, &smith, "remove_date_override", &[("override_date", "2026-11-24")]).await;

    call_ok(&app, &smith, "remove_date_override", &[("override_date", "2026-11-23")]).await;
    assert_eq!(free_on(&app, &smith_id, "2026-11", "America/New_York", 23).await, 12);

    let id = call_ok(
        &app,
        &smith,
        "add_time_off",
        &[("time_off_start", "2026-11-24"), ("time_off_end", "2026-11-25"), ("note", "Conference")],
    )
    .await;
    assert_eq!(free_on(&app, &smith_id, "2026-11", "America/New_York", 24).await, 0);
    assert_eq!(free_on(&app, &smith_id, "2026-11", "America/New_York", 25).await, 0);
    assert_eq!(free_on(&app, &smith_id, "2026-11", "America/New_York", 27).await, 12);

    let johnson = app.signed_in("dr_johnson").await;
    let id = id.as_i64().expect("id").to_string();
    let response = app.call(&johnson, "remove_time_off", &[("time_off_id", &id)]).await;
    assert_eq!(response.status(), 404, "another doctor's time off is not theirs to remove");
    call_ok(&app, &smith, "remove_time_off", &[("time_off_id", &id)]).await;
    assert_eq!(free_on(&app, &smith_id, "2026-11", "America/New_York", 24).await, 12);
    app.stop().await;
}

#[tokio::test]
async fn invalid_schedule_edits_are_refused_at_the_field_and_write_nothing() {
    let (app, _clock) = spawn_seeded_app_at(NOW).await;
    let smith = app.signed_in("dr_smith").await;
    let before = call_ok(&app, &smith, "my_schedule", &[]).await;
    assert_eq!(before["weekly"][0], "10:00-13:00, 14:00-17:00");
    assert_eq!(before["weekly"][3], "", "Smith does not work Thursdays");

    let mut week = vec![
        ("hours_mon", "10:00-13:00, 12:00-15:00"),
        ("hours_tue", "13:00-10:00"),
        ("hours_wed", "10:00-10:15"),
        ("hours_thu", "03:17"),
        ("hours_fri", ""),
        ("hours_sat", ""),
        ("hours_sun", ""),
    ];
    let response = app.call(&smith, "save_weekly_hours", &week).await;
    assert_eq!(response.status(), 400);
    assert_eq!(
        field_codes(error_of(response).await),
        vec![
            (Field::HoursMon, FieldErrorCode::Overlap),
            (Field::HoursTue, FieldErrorCode::EndBeforeStart),
            (Field::HoursWed, FieldErrorCode::SlotTooLong),
            (Field::HoursThu, FieldErrorCode::InvalidFormat),
        ]
    );
    assert_eq!(call_ok(&app, &smith, "my_schedule", &[]).await["weekly"], before["weekly"]);

    week = vec![
        ("hours_mon", "09:00-12:00"),
        ("hours_tue", ""),
        ("hours_wed", ""),
        ("hours_thu", "13:00-15:00"),
        ("hours_fri", ""),
        ("hours_sat", "off"),
        ("hours_sun", ""),
    ];
    call_ok(&app, &smith, "save_weekly_hours", &week).await;
    let after = call_ok(&app, &smith, "my_schedule", &[]).await;
    assert_eq!(after["weekly"][0], "09:00-12:00");
    assert_eq!(after["weekly"][3], "13:00-15:00");

    let mut settings = vec![
        ("time_zone", "America/New_York"),
        ("slot_minutes", "240"),
        ("buffer_before", "0"),
        ("buffer_after", "0"),
        ("min_notice", "120"),
        ("horizon", "60"),
        ("fee", "90.00"),
        ("currency", "USD"),
        ("bio", ""),
        ("years_of_experience", "10"),
        ("location", ""),
    ];
    let response = app.call(&smith, "save_schedule_settings", &settings).await;
    assert_eq!(
        field_codes(error_of(response).await),
        vec![(Field::SlotMinutes, FieldErrorCode::SlotTooLong)]
    );
    settings[1] = ("slot_minutes", "60");
    settings[6] = ("fee", "-3");
    let response = app.call(&smith, "save_schedule_settings", &settings).await;
    assert_eq!(
        field_codes(error_of(response).await),
        vec![(Field::Fee, FieldErrorCode::OutOfRange)]
    );
    settings[6] = ("fee", "90.00");
    call_ok(&app, &smith, "save_schedule_settings", &settings).await;
    let profile = call_ok(
        &app,
        &app.client(),
        "doctor_public",
        &[("doctor_id", &app.user_id("dr_smith").await.to_string())],
    )
    .await;
    assert_eq!(profile["fee"]["minor"], 9000);
    assert_eq!(profile["slot_minutes"], 60);
    app.stop().await;
}

#[tokio::test]
async fn schedule_functions_are_for_doctors_only() {
    let (app, _clock) = spawn_seeded_app_at(NOW).await;
    let patient = app.signed_in("alice").await;
    let calls: [(&str, Vec<(&str, &str)>); 4] = [
        ("my_schedule", vec![]),
        ("put_date_override", vec![("override_date", "2026-11-23"), ("override_kind", "off")]),
        ("add_time_off", vec![("time_off_start", "2026-11-24"), ("time_off_end", "2026-11-25")]),
        ("remove_time_off", vec![("time_off_id", "1")]),
    ];
    for (endpoint, form) in &calls {
        assert_eq!(
            app.call(&app.client(), endpoint, form).await.status(),
            401,
            "{endpoint} visitor"
        );
        assert_eq!(app.call(&patient, endpoint, form).await.status(), 403, "{endpoint} patient");
        assert_eq!(app.call(&app.admin, endpoint, form).await.status(), 403, "{endpoint} admin");
    }
    let smith = app.signed_in("dr_smith").await;
    let response = app
        .call(
            &smith,
            "put_date_override",
            &[("override_date", "2026-11-01"), ("override_kind", "off")],
        )
        .await;
    assert_eq!(
        field_codes(error_of(response).await),
        vec![(Field::OverrideDate, FieldErrorCode::InPast)]
    );
    let response = app
        .call(
            &smith,
            "add_time_off",
            &[("time_off_start", "2026-12-10"), ("time_off_end", "2026-12-01")],
        )
        .await;
    assert_eq!(
        field_codes(error_of(response).await),
        vec![(Field::TimeOffEnd, FieldErrorCode::EndBeforeStart)]
    );
    app.stop().await;
}

#[tokio::test]
async fn the_directory_shows_fee_and_next_free_day() {
    let (app, _clock) = spawn_seeded_app_at(NOW).await;
    let directory = call_ok(&app, &app.client(), "list_doctors", &[]).await;
    let smith = directory
        .as_array()
        .expect("list")
        .iter()
        .find(|d| d["full_name"] == "Dr. John Smith")
        .expect("smith listed")
        .clone();
    // Friday noon UTC is 07:00 in New York: with 2 hours' notice Friday 10:00 is still free.
    assert_eq!(smith["next_free_day"], "2026-11-20");
    assert_eq!(smith["fee"]["currency"], "USD");
    app.stop().await;
}

#[tokio::test]
async fn booked_and_held_times_disappear_from_the_slots_and_expired_holds_return() {
    let (app, clock) = spawn_seeded_app_at(NOW).await;
    let smith_id = app.user_id("dr_smith").await;
    let alice = app.user_id("alice").await;
    let smith = smith_id.to_string();
    let insert = |start: &str, status: &str, hold_until: Option<i64>| {
        let start = chrono::DateTime::parse_from_rfc3339(start).expect("instant").timestamp();
        sqlx::query(
            "INSERT INTO appointments (doctor_id, patient_id, start_at, end_at, blocked_from, blocked_until, \
             status, hold_expires_at, created_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?3, ?4, ?5, ?6, 0, 0)",
        )
        .bind(smith_id)
        .bind(alice)
        .bind(start)
        .bind(start + 1800)
        .bind(status.to_owned())
        .bind(hold_until)
        .execute(&app.state.db)
    };
    insert("2026-11-23T15:00:00Z", "confirmed", None).await.expect("booked");
    let hold_until = chrono::DateTime::parse_from_rfc3339(NOW).expect("now").timestamp() + 600;
    insert("2026-11-23T16:00:00Z", "held", Some(hold_until)).await.expect("held");
    let times = slot_starts(&day(&app, &smith, "2026-11-23", "UTC").await);
    assert_eq!(times.len(), 10);
    assert!(!times.contains(&"2026-11-23T15:00:00Z".to_owned()));
    assert!(!times.contains(&"2026-11-23T16:00:00Z".to_owned()));

    clock.advance(chrono::Duration::minutes(11));
    let times = slot_starts(&day(&app, &smith, "2026-11-23", "UTC").await);
    assert_eq!(times.len(), 11, "the expired hold no longer blocks its slot");
    assert!(times.contains(&"2026-11-23T16:00:00Z".to_owned()));
    app.stop().await;
}
