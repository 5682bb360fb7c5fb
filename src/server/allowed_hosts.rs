//! The Host allow-list: a request naming any host other than the site's own (`mail.site_url`,
//! `site.allowed_origins`, and in demo mode the loopback names) is refused before routing.
//!
//! Without it a DNS-rebinding page (evil.example resolving to our address) is "same-origin" with
//! whatever Host it sends, and links in mail could be built from a forged Host.

use crate::error::AppError;
use axum::extract::{Request, State};
use axum::http::{Uri, header};
use axum::middleware::Next;
use axum::response::Response;
use std::collections::BTreeSet;
use std::net::IpAddr;
use std::sync::Arc;

/// The host names this site answers for (lower case, without port).
#[derive(Debug, Clone)]
pub struct AllowedHosts {
    names: Arc<BTreeSet<String>>,
    /// Demo mode: `localhost` and loopback addresses are ours too.
    loopback: bool,
}

impl AllowedHosts {
    /// The hosts of `site_url` and each of `origins`; with `loopback`, the loopback names too.
    /// An entry that is not an address with a host is skipped (the configuration checks them).
    pub fn new<'a>(
        site_url: &'a str,
        origins: impl IntoIterator<Item = &'a String>,
        loopback: bool,
    ) -> Self {
        let names = std::iter::once(site_url)
            .chain(origins.into_iter().map(String::as_str))
            .filter_map(|url| url.parse::<Uri>().ok()?.host().map(str::to_ascii_lowercase))
            .map(|host| host.trim_start_matches('[').trim_end_matches(']').to_owned())
            .collect();
        AllowedHosts { names: Arc::new(names), loopback }
    }

    /// Whether `authority` (a Host header: name or address, optional port) is ours.
    pub fn allows(&self, authority: &str) -> bool {
        let Some(host) = host_of(authority) else { return false };
        self.names.contains(&host) || (self.loopback && is_loopback(&host))
    }
}

/// The host part of an authority, lower case, without brackets or port.
fn host_of(authority: &str) -> Option<String> {
    let uri: Uri = format!("http://{authority}/").parse().ok()?;
    let host = uri.host()?.trim_start_matches('[').trim_end_matches(']');
    (!host.is_empty()).then(|| host.to_ascii_lowercase())
}

fn is_loopback(host: &str) -> bool {
    host == "localhost" || host.parse::<IpAddr>().is_ok_and(|ip| ip.is_loopback())
}

/// Axum middleware: 421 for a request whose Host (or HTTP/2 authority) is not ours.
pub async fn known_hosts_only(
    State(allowed): State<AllowedHosts>,
    request: Request,
    next: Next,
) -> Response {
    let authority = request
        .headers()
        .get(header::HOST)
        .and_then(|value| value.to_str().ok())
        .or_else(|| request.uri().authority().map(|a| a.as_str()));
    if authority.is_some_and(|authority| allowed.allows(authority)) {
        return next.run(request).await;
    }
    tracing::warn!(host = ?authority, path = %request.uri().path(), "refused unknown host");
    super::refusal_response::refusal(&AppError::UnknownHost, request.headers())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn production() -> AllowedHosts {
        let origins = vec!["https://book.clinic.example".to_owned()];
        AllowedHosts::new("https://Clinic.example", &origins, false)
    }

    #[test]
    fn the_sites_own_names_pass_with_any_port_and_case() {
        let hosts = production();
        assert!(hosts.allows("clinic.example"));
        assert!(hosts.allows("CLINIC.example:443"));
        assert!(hosts.allows("book.clinic.example"));
    }

    #[test]
    fn other_names_and_loopback_in_production_are_refused() {
        let hosts = production();
        for host in ["evil.example", "clinic.example.evil.example", "127.0.0.1:3000", "", "[::1]"] {
            assert!(!hosts.allows(host), "{host}");
        }
    }

    #[test]
    fn demo_mode_also_answers_on_loopback() {
        let hosts = AllowedHosts::new("http://127.0.0.1:3000", &[], true);
        for host in ["127.0.0.1:3000", "localhost:8080", "[::1]:3000", "127.0.0.2"] {
            assert!(hosts.allows(host), "{host}");
        }
        assert!(!hosts.allows("rebind.evil.example:3000"));
    }
}
