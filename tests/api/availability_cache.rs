//! The directory's cached next free slot and free days stay equal to the availability engine
//! through random bookings, holds, cancellations, schedule edits, deactivations and the clock
//! moving on.

use crate::helpers::*;
use chrono::{DateTime, Duration, Utc};
use medibook::domain::UserId;
use medibook::dto::availability_views::DaySlotsView;
use medibook::dto::hold_view::HoldView;
use medibook::server::clock::Clock;
use medibook::server::directory::availability_cache::compute;
use proptest::strategy::{Strategy, ValueTree};
use proptest::test_runner::TestRunner;

const NOW: &str = "2026-11-20T12:00:00Z";

/// Waits until the worker has caught up: no doctor behind its version or past its freshness.
async fn caught_up(app: &TestApp, now: DateTime<Utc>) {
    for _ in 0..500 {
        let due: i64 = sqlx::query_scalar(
            "SELECT count(*) FROM doctor_availability WHERE computed_version < version OR fresh_until <= ?1",
        )
        .bind(now.timestamp())
        .fetch_one(&app.state.db)
        .await
        .unwrap();
        if due == 0 {
            return;
        }
        tokio::time::sleep(std::time::Duration::from_millis(10)).await;
    }
    panic!("the availability cache did not catch up");
}

/// Every doctor's cached answer equals a fresh computation; the first free slot is the first
/// slot the booking page offers on its day.
async fn assert_cache_true(app: &TestApp, now: DateTime<Utc>, step: &str) {
    caught_up(app, now).await;
    let rows: Vec<(i64, Option<i64>, Option<String>)> = sqlx::query_as(
        "SELECT a.doctor_id, a.next_free_at, \
           (SELECT json_group_array(day) FROM (SELECT day FROM doctor_free_days f WHERE f.doctor_id = a.doctor_id ORDER BY day)) \
         FROM doctor_availability a ORDER BY a.doctor_id",
    )
    .fetch_all(&app.state.db)
    .await
    .unwrap();
    for (doctor, next_free_at, days) in rows {
        let fresh = compute(&app.state, UserId(doctor), now).await.expect("compute");
        let days: Vec<String> = serde_json::from_str(&days.unwrap_or_else(|| "[]".into())).unwrap();
        assert_eq!(
            next_free_at,
            fresh.next_free_at.map(|at| at.timestamp()),
            "doctor {doctor} after {step}"
        );
        assert_eq!(days, fresh.free_days, "doctor {doctor}'s free days after {step}");
        if let Some(first) = fresh.next_free_at {
            let zone: String =
                sqlx::query_scalar("SELECT time_zone FROM doctors WHERE user_id = ?1")
                    .bind(doctor)
                    .fetch_one(&app.state.db)
                    .await
                    .unwrap();
            let date = first.with_timezone(&zone.parse::<chrono_tz::Tz>().unwrap()).date_naive();
            let day: DaySlotsView = call(
                app,
                &app.client(),
                "day_slots",
                &[
                    ("doctor_id", &doctor.to_string()),
                    ("date", &date.to_string()),
                    ("time_zone", &zone),
                ],
            )
            .await;
            assert_eq!(
                day.slots.first().map(|s| s.start),
                Some(first),
                "doctor {doctor} after {step}"
            );
        }
    }
}

fn roll(runner: &mut TestRunner, below: i64) -> i64 {
    (0..below).new_tree(runner).unwrap().current()
}

#[tokio::test]
async fn the_cached_next_free_slot_follows_every_change_and_the_clock() {
    let (app, clock) = spawn_seeded_app_at(NOW).await;
    let doctors: Vec<(i64, String)> =
        sqlx::query_as("SELECT d.user_id, u.username FROM doctors d JOIN users u ON u.id = d.user_id ORDER BY d.user_id")
            .fetch_all(&app.state.db)
            .await
            .unwrap();
    let patient_names = ["alice", "bob", "carol"];
    let mut runner = TestRunner::default();
    let mut booked: Vec<(usize, i64)> = Vec::new();
    assert_cache_true(&app, clock.now(), "start").await;
    for step in 0..60 {
        let d = roll(&mut runner, doctors.len() as i64) as usize;
        let (doctor, username) = &doctors[d];
        let p = roll(&mut runner, patient_names.len() as i64) as usize;
        // Sessions end after a while on the test clock: sign in again for each step.
        let patient = app.signed_in(patient_names[p]).await;
        let session = app.client();
        app.login(&session, username, PASSWORD).await; // refused while deactivated
        let first: Option<i64> =
            sqlx::query_scalar("SELECT next_free_at FROM doctor_availability WHERE doctor_id = ?1")
                .bind(doctor)
                .fetch_one(&app.state.db)
                .await
                .unwrap();
        let first = first.and_then(|at| DateTime::from_timestamp(at, 0)).map(rfc3339);
        let what = match roll(&mut runner, 7) {
            0 | 1 if first.is_some() => {
                let start = first.unwrap();
                let response = app
                    .call(
                        &patient,
                        "hold_slot",
                        &[("doctor_id", &doctor.to_string()), ("start", &start)],
                    )
                    .await;
                let status = response.status();
                if !status.is_success() {
                    eprintln!("hold refused: {status} {}", response.text().await.unwrap());
                    continue;
                }
                if roll(&mut runner, 2) == 0 {
                    let held: HoldView = response.json().await.unwrap();
                    let key = format!("cache-{step}");
                    let id = held.appointment_id.0.to_string();
                    let form = [
                        ("appointment_id", id.as_str()),
                        ("reason", ""),
                        ("idempotency_key", key.as_str()),
                    ];
                    if app
                        .call(&patient, "book_held_slot", &paying_by_card(&form))
                        .await
                        .status()
                        .is_success()
                    {
                        booked.push((p, held.appointment_id.0));
                    }
                    format!("booking {start} with {doctor}")
                } else {
                    format!("holding {start} with {doctor}")
                }
            }
            2 if !booked.is_empty() => {
                let (p, id) = booked.remove(roll(&mut runner, booked.len() as i64) as usize);
                let owner = app.signed_in(patient_names[p]).await;
                change(&app, &owner, id, "cancel", "").await;
                format!("cancelling {id}")
            }
            3 => {
                let day =
                    (clock.now() + Duration::days(roll(&mut runner, 10))).date_naive().to_string();
                if roll(&mut runner, 2) == 0 {
                    app.call(
                        &session,
                        "put_date_override",
                        &[("override_date", &day), ("override_kind", "off")],
                    )
                    .await;
                    format!("{doctor} off on {day}")
                } else {
                    app.call(&session, "remove_date_override", &[("override_date", &day)]).await;
                    format!("{doctor} back on {day}")
                }
            }
            4 => {
                let from = (clock.now() + Duration::days(roll(&mut runner, 5))).date_naive();
                let to = from + Duration::days(roll(&mut runner, 4));
                app.call(
                    &session,
                    "add_time_off",
                    &[("time_off_start", &from.to_string()), ("time_off_end", &to.to_string())],
                )
                .await;
                format!("{doctor} away {from}..{to}")
            }
            5 => {
                let active = roll(&mut runner, 2) == 0;
                app.call(
                    &app.admin,
                    "set_user_active",
                    &[("user_id", &doctor.to_string()), ("active", &active.to_string())],
                )
                .await;
                format!("{doctor} active: {active}")
            }
            _ => {
                let minutes = roll(&mut runner, 6 * 60);
                clock.advance(Duration::minutes(minutes));
                format!("{minutes} minutes passing")
            }
        };
        assert_cache_true(&app, clock.now(), &what).await;
    }
}
