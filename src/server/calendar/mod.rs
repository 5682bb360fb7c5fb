//! Calendar integration: secret subscription feeds, the `.ics` of one appointment, and the
//! invitations booking mails carry — all RFC 5545 text with one UID per appointment — and
//! doctors' own calendars (ICS addresses, CalDAV) read for busy times.

pub mod busy;
pub mod caldav;
pub mod feeds;
pub mod fetch;
pub mod ics;
pub mod invitation;
pub mod push;
pub mod routes;
pub mod secret_box;
pub mod sources;
pub mod sync;
pub mod url_guard;
pub mod visits;
pub mod worker;

/// The host of the site's address (`https://clinic.example:8443/x` → `clinic.example`), the
/// right-hand side of every event's UID.
pub fn site_host(site_url: &str) -> String {
    let rest = site_url.split_once("://").map_or(site_url, |(_, rest)| rest);
    let authority = rest.split(['/', '?', '#']).next().unwrap_or(rest);
    let host = match authority.strip_prefix('[') {
        Some(v6) => v6.split(']').next().unwrap_or(v6),
        None => authority.rsplit_once(':').map_or(authority, |(host, _)| host),
    };
    host.to_ascii_lowercase()
}

#[cfg(test)]
mod tests {
    use super::site_host;

    #[test]
    fn the_uid_host_is_the_site_address_host() {
        assert_eq!(site_host("https://Clinic.Example:8443/x"), "clinic.example");
        assert_eq!(site_host("http://127.0.0.1:3000"), "127.0.0.1");
        assert_eq!(site_host("http://[::1]:3000"), "::1");
    }
}
