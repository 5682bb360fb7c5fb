use super::*;
use crate::server::clock::FixedClock;
use std::path::Path;

const NONCE: &str = "AAAAAAAAAAAAAAAAAAAAAA";

/// A cache watching a count of its own (no database: tests add commits by hand).
fn cache(name: &str, clock: &FixedClock, kib: usize) -> (PageCache, Commits) {
    let commits = Commits::of(Path::new(&format!("/page-cache-test/{name}")));
    (PageCache::new(Arc::new(clock.clone()), commits, kib, 10), commits)
}

fn clock() -> FixedClock {
    FixedClock::new("2026-11-20T12:00:00Z".parse().expect("instant"))
}

fn page(body: &str) -> Response {
    let mut response = Response::new(Body::from(body.to_owned()));
    let headers = response.headers_mut();
    headers.insert(header::CONTENT_TYPE, HeaderValue::from_static("text/html; charset=utf-8"));
    let policy = page_policy(NONCE);
    headers
        .insert(header::CONTENT_SECURITY_POLICY, HeaderValue::from_str(&policy).expect("policy"));
    response
}

async fn text(response: Response) -> String {
    let bytes = axum::body::to_bytes(response.into_body(), usize::MAX).await.expect("body");
    String::from_utf8(bytes.to_vec()).expect("utf-8")
}

fn body_of(html: &str) -> String {
    format!(
        "<script nonce=\"{NONCE}\">a()</script><p>{html}</p><script nonce=\"{NONCE}\">b()</script>"
    )
}

#[test]
fn only_the_directory_and_doctor_pages_are_kept() {
    assert!(cacheable_path("/doctors"));
    assert!(cacheable_path("/doctors/42"));
    for path in ["/doctors/", "/doctors/42/x", "/doctors/abc", "/book/42", "/", "/api/day_slots"] {
        assert!(!cacheable_path(path), "{path}");
    }
}

#[test]
fn the_nonce_is_read_from_the_policy() {
    let policy = HeaderValue::from_str(&page_policy("abc_-12")).expect("policy");
    assert_eq!(nonce_of(&policy).as_deref(), Some("abc_-12"));
    let plain = HeaderValue::from_static("default-src 'self'");
    assert_eq!(nonce_of(&plain), None);
}

#[tokio::test]
async fn a_kept_page_comes_back_with_a_new_nonce_in_its_scripts_and_policy() {
    let clock = clock();
    let (cache, commits) = cache("nonce", &clock, 1024);
    let first =
        cache.keep("/doctors/1".into(), commits.count(), clock.now(), page(&body_of("A"))).await;
    assert_eq!(first.headers()[CACHE_STATUS], "miss");
    assert_eq!(text(first).await, body_of("A"));
    let again = cache.answer("/doctors/1").expect("kept");
    assert_eq!(again.headers()[CACHE_STATUS], "hit");
    let nonce = nonce_of(&again.headers()[header::CONTENT_SECURITY_POLICY]).expect("nonce");
    assert_ne!(nonce, NONCE);
    assert_eq!(nonce.len(), NONCE.len());
    assert_eq!(text(again).await, body_of("A").replace(NONCE, &nonce));
    let third = cache.answer("/doctors/1").expect("kept");
    let other = nonce_of(&third.headers()[header::CONTENT_SECURITY_POLICY]).expect("nonce");
    assert_ne!(other, nonce, "each answer has its own nonce");
    assert!(cache.answer("/doctors/2").is_none(), "another key");
}

#[tokio::test]
async fn a_commit_makes_every_kept_page_stale() {
    let clock = clock();
    let (cache, commits) = cache("commit", &clock, 1024);
    for key in ["a", "b"] {
        let _ = cache.keep(key.into(), commits.count(), clock.now(), page("x")).await;
        assert!(cache.answer(key).is_some());
    }
    commits.add_one();
    assert!(cache.answer("a").is_none() && cache.answer("b").is_none());
    let _ = cache.keep("c".into(), commits.count(), clock.now(), page("y")).await;
    assert_eq!(cache.0.pages.lock().expect("lock").by_key.len(), 1, "the stale pages left");
}

#[tokio::test]
async fn a_page_rendered_while_a_commit_landed_is_answered_but_not_kept() {
    let clock = clock();
    let (cache, commits) = cache("during", &clock, 1024);
    let before = commits.count();
    commits.add_one();
    let answered = cache.keep("k".into(), before, clock.now(), page("x")).await;
    assert_eq!(text(answered).await, "x");
    assert!(cache.answer("k").is_none());
}

#[tokio::test]
async fn a_page_is_not_answered_after_its_time() {
    let clock = clock();
    let (cache, commits) = cache("time", &clock, 1024);
    let _ = cache.keep("k".into(), commits.count(), clock.now(), page("x")).await;
    clock.advance(Duration::seconds(9));
    assert!(cache.answer("k").is_some());
    clock.advance(Duration::seconds(1));
    assert!(cache.answer("k").is_none());
}

#[tokio::test]
async fn answers_that_set_a_cookie_or_are_not_ok_pages_are_not_kept() {
    let clock = clock();
    let (cache, commits) = cache("refused", &clock, 1024);
    let mut with_cookie = page("x");
    with_cookie.headers_mut().insert(header::SET_COOKIE, HeaderValue::from_static("id=1"));
    let mut not_found = page("x");
    *not_found.status_mut() = StatusCode::NOT_FOUND;
    let mut json = page("x");
    json.headers_mut().insert(header::CONTENT_TYPE, HeaderValue::from_static("application/json"));
    for (key, response) in [("a", with_cookie), ("b", not_found), ("c", json)] {
        let answered = cache.keep(key.into(), commits.count(), clock.now(), response).await;
        assert!(!answered.headers().contains_key(CACHE_STATUS), "{key}");
        assert!(cache.answer(key).is_none(), "{key} kept");
    }
}

#[tokio::test]
async fn the_oldest_pages_leave_when_the_budget_is_spent() {
    let clock = clock();
    let (cache, commits) = cache("budget", &clock, 8);
    let big = "y".repeat(1500);
    for key in ["p1", "p2", "p3", "p4", "p5", "p6"] {
        let _ = cache.keep(key.into(), commits.count(), clock.now(), page(&big)).await;
    }
    let pages = cache.0.pages.lock().expect("lock");
    assert!(pages.bytes <= 8 * 1024, "{} bytes kept", pages.bytes);
    assert!(pages.by_key.contains_key("p6"), "the newest stays");
    assert!(!pages.by_key.contains_key("p1"), "the oldest left");
}

#[tokio::test]
async fn a_request_s_key_holds_its_address_query_and_cookies() {
    let request = Request::builder()
        .uri("/doctors?q=cardio")
        .header(header::COOKIE, "medibook_tz=Asia/Dhaka; id=abc")
        .body(Body::empty())
        .expect("request");
    assert_eq!(
        key_of(&request).as_deref(),
        Some("/doctors?q=cardio\nmedibook_tz=Asia/Dhaka; id=abc")
    );
    let post = Request::builder().method(Method::POST).uri("/doctors").body(Body::empty());
    assert_eq!(key_of(&post.expect("request")), None);
    let other = Request::builder().uri("/account").body(Body::empty()).expect("request");
    assert_eq!(key_of(&other), None);
}
