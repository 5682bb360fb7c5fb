//! SQLite refuses overlapping or illegal appointments whatever code writes them: these tests
//! write raw SQL, as buggy application code would.
use crate::helpers::*;
use medibook::server::db;
use sqlx::SqlitePool;

const BASE: i64 = 1_800_000_000;
const NOW: &str = "2026-11-20T12:00:00Z";

struct Booking {
    doctor: i64,
    patient: i64,
    from_minute: i64,
    minutes: i64,
    buffer_before: i64,
    buffer_after: i64,
    status: &'static str,
}

impl Booking {
    fn new(doctor: i64, patient: i64, from_minute: i64, minutes: i64) -> Booking {
        Booking {
            doctor,
            patient,
            from_minute,
            minutes,
            buffer_before: 0,
            buffer_after: 0,
            status: "pending",
        }
    }
}

/// Inserts an appointment; the error is the trigger code (e.g. `MB_DOCTOR_OVERLAP`).
async fn insert(pool: &SqlitePool, b: &Booking) -> Result<i64, String> {
    let start = BASE + b.from_minute * 60;
    let end = start + b.minutes * 60;
    let hold = (b.status == "held").then_some(BASE + 600);
    sqlx::query_scalar(
        "INSERT INTO appointments (doctor_id, patient_id, start_at, end_at, blocked_from, blocked_until, \
         status, hold_expires_at, created_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?9) RETURNING id",
    )
    .bind(b.doctor)
    .bind(b.patient)
    .bind(start)
    .bind(end)
    .bind(start - b.buffer_before * 60)
    .bind(end + b.buffer_after * 60)
    .bind(b.status)
    .bind(hold)
    .bind(BASE)
    .fetch_one(pool)
    .await
    .map_err(|e| db::trigger_code(&e).map_or_else(|| e.to_string(), |code| code.as_str().to_owned()))
}

async fn execute(pool: &SqlitePool, sql: &str, id: i64) -> Result<(), String> {
    sqlx::query(sql).bind(id).execute(pool).await.map(|_| ()).map_err(|e| {
        db::trigger_code(&e).map_or_else(|| e.to_string(), |code| code.as_str().to_owned())
    })
}

#[tokio::test]
async fn sqlite_refuses_overlaps_for_a_doctor_with_buffers_and_for_a_patient_across_doctors() {
    let (app, _clock) = spawn_seeded_app_at(NOW).await;
    let pool = &app.state.db;
    let (smith, johnson, brown) = (
        app.user_id("dr_smith").await,
        app.user_id("dr_johnson").await,
        app.user_id("dr_brown").await,
    );
    let (alice, bob, carol) =
        (app.user_id("alice").await, app.user_id("bob").await, app.user_id("carol").await);

    assert!(insert(pool, &Booking::new(smith, alice, 0, 30)).await.is_ok());
    assert_eq!(
        insert(pool, &Booking::new(smith, bob, 15, 30)).await,
        Err("MB_DOCTOR_OVERLAP".into())
    );
    assert_eq!(
        insert(pool, &Booking { status: "held", ..Booking::new(smith, bob, 0, 30) }).await,
        Err("MB_DOCTOR_OVERLAP".into())
    );
    assert!(insert(pool, &Booking::new(smith, bob, 30, 30)).await.is_ok(), "touching is fine");
    assert_eq!(
        insert(pool, &Booking::new(johnson, alice, 10, 30)).await,
        Err("MB_PATIENT_OVERLAP".into()),
        "one patient, two doctors"
    );

    let buffered = Booking { buffer_after: 10, ..Booking::new(brown, alice, 120, 30) };
    assert!(insert(pool, &buffered).await.is_ok());
    assert_eq!(
        insert(pool, &Booking::new(brown, bob, 150, 30)).await,
        Err("MB_DOCTOR_OVERLAP".into()),
        "inside the buffer"
    );
    assert!(insert(pool, &Booking::new(brown, bob, 160, 30)).await.is_ok());
    assert_eq!(
        insert(pool, &Booking { buffer_before: 15, ..Booking::new(brown, carol, 200, 30) }).await,
        Err("MB_DOCTOR_OVERLAP".into()),
        "the new booking's own buffer reaches the previous one"
    );
    assert_eq!(
        insert(pool, &Booking::new(alice, bob, 500, 30))
            .await
            .map_err(|e| e.contains("FOREIGN KEY")),
        Err(true)
    );
    assert_eq!(
        insert(pool, &Booking::new(smith, johnson, 600, 30)).await,
        Err("MB_PATIENT_ROLE_REQUIRED".into())
    );
    assert_eq!(app.count("appointments").await, 4, "nothing else was written");
    app.stop().await;
}

