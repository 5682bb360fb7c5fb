//! Mail that completes the story (issue 17, part 6): a completed visit's summary with its review
//! invitation, a missed visit, a deposit's receipt, a withdrawal asked for, paid and refused;
//! and the mails a patient may turn off (reminders, review invitations) while booking and
//! security mail always goes.

use crate::helpers::*;
use chrono::Duration;

/// Friday noon UTC; dr_smith's Monday 10:00 and 10:30 New York visits.
const NOW: &str = "2026-11-20T12:00:00Z";
const MONDAY_10AM: &str = "2026-11-23T15:00:00Z";
const MONDAY_1030: &str = "2026-11-23T15:30:00Z";
const ALICE: &str = "alice@medibook.local";
const BOB: &str = "bob@medibook.local";
const SMITH: &str = "dr.smith@medibook.local";
const PRIVATE: &str = "Private: anxious about the cost";

fn mail_with<'a>(
    mails: &'a [(String, String, String)],
    subject: &str,
) -> &'a (String, String, String) {
    mails
        .iter()
        .find(|m| m.0 == subject)
        .unwrap_or_else(|| panic!("no {subject:?} in {:?}", subjects(mails)))
}

#[tokio::test]
async fn a_completed_visit_mails_its_summary_and_a_review_link_unless_turned_off_and_a_missed_one_says_so()
 {
    let (app, clock) = spawn_seeded_app_at(NOW).await;
    let smith_id = app.user_id("dr_smith").await;
    let (alice, bob, smith) =
        (app.signed_in("alice").await, app.signed_in("bob").await, app.signed_in("dr_smith").await);
    let first = book(&app, &alice, smith_id, MONDAY_10AM, "Headaches").await;
    let second = book(&app, &bob, smith_id, MONDAY_1030, "Check-up").await;
    for id in [first, second] {
        assert_eq!(change(&app, &smith, id, "accept", "").await.status(), 200);
    }
    // Bob wants no review invitations; saving without either box turns both off.
    call_ok(&app, &bob, "save_mail_preferences", &[("reminders", "on")]).await;
    let profile = call_ok(&app, &bob, "my_profile", &[]).await;
    assert_eq!(profile["mail"], serde_json::json!({"reminders": true, "review_requests": false}));
    let note = [
        ("appointment_id", first.to_string()),
        ("diagnosis", "Tension headache".to_owned()),
        ("advice", "Sleep 8 hours; less <coffee>.".to_owned()),
        ("follow_up_weeks", "6".to_owned()),
        ("private_note", PRIVATE.to_owned()),
    ];
    let pairs: Vec<(&str, &str)> = note.iter().map(|(k, v)| (*k, v.as_str())).collect();
    call_ok(&app, &smith, "save_visit_note", &pairs).await;
    clock.advance(Duration::days(3) + Duration::hours(4)); // Monday 11:00 New York
    let smith = app.signed_in("dr_smith").await;
    assert_eq!(change(&app, &smith, first, "complete", "").await.status(), 200);
    assert_eq!(change(&app, &smith, second, "complete", "").await.status(), 200);
    app.run_jobs().await;

    let to_alice = app.mails_to(ALICE).await;
    let (_, text, html) = mail_with(&to_alice, "MediBook: Visit completed");
    assert!(text.contains("Your visit with Dr. John Smith is complete"), "{text}");
    assert!(text.contains("Diagnosis: Tension headache"), "{text}");
    assert!(text.contains("Advice: Sleep 8 hours; less <coffee>."), "{text}");
    assert!(html.contains("less &lt;coffee&gt;") && !html.contains("<coffee>"));
    assert!(text.contains("see you again in 6 weeks"), "{text}");
    let review = format!("/appointments/{first}/review");
    assert!(text.contains(&review) && html.contains(&format!("{review}\"")), "{text}");
    assert!(
        !text.contains(PRIVATE) && !html.contains(PRIVATE),
        "the private note stays the doctor's"
    );
    let to_bob = app.mails_to(BOB).await;
    let (_, text, _) = mail_with(&to_bob, "MediBook: Visit completed");
    assert!(text.contains("summary of the visit will be on its page"), "no note yet: {text}");
    assert!(!text.contains("/review"), "Bob turned review invitations off: {text}");
    // The doctor is not mailed about their own completion; the in-app list has the notice.
    assert!(!subjects(&app.mails_to(SMITH).await).contains(&"MediBook: Visit completed"));
    let notices = call_ok(&app, &app.signed_in("alice").await, "my_notifications", &[]).await;
    assert_eq!(notices["items"][0]["kind"], "completed");
}

#[tokio::test]
async fn a_missed_visit_mails_the_patient_with_what_happened_to_the_fee() {
    let (app, clock) = spawn_seeded_app_at(NOW).await;
    let smith_id = app.user_id("dr_smith").await;
    let (alice, smith) = (app.signed_in("alice").await, app.signed_in("dr_smith").await);
    let id = book(&app, &alice, smith_id, MONDAY_10AM, "").await;
    assert_eq!(change(&app, &smith, id, "accept", "").await.status(), 200);
    clock.advance(Duration::days(3) + Duration::hours(4));
    let smith = app.signed_in("dr_smith").await;
    assert_eq!(change(&app, &smith, id, "no_show", "").await.status(), 200);
    app.run_jobs().await;
    let to_alice = app.mails_to(ALICE).await;
    let (_, text, _) = mail_with(&to_alice, "MediBook: Missed appointment");
    assert!(text.contains("Dr. John Smith marked you as not having come"), "{text}");
    assert!(text.contains("No refund: missed appointment."), "{text}");
}

