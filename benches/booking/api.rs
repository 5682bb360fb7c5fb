//! The booking benchmark's distinct-slots phase, run through the server functions (as the web
//! app books) and through `/api/v1` (as a mobile app books) in the same run, for issue 19's
//! "within 10 %" comparison.

use super::{Client, book, json, report};
use std::time::{Duration, Instant};

/// How a booking is sent.
#[derive(Clone)]
pub enum Via {
    /// `hold_slot` + `book_held_slot` with the session cookie.
    ServerFunctions,
    /// `POST /api/v1/holds` + `POST /api/v1/holds/{id}/booking` with each patient's token.
    Api(Vec<String>),
}

/// Each patient's access token (`POST /api/v1/tokens`).
pub async fn tokens(url: &str, clients: usize, password: &str) -> Vec<String> {
    let mut tokens = Vec::new();
    for n in 0..clients {
        let answer = reqwest::Client::new()
            .post(format!("{url}/api/v1/tokens"))
            .json(&serde_json::json!({"login": format!("bench{n:03}"), "password": password}))
            .send()
            .await
            .expect("tokens");
        let body: serde_json::Value = answer.json().await.expect("json");
        tokens.push(body["access_token"].as_str().expect("access token").to_owned());
    }
    tokens
}

/// Client `i` books every start of `plans[i]` (its own doctor), all clients at once.
pub async fn distinct(
    url: &str,
    patients: &[Client],
    plans: Vec<(i64, Vec<String>)>,
    via: Via,
    label: &str,
) {
    let began = Instant::now();
    let tasks: Vec<_> = patients
        .iter()
        .cloned()
        .zip(plans)
        .enumerate()
        .map(|(n, (client, (doctor, starts)))| {
            let (url, via, label) = (url.to_owned(), via.clone(), label.to_owned());
            tokio::spawn(async move {
                // Each API client keeps its own connections, as each cookie client does.
                let api = Client::new();
                let mut results = Vec::new();
                for (k, start) in starts.iter().enumerate() {
                    let key = format!("{}-{n}-{k}", label.replace(' ', "-"));
                    results.push(match &via {
                        Via::ServerFunctions => book(&client, &url, doctor, start, &key).await,
                        Via::Api(tokens) => {
                            by_api(&api, &url, &tokens[n], doctor, start, &key).await
                        }
                    });
                }
                results
            })
        })
        .collect();
    let mut times = Vec::new();
    let mut booked = 0;
    for task in tasks {
        for (outcome, took) in task.await.expect("task") {
            assert_eq!(outcome, "booked", "distinct slots all book");
            booked += 1;
            times.push(took);
        }
    }
    let clients = patients.len();
    report(&format!("distinct slots, {clients} clients, {label}"), times, booked, began.elapsed());
}

/// Hold + book through `/api/v1`, paying from the wallet.
async fn by_api(
    client: &Client,
    url: &str,
    token: &str,
    doctor: i64,
    start: &str,
    key: &str,
) -> (String, Duration) {
    let began = Instant::now();
    let hold = serde_json::json!({"doctor_id": doctor, "start": start});
    let (status, body) =
        timed(client.post(format!("{url}/api/v1/holds")).bearer_auth(token).json(&hold)).await;
    if status != 201 {
        return (format!("hold {status} {body}"), began.elapsed());
    }
    let id = json(&body)["appointment_id"].to_string();
    let booking = serde_json::json!({"reason": "Benchmark", "payment_method": "wallet"});
    let request = client
        .post(format!("{url}/api/v1/holds/{id}/booking"))
        .bearer_auth(token)
        .header("Idempotency-Key", key)
        .json(&booking);
    let (status, body) = timed(request).await;
    let outcome = if status == 201 { "booked".to_owned() } else { format!("book {status} {body}") };
    (outcome, began.elapsed())
}

async fn timed(request: reqwest::RequestBuilder) -> (u16, String) {
    let began = Instant::now();
    let response = request.send().await.expect("request");
    let status = response.status().as_u16();
    let body = response.text().await.expect("body");
    if let Ok(mut requests) = super::REQUESTS.lock() {
        requests.push(began.elapsed());
    }
    (status, body)
}
