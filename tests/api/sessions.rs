use crate::helpers::*;

#[tokio::test]
async fn a_session_survives_a_server_restart() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db_path = dir.path().join("restart.db");
    let first = spawn_app_with(test_config(&db_path)).await;
    first.register_patient("jane").await.error_for_status().expect("registered");
    let client = first.signed_in("jane").await;
    first.stop().await;

    let second = spawn_app_with(test_config(&db_path)).await;
    // Cookies are per host, not per port: the same client presents its session to the new server.
    assert_eq!(second.whoami(&client).await.as_deref(), Some("jane"));
    second.stop().await;
}
