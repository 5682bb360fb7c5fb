//! A patient sends unused wallet credit back to a deposit's card (issue 17, part 6): never more
//! than the deposit or the wallet, once per key, even when many requests race; a refund the
//! card's bank refuses, or one a crash interrupted, puts the money back; the ledger reconciles.

use crate::helpers::*;
use medibook::domain::money::{Currency, Money};
use medibook::domain::payment::ledger::Posting;
use medibook::domain::{Field, FieldErrorCode, UserId};
use medibook::dto::payment_views::{CardRefundView, WalletView};
use medibook::error::AppError;
use medibook::server::payments::ledger::{self, NewTransaction, reconcile};
use medibook::server::payments::provider::RefundRequest;
use std::sync::Arc;

const NOW: &str = "2026-11-20T12:00:00Z";
const GOOD_CARD: &str = "4242 4242 4242 4242";
const REFUSING_CARD: &str = "4000 0000 0000 0341";
const ALICE: &str = "alice@medibook.local";

async fn deposit(app: &TestApp, client: &reqwest::Client, amount: &str, card: &str, key: &str) {
    call_ok(app, client, "deposit", &deposit_form(amount, card, key)).await;
}

async fn wallet(app: &TestApp, client: &reqwest::Client) -> WalletView {
    call(app, client, "my_wallet", &[]).await
}

async fn usd(app: &TestApp, client: &reqwest::Client) -> i64 {
    let view = wallet(app, client).await;
    view.balances.iter().find(|m| m.currency == Currency::USD).map_or(0, |m| m.minor)
}

async fn send(
    app: &TestApp,
    client: &reqwest::Client,
    deposit: i64,
    amount: &str,
    key: &str,
) -> reqwest::Response {
    let deposit = deposit.to_string();
    let form =
        [("deposit_id", deposit.as_str()), ("refund_amount", amount), ("idempotency_key", key)];
    app.call(client, "send_credit_to_card", &form).await
}

fn field_of(error: AppError) -> (Field, FieldErrorCode) {
    match error {
        AppError::Invalid(errors) => (errors[0].field, errors[0].code),
        other => panic!("not a field error: {other:?}"),
    }
}

async fn assert_reconciles(app: &TestApp) {
    let report = reconcile(&app.state.db).await.expect("reconcile");
    assert!(report.is_clean(), "{report:?}");
    assert_eq!(report.pending, 0, "nothing left pending");
}

