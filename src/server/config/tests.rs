//! Configuration loading: defaults, overrides, refusals naming the setting.

use super::*;
use std::path::PathBuf;

/// The shipped Leptos.toml in demo mode (what scripts/run starts), with `extra_env` on top.
fn load(extra_env: &[(&str, &str)]) -> Result<Config, ConfigError> {
    load_in("demo", extra_env)
}

fn load_in(mode: &str, extra_env: &[(&str, &str)]) -> Result<Config, ConfigError> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("Leptos.toml");
    let mut env: HashMap<String, String> =
        extra_env.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect();
    env.entry("MEDIBOOK_SITE_MODE".into()).or_insert_with(|| mode.into());
    Config::load(&path, &env)
}

#[test]
fn the_shipped_leptos_toml_is_valid() {
    let config = load(&[]).expect("valid config");
    assert_eq!(config.database.path, PathBuf::from("data/medibook.db"));
}

#[test]
fn production_is_the_default_and_refuses_every_demo_setting_by_name() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("Leptos.toml");
    let error = Config::load(&path, &HashMap::new()).expect_err("the demo settings are refused");
    let text = error.to_string();
    for setting in ["seed.on_first_start", "payments.processor", "mail.transport"] {
        assert!(text.contains(setting), "{setting} named in: {text}");
    }
    let https_without_secure_cookie = load_in(
        "production",
        &[
            ("MEDIBOOK_SEED_ON_FIRST_START", "false"),
            ("MEDIBOOK_PAYMENTS_PROCESSOR", "none"),
            ("MEDIBOOK_MAIL_TRANSPORT", "smtp"),
            ("MEDIBOOK_MAIL_SITE_URL", "https://clinic.example"),
        ],
    )
    .expect_err("an https site needs Secure cookies");
    assert!(https_without_secure_cookie.to_string().contains("session.secure_cookie"));
    let ready = load_in(
        "production",
        &[
            ("MEDIBOOK_SEED_ON_FIRST_START", "false"),
            ("MEDIBOOK_PAYMENTS_PROCESSOR", "none"),
            ("MEDIBOOK_MAIL_TRANSPORT", "smtp"),
            ("MEDIBOOK_MAIL_SITE_URL", "https://clinic.example"),
            ("MEDIBOOK_SESSION_SECURE_COOKIE", "true"),
        ],
    )
    .expect("a production configuration");
    assert_eq!(ready.site.mode, SiteMode::Production);
}

#[test]
fn environment_variables_override_the_file() {
    let config = load(&[("MEDIBOOK_DATABASE_PATH", "/tmp/x.db")]).expect("valid");
    assert_eq!(config.database.path, PathBuf::from("/tmp/x.db"));
}

#[test]
fn an_invalid_value_names_the_setting() {
    let error = load(&[("MEDIBOOK_SITE_ADDRESS", "not an address")]).expect_err("invalid");
    assert!(error.to_string().contains("site.address"), "{error}");
    assert!(error.to_string().contains("MEDIBOOK_SITE_ADDRESS"), "{error}");
    let error = load(&[("MEDIBOOK_DATABASE_MAX_CONNECTIONS", "0")]).expect_err("invalid");
    assert!(error.to_string().contains("database.max_connections"), "{error}");
}

#[test]
fn a_missing_setting_names_the_setting_and_its_variable() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("Leptos.toml");
    let shipped =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("Leptos.toml"))
            .expect("read");
    let without_root: String =
        shipped.lines().filter(|l| !l.starts_with("root =")).map(|l| format!("{l}\n")).collect();
    std::fs::write(&path, without_root).expect("write");
    let error = Config::load(&path, &HashMap::new()).expect_err("incomplete");
    assert!(error.to_string().contains("`site.root`"), "{error}");
    assert!(error.to_string().contains("MEDIBOOK_SITE_ROOT"), "{error}");
}

#[test]
fn an_unknown_setting_is_refused() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("Leptos.toml");
    let shipped =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("Leptos.toml"))
            .expect("read");
    std::fs::write(&path, format!("{shipped}\n[extra]\nadress = 1\n")).expect("write");
    let error = Config::load(&path, &HashMap::new()).expect_err("unknown key");
    assert!(error.to_string().contains("extra.adress"), "{error}");
}

#[test]
fn the_smtp_transport_reads_its_settings_and_credentials_from_the_environment() {
    let config = load(&[
        ("MEDIBOOK_MAIL_TRANSPORT", "smtp"),
        ("MEDIBOOK_MAIL_SMTP_HOST", "smtp.clinic.example"),
        ("MEDIBOOK_MAIL_SMTP_PORT", "465"),
        ("MEDIBOOK_MAIL_SMTP_SECURITY", "tls"),
        ("MEDIBOOK_MAIL_SMTP_USERNAME", "mailer"),
        ("MEDIBOOK_MAIL_SMTP_PASSWORD", "s3cret-relay-pass"),
    ])
    .expect("valid");
    let MailTransportConfig::Smtp(smtp) = &config.mail.transport else {
        panic!("expected SMTP, got {:?}", config.mail.transport);
    };
    assert_eq!(
        (smtp.host.as_str(), smtp.port, smtp.security),
        ("smtp.clinic.example", 465, SmtpSecurity::Tls)
    );
    assert_eq!(smtp.credentials, Some(("mailer".into(), "s3cret-relay-pass".into())));
    assert!(!format!("{smtp:?}").contains("s3cret"), "the password never reaches a log");
}

#[test]
fn bad_mail_settings_are_refused_by_name() {
    let cases = [
        (vec![("MEDIBOOK_MAIL_TRANSPORT", "pigeon")], "mail.transport"),
        (vec![("MEDIBOOK_MAIL_FROM", "not an address")], "mail.from"),
        (vec![("MEDIBOOK_MAIL_SITE_URL", "clinic.example")], "mail.site_url"),
        (
            vec![("MEDIBOOK_MAIL_TRANSPORT", "smtp"), ("MEDIBOOK_MAIL_SMTP_SECURITY", "ssl3")],
            "mail.smtp_security",
        ),
        (
            vec![
                ("MEDIBOOK_MAIL_TRANSPORT", "smtp"),
                ("MEDIBOOK_MAIL_SMTP_USERNAME", "only-a-user"),
            ],
            "mail.smtp_username",
        ),
    ];
    for (env, key) in cases {
        let error = load(&env).expect_err(key).to_string();
        assert!(error.contains(key), "{error} should name {key}");
    }
}

#[test]
fn reminders_take_up_to_five_different_whole_hours() {
    let config = load(&[("MEDIBOOK_REMINDERS_HOURS_BEFORE", "24, 2")]).expect("valid");
    assert_eq!(config.reminders, vec![chrono::Duration::hours(24), chrono::Duration::hours(2)]);
    assert!(load(&[("MEDIBOOK_REMINDERS_HOURS_BEFORE", "")]).expect("none").reminders.is_empty());
    for bad in ["0", "24,24", "1.5", "337", "1,2,3,4,5,6"] {
        let error = load(&[("MEDIBOOK_REMINDERS_HOURS_BEFORE", bad)]).expect_err(bad);
        assert!(error.to_string().contains("reminders.hours_before"), "{bad}: {error}");
    }
}
