//! Mails about an appointment: a change (requested, confirmed, cancelled…) or a reminder.

use super::message::{Mail, escape_html, html_layout};
use crate::domain::notice::{Audience, NoticeKind, lead_time};
use crate::domain::schedule::TimeZone;
use chrono::{DateTime, Utc};

/// Everything an appointment mail says, already looked up.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AppointmentNotice {
    pub kind: NoticeKind,
    pub audience: Audience,
    pub to: String,
    pub recipient_name: String,
    /// The doctor's name for a patient, the patient's for a doctor.
    pub other_party: String,
    pub start: DateTime<Utc>,
    /// Where it was before, for a move.
    pub previous_start: Option<DateTime<Utc>>,
    pub minutes: i64,
    /// The recipient's zone, and the doctor's (the visit's local time).
    pub zone: TimeZone,
    pub doctor_zone: TimeZone,
    /// The reason given for a cancellation or a refusal.
    pub note: String,
    /// For a reminder: minutes left until the start when it is sent.
    pub minutes_left: Option<i64>,
    /// Where the recipient sees their appointments.
    pub link: String,
    /// For the patient: the receipt of the fee paid, or the refund (or none) at the end.
    pub money: Option<String>,
    /// For a completed visit: the doctor's summary, a paragraph each.
    pub summary: Vec<String>,
    /// For a completed visit, unless the patient turned these off: where to review it.
    pub review_link: Option<String>,
}

/// What a completed visit's mail asks, before its review link.
const REVIEW_INVITATION: &str =
    "How was your visit? A few words help other patients choose (you can stay anonymous):";

/// `Monday 23 November 2026 at 10:00 EST` (and the doctor's local time when it differs).
pub fn when(start: DateTime<Utc>, zone: TimeZone, doctor_zone: TimeZone) -> String {
    let local = |z: TimeZone| {
        format!(
            "{} {}",
            start.with_timezone(&z.tz()).format("%A %-d %B %Y at %H:%M"),
            z.abbreviation(start)
        )
    };
    if zone == doctor_zone {
        local(zone)
    } else {
        format!(
            "{} ({} at the clinic)",
            local(zone),
            start.with_timezone(&doctor_zone.tz()).format("%H:%M %Z")
        )
    }
}

