//! At most a few pages rendered at once; the others wait their turn, first come first served.
//!
//! A page render builds the whole reactive tree and its HTML in memory (a few hundred KiB). With
//! 64 clients each asking for a page, rendering all 64 at once raises the server's memory for no
//! gain in speed (two cores render two pages at a time whatever the number started), so renders
//! queue for a permit instead. Server functions, static files and everything else are not
//! queued here: a queue of slow sign-ins must never hold up a page, nor the other way round.

use axum::extract::{Request, State};
use axum::http::Method;
use axum::middleware::Next;
use axum::response::Response;
use std::sync::Arc;
use tokio::sync::Semaphore;

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

#[cfg(test)]
mod tests {
    use super::*;

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
}
