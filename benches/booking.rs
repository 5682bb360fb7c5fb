//! Booking benchmark against a running release server (started by `scripts/bench-booking`).
//!
//! 64 patients book over HTTP (hold + book paying the fee from the wallet, the two steps a
//! browser makes): first distinct slots (each client its own doctor), through the server
//! functions and then through `/api/v1` ([`booking_api`]), then contested slots (all clients race for the same
//! slot, one at a time). It reports bookings/s and latency percentiles, checks every answer is
//! a success or "just taken", counts double bookings in the database afterwards, and measures
//! the raw rate of `BEGIN IMMEDIATE` insert transactions on the same file with the same
//! settings, side by side.
//!
//! Environment: `BENCH_URL` (server), `BENCH_DB` (its database file), `BENCH_CLIENTS` (64).

#[path = "booking/api.rs"]
mod booking_api;

use medibook::server::config::DatabaseConfig;
use medibook::server::db;
use std::time::{Duration, Instant};

const PASSWORD: &str = "bench password for booking";
const CONTESTED_SLOTS: usize = 24;

type Client = reqwest::Client;

async fn post(client: &Client, url: &str, endpoint: &str, form: &[(&str, &str)]) -> (u16, String) {
    let response = client
        .post(format!("{url}/api/{endpoint}"))
        .header("Origin", url)
        .form(form)
        .send()
        .await
        .expect("request");
    let status = response.status().as_u16();
    (status, response.text().await.expect("body"))
}

fn json(text: &str) -> serde_json::Value {
    serde_json::from_str(text).unwrap_or(serde_json::Value::Null)
}

/// Registers and signs in patient `n`, and verifies their address with the code the server's
/// worker delivered to the development outbox (as a new patient must before booking).
async fn patient(url: &str, n: usize, db: &sqlx::SqlitePool) -> Client {
    let client = Client::builder()
        .cookie_store(true)
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .expect("client");
    let name = format!("bench{n:03}");
    let email = format!("{name}@example.com");
    let form = [
        ("role", "patient"),
        ("full_name", "Bench Patient"),
        ("username", name.as_str()),
        ("email", email.as_str()),
        ("phone", "+1 555 100 2000"),
        ("date_of_birth", "1990-01-01"),
        ("password", PASSWORD),
    ];
    let (status, body) = post(&client, url, "register", &form).await;
    assert!(status == 200 || body.contains("taken"), "register: {status} {body}");
    let (status, body) =
        post(&client, url, "login", &[("login", &name), ("password", PASSWORD)]).await;
    assert_eq!(status, 200, "login: {body}");
    let code = mailed_code(db, &email).await;
    let (status, body) = post(&client, url, "verify_email", &[("code", &code)]).await;
    assert_eq!(status, 200, "verify: {body}");
    // Money for the fees: every booking is paid from the wallet, in the booking's transaction.
    // Two deposits (each at most `payments.max_deposit`): one for each distinct-slots phase.
    for round in 0..2 {
        let key = format!("bench-deposit-{n:03}-{round}");
        let deposit = [
            ("amount", "10000"),
            ("currency", "USD"),
            ("card_number", "4242424242424242"),
            ("card_expiry", "12/30"),
            ("card_cvc", "123"),
            ("card_holder", "Bench Patient"),
            ("idempotency_key", key.as_str()),
        ];
        let (status, body) = post(&client, url, "deposit", &deposit).await;
        assert_eq!(status, 200, "deposit: {body}");
    }
    client
}

