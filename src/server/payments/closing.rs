//! Closing an appointment's escrow when it ends: the fee goes to the doctor (less the
//! platform's cut) after a visit, or back to the patient's wallet as the refund policy says.
//! Runs inside the caller's `BEGIN IMMEDIATE` transaction, before the status change (SQLite
//! refuses to end a paid appointment whose escrow is still open).

use super::ledger::{self, NewTransaction};
use crate::domain::booking::{Actor, AppointmentStatus};
use crate::domain::money::Money;
use crate::domain::payment::ledger::Posting;
use crate::domain::payment::refund_policy::{Closing, closing_for, refund_for};
use crate::server::appointments::AppointmentFacts;
use crate::server::state::AppState;
use chrono::{DateTime, Utc};
use sqlx::SqliteConnection;

/// Settles or refunds what `facts`' appointment holds in escrow as it moves to `to` by `actor`
/// at `now`. Nothing happens for an unpaid appointment, one already closed, or a status that
/// does not end it.
pub async fn close_escrow(
    conn: &mut SqliteConnection,
    state: &AppState,
    facts: &AppointmentFacts,
    to: AppointmentStatus,
    actor: Actor,
    now: DateTime<Utc>,
) -> Result<(), sqlx::Error> {
    let Some(closing) = closing_for(to, actor) else { return Ok(()) };
    let Some((held, currency)) = ledger::escrow_of(&mut *conn, facts.id).await? else {
        return Ok(());
    };
    if held <= 0 {
        return Ok(());
    }
    let payments = &state.config.payments;
    let bps = payments.platform_fee_basis_points;
    let (kind, user, posting, reason, amount) = match closing {
        Closing::Settle => (
            "settlement",
            facts.doctor,
            Posting::settle(facts.doctor, held, bps),
            "visit_completed",
            held,
        ),
        Closing::Refund(ending) => {
            let refund = refund_for(&payments.refund, held, ending, facts.earliest_start, now);
            let posting = Posting::refund(facts.patient, facts.doctor, held, refund.minor, bps);
            if refund.minor > 0 {
                ("refund", facts.patient, posting, refund.reason.as_str(), refund.minor)
            } else {
                ("settlement", facts.doctor, posting, refund.reason.as_str(), held)
            }
        }
    };
    let key = format!("closing:{}", facts.id);
    let new = NewTransaction {
        kind,
        requested: Money { minor: amount, currency },
        user: Some(user),
        appointment: Some(facts.id),
        idempotency_key: Some(&key),
        card_last4: None,
        now,
    };
    if let Some(id) = ledger::reserve(&mut *conn, &new).await? {
        ledger::post(conn, id, currency, &posting, reason).await?;
    }
    Ok(())
}

/// Refunds in full, to the patient's wallet, a fee charged by card for a hold that did not
/// become a booking (it lapsed while the card was charged, or a restart interrupted the
/// booking), saying why (`reason`).
pub async fn refund_lapsed_hold(
    conn: &mut SqliteConnection,
    facts: &AppointmentFacts,
    now: DateTime<Utc>,
    reason: &str,
) -> Result<(), sqlx::Error> {
    let Some((held, currency)) = ledger::escrow_of(&mut *conn, facts.id).await? else {
        return Ok(());
    };
    let key = format!("closing:{}", facts.id);
    let new = NewTransaction {
        kind: "refund",
        requested: Money { minor: held, currency },
        user: Some(facts.patient),
        appointment: Some(facts.id),
        idempotency_key: Some(&key),
        card_last4: None,
        now,
    };
    if let Some(id) = ledger::reserve(&mut *conn, &new).await? {
        let posting = Posting::refund(facts.patient, facts.doctor, held, held, 0);
        ledger::post(conn, id, currency, &posting, reason).await?;
    }
    Ok(())
}
