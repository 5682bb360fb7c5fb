//! At most a few pages rendered at once; the others wait their turn, first come first served.
//!
//! A page render builds the whole reactive tree and its HTML in memory (a few hundred KiB). With
//! 64 clients each asking for a page, rendering all 64 at once raises the server's memory for no
//! gain in speed (two cores render two pages at a time whatever the number started), so renders
//! queue for a permit instead. Server functions, static files and everything else are not
//! queued here: a queue of slow sign-ins must never hold up a page, nor the other way round.
//!
//! A Leptos page render that stalls is started again ([`render_again_if_stalled`], on the Leptos
//! page routes only). Leptos 0.8's `Suspense` can miss the wake-up of a resource that finished (a
//! race upstream has narrowed but not closed, leptos-rs/leptos #4647, #4851): the render then
//! waits forever with nothing left to run, holding its permit, and the visitor's page never
//! comes. Pages render in milliseconds, so one still unfinished after [`STALLED_AFTER`] is
//! dropped and rendered afresh (a page GET has no body and no side effects); after [`ATTEMPTS`]
//! such renders the visitor gets a 503 to retry (`AppError::Busy`, worded like every refusal)
//! instead of a page that never loads. Other GET routes (a provider's sign-in callback,
//! downloads) are never run twice.

use super::refusal_response::refusal;
use crate::error::AppError;
use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::Method;
use axum::middleware::Next;
use axum::response::Response;
use std::sync::Arc;
use std::time::Duration;
use tokio::sync::Semaphore;

/// How long a render may take before it counts as stalled (renders take milliseconds).
pub const STALLED_AFTER: Duration = Duration::from_secs(3);

/// Renders of one request, the first included, before the visitor is asked to retry.
pub const ATTEMPTS: usize = 3;

/// The permits for page renders (`limits.concurrent_pages`; 0 means two per core).
#[derive(Clone)]
pub struct PageRenders(Arc<Semaphore>);

impl PageRenders {
    /// Permits for `configured` renders at once (0: two per core).
    pub fn new(configured: usize) -> PageRenders {
        let cores = std::thread::available_parallelism().map_or(2, |n| n.get());
        let permits = if configured == 0 { 2 * cores } else { configured };
        PageRenders(Arc::new(Semaphore::new(permits)))
    }
}

/// How long a Leptos page render may take before it is started again.
#[derive(Clone, Copy)]
pub struct StalledAfter(pub Duration);

impl Default for StalledAfter {
    fn default() -> StalledAfter {
        StalledAfter(STALLED_AFTER)
    }
}

/// Whether a request renders a page (a GET outside `/api/` and `/pkg/`).
pub fn renders_a_page(method: &Method, path: &str) -> bool {
    method == Method::GET && !path.starts_with("/api/") && !path.starts_with("/pkg/")
}

/// Axum middleware: a page render waits for a permit and keeps it until its answer is built.
pub async fn one_of_a_few(
    State(renders): State<PageRenders>,
    request: Request,
    next: Next,
) -> Response {
    if !renders_a_page(request.method(), request.uri().path()) {
        return next.run(request).await;
    }
    // The semaphore is never closed, so acquiring only fails if it were; render anyway then.
    let _permit = renders.0.acquire().await.ok();
    next.run(request).await
}

