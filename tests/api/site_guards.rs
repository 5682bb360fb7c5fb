//! What guards every request before our code runs: the Host allow-list, the body limit and the
//! response headers (no-store, CSP with a nonce, Permissions-Policy, HSTS and the `__Host-`
//! cookie over https); and how long a session may live.

use crate::helpers::*;
use medibook::error::AppError;
use medibook::server::config::{ProcessorChoice, SiteMode};
use medibook::server::services::create_admin::{AdminInput, create_admin};
use std::io::{Read, Write};

/// A production server for `https://clinic.example` (behind a TLS proxy, as in production).
async fn https_production_app() -> (TestApp, tempfile::TempDir) {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut config = test_config(&dir.path().join("production.db"));
    config.site.mode = SiteMode::Production;
    config.payments.processor = ProcessorChoice::None;
    config.mail.site_url = "https://clinic.example".into();
    config.session.secure_cookie = true;
    let app = spawn_app_with(config).await;
    let input = AdminInput {
        username: ADMIN.into(),
        email: "root@clinic.example".into(),
        full_name: "Root Admin".into(),
        password: PASSWORD.into(),
    };
    create_admin(&app.state, &input).await.expect("admin created");
    (app, dir)
}

async fn get_with_host(app: &TestApp, host: &str) -> reqwest::Response {
    app.client().get(format!("{}/", app.address)).header("host", host).send().await.expect("sent")
}

#[tokio::test]
async fn a_host_that_is_not_ours_is_refused_before_routing() {
    let (demo, _clock) = spawn_seeded_app_at("2026-11-20T12:00:00Z").await;
    let port = demo.address.rsplit(':').next().expect("port").to_owned();
    let rebinding = get_with_host(&demo, &format!("rebind.evil.example:{port}")).await;
    assert_eq!(rebinding.status(), 421);
    assert_eq!(error_of(rebinding).await, AppError::UnknownHost);
    // A rebinding page posting "same-origin" to itself is refused too.
    let post = demo
        .client()
        .post(format!("{}/api/login", demo.address))
        .header("host", format!("rebind.evil.example:{port}"))
        .header("origin", format!("http://rebind.evil.example:{port}"))
        .form(&[("login", "alice"), ("password", PASSWORD)])
        .send()
        .await
        .expect("sent");
    assert_eq!(post.status(), 421);
    for host in [format!("127.0.0.1:{port}"), format!("localhost:{port}")] {
        assert_eq!(get_with_host(&demo, &host).await.status(), 200, "demo answers on {host}");
    }
    demo.stop().await;

    let (production, _dir) = https_production_app().await;
    assert_eq!(get_with_host(&production, "clinic.example").await.status(), 200);
    let loopback = get_with_host(&production, "127.0.0.1").await;
    assert_eq!(loopback.status(), 421, "production answers only for its own name");
    production.stop().await;
}

#[tokio::test]
async fn an_oversized_body_is_refused_with_413_and_a_sentence_declared_or_streamed() {
    let app = spawn_app().await;
    let big = vec![b'a'; 65 * 1024];
    let as_app = app
        .client()
        .post(format!("{}/api/login", app.address))
        .header("origin", &app.address)
        .header("content-type", "application/x-www-form-urlencoded")
        .body(big.clone())
        .send()
        .await
        .expect("sent");
    assert_eq!(as_app.status(), 413);
    assert_eq!(error_of(as_app).await, AppError::TooLarge);
    let as_form = app
        .client()
        .post(format!("{}/api/login", app.address))
        .header("origin", &app.address)
        .header("accept", "text/html")
        .header("content-type", "application/x-www-form-urlencoded")
        .body(big)
        .send()
        .await
        .expect("sent");
    assert_eq!(as_form.status(), 413);
    assert_eq!(as_form.text().await.expect("text").trim(), AppError::TooLarge.message());

    // Without a declared length (chunked), reading stops at the limit all the same.
    let address = app.address.trim_start_matches("http://").to_owned();
    let status = tokio::task::spawn_blocking(move || {
        let mut stream = std::net::TcpStream::connect(&address).expect("connect");
        let origin = format!("http://{address}");
        write!(
            stream,
            "POST /api/login HTTP/1.1\r\nHost: {address}\r\nOrigin: {origin}\r\n\
             Content-Type: application/x-www-form-urlencoded\r\nTransfer-Encoding: chunked\r\n\
             Connection: close\r\n\r\n"
        )
        .expect("head");
        let chunk = vec![b'a'; 8 * 1024];
        for _ in 0..10 {
            if write!(stream, "{:x}\r\n", chunk.len()).is_err()
                || stream.write_all(&chunk).is_err()
                || stream.write_all(b"\r\n").is_err()
            {
                break;
            }
        }
        let _ = stream.write_all(b"0\r\n\r\n");
        let mut answer = String::new();
        let _ = stream.read_to_string(&mut answer);
        answer.lines().next().unwrap_or_default().to_owned()
    })
    .await
    .expect("joined");
    assert!(status.starts_with("HTTP/1.1 413"), "{status}");

    // Just under the limit is read as usual.
    let fits = app
        .client()
        .post(format!("{}/api/login", app.address))
        .header("origin", &app.address)
        .form(&[("login", "x".repeat(60 * 1024).as_str()), ("password", "nope")])
        .send()
        .await
        .expect("sent");
    assert_ne!(fits.status(), 413);
    app.stop().await;
}