/// The code in the latest mail to `address`, waiting for the worker to send it.
async fn mailed_code(db: &sqlx::SqlitePool, address: &str) -> String {
    for _ in 0..100 {
        let subject: Option<String> = sqlx::query_scalar(
            "SELECT subject FROM mail_outbox WHERE to_address = ?1 ORDER BY id DESC LIMIT 1",
        )
        .bind(address)
        .fetch_optional(db)
        .await
        .expect("outbox");
        if let Some(code) = subject.as_deref().and_then(|s| s.rsplit(' ').next()) {
            return code.to_owned();
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    panic!("no code mailed to {address}");
}

/// Latencies of single HTTP requests (hold or book), across all clients.
static REQUESTS: std::sync::Mutex<Vec<Duration>> = std::sync::Mutex::new(Vec::new());

async fn timed_post(
    client: &Client,
    url: &str,
    endpoint: &str,
    form: &[(&str, &str)],
) -> (u16, String) {
    let began = Instant::now();
    let answer = post(client, url, endpoint, form).await;
    if let Ok(mut requests) = REQUESTS.lock() {
        requests.push(began.elapsed());
    }
    answer
}

/// The p50 / p99 / max of single requests since the last call, in ms.
fn request_percentiles() -> (f64, f64, f64) {
    let mut times = REQUESTS.lock().map(|mut r| std::mem::take(&mut *r)).unwrap_or_default();
    times.sort();
    (percentile(&times, 0.5), percentile(&times, 0.99), percentile(&times, 1.0))
}

/// Hold + book; returns the outcome code and the time both steps took.
async fn book(
    client: &Client,
    url: &str,
    doctor: i64,
    start: &str,
    key: &str,
) -> (String, Duration) {
    let began = Instant::now();
    let (status, body) = timed_post(
        client,
        url,
        "hold_slot",
        &[("doctor_id", &doctor.to_string()), ("start", start)],
    )
    .await;
    if status != 200 {
        let code = json(&body).as_object().and_then(|o| o.keys().next().cloned());
        return (format!("hold {status} {}", code.unwrap_or(body)), began.elapsed());
    }
    let id = json(&body)["appointment_id"].to_string();
    let form = [
        ("appointment_id", id.as_str()),
        ("reason", "Benchmark"),
        ("idempotency_key", key),
        ("payment_method", "wallet"),
    ];
    let (status, body) = timed_post(client, url, "book_held_slot", &form).await;
    let outcome = if status == 200 { "booked".to_owned() } else { format!("book {status} {body}") };
    (outcome, began.elapsed())
}

fn percentile(sorted: &[Duration], q: f64) -> f64 {
    if sorted.is_empty() {
        return 0.0;
    }
    sorted[((sorted.len() as f64 - 1.0) * q) as usize].as_secs_f64() * 1e3
}

fn report(label: &str, mut times: Vec<Duration>, booked: usize, elapsed: Duration) {
    times.sort();
    let (p50, p99, max) = request_percentiles();
    println!(
        "{label}: {booked} bookings in {:.2} s = {:.0} bookings/s; per booking (hold + book) p50 {:.1} ms, p99 {:.1} ms, max {:.1} ms; per request p50 {p50:.1} ms, p99 {p99:.1} ms, max {max:.1} ms",
        elapsed.as_secs_f64(),
        booked as f64 / elapsed.as_secs_f64(),
        percentile(&times, 0.5),
        percentile(&times, 0.99),
        percentile(&times, 1.0),
    );
}

#[tokio::main]
async fn main() {
    let url = std::env::var("BENCH_URL").expect("BENCH_URL");
    let db_path = std::env::var("BENCH_DB").expect("BENCH_DB");
    let clients: usize =
        std::env::var("BENCH_CLIENTS").ok().and_then(|c| c.parse().ok()).unwrap_or(64);
    let anonymous = Client::new();
    let (_, body) = post(&anonymous, &url, "list_doctors", &[]).await;
    let doctors: Vec<i64> = json(&body)
        .as_array()
        .expect("doctors")
        .iter()
        .map(|d| d["id"].as_i64().expect("id"))
        .collect();
    assert!(doctors.len() > clients, "seed at least {} doctors", clients + 1);
    // Read-only look at the server's database, for the mailed verification codes.
    let outbox =
        sqlx::SqlitePool::connect(&format!("sqlite://{db_path}?mode=ro")).await.expect("outbox");

    // The free slots of each doctor over the next weekdays (the server's own answer).
    let today = chrono::Utc::now().date_naive();
    let days: Vec<String> = (2..30)
        .map(|d| today + chrono::Duration::days(d))
        .filter(|d| chrono::Datelike::weekday(d).number_from_monday() <= 5)
        .map(|d| d.to_string())
        .collect();
    let slots_of = |doctor: i64, days: Vec<String>| {
        let (url, anonymous) = (url.clone(), anonymous.clone());
        async move {
            let mut starts = Vec::new();
            for day in days {
                let form =
                    [("doctor_id", doctor.to_string()), ("date", day), ("time_zone", "UTC".into())];
                let form: Vec<(&str, &str)> = form.iter().map(|(k, v)| (*k, v.as_str())).collect();
                let (_, body) = post(&anonymous, &url, "day_slots", &form).await;
                starts.extend(
                    json(&body)["slots"]
                        .as_array()
                        .into_iter()
                        .flatten()
                        .filter_map(|s| s["start"].as_str().map(str::to_owned)),
                );
            }
            starts
        }
    };
    let mut patients = Vec::new();
    for n in 0..clients {
        patients.push(patient(&url, n, &outbox).await);
    }

    // Distinct slots: client i books 5 days of doctor i through the server functions (as the
    // web app does) and 5 more days through /api/v1 (as a mobile app does). The server
    // functions go first unless BENCH_BOOKING_REST_FIRST is set: run both orders to tell the
    // API's own cost from the second phase's larger database.
    let tokens = booking_api::tokens(&url, clients, PASSWORD).await;
    let mut phases = vec![
        (&days[..5], booking_api::Via::ServerFunctions, "server functions"),
        (&days[5..10], booking_api::Via::Api(tokens), "REST API"),
    ];
    if std::env::var_os("BENCH_BOOKING_REST_FIRST").is_some() {
        phases.reverse();
    }
    for (days, via, label) in phases {
        let mut plans = Vec::new();
        for &doctor in &doctors[..clients] {
            plans.push((doctor, slots_of(doctor, days.to_vec()).await));
        }
        booking_api::distinct(&url, &patients, plans, via, label).await;
    }

    // Contested: every client races for the same slot of one doctor, slot after slot.
    let contested_doctor = doctors[clients];
    let starts = slots_of(contested_doctor, days[10..].to_vec()).await;
    let mut times = Vec::new();
    let (mut won, mut taken, mut other) = (0usize, 0usize, Vec::new());
    let began = Instant::now();
    for (k, start) in starts.iter().take(CONTESTED_SLOTS).enumerate() {
        let tasks: Vec<_> = patients
            .iter()
            .cloned()
            .enumerate()
            .map(|(n, client)| {
                let (url, start) = (url.clone(), start.clone());
                tokio::spawn(async move {
                    book(&client, &url, contested_doctor, &start, &format!("race-{k}-{n}")).await
                })
            })
            .collect();
        let mut winners = 0;
        for task in tasks {
            let (outcome, took) = task.await.expect("task");
            times.push(took);
            match outcome.as_str() {
                "booked" => winners += 1,
                o if o.starts_with("hold 409 SlotRefused") => taken += 1,
                o => other.push(o.to_owned()),
            }
        }
        assert_eq!(winners, 1, "exactly one winner for {start}");
        won += winners;
    }
    let elapsed = began.elapsed();
    times.sort();
    let (_, request_p99, _) = request_percentiles();
    println!("contested slots: per request p99 {request_p99:.1} ms");
    println!(
        "contested slots, {clients} clients: {won} slots, each won once; {taken} answered \"just taken\", {} other answers {:?}; {:.0} attempts/s, per attempt p50 {:.1} ms, p99 {:.1} ms, max {:.1} ms",
        other.len(),
        other.iter().take(3).collect::<Vec<_>>(),
        times.len() as f64 / elapsed.as_secs_f64(),
        percentile(&times, 0.5),
        percentile(&times, 0.99),
        percentile(&times, 1.0),
    );

    // Double bookings, counted in the database itself.
    let config = DatabaseConfig { path: db_path.into(), max_connections: 8, busy_timeout_ms: 5000 };
    let pool = db::connect_and_migrate(&config).await.expect("database");
    let doubles: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM appointments a JOIN appointments b ON a.id < b.id \
         AND (a.doctor_id = b.doctor_id OR a.patient_id = b.patient_id) \
         WHERE a.status IN ('held', 'pending', 'confirmed') AND b.status IN ('held', 'pending', 'confirmed') \
           AND a.start_at < b.end_at AND a.end_at > b.start_at",
    )
    .fetch_one(&pool)
    .await
    .expect("count");
    println!("double bookings found afterwards: {doubles}");

    // Raw BEGIN IMMEDIATE insert transactions, same file and settings, same concurrency.
    // Each task writes for its own doctor and patient, as in the distinct-slots phase.
    let pairs: Vec<(i64, i64)> = sqlx::query_as(
        "SELECT doctor_id, MIN(patient_id) FROM appointments GROUP BY doctor_id ORDER BY doctor_id",
    )
    .fetch_all(&pool)
    .await
    .expect("parties");
    // The same writer set-up the server uses: one connection, writers queue for it.
    let writer = db::connect_writer(&config).await.expect("writer");
    let raw = raw_rate(&writer, &pairs, clients, RawStyle::Transaction, 0).await;
    println!(
        "raw BEGIN IMMEDIATE insert transactions ({clients} tasks, one writer connection, WAL, synchronous=NORMAL, with the overlap triggers; begin, insert, commit): {raw:.0} tx/s"
    );
    let at_once = raw_rate(&writer, &pairs, clients, RawStyle::AtOnce, 1).await;
    println!(
        "raw BEGIN IMMEDIATE insert transactions sent in one round trip (as the server sends its booking writes): {at_once:.0} tx/s"
    );
}

/// How the raw insert transactions are sent to the writer.
#[derive(Clone, Copy)]
enum RawStyle {
    /// `begin_with("BEGIN IMMEDIATE")`, the insert, `commit()`: three round trips.
    Transaction,
    /// `BEGIN IMMEDIATE; INSERT …; COMMIT` as one script: one round trip.
    AtOnce,
}

/// Insert transactions per second from `clients` tasks, each for its own doctor and patient;
/// `round` keeps the times of different runs apart.
async fn raw_rate(
    writer: &sqlx::SqlitePool,
    pairs: &[(i64, i64)],
    clients: usize,
    style: RawStyle,
    round: i64,
) -> f64 {
    let per_task = 200;
    let far = 4_000_000_000_i64 + round * 100_000_000;
    let began = Instant::now();
    let tasks: Vec<_> = (0..clients as i64)
        .map(|t| {
            let writer = writer.clone();
            let (doctor, patient_id) = pairs[t as usize % pairs.len()];
            tokio::spawn(async move {
                for i in 0..per_task {
                    let start = far + (t * per_task + i) * 3600;
                    match style {
                        RawStyle::Transaction => {
                            let mut tx = db::begin_write(&writer).await.expect("begin");
                            sqlx::query(RAW_INSERT)
                                .bind(doctor)
                                .bind(patient_id)
                                .bind(start)
                                .bind(start + 1800)
                                .execute(&mut *tx)
                                .await
                                .expect("insert");
                            tx.commit().await.expect("commit");
                        }
                        RawStyle::AtOnce => {
                            let script = sqlx::query(medibook::immediate_transaction!(
                                "INSERT INTO appointments (doctor_id, patient_id, start_at, end_at, blocked_from, \
                                 blocked_until, status, created_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?3, ?4, 'pending', 0, 0)"
                            ))
                            .bind(doctor)
                            .bind(patient_id)
                            .bind(start)
                            .bind(start + 1800);
                            db::write_at_once(&writer, script).await.expect("insert");
                        }
                    }
                }
            })
        })
        .collect();
    for task in tasks {
        task.await.expect("task");
    }
    (clients as i64 * per_task) as f64 / began.elapsed().as_secs_f64()
}

const RAW_INSERT: &str = "INSERT INTO appointments (doctor_id, patient_id, start_at, end_at, blocked_from, \
     blocked_until, status, created_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?3, ?4, 'pending', 0, 0)";
