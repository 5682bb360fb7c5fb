//! Sign-in with an OpenID Connect provider, against a real provider on loopback: a new patient
//! signs up with the provider's verified email, an existing account is linked only after its
//! password, and each forged or broken answer is refused without signing anyone in.

use crate::helpers::{PASSWORD, TestApp, error_of, spawn_app};
use crate::oidc_provider::{
    ProviderAccount, authorize, come_back, sign_in_with_provider, spawn_with_provider,
};
use medibook::domain::Field;
use medibook::paths;

fn refused_with(code: &str) -> String {
    format!("{}?provider_error={code}", paths::LOGIN)
}

/// `url` with query parameter `key` set to `value`.
fn with_param(url: &reqwest::Url, key: &str, value: &str) -> reqwest::Url {
    let pairs: Vec<(String, String)> = url
        .query_pairs()
        .map(|(k, v)| {
            let v = if k == key { value.to_owned() } else { v.into_owned() };
            (k.into_owned(), v)
        })
        .collect();
    let mut changed = url.clone();
    changed.query_pairs_mut().clear().extend_pairs(pairs);
    changed
}

async fn identities(app: &TestApp) -> i64 {
    app.count("provider_identities").await
}

#[tokio::test]
async fn a_new_patient_signs_up_with_the_provider_and_comes_back_by_the_same_identity() {
    let (app, _clock, _provider) = spawn_with_provider().await;
    let login_page = app.client().get(format!("{}/login", app.address)).send().await.unwrap();
    let login_page = login_page.text().await.unwrap();
    assert!(login_page.contains("Continue with Test ID"), "the button is offered");
    let users_before = app.count("users").await;

    let browser = app.client();
    let account = ProviderAccount::new("Nadia.Rahman@example.test");
    let account = ProviderAccount { name: "Nadia Rahman", ..account };
    let went = sign_in_with_provider(&app, &browser, &account).await;
    assert_eq!(went, paths::PROVIDER_ACCOUNT);
    assert_eq!(app.whoami(&browser).await, None, "not signed in before the account step");
    let pending: serde_json::Value =
        app.call(&browser, "provider_pending", &[]).await.json().await.unwrap();
    assert_eq!(pending["email"], "Nadia.Rahman@example.test");
    assert_eq!(pending["name"], "Nadia Rahman");
    assert_eq!(pending["existing_account"], false);

    // Bad input: every field refused at its name, nothing written.
    let bad =
        [("full_name", "N"), ("username", "x"), ("phone", "12"), ("date_of_birth", "2100-01-01")];
    let response = app.call(&browser, "provider_sign_up", &bad).await;
    assert_eq!(response.status(), 400);
    let error = error_of(response).await;
    for field in [Field::FullName, Field::Username, Field::Phone, Field::DateOfBirth] {
        assert!(!error.field_errors(field).is_empty(), "{field:?} refused: {error:?}");
    }
    assert_eq!(app.count("users").await, users_before);

    let good = [
        ("full_name", "Nadia Rahman"),
        ("username", "nadia_r"),
        ("phone", "+1 555 010 7777"),
        ("date_of_birth", "1988-02-03"),
        ("time_zone", "Asia/Dhaka"),
    ];
    let response = app.call(&browser, "provider_sign_up", &good).await;
    assert_eq!(response.status(), 200, "{}", response.text().await.unwrap());
    assert_eq!(app.whoami(&browser).await.as_deref(), Some("nadia_r"));
    let (role, verified, zone): (String, bool, Option<String>) = sqlx::query_as(
        "SELECT role, email_verified_at IS NOT NULL, time_zone FROM users WHERE username = 'nadia_r'",
    )
    .fetch_one(&app.state.db)
    .await
    .unwrap();
    assert_eq!((role.as_str(), verified, zone.as_deref()), ("patient", true, Some("Asia/Dhaka")));
    assert_eq!(identities(&app).await, 1);
    // The step is used up: a second sign-up from the same session is refused.
    let again = app.call(&browser, "provider_sign_up", &good).await;
    assert_eq!(error_of(again).await.code(), "provider_sign_in_expired");

    // Another browser, the same identity: signed in at once, no account step.
    let other = app.client();
    assert_eq!(sign_in_with_provider(&app, &other, &account).await, paths::HOME);
    assert_eq!(app.whoami(&other).await.as_deref(), Some("nadia_r"));
    assert_eq!(app.count("users").await, users_before + 1);
}