#[tokio::test]
async fn reminders_turned_off_are_not_sent_and_turned_on_again_they_are() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut config = test_config(&dir.path().join("r.db"));
    config.reminders = vec![Duration::hours(24), Duration::hours(2)];
    let at = chrono::DateTime::parse_from_rfc3339(NOW).expect("now").with_timezone(&chrono::Utc);
    let clock = medibook::server::clock::FixedClock::new(at);
    let app = spawn_app_with_clock(config, std::sync::Arc::new(clock.clone())).await;
    medibook::server::seed::run(&app.state, 5, PASSWORD).await.expect("seed");
    let (alice, smith) = (app.signed_in("alice").await, app.signed_in("dr_smith").await);
    let id = book(&app, &alice, app.user_id("dr_smith").await, MONDAY_10AM, "").await;
    assert_eq!(change(&app, &smith, id, "accept", "").await.status(), 200);
    call_ok(&app, &alice, "save_mail_preferences", &[("review_requests", "on")]).await;
    clock.advance(Duration::hours(51) + Duration::minutes(1)); // 24 h before
    app.run_jobs().await;
    let reminders = |mails: Vec<(String, String, String)>| {
        mails.into_iter().filter(|m| m.0.starts_with("Reminder")).count()
    };
    assert_eq!(reminders(app.mails_to(ALICE).await), 0, "turned off");
    // Booking mail is not optional: it went out all along.
    assert!(subjects(&app.mails_to(ALICE).await).contains(&"MediBook: Appointment confirmed"));
    let alice = app.signed_in("alice").await;
    call_ok(
        &app,
        &alice,
        "save_mail_preferences",
        &[("reminders", "on"), ("review_requests", "on")],
    )
    .await;
    clock.advance(Duration::hours(22)); // 2 h before
    app.run_jobs().await;
    assert_eq!(reminders(app.mails_to(ALICE).await), 1, "on again: the 2-hour one");
    assert_eq!(app.call(&app.client(), "save_mail_preferences", &[]).await.status(), 401);
}

#[tokio::test]
async fn a_deposit_is_receipted_once_and_a_withdrawal_mails_its_doctor_at_each_step() {
    let (app, clock) = spawn_seeded_app_at(NOW).await;
    let smith_id = app.user_id("dr_smith").await;
    let (alice, smith) = (app.signed_in("alice").await, app.signed_in("dr_smith").await);
    let form = deposit_form("25.50", "4242 4242 4242 4242", "receipt-key-0001");
    let before = app.mails_to(ALICE).await.len();
    call_ok(&app, &alice, "deposit", &form).await;
    call_ok(&app, &alice, "deposit", &form).await; // a retry: one charge, one receipt
    app.run_jobs().await;
    let to_alice = app.mails_to(ALICE).await;
    assert_eq!(to_alice.len(), before + 1, "{:?}", subjects(&to_alice));
    let (_, text, _) = mail_with(&to_alice, "MediBook receipt: $25.50 added to your wallet");
    assert!(text.contains("•••• 4242") && text.contains("Receipt number: D-"), "{text}");

    let id = book(&app, &alice, smith_id, MONDAY_10AM, "").await;
    assert_eq!(change(&app, &smith, id, "accept", "").await.status(), 200);
    clock.advance(Duration::days(4));
    let smith = app.signed_in("dr_smith").await;
    assert_eq!(change(&app, &smith, id, "complete", "").await.status(), 200);
    let first =
        call_ok(&app, &smith, "request_withdrawal", &[("amount", "10"), ("currency", "USD")])
            .await
            .to_string();
    let second =
        call_ok(&app, &smith, "request_withdrawal", &[("amount", "5"), ("currency", "USD")])
            .await
            .to_string();
    let admin = app.signed_in(ADMIN).await;
    call_ok(&app, &admin, "decide_withdrawal", &[("id", &first), ("decision", "approve")]).await;
    let reason =
        [("id", second.as_str()), ("decision", "reject"), ("note", "Bank details <missing>")];
    call_ok(&app, &admin, "decide_withdrawal", &reason).await;
    call_ok(&app, &admin, "decide_withdrawal", &[("id", &first), ("decision", "approve")]).await;
    app.run_jobs().await;
    let to_smith: Vec<String> = app
        .mails_to(SMITH)
        .await
        .into_iter()
        .filter(|m| m.0.contains("withdrawal"))
        .map(|m| format!("{} | {}", m.0, m.1))
        .collect();
    assert_eq!(
        to_smith.len(),
        4,
        "two asked, one paid, one refused; deciding again mails nothing: {to_smith:#?}"
    );
    assert!(to_smith[0].starts_with("MediBook: your withdrawal of $10.00 was requested"));
    assert!(to_smith[2].starts_with("MediBook: your withdrawal of $10.00 was approved"));
    assert!(to_smith[3].contains("not approved") && to_smith[3].contains("Bank details <missing>"));
}
