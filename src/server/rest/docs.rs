//! `/api/docs`: a readable reference of the API (Swagger UI over `/api/v1/openapi.json`) and
//! the table of error codes that problem+json `type`s point at (`/api/docs#error-<code>`).
//!
//! Swagger UI's files come from the npm package `swagger-ui-dist`, copied into
//! `public/api-docs/` by `scripts/bootstrap` and served by us: nothing loads from elsewhere.

use crate::error::AppError;
use axum::response::Html;
use std::collections::BTreeMap;

/// The page.
pub async fn page() -> Html<String> {
    let mut codes = BTreeMap::new();
    for error in AppError::examples() {
        codes.entry(error.code()).or_insert((error.status(), error.message()));
    }
    let rows: String = codes
        .iter()
        .map(|(code, (status, message))| {
            format!(
                "<tr id=\"error-{code}\"><td><code>{code}</code></td><td>{status}</td><td>{}</td></tr>",
                escape(message)
            )
        })
        .collect();
    Html(format!(
        "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
         <title>MediBook API v1</title>\
         <link rel=\"icon\" href=\"/favicon.svg\" type=\"image/svg+xml\">\
         <link rel=\"stylesheet\" href=\"/api-docs/swagger-ui.css\">\
         <link rel=\"stylesheet\" href=\"/api-docs/docs.css\"></head><body>\
         <header class=\"api-intro\"><h1>MediBook API v1</h1>\
         <p>Sign in at <code>POST /api/v1/tokens</code>, then send \
         <code>Authorization: Bearer &lt;access_token&gt;</code>. The machine-readable \
         description is <a href=\"/api/v1/openapi.json\">/api/v1/openapi.json</a> (OpenAPI 3.1). \
         Errors are <code>application/problem+json</code>; their codes are \
         <a href=\"#errors\">listed below</a>.</p></header>\
         <div id=\"swagger-ui\"></div>\
         <section id=\"errors\" class=\"api-errors\"><h2>Error codes</h2>\
         <table><thead><tr><th>code</th><th>status</th><th>what the web app says</th></tr></thead>\
         <tbody>{rows}</tbody></table></section>\
         <script src=\"/api-docs/swagger-ui-bundle.js\"></script>\
         <script src=\"/api-docs/init.js\"></script></body></html>"
    ))
}

fn escape(text: &str) -> String {
    text.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;")
}