/// Axum route layer for the Leptos page routes: a render unfinished after `stalled_after` is
/// dropped and started again (see the module's documentation).
pub async fn render_again_if_stalled(
    State(StalledAfter(stalled_after)): State<StalledAfter>,
    request: Request,
    next: Next,
) -> Response {
    if !renders_a_page(request.method(), request.uri().path()) {
        return next.run(request).await;
    }
    let (parts, _) = request.into_parts();
    for attempt in 1..=ATTEMPTS {
        let request = Request::from_parts(parts.clone(), Body::empty());
        match tokio::time::timeout(stalled_after, next.clone().run(request)).await {
            Ok(response) => return response,
            Err(_) => tracing::warn!(
                path = parts.uri.path(),
                attempt,
                after = ?stalled_after,
                "a page render stalled; dropped it"
            ),
        }
    }
    refusal(&AppError::Busy, &parts.headers)
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::http::{StatusCode, header};

    #[test]
    fn only_page_renders_queue() {
        assert!(renders_a_page(&Method::GET, "/doctors/5"));
        assert!(renders_a_page(&Method::GET, "/"));
        assert!(!renders_a_page(&Method::POST, "/login"));
        assert!(!renders_a_page(&Method::GET, "/api/day_slots"));
        assert!(!renders_a_page(&Method::GET, "/pkg/medibook.abc.wasm"));
    }

    #[tokio::test]
    async fn zero_means_two_per_core() {
        let cores = std::thread::available_parallelism().map_or(2, |n| n.get());
        assert_eq!(PageRenders::new(0).0.available_permits(), 2 * cores);
        assert_eq!(PageRenders::new(3).0.available_permits(), 3);
    }

    /// A page whose first `stalls` renders never finish, behind the middleware.
    fn app_stalling(stalls: usize) -> (axum::Router, Arc<std::sync::atomic::AtomicUsize>) {
        use std::sync::atomic::{AtomicUsize, Ordering};
        let renders = Arc::new(AtomicUsize::new(0));
        let counted = renders.clone();
        let page = move || {
            let counted = counted.clone();
            async move {
                if counted.fetch_add(1, Ordering::SeqCst) < stalls {
                    std::future::pending::<()>().await;
                }
                "the page"
            }
        };
        let stalled_after = StalledAfter(Duration::from_millis(50));
        let app = axum::Router::new()
            .route("/doctors/{id}", axum::routing::get(page))
            .route_layer(axum::middleware::from_fn_with_state(
                stalled_after,
                render_again_if_stalled,
            ))
            .layer(axum::middleware::from_fn_with_state(PageRenders::new(1), one_of_a_few));
        (app, renders)
    }

    async fn get(app: axum::Router, path: &str) -> (StatusCode, String) {
        get_accepting(app, path, "text/html").await.0
    }

    /// A GET of `path` with `Accept: accept`: the status and body, and the `Retry-After`.
    async fn get_accepting(
        app: axum::Router,
        path: &str,
        accept: &str,
    ) -> ((StatusCode, String), Option<String>) {
        use tower::ServiceExt;
        let request = Request::builder()
            .uri(path)
            .header(header::ACCEPT, accept)
            .body(Body::empty())
            .expect("request");
        let response = app.oneshot(request).await.expect("answer");
        let status = response.status();
        let retry_after = response
            .headers()
            .get(header::RETRY_AFTER)
            .and_then(|v| v.to_str().ok())
            .map(str::to_owned);
        let body = axum::body::to_bytes(response.into_body(), 1 << 16).await.expect("body");
        ((status, String::from_utf8_lossy(&body).into_owned()), retry_after)
    }

    #[tokio::test]
    async fn a_stalled_render_is_rendered_again_and_the_page_comes() {
        let (app, renders) = app_stalling(2);
        assert_eq!(get(app, "/doctors/5").await, (StatusCode::OK, "the page".into()));
        assert_eq!(renders.load(std::sync::atomic::Ordering::SeqCst), 3);
    }

    #[tokio::test]
    async fn a_render_that_always_stalls_is_answered_503_and_frees_its_permit() {
        let (app, renders) = app_stalling(usize::MAX);
        let ((status, body), retry_after) =
            get_accepting(app.clone(), "/doctors/5", "text/html").await;
        assert_eq!(status, StatusCode::SERVICE_UNAVAILABLE);
        assert_eq!(body.trim(), AppError::Busy.message(), "worded like every refusal");
        assert_eq!(retry_after.as_deref(), Some("1"));
        assert_eq!(renders.load(std::sync::atomic::Ordering::SeqCst), ATTEMPTS);
        // One permit only: a second page is rendered, so the stalled ones gave it back.
        let (status, _) = get(app, "/doctors/6").await;
        assert_eq!(status, StatusCode::SERVICE_UNAVAILABLE);
        assert_eq!(renders.load(std::sync::atomic::Ordering::SeqCst), 2 * ATTEMPTS);
    }

    #[tokio::test]
    async fn an_app_asking_for_json_gets_the_busy_error_it_can_word() {
        let (app, _) = app_stalling(usize::MAX);
        let ((status, body), _) = get_accepting(app, "/doctors/5", "application/json").await;
        assert_eq!(status, StatusCode::SERVICE_UNAVAILABLE);
        let error: AppError = serde_json::from_str(&body).expect("an AppError as JSON");
        assert_eq!(error, AppError::Busy);
    }
}
