//! Telling the server, as an islands page is left for another page, that the patient is done
//! with something (a held time). An islands page has no router whose cleanup would run: every
//! link, and the browser's back button, loads a new document.

/// Calls `on_leave` once the browser starts leaving this page for another (a link, a form's
/// page load, back or forward), but not on a reload. Uses the Navigation API (Chromium 102+,
/// Firefox 147+, Safari 26.2+); where a browser lacks it, nothing is called.
#[cfg(feature = "hydrate")]
pub fn on_leaving_page(on_leave: impl Fn() + 'static) {
    use js_sys::Reflect;
    use wasm_bindgen::{JsCast, JsValue, closure::Closure};
    let field = |value: &JsValue, name: &str| Reflect::get(value, &JsValue::from_str(name)).ok();
    let Some(navigation) =
        field(&leptos::prelude::window(), "navigation").filter(|navigation| navigation.is_object())
    else {
        return;
    };
    let here = leptos::prelude::location().pathname().ok();
    let handler = Closure::<dyn Fn(JsValue)>::new(move |event: JsValue| {
        let kind = field(&event, "navigationType").and_then(|kind| kind.as_string());
        let destination = field(&event, "destination")
            .and_then(|destination| field(&destination, "url"))
            .and_then(|url| url.as_string());
        if leaves(kind.as_deref(), destination.as_deref(), here.as_deref()) {
            on_leave();
        }
    });
    let listen = field(&navigation, "addEventListener")
        .and_then(|listen| listen.dyn_into::<js_sys::Function>().ok());
    if let Some(listen) = listen {
        let _ = listen.call2(&navigation, &JsValue::from_str("navigate"), handler.as_ref());
        // The listener lives as long as the page.
        handler.forget();
    }
}

/// Sends `body` (form fields) to `url` with a POST that outlives the page (`sendBeacon`).
#[cfg(feature = "hydrate")]
pub fn post_while_leaving(url: &str, fields: &[(&str, &str)]) {
    let Ok(body) = web_sys::UrlSearchParams::new() else {
        return;
    };
    for (name, value) in fields {
        body.append(name, value);
    }
    let _ = leptos::prelude::window()
        .navigator()
        .send_beacon_with_opt_url_search_params(url, Some(&body));
}

/// Whether a navigation of `kind` to `destination` (a URL) leaves the page at path `here`: any
/// but a reload, unless it only changes the fragment or query of this same page.
pub fn leaves(kind: Option<&str>, destination: Option<&str>, here: Option<&str>) -> bool {
    if kind == Some("reload") {
        return false;
    }
    let path = destination.map(|url| {
        let after_scheme = url.split_once("://").map_or(url, |(_, rest)| rest);
        let path = after_scheme.find('/').map_or("/", |at| &after_scheme[at..]);
        path.split(['?', '#']).next().unwrap_or(path)
    });
    match (path, here) {
        (Some(path), Some(here)) => path != here,
        _ => true,
    }
}

#[cfg(test)]
mod tests {
    use super::leaves;

    #[test]
    fn a_reload_does_not_leave_the_page() {
        assert!(!leaves(Some("reload"), Some("http://h/book/3"), Some("/book/3")));
    }

    #[test]
    fn a_link_back_or_a_new_page_leaves_it() {
        assert!(leaves(Some("push"), Some("http://h/doctors/5"), Some("/book/3")));
        assert!(leaves(Some("traverse"), Some("https://h:8/doctors/5?day=1"), Some("/book/3")));
        assert!(leaves(Some("replace"), Some("http://h/"), Some("/book/3")));
    }

    #[test]
    fn the_same_page_with_another_fragment_or_query_is_not_left() {
        assert!(!leaves(Some("push"), Some("http://h/book/3#pay"), Some("/book/3")));
        assert!(!leaves(Some("push"), Some("http://h/book/3?error=x"), Some("/book/3")));
    }

    #[test]
    fn an_unknown_destination_counts_as_leaving() {
        assert!(leaves(Some("push"), None, Some("/book/3")));
    }
}
