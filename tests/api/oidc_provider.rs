//! A real OpenID Connect provider on loopback (`oidc-provider` from npm, installed by
//! `scripts/bootstrap`; its script is `end2end/oidc/provider.mjs`), and a browser-like walk
//! through a sign-in with it.

use crate::helpers::{TestApp, spawn_seeded_app_configured};
use medibook::server::clock::FixedClock;
use medibook::server::config::OidcConfig;
use std::io::{BufRead, BufReader};
use std::process::{Child, Command, Stdio};

/// A running provider; stopped when dropped.
pub struct TestProvider {
    child: Child,
    pub issuer: String,
}

impl TestProvider {
    /// Starts a provider whose client `medibook` may be sent back to `redirect_uri`.
    pub fn start(redirect_uri: &str) -> TestProvider {
        let script = concat!(env!("CARGO_MANIFEST_DIR"), "/end2end/oidc/provider.mjs");
        let mut child = Command::new(std::env::var("MEDIBOOK_TEST_NODE").unwrap_or("node".into()))
            .arg(script)
            .env("OIDC_PORT", "0")
            .env("OIDC_REDIRECT_URIS", redirect_uri)
            .env("OIDC_EXIT_WITH_STDIN", "1")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("start the OpenID Connect provider (node)");
        let mut line = String::new();
        BufReader::new(child.stdout.take().expect("stdout")).read_line(&mut line).expect("ready");
        let issuer = line.trim().strip_prefix("ready ").map(str::to_owned);
        let issuer = issuer.unwrap_or_else(|| {
            panic!("provider did not start ({line:?}): run scripts/bootstrap (npm packages)")
        });
        TestProvider { child, issuer }
    }
}

impl Drop for TestProvider {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// A free loopback port, for a server whose address the provider must know before it starts.
pub fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0").expect("bind").local_addr().expect("addr").port()
}

/// A seeded server (clock standing at the real time) that offers sign-in with a fresh provider.
pub async fn spawn_with_provider() -> (TestApp, FixedClock, TestProvider) {
    let port = free_port();
    let site = format!("http://127.0.0.1:{port}");
    let provider = TestProvider::start(&format!("{site}{}", medibook::paths::OIDC_CALLBACK));
    let issuer = provider.issuer.clone();
    let now = chrono::Utc::now().to_rfc3339();
    let (app, clock) = spawn_seeded_app_configured(&now, move |config| {
        config.site.address = format!("127.0.0.1:{port}").parse().expect("address");
        config.mail.site_url = site;
        config.oidc = Some(OidcConfig {
            issuer,
            client_id: "medibook".into(),
            client_secret: "medibook-test-secret".into(),
            button_label: "Test ID".into(),
        });
    })
    .await;
    (app, clock, provider)
}

/// Who signs in at the provider.
pub struct ProviderAccount<'a> {
    pub email: &'a str,
    /// The provider's subject; default "sub-" + email.
    pub subject: Option<&'a str>,
    pub name: &'a str,
}

impl<'a> ProviderAccount<'a> {
    pub fn new(email: &'a str) -> ProviderAccount<'a> {
        ProviderAccount { email, subject: None, name: "Pat Provider" }
    }
}

/// Starts a sign-in in `browser` (keeps cookies, follows no redirects), signs in at the
/// provider as `account` (or cancels there when `None`), and returns the address the provider
/// sends the browser back to (the callback, with `code` and `state`), not yet visited.
pub async fn authorize(
    app: &TestApp,
    browser: &reqwest::Client,
    account: Option<&ProviderAccount<'_>>,
) -> reqwest::Url {
    let start = format!("{}{}", app.address, medibook::paths::OIDC_START);
    let mut url = reqwest::Url::parse(&start).expect("url");
    let mut method = reqwest::Method::GET;
    let mut form: Vec<(&str, &str)> = Vec::new();
    for _ in 0..12 {
        if url.as_str().starts_with(&format!("{}{}", app.address, medibook::paths::OIDC_CALLBACK)) {
            return url;
        }
        let mut request = browser.request(method.clone(), url.clone());
        if method == reqwest::Method::POST {
            request = request.form(&form);
        }
        let response = request.send().await.expect("request sent");
        let status = response.status();
        if status.is_redirection() {
            let location = response.headers()["location"].to_str().expect("location").to_owned();
            url = url.join(&location).expect("location url");
            method = reqwest::Method::GET;
            form.clear();
            continue;
        }
        let page = response.text().await.expect("page");
        assert_eq!(status, 200, "{url}: {page}");
        // The provider's sign-in page: post the account (or cancel).
        let uid = url.path().strip_prefix("/interaction/").expect("interaction page").to_owned();
        method = reqwest::Method::POST;
        form = match account {
            Some(account) => {
                let mut form = vec![("email", account.email), ("name", account.name)];
                if let Some(subject) = account.subject {
                    form.push(("subject", subject));
                }
                url = url.join(&format!("/interaction/{uid}/login")).expect("url");
                form
            }
            None => {
                url = url.join(&format!("/interaction/{uid}/cancel")).expect("url");
                Vec::new()
            }
        };
    }
    panic!("the sign-in did not come back to the callback");
}

/// Visits `callback` and returns where the server sends the browser (a path and query).
pub async fn come_back(browser: &reqwest::Client, callback: &reqwest::Url) -> String {
    let response = browser.get(callback.clone()).send().await.expect("callback");
    assert_eq!(response.status(), 303, "{}", response.text().await.unwrap_or_default());
    response.headers()["location"].to_str().expect("location").to_owned()
}

/// A whole sign-in as `account` in `browser`; returns where the server sends it.
pub async fn sign_in_with_provider(
    app: &TestApp,
    browser: &reqwest::Client,
    account: &ProviderAccount<'_>,
) -> String {
    let callback = authorize(app, browser, Some(account)).await;
    come_back(browser, &callback).await
}
