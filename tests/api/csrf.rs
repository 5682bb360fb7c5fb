use crate::helpers::*;

#[tokio::test]
async fn a_cross_origin_post_is_refused_and_changes_nothing() {
    let app = spawn_app().await;
    let before = app.count("users").await;
    let form = patient_form("mallory", "mallory@example.com");
    let url = format!("{}/api/register", app.address);
    let plain = reqwest::Client::new();
    let cases = [
        vec![("origin", "http://evil.example")],
        vec![("sec-fetch-site", "cross-site")],
        vec![("sec-fetch-site", "same-site"), ("origin", "http://sub.127.0.0.1")],
        vec![],
    ];
    for headers in cases {
        let mut request = plain.post(&url).form(&form);
        for (name, value) in &headers {
            request = request.header(*name, *value);
        }
        let response = request.send().await.expect("sent");
        assert_eq!(response.status(), 403, "{headers:?}");
    }
    assert_eq!(app.count("users").await, before);
    let same_site = plain
        .post(&url)
        .header("sec-fetch-site", "same-origin")
        .form(&form)
        .send()
        .await
        .expect("sent");
    assert_eq!(same_site.status(), 200);
    app.stop().await;
}

#[tokio::test]
async fn pages_send_security_headers() {
    let app = spawn_app().await;
    let response = reqwest::get(format!("{}/login", app.address)).await.expect("page");
    assert_eq!(response.status(), 200);
    let csp =
        response.headers().get("content-security-policy").expect("csp").to_str().expect("text");
    assert!(csp.contains("default-src 'self'"));
    assert_eq!(
        response.headers().get("referrer-policy").map(|v| v.as_bytes()),
        Some(&b"same-origin"[..])
    );
    let body = response.text().await.expect("body");
    assert!(body.contains("Sign in"));
    for third_party in ["googleapis", "cdn", "unpkg", "jsdelivr", "gstatic"] {
        assert!(!body.contains(third_party), "page references {third_party}");
    }
    app.stop().await;
}
