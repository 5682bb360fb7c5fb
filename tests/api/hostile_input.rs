//! Every server function, called as anonymous, patient, doctor and admin with generated hostile
//! input: empty, huge, negative, non-UTF-8, overflowing dates and numbers, wrong types,
//! duplicated fields. No answer may be a 5xx, nothing may panic, and no row may be written.
//!
//! The functions and their arguments are read from `src/api/*.rs`, so a new server function is
//! swept without anyone adding it here.

use crate::helpers::*;
use std::collections::BTreeMap;
use std::sync::{Arc, Mutex, OnceLock};

const NOW: &str = "2026-11-20T12:00:00Z";

/// Tables a refused request may still write to: the session store (every request may touch
/// its session) and the count of wrong passwords (a hostile sign-in is a wrong password); and
/// the directory's availability cache, which its worker refreshes as time passes.
const BOOKKEEPING: &[&str] = &[
    "tower_sessions",
    "sign_in_failures",
    "_sqlx_migrations",
    "doctor_free_days",
    "doctor_availability",
];

/// Requests in the sweep that are valid after all, and the table they write: a week with every
/// day blank is a doctor clearing their weekly hours.
const VALID_BLANK_INPUT: &[(&str, &str)] = &[("save_weekly_hours", "working_hours")];

/// Tables a request in the sweep may add rows to because its text was a valid value after all
/// (an admin may name a specialty "NaN"); each row written there must pass the domain's check.
const FREE_TEXT_ROWS: &[&str] = &["specialties"];

/// A server function: its endpoint and its arguments (name, Rust type).
#[derive(Debug)]
struct Endpoint {
    name: String,
    args: Vec<(String, String)>,
}

/// The server functions declared in `src/api`.
fn endpoints() -> Vec<Endpoint> {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src/api");
    let mut found = Vec::new();
    for entry in std::fs::read_dir(dir).expect("src/api") {
        let source = std::fs::read_to_string(entry.expect("entry").path()).expect("source");
        let Some(at) = source.find("#[server(endpoint = \"") else { continue };
        let rest = &source[at + "#[server(endpoint = \"".len()..];
        let name = rest[..rest.find('"').expect("quoted")].to_owned();
        let signature = &rest[rest.find("pub async fn").expect("fn")..];
        let open = signature.find('(').expect("(");
        let close = signature.find(") -> ").expect(") ->");
        let args = signature[open + 1..close]
            .split(',')
            .map(|arg| arg.replace("#[server(default)]", ""))
            .filter_map(|arg| {
                let (name, ty) = arg.split_once(':')?;
                Some((name.trim().to_owned(), ty.trim().to_owned()))
            })
            .collect();
        found.push(Endpoint { name, args });
    }
    found.sort_by(|a, b| a.name.cmp(&b.name));
    found
}

/// Values no argument of this type should be hurt by.
fn hostile_values(ty: &str) -> Vec<String> {
    let mut values: Vec<String> = [
        "",
        " ",
        "\0",
        "-1",
        "0",
        "9223372036854775807",
        "9223372036854775808",
        "-9223372036854775809",
        "1e309",
        "NaN",
        "1.5",
        "১০",
        "+262142-01-01",
        "262142-01-01",
        "-999999-12-31",
        "2026-02-30",
        "9999-12-31T23:59:59Z",
        "+262142-01-01T00:00:00Z",
        "2026-11-23T25:61:00Z",
        "'; DROP TABLE users; --",
        "<script>alert(1)</script>",
        "\u{202e}evil",
        "%00%ff",
        "true",
    ]
    .map(String::from)
    .to_vec();
    values.push("9".repeat(400));
    values.push("😀".repeat(5_000));
    if ty.contains("String") {
        values.push("x".repeat(60_000));
    }
    values
}

/// Panics seen by any thread while the sweep runs.
fn panics() -> &'static Mutex<Vec<String>> {
    static PANICS: OnceLock<Mutex<Vec<String>>> = OnceLock::new();
    PANICS.get_or_init(|| {
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            let thread = std::thread::current().name().unwrap_or("?").to_owned();
            if thread.contains("hostile") || thread.starts_with("tokio") {
                panics().lock().expect("lock").push(format!("{thread}: {info}"));
            }
            previous(info);
        }));
        Mutex::new(Vec::new())
    })
}

/// Row counts of every table a refused request must leave alone.
async fn rows(app: &TestApp) -> BTreeMap<String, i64> {
    let tables: Vec<String> =
        sqlx::query_scalar("SELECT name FROM sqlite_master WHERE type = 'table'")
            .fetch_all(&app.state.db)
            .await
            .expect("tables");
    let mut counts = BTreeMap::new();
    for table in tables.into_iter().filter(|t| !BOOKKEEPING.contains(&t.as_str())) {
        counts.insert(table.clone(), app.count(&table).await);
    }
    counts
}

