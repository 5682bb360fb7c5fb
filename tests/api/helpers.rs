//! Test harness: the real server on port 0 with a fresh SQLite file, driven over HTTP.

use medibook::dto::availability_views::DaySlotsView;
use medibook::dto::booked_view::BookedView;
use medibook::dto::hold_view::HoldView;
use medibook::error::AppError;
use medibook::server::clock::{Clock, FixedClock, SystemClock};
use medibook::server::config::{
    BookingConfig, CalendarConfig, ClinicConfig, Config, DatabaseConfig, JobsConfig, LimitsConfig,
    LogConfig, MailConfig, MailTransportConfig, PaymentsConfig, ProcessorChoice, SameSitePolicy,
    SeedConfig, SessionConfig, SiteConfig, SiteMode,
};
use medibook::server::services::create_admin::{AdminInput, create_admin};
use medibook::server::startup::Application;
use medibook::server::state::AppState;
use reqwest::header::ORIGIN;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use tokio::sync::oneshot;
use tokio::task::JoinHandle;

/// Password used by every test account.
pub const PASSWORD: &str = "correct horse battery staple";
pub const ADMIN: &str = "root_admin";

/// A running server and what is needed to talk to it.
pub struct TestApp {
    pub address: String,
    pub state: AppState,
    pub db_path: PathBuf,
    /// Signed in as the admin created at spawn.
    pub admin: reqwest::Client,
    _dir: Option<tempfile::TempDir>,
    stop: Option<oneshot::Sender<()>>,
    handle: JoinHandle<std::io::Result<()>>,
}

/// A configuration for tests: port 0, the given database, no demo seed.
pub fn test_config(db_path: &Path) -> Config {
    Config {
        clinic: ClinicConfig {
            time_zone: medibook::domain::schedule::TimeZone::parse("America/New_York")
                .expect("zone"),
        },
        booking: BookingConfig { hold_minutes: 10, max_future_appointments: 100 },
        site: SiteConfig {
            mode: SiteMode::Demo,
            trusted_proxies: vec![],
            address: "127.0.0.1:0".parse().expect("address"),
            root: db_path.parent().expect("dir").to_path_buf(),
            pkg_dir: "pkg".into(),
            allowed_origins: vec![],
        },
        database: DatabaseConfig {
            path: db_path.to_path_buf(),
            max_connections: 8,
            busy_timeout_ms: 5000,
        },
        session: SessionConfig {
            cookie_name: "medibook_session".into(),
            secure_cookie: false,
            same_site: SameSitePolicy::Lax,
            idle_minutes: 120,
            remember_days: 30,
            max_days: 90,
        },
        seed: SeedConfig {
            on_first_start: false,
            doctors: 5,
            demo_password: "medibook-demo-2026".into(),
        },
        log: LogConfig { filter: "warn".into() },
        otp: medibook::domain::otp::OtpPolicy::default(),
        // Tests step the worker by hand (`TestApp::run_jobs`).
        jobs: JobsConfig { run_worker: false, poll_ms: 1000, availability_refresh_ms: 20 },
        mail: MailConfig {
            from: "MediBook <no-reply@medibook.local>".into(),
            site_url: "http://127.0.0.1:3000".into(),
            transport: MailTransportConfig::Outbox,
        },
        reminders: vec![chrono::Duration::hours(24)],
        payments: PaymentsConfig {
            processor: ProcessorChoice::Simulated,
            currency: medibook::domain::money::Currency::USD,
            platform_fee_basis_points: 1000,
            refund: medibook::domain::payment::refund_policy::RefundPolicy::default(),
            max_deposit: 10_000,
        },
        // Generous: the tests of the limits lower them.
        limits: LimitsConfig {
            sign_in_per_address_per_minute: 10_000,
            sign_in_failures_before_backoff: 100,
            codes_per_address_per_hour: 10_000,
            bookings_per_patient_per_minute: 10_000,
            body_kib: 64,
            hash_concurrency: 0,
            concurrent_pages: 0,
            page_cache_kib: 4096,
            page_cache_seconds: 10,
        },
        calendar: CalendarConfig {
            sync_minutes: 15,
            fetch_timeout: std::time::Duration::from_secs(3),
            max_bytes: 256 * 1024,
            // The tests' calendar servers listen on loopback.
            allow_private_addresses: true,
            secret_key: Some([7; 32]),
        },
        oidc: None,
    }
}

