//! Forms posted by a browser before the wasm has loaded (no JavaScript).
use crate::helpers::*;

fn html_form_client(app: &TestApp) -> reqwest::Client {
    let _ = app;
    reqwest::Client::builder()
        .cookie_store(true)
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .expect("client")
}

async fn post_html(
    app: &TestApp,
    client: &reqwest::Client,
    endpoint: &str,
    page: &str,
    form: &[(&str, &str)],
) -> reqwest::Response {
    client
        .post(format!("{}/api/{endpoint}", app.address))
        .header("origin", &app.address)
        .header("accept", "text/html,application/xhtml+xml")
        .header("referer", format!("{}{page}", app.address))
        .form(form)
        .send()
        .await
        .expect("sent")
}

#[tokio::test]
async fn a_failed_plain_form_post_returns_to_the_page_with_the_error_in_the_query() {
    let app = spawn_app().await;
    let client = html_form_client(&app);
    let response = post_html(
        &app,
        &client,
        "login",
        "/login",
        &[("login", "nobody"), ("password", "whatever12345")],
    )
    .await;
    assert_eq!(response.status(), 302);
    let location = response.headers().get("location").expect("location").to_str().expect("text");
    assert_eq!(location, "/login?error=invalid_credentials");
    let page = client.get(format!("{}{location}", app.address)).send().await.expect("page");
    let html = page.text().await.expect("body");
    assert!(
        html.contains("The username/email or password is incorrect."),
        "error shown without JS"
    );
    app.stop().await;
}

#[tokio::test]
async fn a_plain_registration_form_shows_field_errors_and_success_goes_to_sign_in() {
    let app = spawn_app().await;
    let client = html_form_client(&app);
    let form = patient_form("plain", "broken-email");
    let form: Vec<(&str, &str)> = form.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let response = post_html(&app, &client, "register", "/register", &form).await;
    assert_eq!(response.status(), 302);
    let location =
        response.headers().get("location").expect("location").to_str().expect("text").to_owned();
    assert!(
        location.starts_with("/register?error=invalid_input&field_error=email%3Ainvalid_format"),
        "{location}"
    );
    let html = client
        .get(format!("{}{location}", app.address))
        .send()
        .await
        .expect("page")
        .text()
        .await
        .expect("body");
    assert!(
        html.contains("Enter an email address like name@example.com."),
        "field message rendered"
    );

    let form = patient_form("plain", "plain@example.com");
    let form: Vec<(&str, &str)> = form.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let response = post_html(&app, &client, "register", &location, &form).await;
    assert_eq!(response.status(), 302);
    assert_eq!(
        response.headers().get("location").map(|v| v.as_bytes()),
        Some(&b"/login?registered=1"[..])
    );

    let response =
        post_html(&app, &client, "login", "/login", &[("login", "plain"), ("password", PASSWORD)])
            .await;
    assert_eq!(response.headers().get("location").map(|v| v.as_bytes()), Some(&b"/"[..]));
    let home = client
        .get(format!("{}/", app.address))
        .send()
        .await
        .expect("page")
        .text()
        .await
        .expect("body");
    assert!(home.contains("Welcome, Jane"), "signed-in landing page");
    app.stop().await;
}

#[tokio::test]
async fn a_page_that_needs_sign_in_renders_a_prompt_instead_of_redirecting() {
    let app = spawn_app().await;
    let client = html_form_client(&app);
    let page = client
        .get(format!("{}/account", app.address))
        .header("accept", "text/html")
        .send()
        .await
        .expect("page");
    assert_eq!(page.status(), 200);
    assert!(page.headers().get("location").is_none());
    let html = page.text().await.expect("body");
    assert!(html.contains("to see your account"), "sign-in prompt rendered");
    app.stop().await;
}