#[tokio::test]
async fn credit_goes_back_to_its_card_within_the_deposit_and_the_wallet_once_per_key() {
    let (app, _clock) = spawn_seeded_app_at(NOW).await;
    let alice = app.signed_in("alice").await;
    let start = usd(&app, &alice).await;
    deposit(&app, &alice, "50", GOOD_CARD, "refund-dep-0001").await;
    let view = wallet(&app, &alice).await;
    let card = view.refundable.iter().find(|d| d.card_last4 == "4242").expect("refundable");
    assert_eq!(card.amount.minor, 5000);
    assert_eq!(card.up_to.minor, 5000, "the deposit, within the wallet");
    let id = card.id;

    let sent: CardRefundView = serde_json::from_str(
        &send(&app, &alice, id, "20.50", "refund-key-0001").await.text().await.unwrap(),
    )
    .expect("sent");
    assert_eq!((sent.amount.minor, sent.card_last4.as_str()), (2050, "4242"));
    assert_eq!(sent.balance.minor, start + 5000 - 2050);
    // The same key again (a double click, a retry): the first answer, no second refund.
    let again = send(&app, &alice, id, "20.50", "refund-key-0001").await;
    assert_eq!(again.status(), 200);
    assert_eq!(usd(&app, &alice).await, start + 5000 - 2050);
    assert_eq!(app.count("card_refunds").await, 1);
    let left = wallet(&app, &alice).await;
    assert_eq!(left.refundable.iter().find(|d| d.id == id).map(|d| d.up_to.minor), Some(2950));

    // Bad input is refused at its field, with nothing written.
    for (deposit_id, amount, expected) in [
        (id, "29.51", (Field::RefundAmount, FieldErrorCode::OutOfRange)),
        (id, "0", (Field::RefundAmount, FieldErrorCode::NotPositive)),
        (id, "1.001", (Field::RefundAmount, FieldErrorCode::TooPrecise)),
        (id, "ten", (Field::RefundAmount, FieldErrorCode::InvalidFormat)),
        (999_999, "1", (Field::RefundDeposit, FieldErrorCode::Unknown)),
    ] {
        let response = send(&app, &alice, deposit_id, amount, "refund-bad-0001").await;
        assert_eq!(field_of(error_of(response).await), expected, "{amount}");
    }
    assert_eq!(app.count("card_refunds").await, 1);
    // Another patient cannot send Alice's deposit anywhere; a doctor has no wallet.
    let bob = app.signed_in("bob").await;
    let response = send(&app, &bob, id, "1", "refund-bob-0001").await;
    assert_eq!(field_of(error_of(response).await), (Field::RefundDeposit, FieldErrorCode::Unknown));
    let smith = app.signed_in("dr_smith").await;
    assert_eq!(send(&app, &smith, id, "1", "refund-doc-0001").await.status(), 403);
    assert_eq!(send(&app, &app.client(), id, "1", "refund-anon-001").await.status(), 401);

    // The history shows it; the patient is mailed once it is sent.
    let history = wallet(&app, &alice).await.history;
    let line = history.iter().find(|r| r.description == "Sent back to your card").expect("line");
    assert_eq!((line.amount.minor, line.method.as_str()), (-2050, "card"));
    app.run_jobs().await;
    let mails = app.mails_to(ALICE).await;
    let mail =
        mails.iter().find(|m| m.0 == "MediBook: $20.50 sent back to your card").expect("mail");
    assert!(mail.1.contains("•••• 4242"), "{}", mail.1);
    assert_reconciles(&app).await;
}

#[tokio::test]
async fn twenty_concurrent_sends_of_ten_from_a_fifty_deposit_send_exactly_five() {
    let (app, _clock) = spawn_seeded_app_at(NOW).await;
    let alice = app.signed_in("alice").await;
    deposit(&app, &alice, "50", GOOD_CARD, "race-dep-00001").await;
    let id = wallet(&app, &alice).await.refundable[0].id;
    let before = usd(&app, &alice).await;
    let app = Arc::new(app);
    let tasks: Vec<_> = (0..20)
        .map(|n| {
            let (app, alice) = (app.clone(), alice.clone());
            tokio::spawn(async move {
                send(&app, &alice, id, "10", &format!("race-refund-{n:03}")).await.status().as_u16()
            })
        })
        .collect();
    let mut statuses = Vec::new();
    for task in tasks {
        statuses.push(task.await.expect("send"));
    }
    assert_eq!(statuses.iter().filter(|s| **s == 200).count(), 5, "{statuses:?}");
    assert!(statuses.iter().all(|s| *s == 200 || *s == 400), "{statuses:?}");
    assert_eq!(usd(&app, &alice).await, before - 5000);
    let sent: i64 = sqlx::query_scalar(
        "SELECT sum(minor) FROM card_refunds WHERE status = 'sent' AND deposit_id = ?1",
    )
    .bind(id)
    .fetch_one(&app.state.db)
    .await
    .expect("sum");
    assert_eq!(sent, 5000, "never more than the deposit");
    assert_reconciles(&app).await;
}

