//! Long random sequences of book / hold / cancel / reschedule / accept / reject by many users.
//! After every step the database itself is checked: no two active appointments overlap for any
//! doctor (with buffers) or patient, and every recorded status change was a legal one made by
//! someone allowed to make it. Set `MEDIBOOK_TEST_SEED` to replay a failing sequence.
use crate::helpers::*;
use medibook::domain::booking::{Actor, AppointmentStatus};
use std::collections::HashMap;

const NOW: &str = "2026-11-20T12:00:00Z";
const STEPS: usize = 1000;

/// SplitMix64: small, fast, reproducible.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
}

/// A grid time on a weekday of the next two weeks (some fall in breaks or days off).
fn random_start(rng: &mut Rng) -> String {
    let days = ["23", "24", "25", "26", "27", "30"];
    let day = rng.pick(&days);
    let minutes = 10 * 60 + 30 * rng.below(14) as u32; // 10:00 .. 16:30 New York (EST)
    let (hour, minute) = (minutes / 60 + 5, minutes % 60);
    format!("2026-11-{day}T{hour:02}:{minute:02}:00Z")
}

const EXPECTED_REFUSALS: [&str; 9] = [
    "slot_taken",
    "patient_busy",
    "hold_expired",
    "appointment_changed",
    "slot_not_working_time",
    "not_found",
    "forbidden",
    "visit_not_started",
    "visit_started",
];

async fn check_invariants(app: &TestApp, step: usize, seed: u64) {
    let doctor_overlaps: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM appointments a JOIN appointments b \
         ON a.id < b.id AND a.doctor_id = b.doctor_id \
         WHERE a.status IN ('held', 'pending', 'confirmed') AND b.status IN ('held', 'pending', 'confirmed') \
           AND ((a.start_at < b.blocked_until AND a.end_at > b.blocked_from) \
             OR (b.start_at < a.blocked_until AND b.end_at > a.blocked_from))",
    )
    .fetch_one(&app.state.db)
    .await
    .expect("doctor overlaps");
    let patient_overlaps: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM appointments a JOIN appointments b \
         ON a.id < b.id AND a.patient_id = b.patient_id \
         WHERE a.status IN ('held', 'pending', 'confirmed') AND b.status IN ('held', 'pending', 'confirmed') \
           AND a.start_at < b.end_at AND a.end_at > b.start_at",
    )
    .fetch_one(&app.state.db)
    .await
    .expect("patient overlaps");
    assert_eq!((doctor_overlaps, patient_overlaps), (0, 0), "step {step}, seed {seed}");

    let events: Vec<(i64, Option<String>, String, Option<String>)> = sqlx::query_as(
        "SELECT appointment_id, from_status, to_status, actor FROM appointment_events ORDER BY id",
    )
    .fetch_all(&app.state.db)
    .await
    .expect("events");
    let mut last: HashMap<i64, String> = HashMap::new();
    for (id, from, to, actor) in events {
        assert_eq!(from.as_ref(), last.get(&id), "step {step}, seed {seed}: event chain of {id}");
        if let Some(from) = &from {
            let parse = |s: &str| AppointmentStatus::parse(s).expect("status");
            let (from_status, to_status) = (parse(from), parse(&to));
            let actor = actor.as_deref().and_then(Actor::parse).expect("actor recorded");
            let legal = if from_status == to_status {
                from_status.is_active() // a reschedule keeps the status
            } else {
                [false, true].iter().any(|s| from_status.transition(to_status, actor, *s).is_ok())
            };
            assert!(legal, "step {step}, seed {seed}: {from} -> {to} by {actor:?} on {id}");
        } else {
            assert_eq!(to, "held", "appointments start as holds");
        }
        last.insert(id, to);
    }
    let current: Vec<(i64, String)> = sqlx::query_as("SELECT id, status FROM appointments")
        .fetch_all(&app.state.db)
        .await
        .expect("statuses");
    for (id, status) in current {
        assert_eq!(last.get(&id), Some(&status), "step {step}, seed {seed}: log of {id}");
    }
}