/// The bodies to send an endpoint: (what it is, content type, body).
fn bodies(endpoint: &Endpoint) -> Vec<(String, &'static str, Vec<u8>)> {
    let form = |pairs: Vec<(String, String)>| {
        serde_urlencoded::to_string(pairs).expect("form").into_bytes()
    };
    let urlencoded = "application/x-www-form-urlencoded";
    let mut bodies = vec![("empty".to_owned(), urlencoded, Vec::new())];
    let types: Vec<&str> = endpoint.args.iter().map(|(_, ty)| ty.as_str()).collect();
    let values = hostile_values(&types.join(" "));
    for value in &values {
        let pairs = endpoint.args.iter().map(|(name, _)| (name.clone(), value.clone())).collect();
        let shown: String = value.chars().take(24).collect();
        bodies.push((format!("every argument {shown:?}"), urlencoded, form(pairs)));
    }
    // Each argument twice, with two different values.
    let twice = endpoint
        .args
        .iter()
        .flat_map(|(name, _)| [(name.clone(), "1".to_owned()), (name.clone(), "2".to_owned())])
        .collect();
    bodies.push(("duplicated fields".to_owned(), urlencoded, form(twice)));
    // Bytes that are not UTF-8, raw and percent-encoded.
    let mut raw = Vec::new();
    for (name, _) in &endpoint.args {
        raw.extend_from_slice(name.as_bytes());
        raw.extend_from_slice(b"=\xff\xfe\xc3%FF%C3&");
    }
    bodies.push(("non-UTF-8".to_owned(), urlencoded, raw));
    // Wrong types, as JSON, and JSON where a form is expected.
    let json: serde_json::Map<String, serde_json::Value> = endpoint
        .args
        .iter()
        .map(|(name, _)| (name.clone(), serde_json::json!({"nested": [1, -1e308, null]})))
        .collect();
    let json = serde_json::to_vec(&json).expect("json");
    bodies.push(("wrong types as JSON".to_owned(), "application/json", json.clone()));
    bodies.push(("JSON as a form".to_owned(), urlencoded, json));
    bodies
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn hostile_input_to_every_server_function_is_refused_cleanly_with_nothing_written() {
    let seen_panics = panics();
    let (app, _clock) = spawn_seeded_app_at(NOW).await;
    let app = Arc::new(app);
    let endpoints = endpoints();
    assert!(endpoints.len() >= 50, "found {} server functions", endpoints.len());
    let callers = [
        ("anonymous", app.client()),
        ("patient", app.signed_in("alice").await),
        ("doctor", app.signed_in("dr_smith").await),
        ("admin", app.admin.clone()),
    ];
    let before = rows(&app).await;
    let mut failures = Vec::new();
    let mut sent = 0;
    let mut accepted_blank = Vec::new();
    for endpoint in &endpoints {
        // Functions without arguments have nothing to be hostile about (and some, like sign
        // out, are meant to write); they still must refuse an oversized body.
        let cases = if endpoint.args.is_empty() { Vec::new() } else { bodies(endpoint) };
        for (role, client) in &callers {
            for (what, content_type, body) in &cases {
                let response = client
                    .post(format!("{}/api/{}", app.address, endpoint.name))
                    .header("origin", &app.address)
                    .header("content-type", *content_type)
                    .body(body.clone())
                    .send()
                    .await;
                sent += 1;
                match response {
                    Ok(response) if response.status().is_server_error() => {
                        let status = response.status();
                        let text: String = response.text().await.unwrap_or_default();
                        failures
                            .push(format!("{} as {role}, {what}: {status} {text}", endpoint.name));
                    }
                    Ok(response) => {
                        let blank = what == "every argument \"\"" || what == "every argument \" \"";
                        if response.status().is_success() && blank {
                            accepted_blank.push(endpoint.name.clone());
                        }
                    }
                    Err(error) => failures
                        .push(format!("{} as {role}, {what}: no answer ({error})", endpoint.name)),
                }
            }
        }
        let oversized = app
            .client()
            .post(format!("{}/api/{}", app.address, endpoint.name))
            .header("origin", &app.address)
            .header("content-type", "application/x-www-form-urlencoded")
            .body(vec![b'a'; 100 * 1024])
            .send()
            .await
            .expect("answered");
        if oversized.status() != 413 {
            failures.push(format!("{}: 100 KiB body got {}", endpoint.name, oversized.status()));
        }
    }
    let after = rows(&app).await;
    let legitimately_written = |table: &str| {
        VALID_BLANK_INPUT.iter().any(|(endpoint, written)| {
            *written == table && accepted_blank.iter().any(|accepted| accepted == endpoint)
        })
    };
    let written: Vec<String> = before
        .iter()
        .filter(|(table, count)| after.get(*table) != Some(count))
        .filter(|(table, _)| {
            !legitimately_written(table) && !FREE_TEXT_ROWS.contains(&table.as_str())
        })
        .map(|(table, count)| format!("{table}: {count} -> {:?}", after.get(table)))
        .collect();
    let names: Vec<String> = sqlx::query_scalar("SELECT name FROM specialties")
        .fetch_all(&app.state.db)
        .await
        .expect("specialties");
    for name in names {
        let parsed = medibook::domain::specialty_name::parse_specialty_name(&name);
        assert_eq!(parsed.as_ref(), Ok(&name), "a specialty named {name:?} got in");
    }
    let panicked = seen_panics.lock().expect("lock").clone();
    assert!(
        failures.is_empty(),
        "{} of {sent} requests failed:\n{}",
        failures.len(),
        failures.join("\n")
    );
    assert!(written.is_empty(), "hostile requests wrote rows: {written:?}");
    assert!(panicked.is_empty(), "panics: {panicked:?}");
    assert!(sent > 4_000, "{sent} requests sent");
}