#[tokio::test]
async fn a_refund_the_bank_refuses_puts_the_money_back_and_so_does_one_a_crash_cut_short() {
    let (app, _clock) = spawn_seeded_app_at(NOW).await;
    let alice = app.signed_in("alice").await;
    let alice_id = UserId(app.user_id("alice").await);
    deposit(&app, &alice, "30", REFUSING_CARD, "refuse-dep-0001").await;
    let before = usd(&app, &alice).await;
    let id = wallet(&app, &alice).await.refundable[0].id;
    let response = send(&app, &alice, id, "30", "refuse-key-0001").await;
    assert_eq!(error_of(response).await, AppError::RefundRefused);
    assert_eq!(usd(&app, &alice).await, before, "back in the wallet");
    let history = wallet(&app, &alice).await.history;
    assert!(
        history
            .iter()
            .any(|r| r.description.contains("bank refused the refund") && r.amount.minor == 3000)
    );
    assert_eq!(wallet(&app, &alice).await.refundable[0].up_to.minor, 3000, "may be tried again");

    // Two refunds interrupted after the money left the wallet (as a kill -9 would leave them):
    // one the processor had made, one it never received. The start-up check settles both.
    deposit(&app, &alice, "40", GOOD_CARD, "crash-dep-00001").await;
    let good =
        wallet(&app, &alice).await.refundable.iter().find(|d| d.card_last4 == "4242").unwrap().id;
    let now = chrono::Utc::now();
    let mut interrupted = Vec::new();
    for key in ["crash-refund-made", "crash-refund-lost"] {
        let mut tx = medibook::server::db::begin_write(&app.state.writer).await.expect("tx");
        let amount = Money { minor: 1000, currency: Currency::USD };
        let new = NewTransaction {
            kind: "withdrawal",
            requested: amount,
            user: Some(alice_id),
            appointment: None,
            idempotency_key: Some(key),
            card_last4: Some("4242"),
            now,
        };
        let tid = ledger::reserve(&mut tx, &new).await.expect("reserve").expect("new");
        ledger::post(
            &mut tx,
            tid,
            Currency::USD,
            &Posting::to_card(alice_id, 1000),
            "sent_to_card",
        )
        .await
        .expect("post");
        sqlx::query("INSERT INTO card_refunds (transaction_id, deposit_id, patient_id, minor, created_at) VALUES (?1, ?2, ?3, 1000, 0)")
            .bind(tid)
            .bind(good)
            .bind(alice_id.0)
            .execute(&mut *tx)
            .await
            .expect("row");
        tx.commit().await.expect("commit");
        interrupted.push(tid);
    }
    let processor = app.state.payments.as_ref().expect("processor");
    let request = RefundRequest {
        charge_key: "unused",
        card_last4: "4242",
        amount: Money { minor: 1000, currency: Currency::USD },
        idempotency_key: "crash-refund-made",
    };
    assert!(processor.refund(request).await.is_ok());
    let low = usd(&app, &alice).await;
    let recovered =
        medibook::server::payments::recovery::settle_pending(&app.state).await.expect("recovery");
    assert_eq!((recovered.refunds_sent, recovered.refunds_returned), (1, 1));
    assert_eq!(usd(&app, &alice).await, low + 1000, "the lost one came back");
    let statuses: Vec<String> = sqlx::query_scalar(
        "SELECT status FROM card_refunds WHERE transaction_id IN (?1, ?2) ORDER BY transaction_id",
    )
    .bind(interrupted[0])
    .bind(interrupted[1])
    .fetch_all(&app.state.db)
    .await
    .expect("statuses");
    assert_eq!(statuses, vec!["sent", "failed"]);
    // Settled once: a second check, or a rewrite, changes nothing.
    let again =
        medibook::server::payments::recovery::settle_pending(&app.state).await.expect("again");
    assert_eq!((again.refunds_sent, again.refunds_returned), (0, 0));
    let rewrite = sqlx::query(
        "UPDATE card_refunds SET status = 'sending', settled_at = NULL, returned_id = NULL",
    )
    .execute(&app.state.writer)
    .await
    .expect_err("settled once");
    assert!(rewrite.to_string().contains("MB_REFUND_SETTLED"), "{rewrite}");
    // SQLite refuses a refund beyond its deposit whatever code writes it.
    let beyond = sqlx::query("INSERT INTO card_refunds (transaction_id, deposit_id, patient_id, minor, created_at) VALUES (?1, ?2, ?3, 999999, 0)")
        .bind(interrupted[0])
        .bind(good)
        .bind(alice_id.0)
        .execute(&app.state.writer)
        .await
        .expect_err("beyond");
    assert!(beyond.to_string().contains("MB_REFUND_EXCEEDS_DEPOSIT"), "{beyond}");
    assert_reconciles(&app).await;
}