#[tokio::test]
async fn cancelled_times_free_up_and_only_legal_changes_are_accepted() {
    let (app, _clock) = spawn_seeded_app_at(NOW).await;
    let pool = &app.state.db;
    let smith = app.user_id("dr_smith").await;
    let (alice, bob) = (app.user_id("alice").await, app.user_id("bob").await);

    let first = insert(pool, &Booking::new(smith, alice, 0, 30)).await.expect("booked");
    let second = insert(pool, &Booking::new(smith, bob, 60, 30)).await.expect("booked");
    execute(pool, "UPDATE appointments SET status = 'confirmed' WHERE id = ?1", second)
        .await
        .expect("accept");
    assert_eq!(
        execute(pool, "UPDATE appointments SET start_at = start_at - 3600, end_at = end_at - 3600, blocked_from = blocked_from - 3600, blocked_until = blocked_until - 3600 WHERE id = ?1", second).await,
        Err("MB_DOCTOR_OVERLAP".into()),
        "a reschedule onto a booked time"
    );
    execute(pool, "UPDATE appointments SET status = 'cancelled' WHERE id = ?1", first)
        .await
        .expect("cancel");
    assert!(
        insert(pool, &Booking::new(smith, bob, 0, 30)).await.is_ok(),
        "a cancelled time is bookable at once"
    );

    for (sql, code) in [
        ("UPDATE appointments SET status = 'confirmed' WHERE id = ?1", "MB_ILLEGAL_TRANSITION"),
        ("UPDATE appointments SET start_at = start_at + 60 WHERE id = ?1", "MB_ILLEGAL_TRANSITION"),
        (
            "UPDATE appointments SET patient_id = patient_id + 1 WHERE id = ?1",
            "MB_APPOINTMENT_PARTIES_FIXED",
        ),
        ("DELETE FROM appointments WHERE id = ?1", "MB_APPOINTMENTS_ARE_KEPT"),
        ("DELETE FROM appointment_events WHERE appointment_id = ?1", "MB_EVENTS_APPEND_ONLY"),
    ] {
        assert_eq!(execute(pool, sql, first).await, Err(code.into()), "{sql}");
    }
    assert_eq!(
        execute(pool, "UPDATE appointments SET status = 'pending' WHERE id = ?1", second).await,
        Err("MB_ILLEGAL_TRANSITION".into())
    );
    let events: Vec<(Option<String>, String)> =
        sqlx::query_as("SELECT from_status, to_status FROM appointment_events WHERE appointment_id = ?1 ORDER BY id")
            .bind(first)
            .fetch_all(pool)
            .await
            .expect("events");
    assert_eq!(
        events,
        vec![(None, "pending".into()), (Some("pending".into()), "cancelled".into())]
    );
    app.stop().await;
}

#[tokio::test]
async fn thirty_two_racing_writers_get_exactly_one_appointment_for_a_slot() {
    let (app, _clock) = spawn_seeded_app_at(NOW).await;
    let smith = app.user_id("dr_smith").await;
    let mut patients = Vec::new();
    for n in 0..32 {
        let id: i64 = sqlx::query_scalar(
            "INSERT INTO users (role, username, email, full_name, phone, date_of_birth, password_hash, created_at, updated_at) \
             VALUES ('patient', ?1, ?2, 'Racer', '+15550000000', '1990-01-01', '$argon2id$x', 0, 0) RETURNING id",
        )
        .bind(format!("racer{n}"))
        .bind(format!("racer{n}@example.com"))
        .fetch_one(&app.state.db)
        .await
        .expect("patient");
        patients.push(id);
    }
    let tasks: Vec<_> = patients
        .into_iter()
        .map(|patient| {
            let pool = app.state.db.clone();
            tokio::spawn(async move {
                let mut tx = db::begin_write(&pool).await.map_err(|e| e.to_string())?;
                let start = BASE + 3 * 3600;
                sqlx::query(
                    "INSERT INTO appointments (doctor_id, patient_id, start_at, end_at, blocked_from, blocked_until, \
                     status, created_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?3, ?4, 'pending', 0, 0)",
                )
                .bind(smith)
                .bind(patient)
                .bind(start)
                .bind(start + 1800)
                .execute(&mut *tx)
                .await
                .map_err(|e| db::trigger_code(&e).map_or_else(|| e.to_string(), |code| code.as_str().to_owned()))?;
                tx.commit().await.map_err(|e| e.to_string())
            })
        })
        .collect();
    let mut won = 0;
    for task in tasks {
        match task.await.expect("task") {
            Ok(()) => won += 1,
            Err(code) => assert_eq!(code, "MB_DOCTOR_OVERLAP"),
        }
    }
    assert_eq!(won, 1);
    app.stop().await;
}

