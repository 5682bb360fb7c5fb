//! Small bridges to the browser (no-ops while rendering on the server).

/// The browser's IANA time zone (`Intl.DateTimeFormat().resolvedOptions().timeZone`).
#[cfg(feature = "hydrate")]
pub fn detected_time_zone() -> Option<String> {
    let options = js_sys::Intl::DateTimeFormat::new(&js_sys::Array::new(), &js_sys::Object::new())
        .resolved_options();
    js_sys::Reflect::get(&options, &"timeZone".into()).ok()?.as_string()
}

/// The value of cookie `name` in this document.
#[cfg(feature = "hydrate")]
pub fn read_cookie(name: &str) -> Option<String> {
    use wasm_bindgen::JsCast;
    let document = leptos::prelude::document().dyn_into::<web_sys::HtmlDocument>().ok()?;
    cookie_value(&document.cookie().ok()?, name)
}

/// Remembers `value` in a first-party cookie for a year.
#[cfg(feature = "hydrate")]
pub fn write_cookie(name: &str, value: &str) {
    use wasm_bindgen::JsCast;
    if let Ok(document) = leptos::prelude::document().dyn_into::<web_sys::HtmlDocument>() {
        let _ =
            document.set_cookie(&format!("{name}={value}; Path=/; Max-Age=31536000; SameSite=Lax"));
    }
}

/// Moves keyboard focus to the element with `id`, after the next repaint.
#[cfg(feature = "hydrate")]
pub fn focus_later(id: String) {
    leptos::prelude::request_animation_frame(move || {
        use wasm_bindgen::JsCast;
        if let Some(element) = leptos::prelude::document()
            .get_element_by_id(&id)
            .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
        {
            let _ = element.focus();
        }
    });
}

/// The `content` of the page's `<meta name="{name}">`.
#[cfg(feature = "hydrate")]
pub fn meta_content(name: &str) -> Option<String> {
    leptos::prelude::document()
        .query_selector(&format!("meta[name=\"{name}\"]"))
        .ok()??
        .get_attribute("content")
}

#[cfg(not(feature = "hydrate"))]
pub fn detected_time_zone() -> Option<String> {
    None
}

#[cfg(not(feature = "hydrate"))]
pub fn write_cookie(_name: &str, _value: &str) {}

#[cfg(not(feature = "hydrate"))]
pub fn focus_later(_id: String) {}

/// Finds `name` in a `Cookie`-style header (`a=1; b=2`).
pub fn cookie_value(header: &str, name: &str) -> Option<String> {
    header
        .split(';')
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(key, _)| *key == name)
        .map(|(_, value)| value.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_cookie_is_found_by_name() {
        let header = "medibook_session=abc; medibook_tz=Europe/London";
        assert_eq!(cookie_value(header, "medibook_tz").as_deref(), Some("Europe/London"));
        assert_eq!(cookie_value(header, "missing"), None);
    }
}
