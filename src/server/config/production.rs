//! What a real clinic must not run with: demo accounts, the simulated card processor, mail
//! kept readable in the database, and an HTTPS site whose session cookie may travel in clear.

use super::{Config, MailTransportConfig, ProcessorChoice, SiteMode};

/// Every setting production refuses, each with what to do; empty in demo mode.
pub fn refusals(config: &Config) -> Vec<String> {
    if config.site.mode == SiteMode::Demo {
        return Vec::new();
    }
    let mut refusals = Vec::new();
    if config.seed.on_first_start {
        refusals.push(
            "seed.on_first_start = true would create demo accounts with a published password: \
             set it to false and create the first admin with `medibook create-admin`"
                .to_owned(),
        );
    }
    if config.payments.processor == ProcessorChoice::Simulated {
        refusals.push(
            "payments.processor = \"simulated\" accepts any valid card number without moving \
             money: set it to \"none\" until a real processor is configured"
                .to_owned(),
        );
    }
    if matches!(config.mail.transport, MailTransportConfig::Outbox) {
        refusals.push(
            "mail.transport = \"outbox\" keeps every mail (one-time codes included) readable in \
             the database: set it to \"smtp\" with mail.smtp_host"
                .to_owned(),
        );
    }
    if config.mail.site_url.starts_with("https://") && !config.session.secure_cookie {
        refusals.push(
            "session.secure_cookie = false with an https mail.site_url would let the session \
             cookie travel over plain HTTP: set it to true"
                .to_owned(),
        );
    }
    refusals
}