#[tokio::test]
async fn two_racing_sign_ups_of_one_pending_identity_make_one_account() {
    let (app, _clock, _provider) = spawn_with_provider().await;
    let browser = app.client();
    let account = ProviderAccount::new("racer@example.test");
    assert_eq!(sign_in_with_provider(&app, &browser, &account).await, paths::PROVIDER_ACCOUNT);
    let users_before = app.count("users").await;
    let form = |username: &'static str| {
        vec![
            ("full_name", "Race Runner"),
            ("username", username),
            ("phone", "+1 555 010 8888"),
            ("date_of_birth", "1990-01-01"),
        ]
    };
    let (one, two) = (form("racer_one"), form("racer_two"));
    let (a, b) = tokio::join!(
        app.call(&browser, "provider_sign_up", &one),
        app.call(&browser, "provider_sign_up", &two),
    );
    let statuses = [a.status().as_u16(), b.status().as_u16()];
    assert!(statuses.contains(&200), "{statuses:?}");
    assert_eq!(app.count("users").await, users_before + 1, "one account, whoever won");
    assert_eq!(identities(&app).await, 1);
}

#[tokio::test]
async fn an_existing_account_is_linked_only_after_its_password() {
    let (app, _clock, _provider) = spawn_with_provider().await;
    app.register_patient("linda").await.error_for_status().unwrap();
    let users_before = app.count("users").await;
    let browser = app.client();
    let account = ProviderAccount::new("linda@example.com");
    assert_eq!(sign_in_with_provider(&app, &browser, &account).await, paths::PROVIDER_ACCOUNT);
    let pending: serde_json::Value =
        app.call(&browser, "provider_pending", &[]).await.json().await.unwrap();
    assert_eq!(pending["existing_account"], true);

    // The provider's email alone opens nothing: no second account, no link, no sign-in.
    let form = [
        ("full_name", "Linda Copy"),
        ("username", "linda_copy"),
        ("phone", "+1 555 010 9999"),
        ("date_of_birth", "1990-01-01"),
    ];
    let response = app.call(&browser, "provider_sign_up", &form).await;
    assert_eq!(response.status(), 400);
    let response =
        app.call(&browser, "link_provider_account", &[("password", "not her password")]).await;
    assert_eq!(error_of(response).await.code(), "invalid_credentials");
    assert_eq!((identities(&app).await, app.whoami(&browser).await), (0, None));

    let response = app.call(&browser, "link_provider_account", &[("password", PASSWORD)]).await;
    assert_eq!(response.status(), 200, "{}", response.text().await.unwrap());
    assert_eq!(app.whoami(&browser).await.as_deref(), Some("linda"));
    assert_eq!(identities(&app).await, 1);
    assert_eq!(app.count("users").await, users_before);

    // The address recycled at the provider (another subject, same email): even with the
    // password, a second identity of this provider is not linked beside the first.
    let recycled = ProviderAccount {
        subject: Some("someone-new"),
        ..ProviderAccount::new("linda@example.com")
    };
    let browser = app.client();
    assert_eq!(sign_in_with_provider(&app, &browser, &recycled).await, paths::PROVIDER_ACCOUNT);
    let response = app.call(&browser, "link_provider_account", &[("password", PASSWORD)]).await;
    assert_eq!(error_of(response).await.code(), "provider_already_linked");
    assert_eq!(app.whoami(&browser).await, None);

    // Deactivated: the linked identity no longer signs in.
    let id = app.user_id("linda").await.to_string();
    let response =
        app.call(&app.admin, "set_user_active", &[("user_id", &id), ("active", "false")]).await;
    assert_eq!(response.status(), 200);
    let browser = app.client();
    let went = sign_in_with_provider(&app, &browser, &account).await;
    assert_eq!(went, refused_with("account_deactivated"));
    assert_eq!(app.whoami(&browser).await, None);
}

