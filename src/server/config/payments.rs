//! The `[payments]` section: currency, platform fee, refund policy and deposit limit.

use super::ConfigError;
use super::settings::Settings;

/// Which card processor charges cards.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ProcessorChoice {
    /// The simulated processor (demo mode only): no real money moves.
    Simulated,
    /// No card processor: card deposits and card payments are refused with a clear sentence.
    None,
}

/// Wallet and fee rules (`[payments]`).
#[derive(Debug, Clone)]
pub struct PaymentsConfig {
    /// The card processor.
    pub processor: ProcessorChoice,
    /// The currency the deposit form starts with.
    pub currency: crate::domain::money::Currency,
    /// The platform's cut of each completed visit, in basis points (1/100 of a percent).
    pub platform_fee_basis_points: u16,
    /// Refunds for patient cancellations.
    pub refund: crate::domain::payment::refund_policy::RefundPolicy,
    /// The largest single deposit, in whole currency units.
    pub max_deposit: i64,
}

/// The `[payments]` section.
pub(super) fn payments_config(s: &Settings) -> Result<PaymentsConfig, ConfigError> {
    let currency: String = s.required("payments.currency")?;
    let currency = crate::domain::money::Currency::parse(&currency).ok_or_else(|| {
        s.invalid("payments.currency", "expected one of USD, EUR, GBP, INR, AUD, CAD, CHF, JPY")
    })?;
    let processor = match s.required::<String>("payments.processor")?.as_str() {
        "simulated" => ProcessorChoice::Simulated,
        "none" => ProcessorChoice::None,
        _ => return Err(s.invalid("payments.processor", "expected \"simulated\" or \"none\"")),
    };
    Ok(PaymentsConfig {
        processor,
        currency,
        platform_fee_basis_points: s.in_range("payments.platform_fee_basis_points", 0..=5_000)?,
        refund: crate::domain::payment::refund_policy::RefundPolicy {
            full_refund_before: chrono::Duration::hours(
                s.in_range("payments.full_refund_hours_before", 0..=24 * 30)?,
            ),
            late_refund_percent: s.in_range("payments.late_refund_percent", 0..=100)?,
        },
        max_deposit: s.in_range("payments.max_deposit", 1..=1_000_000)?,
    })
}
