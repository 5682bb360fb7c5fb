use crate::helpers::*;
use medibook::server::seed;

#[tokio::test]
async fn seeding_twice_creates_no_duplicates_and_doctors_can_work() {
    let app = spawn_app().await;
    let first = seed::run(&app.state, 7, PASSWORD).await.expect("seed");
    assert_eq!(first.created.len(), 1 + 7 + 3, "admin, doctors, patients: {first:?}");
    let users = app.count("users").await;
    let second = seed::run(&app.state, 7, PASSWORD).await.expect("seed again");
    assert!(second.created.is_empty(), "{second:?}");
    assert_eq!(app.count("users").await, users);

    let smith = app.signed_in("dr_smith").await;
    let profile: serde_json::Value =
        app.call(&smith, "my_profile", &[]).await.json().await.expect("json");
    assert_eq!(profile["role"], "doctor");
    assert_eq!(profile["full_name"], "Dr. John Smith");
    assert_eq!(profile["doctor"]["specialty"], "Cardiology");
    assert!(profile["doctor"]["verified_at"].is_i64(), "seeded doctors are verified");

    let directory: serde_json::Value =
        app.call(&app.client(), "list_doctors", &[]).await.json().await.expect("json");
    assert_eq!(directory.as_array().map(Vec::len), Some(7));
    app.stop().await;
}
