//! The CalDAV requests a sync makes and how their WebDAV answers are read: `sync-collection`
//! (RFC 6578: what changed since a sync-token, so an unchanged calendar costs one request) and
//! `calendar-multiget` (RFC 4791: the changed objects' iCalendar text).

/// One `DAV:response` of a multistatus.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Member {
    pub href: String,
    /// `None` for a member reported gone (404).
    pub etag: Option<String>,
    pub calendar_data: Option<String>,
}

/// A multistatus answer: its members and, for a sync report, the new token.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Multistatus {
    pub members: Vec<Member>,
    pub sync_token: Option<String>,
}

fn escape(text: &str) -> String {
    text.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;")
}

/// The `sync-collection` report since `token` (none: everything).
pub fn sync_collection(token: Option<&str>) -> String {
    format!(
        "<?xml version=\"1.0\" encoding=\"utf-8\"?>\
         <d:sync-collection xmlns:d=\"DAV:\"><d:sync-token>{}</d:sync-token>\
         <d:sync-level>1</d:sync-level><d:prop><d:getetag/></d:prop></d:sync-collection>",
        escape(token.unwrap_or(""))
    )
}

/// The `calendar-multiget` report of `hrefs`.
pub fn multiget(hrefs: &[String]) -> String {
    let hrefs: String = hrefs.iter().map(|h| format!("<d:href>{}</d:href>", escape(h))).collect();
    format!(
        "<?xml version=\"1.0\" encoding=\"utf-8\"?>\
         <c:calendar-multiget xmlns:d=\"DAV:\" xmlns:c=\"urn:ietf:params:xml:ns:caldav\">\
         <d:prop><d:getetag/><c:calendar-data/></d:prop>{hrefs}</c:calendar-multiget>"
    )
}

const DAV: &str = "DAV:";
const CALDAV: &str = "urn:ietf:params:xml:ns:caldav";

/// Reads a 207 multistatus body.
pub fn parse_multistatus(xml: &str) -> Result<Multistatus, String> {
    let document = roxmltree::Document::parse(xml).map_err(|e| format!("not XML: {e}"))?;
    let root = document.root_element();
    if !root.has_tag_name((DAV, "multistatus")) {
        return Err("not a WebDAV multistatus".into());
    }
    let text = |node: roxmltree::Node, ns: &str, name: &str| {
        node.descendants()
            .find(|n| n.has_tag_name((ns, name)))
            .and_then(|n| n.text())
            .map(|t| t.trim().to_owned())
    };
    let mut out = Multistatus {
        sync_token: root
            .children()
            .find(|n| n.has_tag_name((DAV, "sync-token")))
            .and_then(|n| n.text())
            .map(|t| t.trim().to_owned()),
        ..Multistatus::default()
    };
    for response in root.children().filter(|n| n.has_tag_name((DAV, "response"))) {
        // An object name we could not store (none, or absurdly long) is not a calendar object.
        let Some(href) = text(response, DAV, "href").filter(|h| (1..=2000).contains(&h.len()))
        else {
            continue;
        };
        // A member is gone when the response's own status (outside any propstat) says 404.
        let gone = response
            .children()
            .find(|n| n.has_tag_name((DAV, "status")))
            .and_then(|n| n.text())
            .is_some_and(|status| status.contains(" 404"));
        let ok_props = response
            .children()
            .filter(|n| n.has_tag_name((DAV, "propstat")))
            .find(|p| text(*p, DAV, "status").is_some_and(|status| status.contains(" 200")));
        out.members.push(Member {
            href,
            etag: if gone { None } else { ok_props.and_then(|p| text(p, DAV, "getetag")) },
            calendar_data: ok_props.and_then(|p| {
                p.descendants()
                    .find(|n| n.has_tag_name((CALDAV, "calendar-data")))
                    .and_then(|n| n.text())
                    .map(str::to_owned)
            }),
        });
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_sync_answer_lists_changed_and_gone_members_and_the_new_token() {
        let xml = r#"<?xml version="1.0"?>
            <multistatus xmlns="DAV:">
              <response><href>/doc/cal/a.ics</href>
                <propstat><prop><getetag>"e1"</getetag></prop><status>HTTP/1.1 200 OK</status></propstat>
              </response>
              <response><href>/doc/cal/b.ics</href><status>HTTP/1.1 404 Not Found</status></response>
              <sync-token>http://radicale.org/ns/sync/abc</sync-token>
            </multistatus>"#;
        let read = parse_multistatus(xml).expect("multistatus");
        assert_eq!(read.sync_token.as_deref(), Some("http://radicale.org/ns/sync/abc"));
        assert_eq!(read.members.len(), 2);
        assert_eq!(read.members[0].etag.as_deref(), Some("\"e1\""));
        assert_eq!(
            read.members[1],
            Member { href: "/doc/cal/b.ics".into(), etag: None, calendar_data: None }
        );
    }

    #[test]
    fn a_multiget_answer_carries_each_objects_text() {
        let xml = r#"<d:multistatus xmlns:d="DAV:" xmlns:C="urn:ietf:params:xml:ns:caldav">
              <d:response><d:href>/c/a.ics</d:href><d:propstat><d:prop><d:getetag>"1"</d:getetag>
              <C:calendar-data>BEGIN:VCALENDAR&#13;
END:VCALENDAR</C:calendar-data></d:prop><d:status>HTTP/1.1 200 OK</d:status></d:propstat></d:response>
            </d:multistatus>"#;
        let read = parse_multistatus(xml).expect("multistatus");
        assert!(
            read.members[0]
                .calendar_data
                .as_deref()
                .is_some_and(|d| d.starts_with("BEGIN:VCALENDAR"))
        );
        assert!(parse_multistatus("<html/>").is_err());
        assert!(sync_collection(Some("a<b")).contains("a&lt;b"));
        assert!(multiget(&["/c/a.ics".into()]).contains("<d:href>/c/a.ics</d:href>"));
    }
}
