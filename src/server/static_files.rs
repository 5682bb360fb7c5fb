//! The built client under `/pkg`: served precompressed (brotli or gzip, as the browser's
//! `Accept-Encoding` allows) and, when the file name carries a content hash, cached for a year.
//!
//! `cargo leptos build --release --precompress` writes `x.br` and `x.gz` beside every file and,
//! with `hash-files`, names the script, wasm and stylesheet `medibook.<hash>.<ext>`; it records
//! the hashes in `hash.txt` beside the server binary, where the page shell reads them.

use axum::extract::Request;
use axum::http::{HeaderValue, StatusCode, header};
use axum::middleware::Next;
use axum::response::Response;
use std::path::PathBuf;
use tower_http::services::ServeDir;

/// Cache policy of a content-hashed file: a new build has new names, so never revalidate.
pub const IMMUTABLE: &str = "public, max-age=31536000, immutable";
/// Cache policy of an unhashed static file: keep it, but ask whether it changed before use.
pub const REVALIDATE: &str = "no-cache";

/// The service for the `pkg` directory.
pub fn pkg_service(pkg_dir: PathBuf) -> ServeDir {
    ServeDir::new(pkg_dir).precompressed_br().precompressed_gzip()
}

/// Axum middleware for `/pkg`: the cache policy each answer's file name allows, and `Vary:
/// Accept-Encoding` (the same URL has a brotli, a gzip and a plain body).
pub async fn cache_policy(request: Request, next: Next) -> Response {
    let hashed = is_content_hashed(request.uri().path());
    let mut response = next.run(request).await;
    let headers = response.headers_mut();
    headers.insert(header::VARY, HeaderValue::from_static("accept-encoding"));
    if response.status().is_success() || response.status() == StatusCode::NOT_MODIFIED {
        let policy = if hashed { IMMUTABLE } else { REVALIDATE };
        response.headers_mut().insert(header::CACHE_CONTROL, HeaderValue::from_static(policy));
    }
    response
}

/// Whether a file name is `stem.<hash>.ext` as cargo-leptos writes it (the hash is at least 16
/// URL-safe base64 characters), e.g. `medibook.mOiIHiP3nsaTuYSFt7EHlQ.wasm`.
pub fn is_content_hashed(path: &str) -> bool {
    let name = path.rsplit('/').next().unwrap_or(path);
    let mut parts = name.split('.');
    let (Some(_stem), Some(hash), Some(_ext)) = (parts.next(), parts.next(), parts.next()) else {
        return false;
    };
    hash.len() >= 16 && hash.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
}

/// The build's hash file beside the running binary, if the build named its files by content.
fn hash_file(name: &str) -> Option<PathBuf> {
    let dir = std::env::current_exe().ok()?.parent()?.to_path_buf();
    Some(dir.join(name)).filter(|path| path.is_file())
}

/// Whether the build beside the running binary named its files by content (`hash.txt` exists).
pub fn build_has_hashes(name: &str) -> bool {
    hash_file(name).is_some()
}

/// The stylesheet's URL (`/pkg/medibook.<hash>.css`), read once at start-up rather than from
/// `hash.txt` on every page as leptos_meta's `HashedStylesheet` would.
pub fn stylesheet_href(pkg_dir: &str, output_name: &str, hash_file_name: &str) -> String {
    let hash = hash_file(hash_file_name)
        .and_then(|path| std::fs::read_to_string(path).ok())
        .and_then(|text| css_hash(&text));
    match hash {
        Some(hash) => format!("/{pkg_dir}/{output_name}.{hash}.css"),
        None => format!("/{pkg_dir}/{output_name}.css"),
    }
}

/// The `css: <hash>` line of a hash file.
fn css_hash(text: &str) -> Option<String> {
    text.lines()
        .filter_map(|line| line.split_once(':'))
        .find(|(file, _)| file.trim() == "css")
        .map(|(_, hash)| hash.trim().to_owned())
        .filter(|hash| !hash.is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_names_with_a_long_url_safe_middle_part_count_as_hashed() {
        assert!(is_content_hashed("/pkg/medibook.mOiIHiP3nsaTuYSFt7EHlQ.wasm"));
        assert!(is_content_hashed("medibook.a-b_c0123456789abcdef.css"));
        assert!(!is_content_hashed("/pkg/medibook.wasm"));
        assert!(!is_content_hashed("/pkg/medibook.min.js"));
        assert!(!is_content_hashed("/pkg/medibook.not+a+hash+at+all!.js"));
        assert!(!is_content_hashed("/pkg/"));
    }

    #[test]
    fn the_stylesheet_hash_is_its_own_line_of_the_hash_file() {
        let text = "js: AAA\nwasm: BBB\ncss: 1TlRbsxmVQoaN-wk0eDGVA\nmanifest: CCC\n";
        assert_eq!(css_hash(text).as_deref(), Some("1TlRbsxmVQoaN-wk0eDGVA"));
        assert_eq!(css_hash("js: AAA\ncss:\n"), None);
        assert_eq!(css_hash(""), None);
    }
}
