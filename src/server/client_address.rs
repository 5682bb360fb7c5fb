//! Who is asking: the socket's peer, or — behind a trusted reverse proxy — the client that
//! proxy names in `X-Forwarded-For`. An untrusted peer's header is ignored, so a client cannot
//! pick its own address to dodge the limits.

use crate::server::error::{ServerError, ServerResult};
use axum::extract::ConnectInfo;
use axum::http::HeaderMap;
use axum::http::request::Parts;
use leptos::prelude::use_context;
use std::net::{IpAddr, SocketAddr};

/// The client address of a request from `peer` with `headers`, trusting `proxies`.
pub fn resolve(peer: IpAddr, headers: &HeaderMap, proxies: &[IpAddr]) -> IpAddr {
    if !proxies.contains(&peer) {
        return peer;
    }
    // Each proxy appends the address it received from; read from the right, skipping our own
    // proxies, and take the first address they did not add themselves.
    let forwarded = headers
        .get_all("x-forwarded-for")
        .iter()
        .filter_map(|value| value.to_str().ok())
        .flat_map(|value| value.split(','))
        .filter_map(|part| part.trim().parse::<IpAddr>().ok())
        .collect::<Vec<_>>();
    forwarded.into_iter().rev().find(|address| !proxies.contains(address)).unwrap_or(peer)
}

/// The client address of the request a server function is answering.
pub fn of_request(proxies: &[IpAddr]) -> ServerResult<IpAddr> {
    let parts = use_context::<Parts>()
        .ok_or_else(|| ServerError::broken("finding the client address", "no request parts"))?;
    let ConnectInfo(peer) = parts
        .extensions
        .get::<ConnectInfo<SocketAddr>>()
        .copied()
        .ok_or_else(|| ServerError::broken("finding the client address", "no peer address"))?;
    Ok(resolve(peer.ip(), &parts.headers, proxies))
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::http::HeaderValue;

    fn forwarded(value: &'static str) -> HeaderMap {
        let mut headers = HeaderMap::new();
        headers.insert("x-forwarded-for", HeaderValue::from_static(value));
        headers
    }

    #[test]
    fn only_a_trusted_proxy_may_name_the_client() {
        let proxy: IpAddr = "10.0.0.2".parse().expect("ip");
        let client: IpAddr = "203.0.113.9".parse().expect("ip");
        let headers = forwarded("198.51.100.1, 203.0.113.9");
        assert_eq!(resolve(client, &headers, &[proxy]), client, "an untrusted peer is the client");
        assert_eq!(resolve(proxy, &headers, &[proxy]), client, "the proxy's last hop");
        assert_eq!(resolve(proxy, &HeaderMap::new(), &[proxy]), proxy, "no header: the proxy");
        let chained = forwarded("203.0.113.9, 10.0.0.3");
        let proxies = ["10.0.0.2".parse().expect("ip"), "10.0.0.3".parse().expect("ip")];
        assert_eq!(resolve(proxy, &chained, &proxies), client, "through two proxies of ours");
    }
}