/// Starts a server on a fresh database with one admin (`ADMIN` / `PASSWORD`).
pub async fn spawn_app() -> TestApp {
    spawn_app_on(Arc::new(SystemClock), |_| {}).await
}

/// Like [`spawn_app`], with the clock standing still at `now` (RFC 3339), plus the demo seed.
pub async fn spawn_seeded_app_at(now: &str) -> (TestApp, FixedClock) {
    spawn_seeded_app_configured(now, |_| {}).await
}

/// Like [`spawn_seeded_app_at`], with `configure` changing the test configuration first.
pub async fn spawn_seeded_app_configured(
    now: &str,
    configure: impl FnOnce(&mut Config),
) -> (TestApp, FixedClock) {
    let at =
        chrono::DateTime::parse_from_rfc3339(now).expect("rfc3339").with_timezone(&chrono::Utc);
    let clock = FixedClock::new(at);
    let app = spawn_app_on(Arc::new(clock.clone()), configure).await;
    medibook::server::seed::run(&app.state, 5, PASSWORD).await.expect("seed");
    (app, clock)
}

async fn spawn_app_on(clock: Arc<dyn Clock>, configure: impl FnOnce(&mut Config)) -> TestApp {
    let dir = tempfile::tempdir().expect("tempdir");
    let db_path = dir.path().join("test.db");
    let mut config = test_config(&db_path);
    configure(&mut config);
    let mut app = spawn_app_with_clock(config, clock).await;
    let input = AdminInput {
        username: ADMIN.into(),
        email: "root@clinic.test".into(),
        full_name: "Root Admin".into(),
        password: PASSWORD.into(),
    };
    create_admin(&app.state, &input).await.expect("admin created");
    app.admin = app.client();
    app.login(&app.admin, ADMIN, PASSWORD).await.error_for_status().expect("admin login");
    app._dir = Some(dir);
    app
}

/// Starts a server with `config` (its database may already exist).
pub async fn spawn_app_with(config: Config) -> TestApp {
    spawn_app_with_clock(config, Arc::new(SystemClock)).await
}

/// Starts a server with `config` and `clock`.
pub async fn spawn_app_with_clock(config: Config, clock: Arc<dyn Clock>) -> TestApp {
    trace_to_file_if_asked();
    let db_path = config.database.path.clone();
    let application = Application::build_with_clock(config, clock).await.expect("app builds");
    let address = format!("http://{}", application.address());
    let state = application.state().clone();
    let (stop, stopped) = oneshot::channel::<()>();
    let handle = tokio::spawn(application.run_until(async {
        let _ = stopped.await;
    }));
    let admin = reqwest::Client::new();
    TestApp { address, state, db_path, admin, _dir: None, stop: Some(stop), handle }
}

/// With `MEDIBOOK_TEST_TRACE=<filter>`, the servers' traces go to `MEDIBOOK_TEST_TRACE_FILE`
/// (default `target/test-trace.log`), each line named by its test's thread: to see where a
/// request stopped when a test hangs.
fn trace_to_file_if_asked() {
    static ONCE: std::sync::Once = std::sync::Once::new();
    let Ok(filter) = std::env::var("MEDIBOOK_TEST_TRACE") else { return };
    ONCE.call_once(|| {
        let path = std::env::var("MEDIBOOK_TEST_TRACE_FILE")
            .unwrap_or_else(|_| "target/test-trace.log".into());
        let file = std::fs::File::create(&path).expect("trace file");
        let _ = tracing_subscriber::fmt()
            .with_env_filter(tracing_subscriber::EnvFilter::new(filter))
            .with_thread_names(true)
            .with_ansi(false)
            .with_writer(std::sync::Mutex::new(file))
            .try_init();
    });
}

impl TestApp {
    /// A browser-like client: keeps cookies (works with any server of this host).
    pub fn client(&self) -> reqwest::Client {
        reqwest::Client::builder()
            .cookie_store(true)
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .expect("client")
    }

