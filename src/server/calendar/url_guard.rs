//! The server fetches addresses doctors type, so each is checked first: http(s) only, no
//! credentials in it, and no private, loopback, link-local or otherwise internal address —
//! checked on the resolved addresses, which the request then uses (a name cannot resolve
//! differently between the check and the connection). A setting allows private addresses
//! (`calendar.allow_private_addresses`, on in the tests for their loopback servers).

use std::net::{IpAddr, Ipv4Addr, SocketAddr};

/// Why an address is refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Refused {
    /// Not an absolute http(s) address.
    NotHttp,
    /// A user name or password inside the address.
    Credentials,
    /// The host resolves to nothing.
    Unresolved(String),
    /// It resolves to an internal address.
    Internal(IpAddr),
}

impl Refused {
    /// The sentence a doctor reads.
    pub fn sentence(&self) -> String {
        match self {
            Refused::NotHttp => "The address must start with https:// (or http://).".into(),
            Refused::Credentials => {
                "Put the user name and password in their own fields, not in the address.".into()
            }
            Refused::Unresolved(host) => format!("The server {host} could not be found."),
            Refused::Internal(ip) => {
                format!("The address points inside a private network ({ip}); it is not fetched.")
            }
        }
    }
}

/// Whether `ip` is reachable only from inside (loopback, private, link-local, CGNAT, unique
/// local, multicast, unspecified, documentation, broadcast, or such an address mapped to IPv6).
pub fn is_internal(ip: IpAddr) -> bool {
    match ip {
        IpAddr::V4(v4) => internal_v4(v4),
        IpAddr::V6(v6) => {
            if let Some(v4) = v6.to_ipv4_mapped() {
                return internal_v4(v4);
            }
            let first = v6.segments()[0];
            v6.is_loopback()
                || v6.is_unspecified()
                || v6.is_multicast()
                || (first & 0xfe00) == 0xfc00 // unique local fc00::/7
                || (first & 0xffc0) == 0xfe80 // link-local fe80::/10
                || (first & 0xffc0) == 0xfec0 // site-local (deprecated) fec0::/10
                || (first == 0x2001 && v6.segments()[1] == 0x0db8) // documentation
                || v6.segments()[..6] == [0, 0, 0, 0, 0, 0] // IPv4-compatible
                || (first == 0x0064 && v6.segments()[1] == 0xff9b) // NAT64 of anything
        }
    }
}

fn internal_v4(ip: Ipv4Addr) -> bool {
    let [a, b, ..] = ip.octets();
    ip.is_private()
        || ip.is_loopback()
        || ip.is_link_local()
        || ip.is_unspecified()
        || ip.is_broadcast()
        || ip.is_multicast()
        || ip.is_documentation()
        || a == 0
        || (a == 100 && (64..128).contains(&b)) // shared address space (CGNAT)
        || (a == 192 && b == 0 && ip.octets()[2] == 0) // IETF protocol assignments
        || (a == 198 && (b == 18 || b == 19)) // benchmarking
        || a >= 240 // reserved
}

/// A checked address: the URL and the socket addresses its host may be reached at.
#[derive(Debug, Clone)]
pub struct Checked {
    pub url: reqwest::Url,
    pub host: String,
    pub addresses: Vec<SocketAddr>,
}

/// Parses `raw` and checks its form (no network).
pub fn parse(raw: &str) -> Result<reqwest::Url, Refused> {
    let url = reqwest::Url::parse(raw.trim()).map_err(|_| Refused::NotHttp)?;
    if !matches!(url.scheme(), "http" | "https") || url.host_str().is_none() {
        return Err(Refused::NotHttp);
    }
    if !url.username().is_empty() || url.password().is_some() {
        return Err(Refused::Credentials);
    }
    Ok(url)
}

/// Parses, resolves and checks `raw`; with `allow_private`, internal addresses pass.
pub async fn check(raw: &str, allow_private: bool) -> Result<Checked, Refused> {
    let url = parse(raw)?;
    let host = url.host_str().unwrap_or_default().trim_matches(['[', ']']).to_owned();
    let port = url.port_or_known_default().unwrap_or(443);
    let addresses: Vec<SocketAddr> = match host.parse::<IpAddr>() {
        Ok(ip) => vec![SocketAddr::new(ip, port)],
        Err(_) => tokio::net::lookup_host((host.as_str(), port))
            .await
            .map_err(|_| Refused::Unresolved(host.clone()))?
            .collect(),
    };
    if addresses.is_empty() {
        return Err(Refused::Unresolved(host));
    }
    if !allow_private {
        if let Some(bad) = addresses.iter().find(|a| is_internal(a.ip())) {
            return Err(Refused::Internal(bad.ip()));
        }
    }
    Ok(Checked { url, host, addresses })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn internal_addresses_are_recognised_and_public_ones_pass() {
        for internal in [
            "127.0.0.1",
            "10.1.2.3",
            "172.16.0.1",
            "192.168.1.1",
            "169.254.169.254",
            "0.0.0.0",
            "100.64.0.1",
            "255.255.255.255",
            "224.0.0.1",
            "::1",
            "::",
            "fc00::1",
            "fd12::1",
            "fe80::1",
            "::ffff:127.0.0.1",
            "::ffff:169.254.169.254",
            "64:ff9b::a9fe:a9fe",
        ] {
            assert!(is_internal(internal.parse().expect("ip")), "{internal}");
        }
        for public in ["93.184.216.34", "1.1.1.1", "2606:4700:4700::1111"] {
            assert!(!is_internal(public.parse().expect("ip")), "{public}");
        }
    }

    #[test]
    fn only_plain_http_addresses_are_taken() {
        assert!(parse("https://calendar.example/cal.ics").is_ok());
        assert_eq!(parse("file:///etc/passwd").err(), Some(Refused::NotHttp));
        assert_eq!(parse("ftp://x.example/a").err(), Some(Refused::NotHttp));
        assert_eq!(parse("calendar.example/cal.ics").err(), Some(Refused::NotHttp));
        assert_eq!(parse("https://me:secret@x.example/").err(), Some(Refused::Credentials));
    }

    #[tokio::test]
    async fn loopback_and_metadata_addresses_are_refused_unless_allowed() {
        for raw in
            ["http://127.0.0.1:8080/a.ics", "http://[::1]/a.ics", "http://169.254.169.254/latest"]
        {
            assert!(matches!(check(raw, false).await, Err(Refused::Internal(_))), "{raw}");
            assert!(check(raw, true).await.is_ok(), "{raw} allowed by the setting");
        }
        assert!(matches!(check("http://localhost:9/a", false).await, Err(Refused::Internal(_))));
    }
}
