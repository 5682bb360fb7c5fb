//! Time-zone rules in the wasm client, asked of the browser (`Intl.DateTimeFormat`).
//!
//! Every browser carries the IANA database; the client asks it for a zone's UTC offset at an
//! instant instead of shipping chrono-tz's tables (the main wasm's data section fell from
//! 996 KB to 136 KB, the wasm from 626 KB to 561 KB with brotli).
//! `domain::schedule::zone_offsets` builds the wall-clock arithmetic on these offsets.

use chrono::{DateTime, NaiveDate, Utc};
use js_sys::{Array, Function, Intl, Object, Reflect};
use std::cell::RefCell;
use std::collections::HashMap;
use wasm_bindgen::{JsCast, JsValue};

thread_local! {
    /// One formatter per zone name (names leaked once: a page knows a handful of zones).
    static FORMATTERS: RefCell<HashMap<String, (&'static str, Intl::DateTimeFormat)>> =
        RefCell::new(HashMap::new());
}

/// The zone's name as given, if the browser knows the zone.
pub fn known(name: &str) -> Option<&'static str> {
    with_formatter(name, |name, _| name)
}

/// The zone's UTC offset in seconds at `instant` (0 for a zone the browser does not know).
pub fn offset_seconds(name: &str, instant: DateTime<Utc>) -> i32 {
    with_formatter(name, |_, formatter| offset_with(formatter, instant)).unwrap_or(0)
}

fn with_formatter<T>(
    name: &str,
    then: impl FnOnce(&'static str, &Intl::DateTimeFormat) -> T,
) -> Option<T> {
    FORMATTERS.with(|formatters| {
        let mut formatters = formatters.borrow_mut();
        if !formatters.contains_key(name) {
            let formatter = new_formatter(name)?;
            let leaked: &'static str = Box::leak(name.to_owned().into_boxed_str());
            formatters.insert(name.to_owned(), (leaked, formatter));
        }
        formatters.get(name).map(|(name, formatter)| then(name, formatter))
    })
}

/// `new Intl.DateTimeFormat("en-US", {timeZone, hourCycle: "h23", year … second: "numeric"})`,
/// or `None` when the browser refuses the zone (a `RangeError`).
fn new_formatter(name: &str) -> Option<Intl::DateTimeFormat> {
    let options = Object::new();
    let set = |key: &str, value: &str| Reflect::set(&options, &key.into(), &value.into()).ok();
    set("timeZone", name)?;
    set("hourCycle", "h23")?;
    for field in ["year", "month", "day", "hour", "minute", "second"] {
        set(field, "numeric")?;
    }
    let intl = Reflect::get(&js_sys::global(), &"Intl".into()).ok()?;
    let constructor: Function =
        Reflect::get(&intl, &"DateTimeFormat".into()).ok()?.dyn_into().ok()?;
    let arguments = Array::of2(&JsValue::from_str("en-US"), &options);
    Reflect::construct(&constructor, &arguments).ok()?.dyn_into().ok()
}

/// Reads the wall clock the formatter shows at `instant` and subtracts the instant.
fn offset_with(formatter: &Intl::DateTimeFormat, instant: DateTime<Utc>) -> i32 {
    let seconds = instant.timestamp();
    let date = js_sys::Date::new(&JsValue::from_f64(seconds as f64 * 1000.0));
    let mut fields = [0i64; 6];
    for part in formatter.format_to_parts(&date).iter() {
        let kind = Reflect::get(&part, &"type".into()).ok().and_then(|v| v.as_string());
        let value = Reflect::get(&part, &"value".into()).ok().and_then(|v| v.as_string());
        let index = match kind.as_deref() {
            Some("year") => 0,
            Some("month") => 1,
            Some("day") => 2,
            Some("hour") => 3,
            Some("minute") => 4,
            Some("second") => 5,
            _ => continue,
        };
        fields[index] = value.and_then(|v| v.parse().ok()).unwrap_or(0);
    }
    let [year, month, day, hour, minute, second] = fields;
    let wall = NaiveDate::from_ymd_opt(year as i32, month as u32, day as u32)
        .and_then(|d| d.and_hms_opt(hour as u32, minute as u32, second as u32));
    wall.map_or(0, |wall| (wall.and_utc().timestamp() - seconds) as i32)
}