    /// POSTs form fields to a server function, as a page of this server would (same Origin).
    pub async fn call(
        &self,
        client: &reqwest::Client,
        endpoint: &str,
        form: &[(&str, &str)],
    ) -> reqwest::Response {
        client
            .post(format!("{}/api/{endpoint}", self.address))
            .header(ORIGIN, &self.address)
            .form(form)
            .send()
            .await
            .expect("request sent")
    }

    /// Signs `client` in.
    pub async fn login(
        &self,
        client: &reqwest::Client,
        login: &str,
        password: &str,
    ) -> reqwest::Response {
        self.call(client, "login", &[("login", login), ("password", password)]).await
    }

    /// Registers a patient named after `username` with valid details.
    pub async fn register_patient(&self, username: &str) -> reqwest::Response {
        let email = format!("{username}@example.com");
        register_form(self, &patient_form(username, &email)).await
    }

    /// Registers a doctor named after `username` with a unique licence.
    pub async fn register_doctor(&self, username: &str, licence: &str) -> reqwest::Response {
        let email = format!("{username}@example.com");
        let mut form = patient_form(username, &email);
        form[0] = ("role", "doctor".into());
        form.push(("specialty", "1".into()));
        form.push(("licence_number", licence.into()));
        let form: Vec<(&str, &str)> = form.iter().map(|(k, v)| (*k, v.as_str())).collect();
        self.call(&self.client(), "register", &form).await
    }

    /// Registers a patient, signs them in and verifies their address with the mailed code, as
    /// a new patient would before booking; returns the signed-in client.
    pub async fn verified_patient(&self, username: &str) -> reqwest::Client {
        self.register_patient(username).await.error_for_status().expect("registered");
        let client = self.signed_in(username).await;
        let code = self.latest_code(&format!("{username}@example.com")).await;
        let response = self.call(&client, "verify_email", &[("code", code.as_str())]).await;
        assert_eq!(response.status(), 200, "verify {username}");
        client
    }

    /// A fresh client signed in as `username`.
    pub async fn signed_in(&self, username: &str) -> reqwest::Client {
        let client = self.client();
        let response = self.login(&client, username, PASSWORD).await;
        assert_eq!(
            response.status(),
            200,
            "login of {username}: {}",
            response.text().await.unwrap_or_default()
        );
        client
    }

    /// The signed-in user's username, or `None`.
    pub async fn whoami(&self, client: &reqwest::Client) -> Option<String> {
        let response = self.call(client, "current_user", &[]).await;
        assert_eq!(response.status(), 200);
        let body: serde_json::Value = response.json().await.expect("json");
        body.get("username").and_then(|u| u.as_str()).map(str::to_owned)
    }

    /// Number of rows in `table`.
    pub async fn count(&self, table: &str) -> i64 {
        sqlx::query_scalar(&format!("SELECT COUNT(*) FROM {table}"))
            .fetch_one(&self.state.db)
            .await
            .expect("count")
    }

    /// The id of the user with this username.
    pub async fn user_id(&self, username: &str) -> i64 {
        sqlx::query_scalar("SELECT id FROM users WHERE username = ?1")
            .bind(username)
            .fetch_one(&self.state.db)
            .await
            .expect("user exists")
    }

    /// Runs due jobs until none is left (the worker is off in tests); returns how many ran.
    pub async fn run_jobs(&self) -> usize {
        let mut ran = 0;
        loop {
            let batch =
                medibook::server::jobs::run_batch(&self.state, self.state.mailer.batch_size());
            match batch.await.expect("job batch").len() {
                0 => return ran,
                n => ran += n,
            }
        }
    }

    /// The mails delivered to `address` so far, oldest first: (subject, text, html).
    pub async fn mails_to(&self, address: &str) -> Vec<(String, String, String)> {
        sqlx::query_as(
            "SELECT subject, text_body, html_body FROM mail_outbox WHERE to_address = ?1 ORDER BY id",
        )
        .bind(address)
        .fetch_all(&self.state.db)
        .await
        .expect("outbox")
    }

