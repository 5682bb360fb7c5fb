//! The SMTP transport against a real SMTP server on loopback.
use crate::helpers::*;
use crate::smtp_sink::SmtpSink;
use medibook::server::clock::FixedClock;
use medibook::server::config::{MailTransportConfig, SmtpConfig, SmtpSecurity};
use medibook::server::jobs::{StepOutcome, run_one_step};

/// A server sending mail through SMTP on `port` of this machine.
async fn app_sending_to(port: u16) -> (TestApp, tempfile::TempDir) {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut config = test_config(&dir.path().join("smtp.db"));
    config.mail.transport = MailTransportConfig::Smtp(SmtpConfig {
        host: "127.0.0.1".into(),
        port,
        security: SmtpSecurity::None,
        credentials: None,
        timeout_seconds: 10,
    });
    let clock = FixedClock::new("2026-11-20T12:00:00Z".parse().expect("instant"));
    (spawn_app_with_clock(config, std::sync::Arc::new(clock)).await, dir)
}

/// The value of header `name` in a raw message.
fn header<'a>(raw: &'a str, name: &str) -> Option<&'a str> {
    let prefix = format!("{name}: ");
    raw.lines().take_while(|l| !l.is_empty()).find_map(|l| l.strip_prefix(prefix.as_str()))
}

#[tokio::test]
async fn a_code_mail_arrives_over_smtp_with_a_plain_and_an_html_part_and_the_right_headers() {
    let sink = SmtpSink::start(0.0);
    let (app, _dir) = app_sending_to(sink.port).await;
    app.register_patient("smtpuser").await.error_for_status().expect("registered");
    assert_eq!(app.run_jobs().await, 1);

    let messages = sink.wait_for(1, 5).await;
    assert_eq!(messages.len(), 1, "exactly one message arrives");
    let raw = &messages[0];
    assert_eq!(header(raw, "From"), Some("MediBook <no-reply@medibook.local>"));
    assert_eq!(header(raw, "To"), Some("smtpuser@example.com"));
    assert_eq!(header(raw, "Message-ID"), Some("<job-1@medibook.invalid>"));
    assert!(header(raw, "Date").is_some(), "{raw}");
    assert!(header(raw, "Content-Type").is_some_and(|v| v.starts_with("multipart/alternative")));
    let subject = header(raw, "Subject").expect("subject");
    assert!(subject.starts_with("Your MediBook verification code: "), "{subject}");
    let code = subject.rsplit(' ').next().expect("code");
    let plain = raw.find("Content-Type: text/plain; charset=utf-8").expect("plain part");
    let html = raw.find("Content-Type: text/html; charset=utf-8").expect("html part");
    assert!(plain < html, "plain first, as mail clients expect");
    assert!(raw[plain..html].contains(code) && raw[html..].contains(code));

    let client = app.signed_in("smtpuser").await;
    let response = app.call(&client, "verify_email", &[("code", code)]).await;
    assert_eq!(response.status(), 200, "the mailed code is the real one");
    let (status, payload): (String, String) =
        sqlx::query_as("SELECT status, payload FROM jobs WHERE id = 1")
            .fetch_one(&app.state.db)
            .await
            .expect("job");
    assert_eq!((status.as_str(), payload.as_str()), ("done", "{}"), "the code is not kept");
    assert_eq!(app.count("mail_outbox").await, 0, "nothing goes to the development outbox");
}

#[tokio::test]
async fn an_unreachable_smtp_server_means_a_retry_later_not_a_lost_mail() {
    let port = {
        let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("port");
        listener.local_addr().expect("addr").port()
    };
    let (app, _dir) = app_sending_to(port).await;
    app.register_patient("smtpuser").await.error_for_status().expect("registered");
    let now = app.state.clock.now().timestamp();
    let outcome = run_one_step(&app.state).await.expect("step");
    assert_eq!(outcome, Some(StepOutcome::Retrying { job: 1, retry_at: now + 30 }));
    let (status, attempts, error): (String, i64, String) =
        sqlx::query_as("SELECT status, attempts, last_error FROM jobs WHERE id = 1")
            .fetch_one(&app.state.db)
            .await
            .expect("job");
    assert_eq!((status.as_str(), attempts), ("queued", 1));
    assert!(error.starts_with("SMTP"), "{error}");
    assert_eq!(run_one_step(&app.state).await.expect("step"), None, "not due before the backoff");
}