#[tokio::test]
async fn pages_and_answers_are_not_stored_and_scripts_need_the_pages_nonce() {
    let (app, _clock) = spawn_seeded_app_at("2026-11-20T12:00:00Z").await;
    let alice = app.signed_in("alice").await;
    let page = alice.get(format!("{}/appointments", app.address)).send().await.expect("page");
    assert_eq!(page.status(), 200);
    let headers = page.headers().clone();
    let html = page.text().await.expect("html");
    assert_eq!(headers["cache-control"], "no-store");
    assert!(headers["permissions-policy"].to_str().expect("ascii").contains("camera=()"));
    assert!(!headers.contains_key("strict-transport-security"), "no HSTS over plain http");
    let policy = headers["content-security-policy"].to_str().expect("ascii").to_owned();
    let script_src = policy.split(';').find(|d| d.trim().starts_with("script-src")).expect("src");
    assert!(!script_src.contains("unsafe-inline"), "{policy}");
    let nonce = script_src
        .split_whitespace()
        .find_map(|part| part.strip_prefix("'nonce-")?.strip_suffix('\''))
        .expect("a nonce");
    assert!(nonce.len() >= 16, "{nonce}");
    let inline_scripts = html.matches("<script").count();
    assert!(inline_scripts >= 1);
    assert_eq!(
        html.matches(&format!("nonce=\"{nonce}\"")).count(),
        inline_scripts,
        "every script carries this page's nonce"
    );
    let again = alice.get(format!("{}/appointments", app.address)).send().await.expect("page");
    let next = again.headers()["content-security-policy"].to_str().expect("ascii").to_owned();
    assert!(!next.contains(nonce), "a new nonce for every page");

    let answer = app.call(&alice, "my_appointments", &[]).await;
    assert_eq!(answer.headers()["cache-control"], "no-store");
    let policy = answer.headers()["content-security-policy"].to_str().expect("ascii").to_owned();
    let script_src = policy.split(';').find(|d| d.trim().starts_with("script-src")).expect("src");
    assert_eq!(
        script_src.trim(),
        "script-src 'self' 'wasm-unsafe-eval'",
        "no inline script at all"
    );
    app.stop().await;
}

#[tokio::test]
async fn over_https_the_session_cookie_is_secure_host_only_and_hsts_is_sent() {
    let (app, _dir) = https_production_app().await;
    let response = app
        .client()
        .post(format!("{}/api/login", app.address))
        .header("host", "clinic.example")
        .header("origin", "https://clinic.example")
        .form(&[("login", ADMIN), ("password", PASSWORD)])
        .send()
        .await
        .expect("sent");
    assert_eq!(response.status(), 200);
    assert_eq!(
        response.headers()["strict-transport-security"],
        "max-age=63072000; includeSubDomains"
    );
    let cookie = response.headers()["set-cookie"].to_str().expect("ascii").to_owned();
    assert!(cookie.starts_with("__Host-medibook_session="), "{cookie}");
    assert!(cookie.contains("Secure") && cookie.contains("HttpOnly") && cookie.contains("Path=/"));
    assert!(!cookie.contains("Domain="), "{cookie}");
    app.stop().await;
}