/// Inserts a 30-minute hold at `from_minute`, placed at `at` (seconds after BASE), for 10 minutes.
async fn hold_at(
    pool: &SqlitePool,
    doctor: i64,
    patient: i64,
    from_minute: i64,
    at: i64,
) -> Result<i64, String> {
    let start = BASE + from_minute * 60;
    sqlx::query_scalar(
        "INSERT INTO appointments (doctor_id, patient_id, start_at, end_at, blocked_from, blocked_until, \
         status, hold_expires_at, created_at, updated_at, status_by) \
         VALUES (?1, ?2, ?3, ?4, ?3, ?4, 'held', ?5, ?6, ?6, 'patient') RETURNING id",
    )
    .bind(doctor)
    .bind(patient)
    .bind(start)
    .bind(start + 1800)
    .bind(BASE + at + 600)
    .bind(BASE + at)
    .fetch_one(pool)
    .await
    .map_err(|e| db::trigger_code(&e).map_or_else(|| e.to_string(), |code| code.as_str().to_owned()))
}

async fn status_and_actor(pool: &SqlitePool, id: i64) -> (String, Option<String>) {
    sqlx::query_as("SELECT status, status_by FROM appointments WHERE id = ?1")
        .bind(id)
        .fetch_one(pool)
        .await
        .expect("appointment")
}

#[tokio::test]
async fn a_new_hold_releases_lapsed_holds_and_the_patients_previous_hold_in_the_same_statement() {
    let (app, _clock) = spawn_seeded_app_at(NOW).await;
    let pool = &app.state.db;
    let (smith, johnson) = (app.user_id("dr_smith").await, app.user_id("dr_johnson").await);
    let (alice, bob, carol) =
        (app.user_id("alice").await, app.user_id("bob").await, app.user_id("carol").await);
    let held = || ("held".to_string(), Some("patient".to_string()));

    let first = hold_at(pool, smith, alice, 0, 0).await.expect("alice's first hold");
    let second = hold_at(pool, smith, alice, 60, 10).await.expect("alice's second hold");
    assert_eq!(status_and_actor(pool, first).await, ("released".into(), Some("patient".into())));
    assert_eq!(status_and_actor(pool, second).await, held());

    let bobs = hold_at(pool, johnson, bob, 0, 0).await.expect("bob's hold");
    assert_eq!(
        hold_at(pool, johnson, carol, 0, 599).await,
        Err("MB_DOCTOR_OVERLAP".into()),
        "bob's hold has a second left"
    );
    let carols = hold_at(pool, johnson, carol, 0, 600).await.expect("bob's hold lapsed");
    assert_eq!(status_and_actor(pool, bobs).await, ("released".into(), Some("system".into())));

    assert_eq!(
        hold_at(pool, smith, carol, 60, 20).await,
        Err("MB_DOCTOR_OVERLAP".into()),
        "alice holds that time"
    );
    assert_eq!(status_and_actor(pool, carols).await, held(), "a refused hold releases nothing");
    let events: Vec<(Option<String>, String, Option<String>)> = sqlx::query_as(
        "SELECT from_status, to_status, actor FROM appointment_events WHERE appointment_id = ?1 ORDER BY id",
    )
    .bind(bobs)
    .fetch_all(pool)
    .await
    .expect("events");
    assert_eq!(
        events,
        vec![
            (None, "held".into(), Some("patient".into())),
            (Some("held".into()), "released".into(), Some("system".into()))
        ]
    );
    app.stop().await;
}

#[tokio::test]
async fn a_refused_one_round_trip_transaction_is_rolled_back_and_the_writer_stays_usable() {
    let (app, _clock) = spawn_seeded_app_at(NOW).await;
    let writer = &app.state.writer;
    let (smith, alice, bob) =
        (app.user_id("dr_smith").await, app.user_id("alice").await, app.user_id("bob").await);
    let insert = |patient: i64, minute: i64| {
        sqlx::query(medibook::immediate_transaction!(
            "INSERT INTO appointments (doctor_id, patient_id, start_at, end_at, blocked_from, \
             blocked_until, status, created_at, updated_at) \
             VALUES (?1, ?2, ?3, ?3 + 1800, ?3, ?3 + 1800, 'pending', 0, 0) RETURNING id"
        ))
        .bind(smith)
        .bind(patient)
        .bind(BASE + minute * 60)
    };
    assert_eq!(db::write_at_once(writer, insert(alice, 0)).await.expect("first").len(), 1);
    let refused = db::write_at_once(writer, insert(bob, 10)).await.err().expect("overlap");
    assert_eq!(db::trigger_code(&refused), Some(db::TriggerCode::DoctorOverlap));
    // No transaction was left open: an ordinary transaction and another script both work.
    let tx = db::begin_write(writer).await.expect("begin after a refusal");
    tx.commit().await.expect("commit");
    assert_eq!(db::write_at_once(writer, insert(bob, 30)).await.expect("next").len(), 1);
    assert_eq!(app.count("appointments").await, 2);
    app.stop().await;
}
