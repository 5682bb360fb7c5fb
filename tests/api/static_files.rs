//! The built client's files under `/pkg`: the precompressed copy the browser accepts, a year of
//! caching for content-hashed names, revalidation otherwise; pages compressed on the fly.

use crate::helpers::*;
use reqwest::header;

const HASHED: &str = "medibook.mOiIHiP3nsaTuYSFt7EHlQ.wasm";

/// Writes a fake build (each variant with its own bytes, to tell which one was sent).
fn write_build(app: &TestApp) {
    let pkg = app.db_path.parent().expect("root").join("pkg");
    std::fs::create_dir_all(&pkg).expect("pkg");
    std::fs::write(pkg.join(HASHED), b"identity wasm").expect("wasm");
    std::fs::write(pkg.join(format!("{HASHED}.br")), b"brotli wasm").expect("br");
    std::fs::write(pkg.join(format!("{HASHED}.gz")), b"gzip wasm").expect("gz");
    std::fs::write(pkg.join("notes.txt"), b"unhashed").expect("txt");
}

async fn get(app: &TestApp, path: &str, accept: &str) -> reqwest::Response {
    let request = reqwest::Client::new().get(format!("{}{path}", app.address));
    let request =
        if accept.is_empty() { request } else { request.header(header::ACCEPT_ENCODING, accept) };
    request.send().await.expect("response")
}

#[tokio::test]
async fn client_files_come_precompressed_as_accepted_and_hashed_names_are_immutable() {
    let app = spawn_app().await;
    write_build(&app);
    let path = format!("/pkg/{HASHED}");
    for (accept, encoding, body) in [
        ("br, gzip", Some("br"), "brotli wasm"),
        ("gzip, deflate", Some("gzip"), "gzip wasm"),
        ("", None, "identity wasm"),
        ("zstd", None, "identity wasm"),
    ] {
        let response = get(&app, &path, accept).await;
        assert_eq!(response.status(), 200, "{accept}");
        let headers = response.headers().clone();
        assert_eq!(
            headers.get(header::CONTENT_ENCODING).map(|v| v.to_str().expect("ascii")),
            encoding,
            "{accept}"
        );
        assert_eq!(headers[header::CONTENT_TYPE], "application/wasm");
        assert_eq!(headers[header::CACHE_CONTROL], "public, max-age=31536000, immutable");
        assert!(
            headers[header::VARY]
                .to_str()
                .expect("vary")
                .to_ascii_lowercase()
                .contains("accept-encoding")
        );
        assert_eq!(response.text().await.expect("body"), body, "{accept}");
    }
    let unhashed = get(&app, "/pkg/notes.txt", "br").await;
    assert_eq!(unhashed.headers()[header::CACHE_CONTROL], "no-cache");
    let missing = get(&app, "/pkg/medibook.AAAAAAAAAAAAAAAAAAAAAA.wasm", "br").await;
    assert_eq!(missing.status(), 404);
    assert_ne!(
        missing.headers().get(header::CACHE_CONTROL).map(|v| v.to_str().expect("ascii")),
        Some("public, max-age=31536000, immutable")
    );
    app.stop().await;
}

#[tokio::test]
async fn pages_are_compressed_when_the_browser_accepts_it_and_never_cached() {
    let app = spawn_app().await;
    let plain = get(&app, "/login", "").await;
    assert!(plain.headers().get(header::CONTENT_ENCODING).is_none());
    let plain_length = plain.text().await.expect("html").len();
    for encoding in ["br", "gzip"] {
        let page = get(&app, "/login", encoding).await;
        assert_eq!(page.status(), 200);
        assert_eq!(page.headers()[header::CONTENT_ENCODING], encoding);
        assert_eq!(page.headers()[header::CACHE_CONTROL], "no-store");
        let compressed = page.bytes().await.expect("bytes").len();
        assert!(compressed * 2 < plain_length, "{encoding}: {compressed} of {plain_length} bytes");
    }
    app.stop().await;
}
