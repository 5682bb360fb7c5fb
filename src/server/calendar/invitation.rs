//! The calendar invitation a patient's booking mail carries (iTIP over email, RFC 6047): the
//! visit lands in their calendar when booked, moves when moved, and goes when cancelled.

use super::ics::{self, Method};
use super::{site_host, visits};
use crate::domain::notice::{Audience, NoticeKind};
use sqlx::SqlitePool;

/// An `.ics` to attach, and what it asks.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Invitation {
    pub method: Method,
    pub text: String,
}

/// What a notice of `kind` to `audience` asks of the recipient's calendar, if anything. Only
/// patients receive invitations (a doctor's calendar takes appointments by subscription or
/// write-back); reminders, completions and no-shows change nothing there.
pub fn method_for(kind: NoticeKind, audience: Audience) -> Option<Method> {
    if audience != Audience::Patient {
        return None;
    }
    match kind {
        NoticeKind::Requested
        | NoticeKind::Booked
        | NoticeKind::Confirmed
        | NoticeKind::Rescheduled => Some(Method::Request),
        NoticeKind::Cancelled | NoticeKind::Rejected => Some(Method::Cancel),
        NoticeKind::Reminder | NoticeKind::Completed | NoticeKind::NoShow => None,
    }
}

/// The address in a `Name <address>` mailbox (or the whole of a bare address).
pub fn mailbox_address(mailbox: &str) -> &str {
    match (mailbox.rfind('<'), mailbox.rfind('>')) {
        (Some(open), Some(close)) if open < close => mailbox[open + 1..close].trim(),
        _ => mailbox.trim(),
    }
}

/// Who the invitation is for, and from.
pub struct Parties<'a> {
    /// The clinic's sending mailbox (`mail.from`).
    pub organizer: &'a str,
    /// The patient's address and name.
    pub attendee: (&'a str, &'a str),
}

/// The invitation for notice `notification` (of `kind`, to `audience`), as of its change.
pub async fn for_notice(
    pool: &SqlitePool,
    notification: i64,
    (kind, audience): (NoticeKind, Audience),
    parties: Parties<'_>,
    site_url: &str,
) -> Result<Option<Invitation>, sqlx::Error> {
    let Some(method) = method_for(kind, audience) else { return Ok(None) };
    let Some(visit) = visits::of_notice(pool, notification, site_url).await? else {
        return Ok(None);
    };
    let text = ics::invitation(
        method,
        &visit,
        mailbox_address(parties.organizer),
        parties.attendee,
        &site_host(site_url),
    );
    Ok(Some(Invitation { method, text }))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn patients_are_invited_to_changes_that_move_their_calendar() {
        assert_eq!(method_for(NoticeKind::Booked, Audience::Patient), Some(Method::Request));
        assert_eq!(method_for(NoticeKind::Rescheduled, Audience::Patient), Some(Method::Request));
        assert_eq!(method_for(NoticeKind::Cancelled, Audience::Patient), Some(Method::Cancel));
        assert_eq!(method_for(NoticeKind::Rejected, Audience::Patient), Some(Method::Cancel));
        assert_eq!(method_for(NoticeKind::Reminder, Audience::Patient), None);
        assert_eq!(method_for(NoticeKind::Booked, Audience::Doctor), None);
    }

    #[test]
    fn the_organizer_is_the_address_of_the_sending_mailbox() {
        assert_eq!(
            mailbox_address("MediBook <no-reply@clinic.example>"),
            "no-reply@clinic.example"
        );
        assert_eq!(mailbox_address(" no-reply@clinic.example "), "no-reply@clinic.example");
    }
}