#[tokio::test]
async fn forged_replayed_and_unverifiable_answers_are_refused() {
    let (app, clock, _provider) = spawn_with_provider().await;
    let users_before = app.count("users").await;

    // Wrong state: the answer does not belong to this browser's sign-in.
    let browser = app.client();
    let callback =
        authorize(&app, &browser, Some(&ProviderAccount::new("mallory@example.test"))).await;
    let forged = with_param(&callback, "state", "forged");
    assert_eq!(come_back(&browser, &forged).await, refused_with("state_mismatch"));

    // The same answer twice in one browser: the attempt was used up.
    let browser = app.client();
    let callback =
        authorize(&app, &browser, Some(&ProviderAccount::new("twice@example.test"))).await;
    assert_eq!(come_back(&browser, &callback).await, paths::PROVIDER_ACCOUNT);
    assert_eq!(come_back(&browser, &callback).await, refused_with("expired"));

    // A replayed code: the first browser's code, carried into another browser's own sign-in
    // (its state matches); the provider refuses a code used once.
    let thief = app.client();
    let theirs = authorize(&app, &thief, Some(&ProviderAccount::new("thief@example.test"))).await;
    let code = callback.query_pairs().find(|(k, _)| k == "code").unwrap().1.into_owned();
    let replay = with_param(&theirs, "code", &code);
    assert_eq!(come_back(&thief, &replay).await, refused_with("code_refused"));

    // ID tokens the provider's key signed, but for another client, or expired.
    let browser = app.client();
    let went =
        sign_in_with_provider(&app, &browser, &ProviderAccount::new("wrong-audience@example.test"))
            .await;
    assert_eq!(went, refused_with("token_audience"));
    let went =
        sign_in_with_provider(&app, &app.client(), &ProviderAccount::new("expired@example.test"))
            .await;
    assert_eq!(went, refused_with("token_expired"));

    // An email the provider does not vouch for.
    let went = sign_in_with_provider(
        &app,
        &app.client(),
        &ProviderAccount::new("unverified@example.test"),
    )
    .await;
    assert_eq!(went, refused_with("email_unverified"));

    // Cancelled at the provider.
    let browser = app.client();
    let callback = authorize(&app, &browser, None).await;
    assert_eq!(come_back(&browser, &callback).await, refused_with("cancelled"));

    // Too slow: the attempt is 11 minutes old by the app's clock when the answer comes.
    let browser = app.client();
    let callback =
        authorize(&app, &browser, Some(&ProviderAccount::new("slow@example.test"))).await;
    clock.advance(chrono::Duration::minutes(11));
    assert_eq!(come_back(&browser, &callback).await, refused_with("expired"));

    assert_eq!(app.count("users").await, users_before, "nobody was signed up");
    assert_eq!(identities(&app).await, 0);
}

#[tokio::test]
async fn without_a_configured_provider_there_is_no_button_and_no_route() {
    let app = spawn_app().await;
    let page = app.client().get(format!("{}/login", app.address)).send().await.unwrap();
    assert!(!page.text().await.unwrap().contains("Continue with"));
    let start =
        app.client().get(format!("{}{}", app.address, paths::OIDC_START)).send().await.unwrap();
    assert_eq!(start.status(), 404);
    let back = app.client().get(format!("{}{}?code=x&state=y", app.address, paths::OIDC_CALLBACK));
    assert_eq!(back.send().await.unwrap().status(), 404);
    let response = app.call(&app.client(), "provider_pending", &[]).await;
    assert_eq!(error_of(response).await.code(), "provider_sign_in_expired");
}
