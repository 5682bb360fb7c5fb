//! Turns a mail job into a message, looking up what an appointment mail needs.

use super::appointment_mail::AppointmentNotice;
use super::code_vault::SEALED_PREFIX;
use super::visit_summary;
use super::{Mail, MailTemplate};
use crate::domain::AppointmentId;
use crate::domain::Role;
use crate::domain::notice::{Audience, NoticeKind};
use crate::domain::schedule::TimeZone;
use crate::paths::{appointments_for, review};
use crate::server::calendar::invitation::{self, Invitation, Parties};
use crate::server::mail_preferences::{self, Optional};
use crate::server::state::AppState;
use chrono::{DateTime, Utc};

/// What a job sends.
#[derive(Debug)]
pub enum Composed {
    /// This message.
    Send(Outgoing),
    /// Nothing any more (e.g. a reminder of an appointment since cancelled or moved).
    Skip(&'static str),
}

/// A message and what to record once it is handed over.
#[derive(Debug)]
pub struct Outgoing {
    pub mail: Mail,
    /// Erase the job's payload once sent (it carries a secret).
    pub erase_payload: bool,
    /// A reminder is also shown in the app: (user, appointment).
    pub reminder_notice: Option<(i64, i64)>,
    /// The calendar invitation the message carries (a patient's booking mail).
    pub calendar: Option<Invitation>,
}

/// The message for `template`, as of `now` (unix seconds).
pub async fn compose(
    state: &AppState,
    template: &MailTemplate,
    now: DateTime<Utc>,
) -> Result<Composed, String> {
    match template {
        MailTemplate::Code { code, .. } if code.starts_with(SEALED_PREFIX) => {
            let vault = state.code_vault.as_ref();
            let Some(opened) = vault.and_then(|vault| vault.open(code)) else {
                return Ok(Composed::Skip(
                    "the code was kept only in memory and the server restarted before sending it \
                     (a new code can be asked for)",
                ));
            };
            let mut unsealed = template.clone();
            if let MailTemplate::Code { code, .. } = &mut unsealed {
                *code = opened;
            }
            Ok(Composed::Send(Outgoing {
                mail: unsealed.render().ok_or("a code mail renders itself")?,
                erase_payload: true,
                reminder_notice: None,
                calendar: None,
            }))
        }
        MailTemplate::Code { .. }
        | MailTemplate::EmailChanged { .. }
        | MailTemplate::ReviewHidden { .. }
        | MailTemplate::AccountClosed { .. }
        | MailTemplate::DepositReceipt { .. }
        | MailTemplate::Withdrawal { .. } => Ok(Composed::Send(Outgoing {
            mail: template.render().ok_or("a self-contained mail renders itself")?,
            erase_payload: template.carries_secret(),
            reminder_notice: None,
            calendar: None,
        })),
        MailTemplate::Notice { notification_id } => notice(state, *notification_id).await,
        MailTemplate::Reminder { appointment_id, start_at, minutes_before } => {
            reminder(state, *appointment_id, *start_at, *minutes_before, now).await
        }
    }
}

/// The columns both appointment mails read.
type Details = (
    String,         // kind
    String,         // audience
    String,         // recipient email
    String,         // recipient name
    String,         // doctor name
    String,         // patient name
    Option<String>, // patient zone
    String,         // doctor zone
    i64,            // start
    i64,            // minutes
    String,         // status note
    Option<i64>,    // previous start (moves)
    String,         // status
    i64,            // recipient user id
    i64,            // appointment id
    i64,            // patient id
);

const DETAILS: &str = "SELECT n.kind, n.audience, u.email, u.full_name, du.full_name, pu.full_name, \
    pu.time_zone, d.time_zone, e.start_at, (a.end_at - a.start_at) / 60, a.status_note, \
    CASE WHEN n.kind = 'rescheduled' THEN (SELECT p.start_at FROM appointment_events p \
        WHERE p.appointment_id = a.id AND p.id < e.id ORDER BY p.id DESC LIMIT 1) END, \
    a.status, u.id, a.id, a.patient_id \
    FROM notifications n JOIN appointment_events e ON e.id = n.event_id \
    JOIN appointments a ON a.id = n.appointment_id JOIN users u ON u.id = n.user_id \
    JOIN users du ON du.id = a.doctor_id JOIN doctors d ON d.user_id = a.doctor_id \
    JOIN users pu ON pu.id = a.patient_id WHERE n.id = ?1";

async fn notice(state: &AppState, notification_id: i64) -> Result<Composed, String> {
    let details: Option<Details> = sqlx::query_as(DETAILS)
        .bind(notification_id)
        .fetch_optional(&state.db)
        .await
        .map_err(|e| e.to_string())?;
    let details = details.ok_or("the notice no longer exists")?;
    let (appointment, patient) = (details.14, details.15);
    let mut notice = notice_from(state, details, None)?;
    notice.money = money_line(state, notification_id).await?;
    if notice.kind == NoticeKind::Completed && notice.audience == Audience::Patient {
        notice.summary =
            visit_summary::lines(&state.db, appointment).await.map_err(|e| e.to_string())?;
        if mail_preferences::wants(&state.db, patient, Optional::ReviewRequests)
            .await
            .map_err(|e| e.to_string())?
        {
            notice.review_link = Some(format!(
                "{}{}",
                state.config.mail.site_url,
                review(AppointmentId(appointment))
            ));
        }
    }
    let parties = Parties {
        organizer: &state.config.mail.from,
        attendee: (&notice.to, &notice.recipient_name),
    };
    let site = &state.config.mail.site_url;
    let calendar = invitation::for_notice(
        &state.db,
        notification_id,
        (notice.kind, notice.audience),
        parties,
        site,
    )
    .await
    .map_err(|e| e.to_string())?;
    Ok(Composed::Send(Outgoing {
        mail: notice.render(),
        erase_payload: false,
        reminder_notice: None,
        calendar,
    }))
}

async fn reminder(
    state: &AppState,
    appointment_id: i64,
    start_at: i64,
    minutes_before: i64,
    now: DateTime<Utc>,
) -> Result<Composed, String> {
    let row: Option<Details> = sqlx::query_as(
        "SELECT 'reminder', 'patient', pu.email, pu.full_name, du.full_name, pu.full_name, \
         pu.time_zone, d.time_zone, a.start_at, (a.end_at - a.start_at) / 60, '', NULL, a.status, pu.id, \
         a.id, a.patient_id \
         FROM appointments a JOIN users du ON du.id = a.doctor_id \
         JOIN doctors d ON d.user_id = a.doctor_id JOIN users pu ON pu.id = a.patient_id \
         WHERE a.id = ?1",
    )
    .bind(appointment_id)
    .fetch_optional(&state.db)
    .await
    .map_err(|e| e.to_string())?;
    let details = row.ok_or("the appointment does not exist")?;
    if details.12 != "confirmed" {
        return Ok(Composed::Skip("the appointment is no longer confirmed"));
    }
    if details.8 != start_at {
        return Ok(Composed::Skip("the appointment moved (its new time has its own reminder)"));
    }
    if now.timestamp() >= start_at {
        return Ok(Composed::Skip("the appointment has already started"));
    }
    let overtaken: bool = sqlx::query_scalar(
        "SELECT EXISTS (SELECT 1 FROM jobs WHERE reminder_for = ?1 \
         AND status IN ('queued', 'sending') \
         AND run_at <= ?2 AND run_at > ?3)",
    )
    .bind(appointment_id)
    .bind(now.timestamp())
    .bind(start_at - minutes_before * 60)
    .fetch_one(&state.db)
    .await
    .map_err(|e| e.to_string())?;
    if overtaken {
        return Ok(Composed::Skip("a later reminder of the same appointment is due as well"));
    }
    let patient = details.13;
    if !mail_preferences::wants(&state.db, patient, Optional::Reminders)
        .await
        .map_err(|e| e.to_string())?
    {
        return Ok(Composed::Skip("the patient turned reminders off"));
    }
    Ok(Composed::Send(Outgoing {
        mail: notice_from(state, details, Some((start_at - now.timestamp()) / 60))?.render(),
        erase_payload: false,
        reminder_notice: Some((patient, appointment_id)),
        calendar: None,
    }))
}

/// How a late cancellation was judged, in the patient's cancellation mail.
const CUT_OFF_RULE: &str = "The cut-off counts from the earliest time the visit was booked for; moving it does not change that.";

/// For a patient's notice: the receipt of the fee (a booking) or the refund (an ending).
async fn money_line(state: &AppState, notification_id: i64) -> Result<Option<String>, String> {
    let notice: Option<(i64, String, String)> =
        sqlx::query_as("SELECT appointment_id, kind, audience FROM notifications WHERE id = ?1")
            .bind(notification_id)
            .fetch_optional(&state.db)
            .await
            .map_err(|e| e.to_string())?;
    let Some((appointment, kind, audience)) = notice else { return Ok(None) };
    if audience != "patient" {
        return Ok(None);
    }
    let rows: Vec<(String, i64, String, String, Option<String>)> = sqlx::query_as(
        "SELECT kind, requested_minor, currency, reason, card_last4 FROM ledger_transactions \
         WHERE appointment_id = ?1 AND status = 'posted' ORDER BY id",
    )
    .bind(appointment)
    .fetch_all(&state.db)
    .await
    .map_err(|e| e.to_string())?;
    Ok(describe_money(&kind, &rows))
}

/// The sentence about money for a notice of `kind`, from the appointment's posted transactions
/// (kind, amount, currency, reason, card's last four digits).
fn describe_money(
    kind: &str,
    rows: &[(String, i64, String, String, Option<String>)],
) -> Option<String> {
    use crate::domain::money::{Currency, Money};
    use crate::domain::payment::reason_text;
    let money = |minor: i64, code: &str| {
        Currency::parse(code).map(|currency| Money { minor, currency }.to_string())
    };
    match kind {
        "requested" | "booked" => {
            let (_, minor, code, _, last4) = rows.iter().find(|r| r.0 == "payment")?;
            let how = match last4 {
                Some(last4) => format!("by card •••• {last4}"),
                None => "from your wallet".to_owned(),
            };
            Some(format!("Paid: {} {how}.", money(*minor, code)?))
        }
        "rejected" | "cancelled" | "no_show" => {
            let (closing, minor, code, reason, _) =
                rows.iter().find(|r| r.0 == "refund" || r.0 == "settlement")?;
            let line = if closing == "refund" {
                format!("{}: {} back to your wallet.", reason_text(reason), money(*minor, code)?)
            } else {
                format!("{}.", reason_text(reason))
            };
            Some(if reason == "cancelled_late" { format!("{line} {CUT_OFF_RULE}") } else { line })
        }
        _ => None,
    }
}

fn notice_from(
    state: &AppState,
    details: Details,
    minutes_left: Option<i64>,
) -> Result<AppointmentNotice, String> {
    let (
        kind,
        audience,
        to,
        recipient_name,
        doctor,
        patient,
        patient_zone,
        doctor_zone,
        start,
        minutes,
        note,
        previous,
        _,
        _,
        _,
        _,
    ) = details;
    let kind = NoticeKind::parse(&kind).ok_or("unknown notice kind")?;
    let audience = Audience::parse(&audience).ok_or("unknown audience")?;
    let doctor_zone = TimeZone::parse(&doctor_zone).unwrap_or_else(TimeZone::utc);
    let patient_zone = patient_zone.as_deref().and_then(TimeZone::parse).unwrap_or(doctor_zone);
    let instant = |t: i64| DateTime::from_timestamp(t, 0).ok_or("time out of range");
    let (zone, other_party, role) = match audience {
        Audience::Patient => (patient_zone, doctor, Role::Patient),
        Audience::Doctor => (doctor_zone, patient, Role::Doctor),
    };
    Ok(AppointmentNotice {
        kind,
        audience,
        to,
        recipient_name,
        other_party,
        start: instant(start)?,
        previous_start: previous.map(instant).transpose()?,
        minutes,
        zone,
        doctor_zone,
        note: if matches!(kind, NoticeKind::Cancelled | NoticeKind::Rejected) {
            note
        } else {
            String::new()
        },
        minutes_left,
        link: format!("{}{}", state.config.mail.site_url, appointments_for(role)),
        money: None,
        summary: Vec::new(),
        review_link: None,
    })
}

#[cfg(test)]
mod tests {
    use super::describe_money;

