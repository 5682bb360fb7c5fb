//! Page links (RFC 8288 `Link` headers) for paged lists: `first`, `prev`, `next`, `last`.

use axum::http::{HeaderValue, header};
use axum::response::Response;

/// Adds the `Link` header for page `page` of `pages` of `path?query` (the query as the client
/// sent it, its `page` replaced).
pub fn link_pages(response: &mut Response, path: &str, query: &str, page: u32, pages: u32) {
    let kept: Vec<&str> =
        query.split('&').filter(|p| !p.is_empty() && !p.starts_with("page=")).collect();
    let at = |n: u32| {
        let mut parts = kept.clone();
        let page = format!("page={n}");
        parts.push(&page);
        format!("<{path}?{}>", parts.join("&"))
    };
    let mut links = Vec::new();
    if pages > 0 {
        links.push(format!("{}; rel=\"first\"", at(1)));
        links.push(format!("{}; rel=\"last\"", at(pages)));
    }
    if page > 1 && page <= pages {
        links.push(format!("{}; rel=\"prev\"", at(page - 1)));
    }
    if page < pages {
        links.push(format!("{}; rel=\"next\"", at(page + 1)));
    }
    if let Ok(value) = HeaderValue::from_str(&links.join(", ")) {
        if !links.is_empty() {
            response.headers_mut().insert(header::LINK, value);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::response::IntoResponse;

    fn links(query: &str, page: u32, pages: u32) -> String {
        let mut response = ().into_response();
        link_pages(&mut response, "/api/v1/doctors", query, page, pages);
        response
            .headers()
            .get(header::LINK)
            .map(|v| v.to_str().unwrap_or("").to_owned())
            .unwrap_or_default()
    }

    #[test]
    fn a_middle_page_links_all_four_and_keeps_the_other_parameters() {
        let l = links("q=card&page=2&location=12", 2, 3);
        assert!(l.contains("</api/v1/doctors?q=card&location=12&page=1>; rel=\"first\""), "{l}");
        assert!(l.contains("</api/v1/doctors?q=card&location=12&page=3>; rel=\"last\""), "{l}");
        assert!(l.contains("page=1>; rel=\"prev\""), "{l}");
        assert!(l.contains("page=3>; rel=\"next\""), "{l}");
    }

    #[test]
    fn the_first_and_last_pages_have_no_prev_or_next_and_nothing_found_has_no_links() {
        let first = links("", 1, 2);
        assert!(!first.contains("prev") && first.contains("next"), "{first}");
        let last = links("page=2", 2, 2);
        assert!(last.contains("prev") && !last.contains("next"), "{last}");
        assert_eq!(links("q=zzz", 1, 0), "");
    }
}