    /// The code in the latest mail to `address` (after running due jobs).
    pub async fn latest_code(&self, address: &str) -> String {
        self.run_jobs().await;
        let mails = self.mails_to(address).await;
        let (subject, _, _) = mails.last().expect("a mail was sent");
        subject.rsplit(' ').next().expect("code").to_owned()
    }

    /// Stops the server and waits for it to finish.
    pub async fn stop(mut self) -> Option<tempfile::TempDir> {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
        // Bounded: a task that never returns its connection must fail no test by hanging it.
        let bound = std::time::Duration::from_secs(20);
        if tokio::time::timeout(bound, self.state.db.close()).await.is_err() {
            eprintln!("the server's database pool did not close within {bound:?}");
        }
        let _ = tokio::time::timeout(bound, &mut self.handle).await;
        self._dir.take()
    }
}

/// A valid patient registration form.
pub fn patient_form(username: &str, email: &str) -> Vec<(&'static str, String)> {
    vec![
        ("role", "patient".into()),
        ("full_name", "Jane Tester".into()),
        ("username", username.into()),
        ("email", email.into()),
        ("phone", "+1 555 010 2030".into()),
        ("date_of_birth", "1990-05-01".into()),
        ("password", PASSWORD.into()),
    ]
}

/// An access token for `login` (password [`PASSWORD`]) from `POST /api/v1/tokens`.
pub async fn access(app: &TestApp, login: &str) -> String {
    let response = reqwest::Client::new()
        .post(format!("{}/api/v1/tokens", app.address))
        .json(&serde_json::json!({"login": login, "password": PASSWORD}))
        .send()
        .await
        .expect("sent");
    let body: serde_json::Value = response.json().await.expect("json");
    body["access_token"].as_str().expect("token").to_owned()
}

/// Sends `form` to register (as pairs of owned strings).
pub async fn register_form(app: &TestApp, form: &[(&'static str, String)]) -> reqwest::Response {
    let form: Vec<(&str, &str)> = form.iter().map(|(k, v)| (*k, v.as_str())).collect();
    app.call(&app.client(), "register", &form).await
}

/// Decodes the error body of a failed server function call.
pub async fn error_of(response: reqwest::Response) -> AppError {
    let text = response.text().await.expect("body");
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("not an AppError ({e}): {text}"))
}

/// POSTs to a server function and decodes its answer as the server's own type `T`, asserting
/// success.
pub async fn call<T: serde::de::DeserializeOwned>(
    app: &TestApp,
    client: &reqwest::Client,
    endpoint: &str,
    form: &[(&str, &str)],
) -> T {
    let response = app.call(client, endpoint, form).await;
    let status = response.status();
    let text = response.text().await.expect("body");
    assert_eq!(status, 200, "{endpoint}: {text}");
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{endpoint} answered ({e}): {text}"))
}

/// POSTs to a server function and decodes its JSON answer, asserting success (for answers a
/// test reads loosely; prefer [`call`]).
pub async fn call_ok(
    app: &TestApp,
    client: &reqwest::Client,
    endpoint: &str,
    form: &[(&str, &str)],
) -> serde_json::Value {
    let response = app.call(client, endpoint, form).await;
    let status = response.status();
    let text = response.text().await.expect("body");
    assert_eq!(status, 200, "{endpoint}: {text}");
    serde_json::from_str(&text).unwrap_or(serde_json::Value::Null)
}

/// Form fields that pay a fee with the simulated processor's succeeding test card.
pub const PAY_BY_CARD: [(&str, &str); 5] = [
    ("payment_method", "card"),
    ("card_number", "4242 4242 4242 4242"),
    ("card_expiry", "12/30"),
    ("card_cvc", "123"),
    ("card_holder", "Test Patient"),
];

/// `form` plus the fields paying by the succeeding test card.
pub fn paying_by_card<'a>(form: &[(&'a str, &'a str)]) -> Vec<(&'a str, &'a str)> {
    form.iter().copied().chain(PAY_BY_CARD).collect()
}