#[tokio::test]
async fn random_sequences_never_overlap_and_only_make_legal_changes() {
    let seed = std::env::var("MEDIBOOK_TEST_SEED")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(0x5EED_2026_u64);
    let mut rng = Rng(seed);
    let (app, _clock) = spawn_seeded_app_at(NOW).await;
    let mut patients = Vec::new();
    for name in ["alice", "bob", "carol"] {
        patients.push((app.user_id(name).await, app.signed_in(name).await));
    }
    for n in 0..5 {
        let name = format!("patient{n}");
        let client = app.verified_patient(&name).await;
        patients.push((app.user_id(&name).await, client));
    }
    let mut doctors = Vec::new();
    for name in ["dr_smith", "dr_johnson", "dr_brown", "dr_davis", "dr_wilson"] {
        doctors.push((app.user_id(name).await, app.signed_in(name).await));
    }
    let mut outcomes: HashMap<String, usize> = HashMap::new();
    for step in 0..STEPS {
        let ids: Vec<i64> = sqlx::query_scalar("SELECT id FROM appointments")
            .fetch_all(&app.state.db)
            .await
            .expect("ids");
        let choice = rng.below(10);
        let (label, response) = if choice < 4 || ids.is_empty() {
            let (_, patient) = rng.pick(&patients);
            let (doctor, _) = rng.pick(&doctors);
            let start = random_start(&mut rng);
            let held = app
                .call(
                    patient,
                    "hold_slot",
                    &[("doctor_id", &doctor.to_string()), ("start", &start)],
                )
                .await;
            if held.status() != 200 || choice == 3 {
                ("hold", held)
            } else {
                let held: serde_json::Value = held.json().await.expect("hold");
                let id = held["appointment_id"].to_string();
                let key = format!("seq-{seed}-{step}");
                let form = [
                    ("appointment_id", id.as_str()),
                    ("reason", "Random"),
                    ("idempotency_key", &key),
                ];
                ("book", app.call(patient, "book_held_slot", &paying_by_card(&form)).await)
            }
        } else {
            let id = *rng.pick(&ids);
            // Usually one of the parties, sometimes a stranger.
            let (patient_id, doctor_id): (i64, i64) =
                sqlx::query_as("SELECT patient_id, doctor_id FROM appointments WHERE id = ?1")
                    .bind(id)
                    .fetch_one(&app.state.db)
                    .await
                    .expect("parties");
            let patient = if rng.below(8) == 0 {
                &rng.pick(&patients).1
            } else {
                &patients.iter().find(|(p, _)| *p == patient_id).expect("patient").1
            };
            let doctor = if rng.below(8) == 0 {
                &rng.pick(&doctors).1
            } else {
                &doctors.iter().find(|(d, _)| *d == doctor_id).expect("doctor").1
            };
            let id = id.to_string();
            match choice {
                4 => (
                    "cancel",
                    change(&app, patient, id.parse().expect("id"), "cancel", "Plans changed").await,
                ),
                5 => (
                    "doctor cancel",
                    change(&app, doctor, id.parse().expect("id"), "cancel", "Sick").await,
                ),
                6 => {
                    let start = random_start(&mut rng);
                    let form = [("appointment_id", id.as_str()), ("start", start.as_str())];
                    ("reschedule", app.call(patient, "reschedule_appointment", &form).await)
                }
                7 | 8 => {
                    ("accept", change(&app, doctor, id.parse().expect("id"), "accept", "").await)
                }
                _ => (
                    "reject",
                    change(&app, doctor, id.parse().expect("id"), "reject", "Fully booked").await,
                ),
            }
        };
        let status = response.status().as_u16();
        let outcome = if status == 200 {
            "ok".to_owned()
        } else {
            let code = error_of(response).await.code().to_owned();
            assert!(
                EXPECTED_REFUSALS.contains(&code.as_str()),
                "step {step}, seed {seed}: {label} answered {status} {code}"
            );
            code
        };
        *outcomes.entry(format!("{label}: {outcome}")).or_default() += 1;
        check_invariants(&app, step, seed).await;
    }
    // The sequence must have exercised every path, not just been refused.
    for label in [
        "book: ok",
        "cancel: ok",
        "doctor cancel: ok",
        "reschedule: ok",
        "accept: ok",
        "reject: ok",
        "hold: slot_taken",
    ] {
        assert!(outcomes.get(label).copied().unwrap_or(0) >= 3, "{label} too rare: {outcomes:?}");
    }
    println!("outcomes (seed {seed}): {outcomes:?}");
    app.stop().await;
}
