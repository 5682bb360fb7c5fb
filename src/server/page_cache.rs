//! The patient's path (the directory and a doctor's page) served from finished renders.
//!
//! A page is rendered once and then answered from memory to the same viewer until the database
//! changes or a few seconds pass, whichever is first:
//! - **Any write** makes every kept page stale at once: each is tagged with the commit count
//!   ([`Commits`]) noted before it was rendered and is only answered while the count has
//!   not moved. A hold, booking, cancellation, new review or edited profile is therefore on the
//!   next page anyone loads, exactly as without the cache.
//! - **Time alone** changes what a page shows too (a slot enters the notice period, a hold
//!   expires, a day ends), with no write to notice; so a page is kept `limits.page_cache_seconds`
//!   by the app's clock at most.
//! - **Per viewer**: the key is the address with its query and the request's cookies, so a
//!   signed-in page (name, notifications) only ever goes back to the same session, and the
//!   viewer's zone cookie is part of it. Answers that set a cookie are never kept.
//! - **Fresh nonce**: the Content-Security-Policy nonce of the page's inline scripts is unique
//!   per answer; a kept page is stored split at its nonce and joined with a new one each time.
//!
//! Kept pages take at most `limits.page_cache_kib` (0 turns the cache off); the oldest leave first.

use super::clock::Clock;
use super::db::commits::Commits;
use super::security_headers::page_policy;
use axum::body::{Body, Bytes};
use axum::extract::{Request, State};
use axum::http::{HeaderMap, HeaderName, HeaderValue, Method, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use chrono::{DateTime, Duration, Utc};
use std::collections::HashMap;
use std::sync::{Arc, Mutex};

/// Response header telling whether a page came from the cache (`hit`) or was rendered (`miss`).
pub const CACHE_STATUS: &str = "x-page-cache";

/// Finished pages, shared by all requests.
#[derive(Clone)]
pub struct PageCache(Arc<Shared>);

struct Shared {
    clock: Arc<dyn Clock>,
    commits: Commits,
    keep_for: Duration,
    budget: usize,
    pages: Mutex<Pages>,
}

#[derive(Default)]
struct Pages {
    by_key: HashMap<String, Page>,
    bytes: usize,
    stored: u64,
}

/// One finished page: its headers and its body cut at each occurrence of its nonce.
struct Page {
    commits: u64,
    until: DateTime<Utc>,
    stored: u64,
    headers: HeaderMap,
    pieces: Vec<Bytes>,
    size: usize,
}

impl PageCache {
    /// A cache of at most `budget_kib` KiB of pages of the database whose `commits` it watches,
    /// each kept `seconds` by `clock` at most.
    pub fn new(
        clock: Arc<dyn Clock>,
        commits: Commits,
        budget_kib: usize,
        seconds: u32,
    ) -> PageCache {
        PageCache(Arc::new(Shared {
            clock,
            commits,
            keep_for: Duration::seconds(i64::from(seconds)),
            budget: budget_kib * 1024,
            pages: Mutex::new(Pages::default()),
        }))
    }

    /// The kept page for `key`, with a new nonce, if the database has not changed since it was
    /// rendered and it is not too old.
    fn answer(&self, key: &str) -> Option<Response> {
        let now = self.0.clock.now();
        let commits = self.0.commits.count();
        let (mut headers, pieces) = {
            let pages = self.0.pages.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
            let page = pages.by_key.get(key).filter(|p| p.commits == commits && p.until > now)?;
            (page.headers.clone(), page.pieces.clone())
        };
        let nonce = leptos::nonce::Nonce::new().to_string();
        let mut body = Vec::with_capacity(pieces.iter().map(Bytes::len).sum::<usize>() + 64);
        for (n, piece) in pieces.iter().enumerate() {
            if n > 0 {
                body.extend_from_slice(nonce.as_bytes());
            }
            body.extend_from_slice(piece);
        }
        if pieces.len() > 1
            && let Ok(policy) = HeaderValue::from_str(&page_policy(&nonce))
        {
            headers.insert(header::CONTENT_SECURITY_POLICY, policy);
        }
        headers.insert(CACHE_STATUS, HeaderValue::from_static("hit"));
        let mut response = Response::new(Body::from(body));
        *response.headers_mut() = headers;
        Some(response)
    }

    /// Keeps a freshly rendered page (if it may be kept) and answers it.
    async fn keep(
        &self,
        key: String,
        commits_before: u64,
        rendered_at: DateTime<Utc>,
        response: Response,
    ) -> Response {
        if !may_keep(&response) {
            return response;
        }
        let (mut parts, body) = response.into_parts();
        let bytes = match axum::body::to_bytes(body, usize::MAX).await {
            Ok(bytes) => bytes,
            Err(error) => {
                tracing::error!(error = %error, "reading a rendered page");
                return StatusCode::INTERNAL_SERVER_ERROR.into_response();
            }
        };
        parts.headers.remove(header::CONTENT_LENGTH);
        let nonce = parts.headers.get(header::CONTENT_SECURITY_POLICY).and_then(nonce_of);
        // A page rendered while the database changed may already be stale: answer, don't keep.
        if self.0.commits.count() == commits_before
            && bytes.len() <= self.0.budget / 4
            && let Ok(text) = std::str::from_utf8(&bytes)
        {
            let pieces = match nonce {
                Some(nonce) => cut_at(&bytes, text, &nonce),
                None => vec![bytes.clone()],
            };
            let page = Page {
                commits: commits_before,
                until: rendered_at + self.0.keep_for,
                stored: 0,
                headers: parts.headers.clone(),
                pieces,
                size: key.len() + bytes.len(),
            };
            self.store(key, page, rendered_at);
        }
        parts.headers.insert(CACHE_STATUS, HeaderValue::from_static("miss"));
        Response::from_parts(parts, Body::from(bytes))
    }

    fn store(&self, key: String, mut page: Page, now: DateTime<Utc>) {
        let mut pages = self.0.pages.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        let pages = &mut *pages;
        // Pages rendered before the last commit, or too old, can never be answered again.
        let current = page.commits;
        pages.by_key.retain(|_, p| p.commits >= current && p.until > now);
        pages.stored += 1;
        page.stored = pages.stored;
        pages.by_key.insert(key, page);
        pages.bytes = pages.by_key.values().map(|p| p.size).sum();
        while pages.bytes > self.0.budget {
            let Some(oldest) =
                pages.by_key.iter().min_by_key(|(_, p)| p.stored).map(|(k, _)| k.clone())
            else {
                break;
            };
            if let Some(gone) = pages.by_key.remove(&oldest) {
                pages.bytes -= gone.size;
            }
        }
    }
}

/// Marks the page being rendered as one not to keep (it shows an error that may pass).
pub fn do_not_keep_this_page() {
    if let Some(response) = leptos::prelude::use_context::<leptos_axum::ResponseOptions>() {
        let name = HeaderName::from_static(CACHE_STATUS);
        response.insert_header(name, HeaderValue::from_static("not-kept"));
    }
}

/// Only complete HTML pages that set no cookie and show no error are kept.
fn may_keep(response: &Response) -> bool {
    let headers = response.headers();
    response.status() == StatusCode::OK
        && !headers.contains_key(header::SET_COOKIE)
        && !headers.contains_key(CACHE_STATUS)
        && headers
            .get(header::CONTENT_TYPE)
            .and_then(|t| t.to_str().ok())
            .is_some_and(|t| t.starts_with("text/html"))
}

/// The nonce a page's Content-Security-Policy admits (`'nonce-…'`).
fn nonce_of(policy: &HeaderValue) -> Option<String> {
    let policy = policy.to_str().ok()?;
    let start = policy.find("'nonce-")? + "'nonce-".len();
    let length = policy[start..].find('\'')?;
    Some(policy[start..start + length].to_owned()).filter(|n| !n.is_empty())
}

/// `bytes` (whose text is `text`) cut around every occurrence of `nonce`.
fn cut_at(bytes: &Bytes, text: &str, nonce: &str) -> Vec<Bytes> {
    let mut pieces = Vec::new();
    let mut from = 0;
    for (at, _) in text.match_indices(nonce) {
        pieces.push(bytes.slice(from..at));
        from = at + nonce.len();
    }
    pieces.push(bytes.slice(from..));
    pieces
}

/// Whether `path` is a page this cache keeps: `/doctors` (any query) and `/doctors/<id>`.
pub fn cacheable_path(path: &str) -> bool {
    path == "/doctors"
        || path
            .strip_prefix("/doctors/")
            .is_some_and(|id| !id.is_empty() && id.bytes().all(|b| b.is_ascii_digit()))
}

/// The cache key of a request for a kept page: its address and query, and its cookies.
fn key_of(request: &Request) -> Option<String> {
    let uri = request.uri();
    if request.method() != Method::GET || !cacheable_path(uri.path()) {
        return None;
    }
    let mut key = uri.path_and_query().map_or_else(|| uri.path().to_owned(), |pq| pq.to_string());
    for cookie in request.headers().get_all(header::COOKIE) {
        key.push('\n');
        key.push_str(cookie.to_str().ok()?);
    }
    Some(key)
}

/// Axum middleware: answers kept pages from memory, keeps those it renders.
pub async fn serve_from_cache(
    State(cache): State<PageCache>,
    request: Request,
    next: Next,
) -> Response {
    let key = (cache.0.budget > 0).then(|| key_of(&request)).flatten();
    let Some(key) = key else {
        return next.run(request).await;
    };
    if let Some(kept) = cache.answer(&key) {
        return kept;
    }
    let commits_before = cache.0.commits.count();
    let rendered_at = cache.0.clock.now();
    let response = next.run(request).await;
    cache.keep(key, commits_before, rendered_at, response).await
}

#[cfg(test)]
mod tests;