/// Holds and books `start` with `doctor` for `client`'s patient, paying by card; returns the
/// appointment id.
pub async fn book(
    app: &TestApp,
    client: &reqwest::Client,
    doctor: i64,
    start: &str,
    reason: &str,
) -> i64 {
    let held: HoldView =
        call(app, client, "hold_slot", &[("doctor_id", &doctor.to_string()), ("start", start)])
            .await;
    let id = held.appointment_id;
    let key = format!("key-{id}-{start}");
    let id_text = id.to_string();
    let form =
        [("appointment_id", id_text.as_str()), ("reason", reason), ("idempotency_key", &key)];
    let _: BookedView = call(app, client, "book_held_slot", &paying_by_card(&form)).await;
    id.0
}

/// Calls `change_appointment` on `id` with `action` and `note`.
pub async fn change(
    app: &TestApp,
    client: &reqwest::Client,
    id: i64,
    action: &str,
    note: &str,
) -> reqwest::Response {
    app.call(
        client,
        "change_appointment",
        &[("appointment_id", &id.to_string()), ("action", action), ("note", note)],
    )
    .await
}

/// The stored status of appointment `id`.
pub async fn status_of(app: &TestApp, id: i64) -> String {
    sqlx::query_scalar("SELECT status FROM appointments WHERE id = ?1")
        .bind(id)
        .fetch_one(&app.state.db)
        .await
        .expect("status")
}

/// The free slot starts of `doctor` on local `date`, as RFC 3339 strings.
pub async fn free_starts(app: &TestApp, doctor: i64, date: &str) -> Vec<String> {
    let day: DaySlotsView = call(
        app,
        &app.client(),
        "day_slots",
        &[("doctor_id", &doctor.to_string()), ("date", date), ("time_zone", "America/New_York")],
    )
    .await;
    day.slots.iter().map(|slot| rfc3339(slot.start)).collect()
}

/// An instant as the server writes it (`2026-11-23T15:00:00Z`).
pub fn rfc3339(at: chrono::DateTime<chrono::Utc>) -> String {
    at.to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
}

/// The slot starts of a `day_slots` answer.
pub fn slot_starts(day: &serde_json::Value) -> Vec<String> {
    day["slots"]
        .as_array()
        .expect("slots")
        .iter()
        .map(|s| s["start"].as_str().expect("start").to_owned())
        .collect()
}

/// `doctor`'s fee and slot length, as stored.
pub async fn fee_and_slot(app: &TestApp, doctor: i64) -> (i64, i64) {
    sqlx::query_as("SELECT fee_minor, slot_minutes FROM doctors WHERE user_id = ?1")
        .bind(doctor)
        .fetch_one(&app.state.db)
        .await
        .expect("doctor")
}

/// Minutes of `doctor`'s weekly hours over `days` days from `first` (no custom days or time
/// off in the demo), counted here independently of the server's schedule code.
pub async fn weekly_minutes_over(
    app: &TestApp,
    doctor: i64,
    first: chrono::NaiveDate,
    days: usize,
) -> i64 {
    use chrono::Datelike;
    let weekly: Vec<(i64, i64)> = sqlx::query_as(
        "SELECT weekday, sum(end_minute - start_minute) FROM working_hours WHERE doctor_id = ?1 GROUP BY weekday",
    )
    .bind(doctor)
    .fetch_all(&app.state.db)
    .await
    .expect("hours");
    first
        .iter_days()
        .take(days)
        .map(|day| {
            let weekday = i64::from(day.weekday().number_from_monday());
            weekly.iter().find(|(d, _)| *d == weekday).map_or(0, |(_, m)| *m)
        })
        .sum()
}

/// A deposit form of `amount` USD by `card` with `key`.
pub fn deposit_form<'a>(amount: &'a str, card: &'a str, key: &'a str) -> Vec<(&'a str, &'a str)> {
    vec![
        ("amount", amount),
        ("currency", "USD"),
        ("card_number", card),
        ("card_expiry", "12/30"),
        ("card_cvc", "123"),
        ("card_holder", "Alice Martin"),
        ("idempotency_key", key),
    ]
}

/// The subjects of `mails` (as `mails_to` gives them), in order.
pub fn subjects(mails: &[(String, String, String)]) -> Vec<&str> {
    mails.iter().map(|(subject, _, _)| subject.as_str()).collect()
}
