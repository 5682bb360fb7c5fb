//! A server in production mode: no demo data, no simulated cards, no readable codes, no banner;
//! and the binary refuses to start with the demo settings, naming each one.

use crate::helpers::*;
use crate::smtp_sink::SmtpSink;
use medibook::error::AppError;
use medibook::server::config::{
    MailTransportConfig, ProcessorChoice, SiteMode, SmtpConfig, SmtpSecurity,
};

/// A production server sending mail to an SMTP server on `port` of this machine.
async fn production_app(port: u16) -> (TestApp, tempfile::TempDir) {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut config = test_config(&dir.path().join("production.db"));
    config.site.mode = SiteMode::Production;
    config.payments.processor = ProcessorChoice::None;
    config.mail.transport = MailTransportConfig::Smtp(SmtpConfig {
        host: "127.0.0.1".into(),
        port,
        security: SmtpSecurity::None,
        credentials: None,
        timeout_seconds: 10,
    });
    (spawn_app_with(config).await, dir)
}

#[tokio::test]
async fn a_production_server_keeps_no_readable_code_takes_no_cards_and_shows_no_demo_banner() {
    let sink = SmtpSink::start(0.0);
    let (app, _dir) = production_app(sink.port).await;
    app.register_patient("realpatient").await.error_for_status().expect("registered");

    // The queued job names the code by a token: the database never holds it.
    let payload: String = sqlx::query_scalar("SELECT payload FROM jobs WHERE id = 1")
        .fetch_one(&app.state.db)
        .await
        .expect("job");
    assert!(payload.contains("\"code\":\"sealed:"), "{payload}");
    assert!(
        !payload.chars().collect::<Vec<_>>().windows(6).any(|w| w.iter().all(char::is_ascii_digit))
    );

    assert_eq!(app.run_jobs().await, 1);
    let messages = sink.wait_for(1, 5).await;
    let subject = messages[0].lines().find_map(|l| l.strip_prefix("Subject: ")).expect("subject");
    let code = subject.rsplit(' ').next().expect("code").to_owned();
    let client = app.signed_in("realpatient").await;
    let response = app.call(&client, "verify_email", &[("code", &code)]).await;
    assert_eq!(response.status(), 200, "the mailed code is the real one");

    // No card processor: a card deposit is refused with its own answer, nothing written.
    let before = app.count("ledger_transactions").await;
    let form = [
        ("amount", "10"),
        ("currency", "USD"),
        ("card_number", "4242 4242 4242 4242"),
        ("card_expiry", "12/30"),
        ("card_cvc", "123"),
        ("card_holder", "Real Patient"),
        ("idempotency_key", "prod-deposit-01"),
    ];
    let response = app.call(&client, "deposit", &form).await;
    assert_eq!(error_of(response).await, AppError::CardPaymentsUnavailable);
    assert_eq!(app.count("ledger_transactions").await, before);

    let page = client.get(format!("{}/login", app.address)).send().await.expect("page");
    let html = page.text().await.expect("html");
    assert!(html.contains("name=\"medibook-demo\" content=\"false\""), "no demo mode");
    assert!(!html.contains("demo-banner"), "no banner");
}

#[tokio::test]
async fn a_code_sealed_in_memory_is_not_sent_after_a_restart_but_a_new_one_can_be_asked_for() {
    let sink = SmtpSink::start(0.0);
    let (app, dir) = production_app(sink.port).await;
    app.register_patient("restarted").await.error_for_status().expect("registered");
    let config = {
        let mut config = test_config(&app.db_path);
        config.site.mode = SiteMode::Production;
        config.payments.processor = ProcessorChoice::None;
        config.mail.transport = match &app.state.config.mail.transport {
            MailTransportConfig::Smtp(smtp) => MailTransportConfig::Smtp(smtp.clone()),
            MailTransportConfig::Outbox => unreachable!("smtp"),
        };
        config
    };
    app.stop().await;
    let app = spawn_app_with(config).await;
    app.run_jobs().await;
    let (status, note): (String, Option<String>) =
        sqlx::query_as("SELECT status, last_error FROM jobs WHERE id = 1")
            .fetch_one(&app.state.db)
            .await
            .expect("job");
    assert_eq!(status, "cancelled");
    assert!(note.unwrap_or_default().contains("restarted"));
    assert!(sink.wait_for(1, 1).await.is_empty(), "nothing was sent");
    drop(dir);
}

#[tokio::test]
async fn the_binary_refuses_to_start_in_production_with_the_demo_settings_and_names_them() {
    let (_dir, db) = crate::server_process::fresh_database();
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_medibook"))
        .arg("serve")
        .env("MEDIBOOK_CONFIG", concat!(env!("CARGO_MANIFEST_DIR"), "/Leptos.toml"))
        .env("MEDIBOOK_DATABASE_PATH", &db)
        .env("MEDIBOOK_SITE_ADDRESS", "127.0.0.1:0")
        .env_remove("MEDIBOOK_SITE_MODE")
        .output()
        .expect("ran");
    assert!(!output.status.success());
    let said = String::from_utf8_lossy(&output.stderr);
    for setting in ["seed.on_first_start", "payments.processor", "mail.transport", "create-admin"] {
        assert!(said.contains(setting), "{setting} in: {said}");
    }
    assert!(!db.exists(), "nothing was created");
}
