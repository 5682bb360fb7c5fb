//! One guarded HTTP exchange with a doctor's calendar server: the address checked by
//! [`url_guard`] and connected to at the checked addresses, a time limit, a size cap on the
//! answer, and redirects followed only within the same host (each one checked again).

use super::url_guard::{self, Refused};
use reqwest::header::{HeaderMap, HeaderValue};
use std::time::Duration;

/// How far a fetch may go.
#[derive(Debug, Clone, Copy)]
pub struct Limits {
    pub timeout: Duration,
    pub max_bytes: usize,
    pub allow_private: bool,
}

/// What to send.
#[derive(Debug, Clone)]
pub struct Request<'a> {
    pub method: reqwest::Method,
    pub url: &'a str,
    pub headers: Vec<(&'static str, String)>,
    pub body: Option<String>,
    /// Basic authentication (CalDAV).
    pub credentials: Option<(&'a str, &'a str)>,
}

/// What came back.
#[derive(Debug, Clone)]
pub struct Answer {
    pub status: u16,
    pub etag: Option<String>,
    pub body: Vec<u8>,
    /// The address that answered (after same-host redirects).
    pub url: reqwest::Url,
}

/// Why nothing usable came back.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FetchError {
    Refused(Refused),
    Timeout,
    Unreachable(String),
    TooLarge,
    /// A redirect to another host, or too many.
    Redirect(String),
}

/// Same-host redirects followed at most.
const MAX_REDIRECTS: usize = 3;

/// Sends `request` within `limits`.
pub async fn send(request: &Request<'_>, limits: Limits) -> Result<Answer, FetchError> {
    let mut url = request.url.to_owned();
    let first = url_guard::parse(&url).map_err(FetchError::Refused)?;
    // Where redirects may lead: the same scheme, host and port (credentials never move).
    let origin = |u: &reqwest::Url| {
        (u.scheme().to_owned(), u.host_str().map(str::to_owned), u.port_or_known_default())
    };
    let first_origin = origin(&first);
    for _ in 0..=MAX_REDIRECTS {
        let checked =
            url_guard::check(&url, limits.allow_private).await.map_err(FetchError::Refused)?;
        let client = reqwest::Client::builder()
            .redirect(reqwest::redirect::Policy::none())
            // A proxy would resolve the name itself, around the checked addresses.
            .no_proxy()
            .timeout(limits.timeout)
            .connect_timeout(limits.timeout)
            .resolve_to_addrs(&checked.host, &checked.addresses)
            .user_agent("MediBook calendar sync")
            .build()
            .map_err(|e| FetchError::Unreachable(e.to_string()))?;
        let mut headers = HeaderMap::new();
        for (name, value) in &request.headers {
            if let Ok(value) = HeaderValue::from_str(value) {
                headers.insert(*name, value);
            }
        }
        let mut builder =
            client.request(request.method.clone(), checked.url.clone()).headers(headers);
        if let Some((user, password)) = request.credentials {
            builder = builder.basic_auth(user, Some(password));
        }
        if let Some(body) = &request.body {
            builder = builder.body(body.clone());
        }
        let mut response = builder.send().await.map_err(transport_error)?;
        let status = response.status();
        if status.is_redirection() && status.as_u16() != 304 {
            let location = response
                .headers()
                .get(reqwest::header::LOCATION)
                .and_then(|v| v.to_str().ok())
                .and_then(|to| checked.url.join(to).ok())
                .ok_or_else(|| {
                    FetchError::Redirect("a redirect without a usable Location".into())
                })?;
            if origin(&location) != first_origin {
                return Err(FetchError::Redirect(format!(
                    "redirected to another server ({})",
                    location.host_str().unwrap_or("?")
                )));
            }
            url = location.to_string();
            continue;
        }
        if response.content_length().is_some_and(|length| length > limits.max_bytes as u64) {
            return Err(FetchError::TooLarge);
        }
        let etag = response
            .headers()
            .get(reqwest::header::ETAG)
            .and_then(|v| v.to_str().ok())
            .map(str::to_owned);
        let mut body = Vec::new();
        while let Some(chunk) = response.chunk().await.map_err(transport_error)? {
            if body.len() + chunk.len() > limits.max_bytes {
                return Err(FetchError::TooLarge);
            }
            body.extend_from_slice(&chunk);
        }
        return Ok(Answer { status: status.as_u16(), etag, body, url: checked.url });
    }
    Err(FetchError::Redirect("too many redirects".into()))
}

fn transport_error(error: reqwest::Error) -> FetchError {
    // The address may be a secret (an ICS address): never in the stored reason.
    let error = error.without_url();
    if error.is_timeout() {
        FetchError::Timeout
    } else {
        let mut reason = error.to_string();
        let mut source = std::error::Error::source(&error);
        while let Some(cause) = source {
            reason = format!("{reason}: {cause}");
            source = cause.source();
        }
        FetchError::Unreachable(reason.chars().take(300).collect())
    }
}