impl AppointmentNotice {
    /// The message with both parts.
    pub fn render(&self) -> Mail {
        let when = when(self.start, self.zone, self.doctor_zone);
        let subject = match self.minutes_left {
            Some(before) => format!("Reminder: your appointment {}", lead_time(before)),
            None => format!("MediBook: {}", self.kind.title(self.audience)),
        };
        let mut lines = vec![self.kind.headline(self.audience, &self.other_party)];
        match self.previous_start {
            Some(before) => lines.push(format!(
                "New time: {when} ({} minutes). It was {}.",
                self.minutes,
                self::when(before, self.zone, self.doctor_zone)
            )),
            None => lines.push(format!("When: {when} ({} minutes).", self.minutes)),
        }
        if !self.note.is_empty() {
            lines.push(format!("Reason given: {}", self.note));
        }
        if let Some(money) = &self.money {
            lines.push(money.clone());
        }
        lines.extend(self.summary.iter().cloned());
        if self.kind == NoticeKind::Reminder {
            lines.push(
                "If you cannot come, please cancel so that someone else can have the time.".into(),
            );
        }
        let plain = lines.len();
        if let Some(review) = &self.review_link {
            lines.push(format!("{REVIEW_INVITATION} {review}"));
        }
        lines.push(format!("Your appointments: {}", self.link));
        let text = format!("Hello {},\n\n{}\n", self.recipient_name, lines.join("\n\n"));
        let mut paragraphs = vec![format!("Hello {},", escape_html(&self.recipient_name))];
        paragraphs.extend(lines.iter().take(plain).map(|l| escape_html(l)));
        if let Some(review) = &self.review_link {
            paragraphs.push(format!(
                "{REVIEW_INVITATION} <a href=\"{0}\" style=\"color:#0b6e4f\">Review your visit</a>",
                escape_html(review)
            ));
        }
        paragraphs.push(format!(
            "<a href=\"{0}\" style=\"color:#0b6e4f\">See your appointments</a>",
            escape_html(&self.link)
        ));
        Mail {
            to: self.to.clone(),
            subject: subject.clone(),
            text,
            html: html_layout(&subject, &paragraphs),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn notice(kind: NoticeKind) -> AppointmentNotice {
        AppointmentNotice {
            kind,
            audience: Audience::Patient,
            to: "ann@example.com".into(),
            recipient_name: "Ann <Lee>".into(),
            other_party: "Dr. John Smith".into(),
            start: "2026-11-23T15:00:00Z".parse().expect("instant"),
            previous_start: None,
            minutes: 30,
            zone: TimeZone::parse("Asia/Kolkata").expect("zone"),
            doctor_zone: TimeZone::parse("America/New_York").expect("zone"),
            note: String::new(),
            minutes_left: None,
            link: "http://127.0.0.1:3000/appointments".into(),
            money: None,
            summary: Vec::new(),
            review_link: None,
        }
    }

    #[test]
    fn times_are_in_the_recipients_zone_with_the_clinics_time_beside() {
        let mail = notice(NoticeKind::Confirmed).render();
        assert_eq!(mail.subject, "MediBook: Appointment confirmed");
        assert!(
            mail.text.contains("Monday 23 November 2026 at 20:30 IST (10:00 EST at the clinic)"),
            "{}",
            mail.text
        );
        assert!(mail.html.contains("20:30 IST") && mail.html.contains("Ann &lt;Lee&gt;"));
        assert!(mail.html.contains("href=\"http://127.0.0.1:3000/appointments\""));
    }

    #[test]
    fn a_cancellation_carries_its_reason_and_a_move_the_old_time() {
        let mut cancelled = notice(NoticeKind::Cancelled);
        cancelled.note = "Doctor is ill <today>".into();
        let mail = cancelled.render();
        assert!(mail.text.contains("Reason given: Doctor is ill <today>"));
        assert!(mail.html.contains("Doctor is ill &lt;today&gt;"));
        let mut moved = notice(NoticeKind::Rescheduled);
        moved.previous_start = Some("2026-11-23T14:00:00Z".parse().expect("instant"));
        let text = moved.render().text;
        assert!(text.contains("New time: Monday 23 November 2026 at 20:30 IST"), "{text}");
        assert!(text.contains("It was Monday 23 November 2026 at 19:30 IST"), "{text}");
    }

    #[test]
    fn the_money_line_is_part_of_both_parts() {
        let mut cancelled = notice(NoticeKind::Cancelled);
        cancelled.money =
            Some("Refund: cancelled before the cut-off: $60.00 back to your wallet.".into());
        let mail = cancelled.render();
        assert!(mail.text.contains("$60.00 back to your wallet"), "{}", mail.text);
        assert!(mail.html.contains("$60.00 back to your wallet"));
    }

    #[test]
    fn a_completed_visit_carries_its_summary_and_a_review_link_in_both_parts() {
        let mut completed = notice(NoticeKind::Completed);
        completed.summary = vec!["Diagnosis: Mild <asthma>".into()];
        completed.review_link = Some("http://127.0.0.1:3000/appointments/7/review".into());
        let mail = completed.render();
        assert_eq!(mail.subject, "MediBook: Visit completed");
        assert!(mail.text.contains("Diagnosis: Mild <asthma>"), "{}", mail.text);
        assert!(mail.text.contains("http://127.0.0.1:3000/appointments/7/review"));
        assert!(mail.html.contains("Mild &lt;asthma&gt;"));
        assert!(mail.html.contains("href=\"http://127.0.0.1:3000/appointments/7/review\""));
        completed.review_link = None;
        assert!(!completed.render().text.contains("/review"), "turned off: no invitation");
    }

    #[test]
    fn a_reminder_says_how_soon() {
        let mut reminder = notice(NoticeKind::Reminder);
        reminder.minutes_left = Some(1440);
        let mail = reminder.render();
        assert_eq!(mail.subject, "Reminder: your appointment in 24 hours");
        assert!(mail.text.contains("please cancel"));
    }
}