    fn row(
        kind: &str,
        minor: i64,
        reason: &str,
        last4: Option<&str>,
    ) -> (String, i64, String, String, Option<String>) {
        (kind.into(), minor, "USD".into(), reason.into(), last4.map(str::to_owned))
    }

    #[test]
    fn a_booking_notice_is_a_receipt_and_an_ending_tells_the_refund() {
        let paid = [row("payment", 6000, "fee_by_card", Some("4242"))];
        assert_eq!(
            describe_money("requested", &paid).as_deref(),
            Some("Paid: $60.00 by card •••• 4242.")
        );
        let wallet = [row("payment", 6000, "fee_from_wallet", None)];
        assert_eq!(
            describe_money("booked", &wallet).as_deref(),
            Some("Paid: $60.00 from your wallet.")
        );
        let refunded = [wallet[0].clone(), row("refund", 3000, "cancelled_late", None)];
        assert_eq!(
            describe_money("cancelled", &refunded).as_deref(),
            Some(
                "Partial refund: cancelled after the cut-off: $30.00 back to your wallet. The \
                 cut-off counts from the earliest time the visit was booked for; moving it does \
                 not change that."
            )
        );
        let kept = [wallet[0].clone(), row("settlement", 6000, "no_show", None)];
        assert_eq!(
            describe_money("cancelled", &kept).as_deref(),
            Some("No refund: missed appointment.")
        );
        assert_eq!(describe_money("confirmed", &refunded), None);
        assert_eq!(describe_money("requested", &[]), None, "a free visit has no receipt");
    }
}
