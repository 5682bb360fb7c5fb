//! Telling the server, as an islands page is left for another page, that the patient is done
//! with something (a held time). An islands page has no router whose cleanup would run: every
//! link, and the browser's back button, loads a new document.

/// Calls `on_leave` as the browser leaves this page for another (a link, back or forward), but
/// not on a reload, nor while a form posts to a server function (its answer says where to go).
/// A navigation only marks the page as being left; `on_leave` runs on `pagehide`, once the page
/// is really gone, so a navigation that is stopped, fails or downloads a file calls nothing. A
/// page shown again from the back-forward cache is loaded afresh (what `on_leave` let go is
/// gone). Uses the Navigation API (Chromium 102+, Firefox 147+, Safari 26.2+); where a browser
/// lacks it, nothing is called.
#[cfg(feature = "hydrate")]
pub fn on_leaving_page(on_leave: impl Fn() + 'static) {
    use js_sys::Reflect;
    use std::{cell::Cell, rc::Rc};
    use wasm_bindgen::{JsCast, JsValue, closure::Closure};
    let field = |value: &JsValue, name: &str| Reflect::get(value, &JsValue::from_str(name)).ok();
    let window = leptos::prelude::window();
    let Some(navigation) = field(&window, "navigation").filter(|navigation| navigation.is_object())
    else {
        return;
    };
    let here = leptos::prelude::location().pathname().ok();
    let leaving = Rc::new(Cell::new(false));
    let noted = Rc::clone(&leaving);
    let on_navigate = Closure::<dyn Fn(JsValue)>::new(move |event: JsValue| {
        let kind = field(&event, "navigationType").and_then(|kind| kind.as_string());
        let destination = field(&event, "destination")
            .and_then(|destination| field(&destination, "url"))
            .and_then(|url| url.as_string());
        noted.set(leaves(kind.as_deref(), destination.as_deref(), here.as_deref()));
    });
    let on_page_hide = Closure::<dyn Fn()>::new(move || {
        if leaving.replace(false) {
            on_leave();
        }
    });
    let on_page_show = Closure::<dyn Fn(JsValue)>::new(move |event: JsValue| {
        if field(&event, "persisted").and_then(|persisted| persisted.as_bool()) == Some(true) {
            let _ = leptos::prelude::location().reload();
        }
    });
    let listen = field(&navigation, "addEventListener")
        .and_then(|listen| listen.dyn_into::<js_sys::Function>().ok());
    if let Some(listen) = listen {
        let _ = listen.call2(&navigation, &JsValue::from_str("navigate"), on_navigate.as_ref());
        for (name, handler) in
            [("pagehide", on_page_hide.as_ref()), ("pageshow", on_page_show.as_ref())]
        {
            let _ = window.add_event_listener_with_callback(name, handler.unchecked_ref());
        }
        // The listeners live as long as the page.
        on_navigate.forget();
        on_page_hide.forget();
        on_page_show.forget();
    }
}

/// Sends `fields` (form fields) to `url` with a POST that outlives the page (`sendBeacon`).
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
/// but a reload, unless it only changes the fragment or query of this same page or posts a form
/// to a server function (under `/api/`: the answer decides where the patient goes).
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
        (Some(path), _) if path.starts_with("/api/") => false,
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
    fn a_form_posted_to_a_server_function_does_not_leave_it_yet() {
        assert!(!leaves(Some("push"), Some("http://h/api/book_held_slot"), Some("/book/3")));
        assert!(leaves(Some("push"), Some("http://h/apis"), Some("/book/3")));
    }

    #[test]
    fn an_unknown_destination_counts_as_leaving() {
        assert!(leaves(Some("push"), None, Some("/book/3")));
    }
}
