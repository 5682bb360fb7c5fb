//! Wallet payments over HTTP: deposits, paying at booking, refunds by the policy, earnings and
//! withdrawals, idempotency and races. Every test ends with the ledger reconciling.
use crate::helpers::*;
use medibook::error::AppError;
use medibook::server::payments::ledger::reconcile;
use std::sync::Arc;

/// Friday 20 November 2026, noon UTC. dr_smith works Mon/Tue/Wed/Fri 10-13 and 14-17 New York.
const NOW: &str = "2026-11-20T12:00:00Z";
const MONDAY_10AM: &str = "2026-11-23T15:00:00Z";
const MONDAY_11AM: &str = "2026-11-23T16:00:00Z";
const MONDAY_2PM: &str = "2026-11-23T19:00:00Z";
const MONDAY_3PM: &str = "2026-11-23T20:00:00Z";

const GOOD_CARD: &str = "4242 4242 4242 4242";
const DECLINED_CARD: &str = "4000 0000 0000 0002";
const FAILING_CARD: &str = "4000 0000 0000 0119";

/// The wallet balance (minor units) of `username` in USD.
async fn wallet(app: &TestApp, username: &str) -> i64 {
    let id = app.user_id(username).await;
    sqlx::query_scalar::<_, i64>(
        "SELECT ifnull((SELECT balance FROM ledger_accounts WHERE kind = 'wallet' AND user_id = ?1 \
         AND currency = 'USD'), 0)",
    )
    .bind(id)
    .fetch_one(&app.state.db)
    .await
    .expect("balance")
}

async fn balance_of(app: &TestApp, kind: &str, user: Option<i64>) -> i64 {
    sqlx::query_scalar(
        "SELECT ifnull(sum(balance), 0) FROM ledger_accounts WHERE kind = ?1 \
         AND (?2 IS NULL OR user_id = ?2)",
    )
    .bind(kind)
    .bind(user)
    .fetch_one(&app.state.db)
    .await
    .expect("balance")
}

async fn deposit(app: &TestApp, client: &reqwest::Client, amount: &str, key: &str) {
    call_ok(app, client, "deposit", &deposit_form(amount, GOOD_CARD, key)).await;
}

async fn assert_reconciles(app: &TestApp) {
    let report = reconcile(&app.state.db).await.expect("reconcile");
    assert!(report.is_clean(), "{report:?}");
    assert_eq!(report.pending, 0, "nothing left pending");
}

/// Holds `start` with `doctor` and books it paying from the wallet; the raw answer.
async fn book_from_wallet(
    app: &TestApp,
    client: &reqwest::Client,
    doctor: i64,
    start: &str,
    key: &str,
) -> (i64, reqwest::Response) {
    let held =
        call_ok(app, client, "hold_slot", &[("doctor_id", &doctor.to_string()), ("start", start)])
            .await;
    let id = held["appointment_id"].as_i64().expect("id");
    let form = [
        ("appointment_id", id.to_string()),
        ("reason", String::new()),
        ("idempotency_key", key.to_owned()),
        ("payment_method", "wallet".to_owned()),
    ];
    let form: Vec<(&str, &str)> = form.iter().map(|(k, v)| (*k, v.as_str())).collect();
    (id, app.call(client, "book_held_slot", &form).await)
}

#[tokio::test]
async fn a_card_deposit_reaches_the_wallet_and_bad_input_is_refused_with_nothing_written() {
    let (app, _clock) = spawn_seeded_app_at(NOW).await;
    let alice = app.signed_in("alice").await;
    let answer =
        call_ok(&app, &alice, "deposit", &deposit_form("50.25", GOOD_CARD, "deposit-ok-01")).await;
    assert_eq!(answer["amount"]["minor"], 5025);
    assert_eq!(answer["balance"]["minor"], 5025);
    let stored: Option<String> =
        sqlx::query_scalar("SELECT card_last4 FROM ledger_transactions WHERE kind = 'deposit'")
            .fetch_one(&app.state.db)
            .await
            .expect("card");
    assert_eq!(stored.as_deref(), Some("4242"), "only the last four digits are kept");

    let transactions = app.count("ledger_transactions").await;
    let bad = [
        ("-5", "USD", GOOD_CARD, "12/30", "123", "Ann", "amount:not_positive"),
        ("0", "USD", GOOD_CARD, "12/30", "123", "Ann", "amount:not_positive"),
        ("10.001", "USD", GOOD_CARD, "12/30", "123", "Ann", "amount:too_precise"),
        ("1e3", "USD", GOOD_CARD, "12/30", "123", "Ann", "amount:invalid_format"),
        ("10000.01", "USD", GOOD_CARD, "12/30", "123", "Ann", "amount:out_of_range"),
        ("99999999999999999999999", "USD", GOOD_CARD, "12/30", "123", "Ann", "amount:out_of_range"),
        ("10", "XYZ", GOOD_CARD, "12/30", "123", "Ann", "currency:unknown"),
        ("10", "USD", "4242 4242 4242 4241", "12/30", "123", "Ann", "card_number:invalid_format"),
        ("10", "USD", GOOD_CARD, "10/26", "123", "Ann", "card_expiry:invalid_format"),
        ("10", "USD", GOOD_CARD, "12/30", "12", "Ann", "card_cvc:invalid_format"),
        ("10", "USD", GOOD_CARD, "12/30", "123", "  ", "card_holder:invalid_format"),
    ];
    for (amount, currency, card, expiry, cvc, holder, expected) in bad {
        let form = [
            ("amount", amount),
            ("currency", currency),
            ("card_number", card),
            ("card_expiry", expiry),
            ("card_cvc", cvc),
            ("card_holder", holder),
            ("idempotency_key", "deposit-bad-01"),
        ];
        let response = app.call(&alice, "deposit", &form).await;
        assert_eq!(response.status(), 400, "{amount} {currency} {card}");
        let error = error_of(response).await;
        let fields: Vec<String> = error
            .to_query()
            .into_iter()
            .filter(|(k, _)| *k == "field_error")
            .map(|(_, v)| v)
            .collect();
        assert!(fields.contains(&expected.to_owned()), "{amount}: {fields:?}");
    }
    assert_eq!(app.count("ledger_transactions").await, transactions, "nothing was written");

    let response =
        app.call(&alice, "deposit", &deposit_form("20", DECLINED_CARD, "decl-key-01")).await;
    assert_eq!(response.status(), 402);
    let error = error_of(response).await;
    assert_eq!(error, AppError::CardDeclined);
    assert!(error.message().contains("declined"));
    let response =
        app.call(&alice, "deposit", &deposit_form("20", FAILING_CARD, "fail-key-01")).await;
    assert_eq!(error_of(response).await, AppError::PaymentProcessorError);
    assert_eq!(wallet(&app, "alice").await, 5025, "declines move no money");
    let declined: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM ledger_transactions t WHERE status = 'declined' \
         AND NOT EXISTS (SELECT 1 FROM ledger_entries e WHERE e.transaction_id = t.id)",
    )
    .fetch_one(&app.state.db)
    .await
    .expect("count");
    assert_eq!(declined, 2, "each refused charge is kept, without entries, for the history");

    let smith = app.signed_in("dr_smith").await;
    assert_eq!(
        app.call(&smith, "deposit", &deposit_form("5", GOOD_CARD, "doc-key-001")).await.status(),
        403
    );
    assert_eq!(
        app.call(&app.client(), "deposit", &deposit_form("5", GOOD_CARD, "anon-key-01"))
            .await
            .status(),
        401
    );
    assert_reconciles(&app).await;
    app.stop().await;
}

#[tokio::test]
async fn a_hundred_concurrent_deposits_of_ten_add_exactly_a_thousand() {
    let (app, _clock) = spawn_seeded_app_at(NOW).await;
    let alice = app.signed_in("alice").await;
    let app = Arc::new(app);
    let tasks: Vec<_> = (0..100)
        .map(|n| {
            let (app, alice) = (app.clone(), alice.clone());
            tokio::spawn(async move {
                let key = format!("concurrent-deposit-{n:03}");
                deposit(&app, &alice, "10", &key).await;
            })
        })
        .collect();
    for task in tasks {
        task.await.expect("deposit");
    }
    assert_eq!(wallet(&app, "alice").await, 100_000, "exactly 1,000.00, no update lost");
    let posted: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM ledger_transactions WHERE kind = 'deposit' AND status = 'posted'",
    )
    .fetch_one(&app.state.db)
    .await
    .expect("count");
    assert_eq!(posted, 100);
    assert_reconciles(&app).await;
}

#[tokio::test]
async fn the_same_deposit_or_payment_sent_twenty_times_at_once_is_charged_once() {
    let (app, _clock) = spawn_seeded_app_at(NOW).await;
    let smith = app.user_id("dr_smith").await;
    let (alice, bob) = (app.signed_in("alice").await, app.signed_in("bob").await);
    let app = Arc::new(app);
    let same_deposit: Vec<_> = (0..20)
        .map(|_| {
            let (app, alice) = (app.clone(), alice.clone());
            tokio::spawn(async move {
                call_ok(
                    &app,
                    &alice,
                    "deposit",
                    &deposit_form("100", GOOD_CARD, "same-deposit-key"),
                )
                .await
            })
        })
        .collect();
    let mut ids = Vec::new();
    for task in same_deposit {
        let answer = task.await.expect("task");
        assert_eq!(answer["balance"]["minor"], 10_000, "every retry sees the one deposit");
        ids.push(answer["transaction_id"].as_i64());
    }
    ids.dedup();
    assert_eq!(ids.len(), 1, "one transaction answers all");
    assert_eq!(wallet(&app, "alice").await, 10_000);

    // Twenty identical wallet payments for one hold: one payment, one booking.
    let held = call_ok(
        &app,
        &alice,
        "hold_slot",
        &[("doctor_id", &smith.to_string()), ("start", MONDAY_10AM)],
    )
    .await;
    let id = held["appointment_id"].as_i64().expect("id").to_string();
    let fee = held["fee"]["minor"].as_i64().expect("fee");
    let pay = |method: &'static str, id: String, key: &'static str, client: reqwest::Client| {
        let app = app.clone();
        tokio::spawn(async move {
            let mut form = vec![
                ("appointment_id", id.as_str()),
                ("reason", ""),
                ("idempotency_key", key),
                ("payment_method", method),
            ];
            if method == "card" {
                form.extend(PAY_BY_CARD.into_iter().skip(1));
            }
            call_ok(&app, &client, "book_held_slot", &form).await
        })
    };
    let tasks: Vec<_> =
        (0..20).map(|_| pay("wallet", id.clone(), "same-payment-key", alice.clone())).collect();
    for task in tasks {
        assert_eq!(task.await.expect("task")["status"], "pending");
    }
    assert_eq!(wallet(&app, "alice").await, 10_000 - fee, "the fee was taken once");

    // Twenty identical card payments: the card is charged once.
    let held = call_ok(
        &app,
        &bob,
        "hold_slot",
        &[("doctor_id", &smith.to_string()), ("start", MONDAY_11AM)],
    )
    .await;
    let card_id = held["appointment_id"].as_i64().expect("id").to_string();
    let tasks: Vec<_> =
        (0..20).map(|_| pay("card", card_id.clone(), "same-card-key-01", bob.clone())).collect();
    for task in tasks {
        assert_eq!(task.await.expect("task")["status"], "pending");
    }
    let payments: Vec<(String, String)> = sqlx::query_as(
        "SELECT status, ifnull(card_last4, '') FROM ledger_transactions WHERE kind = 'payment' ORDER BY id",
    )
    .fetch_all(&app.state.db)
    .await
    .expect("payments");
    assert_eq!(
        payments,
        vec![("posted".into(), String::new()), ("posted".into(), "4242".into())],
        "one payment per appointment, whatever was sent"
    );
    assert_eq!(balance_of(&app, "escrow", None).await, 2 * fee);
    assert_reconciles(&app).await;
}

#[tokio::test]
async fn a_booking_is_paid_in_the_same_step_and_an_unpaid_or_uncovered_one_writes_nothing() {
    let (app, _clock) = spawn_seeded_app_at(NOW).await;
    let smith = app.user_id("dr_smith").await;
    let alice = app.signed_in("alice").await;
    let (id, response) =
        book_from_wallet(&app, &alice, smith, MONDAY_10AM, "empty-wallet-01").await;
    assert_eq!(error_of(response).await, AppError::InsufficientFunds);
    assert_eq!(status_of(&app, id).await, "held", "still held: the patient can pay by card");
    assert_eq!(app.count("ledger_transactions").await, 0, "nothing written");

    let form = [
        ("appointment_id", id.to_string()),
        ("reason", String::new()),
        ("idempotency_key", "no-method-01".into()),
    ];
    let form: Vec<(&str, &str)> = form.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let response = app.call(&alice, "book_held_slot", &form).await;
    assert_eq!(response.status(), 400, "a fee needs a payment method");
    let mut declined = form.clone();
    declined.extend([
        ("payment_method", "card"),
        ("card_number", DECLINED_CARD),
        ("card_expiry", "12/30"),
        ("card_cvc", "123"),
        ("card_holder", "Alice"),
    ]);
    let response = app.call(&alice, "book_held_slot", &declined).await;
    assert_eq!(error_of(response).await, AppError::CardDeclined);
    assert_eq!(status_of(&app, id).await, "held");
    let response = app.call(&alice, "book_held_slot", &paying_by_card(&form)).await;
    assert_eq!(response.status(), 200, "another card after a decline books");
    assert_eq!(status_of(&app, id).await, "pending");

    // SQLite itself refuses to book a hold with a fee that was not paid.
    let (other, _) =
        book_from_wallet(&app, &app.signed_in("bob").await, smith, MONDAY_11AM, "bob-unpaid-01")
            .await;
    let forced = sqlx::query(
        "UPDATE appointments SET status = 'pending', hold_expires_at = NULL WHERE id = ?1",
    )
    .bind(other)
    .execute(&app.state.writer)
    .await;
    assert!(forced.expect_err("refused").to_string().contains("MB_UNPAID"));
    assert_reconciles(&app).await;
}

#[tokio::test]
async fn refunds_follow_the_policy_and_completed_visits_pay_the_doctor_less_the_platform_fee() {
    let (app, clock) = spawn_seeded_app_at(NOW).await;
    let smith_id = app.user_id("dr_smith").await;
    let alice_id = app.user_id("alice").await;
    let (alice, smith) = (app.signed_in("alice").await, app.signed_in("dr_smith").await);
    deposit(&app, &alice, "1000", "refunds-deposit-1").await;
    let start = wallet(&app, "alice").await;
    let book = |start: &'static str, key: &'static str| {
        let (app, alice) = (&app, &alice);
        async move {
            let (id, response) = book_from_wallet(app, alice, smith_id, start, key).await;
            assert_eq!(response.status(), 200, "{start}");
            id
        }
    };
    let fee = {
        let id = book(MONDAY_10AM, "refund-key-0001").await;
        let fee: i64 = sqlx::query_scalar("SELECT fee_minor FROM appointments WHERE id = ?1")
            .bind(id)
            .fetch_one(&app.state.db)
            .await
            .expect("fee");
        assert_eq!(wallet(&app, "alice").await, start - fee);
        assert_eq!(change(&app, &alice, id, "cancel", "Feeling better").await.status(), 200);
        assert_eq!(wallet(&app, "alice").await, start, "cancelled 3 days ahead: all back");
        fee
    };
    let rejected = book(MONDAY_11AM, "refund-key-0002").await;
    assert_eq!(change(&app, &smith, rejected, "reject", "Not my field").await.status(), 200);
    assert_eq!(wallet(&app, "alice").await, start, "the doctor declined: all back");

    let late = book(MONDAY_2PM, "refund-key-0003").await;
    let missed = book(MONDAY_3PM, "refund-key-0004").await;
    let seen = book("2026-11-23T21:00:00Z", "refund-key-0005").await;
    for id in [late, missed, seen] {
        assert_eq!(change(&app, &smith, id, "accept", "").await.status(), 200);
    }
    clock.advance(chrono::Duration::days(3)); // Monday 12:00 UTC: 7 hours before 14:00 NY
    // Sessions idle for days have ended: sign in again.
    let alice = app.signed_in("alice").await;
    assert_eq!(change(&app, &alice, late, "cancel", "Stuck at work").await.status(), 200);
    assert_eq!(wallet(&app, "alice").await, start - 3 * fee + fee / 2, "late: half back");
    clock.advance(chrono::Duration::hours(10)); // after the visits
    let (alice, smith) = (app.signed_in("alice").await, app.signed_in("dr_smith").await);
    assert_eq!(change(&app, &smith, missed, "no_show", "").await.status(), 200);
    assert_eq!(change(&app, &smith, seen, "complete", "").await.status(), 200);
    assert_eq!(wallet(&app, "alice").await, start - 3 * fee + fee / 2, "no-show: nothing back");

    // Kept: half the late fee, the no-show fee, the visit's fee; 10 % to the platform.
    let kept = fee / 2 + fee + fee;
    let cut = |amount: i64| amount / 10;
    assert_eq!(
        balance_of(&app, "earnings", Some(smith_id)).await,
        (fee / 2 - cut(fee / 2)) + 2 * (fee - cut(fee))
    );
    assert_eq!(balance_of(&app, "platform_fees", None).await, cut(fee / 2) + 2 * cut(fee));
    assert_eq!(balance_of(&app, "escrow", None).await, 0, "every ended visit left escrow");
    assert_eq!(kept, start - wallet(&app, "alice").await);

    // The history names each refund's reason; filters and the CSV agree.
    let history = call_ok(&app, &alice, "my_wallet", &[("kind", "refund")]).await;
    let descriptions: Vec<&str> = history["history"]
        .as_array()
        .expect("rows")
        .iter()
        .map(|r| r["description"].as_str().expect("text"))
        .collect();
    assert_eq!(
        descriptions,
        vec![
            "Partial refund: cancelled after the cut-off",
            "Refund: the doctor declined the request",
            "Refund: cancelled before the cut-off",
        ]
    );
    let csv = alice
        .get(format!("{}/wallet/history.csv?kind=refund", app.address))
        .send()
        .await
        .expect("csv");
    assert_eq!(csv.status(), 200);
    assert!(csv.headers()["content-type"].to_str().unwrap_or("").starts_with("text/csv"));
    let csv = csv.text().await.expect("body");
    assert_eq!(csv.lines().count(), 4, "header and three refunds: {csv}");
    assert!(csv.contains("Refund: the doctor declined the request"));
    assert!(!csv.contains("deposit,"), "filtered");
    let mine =
        app.client().get(format!("{}/wallet/history.csv", app.address)).send().await.expect("csv");
    assert_eq!(mine.status(), 401, "the export needs the patient's session");
    let response =
        app.call(&alice, "my_wallet", &[("from", "2026-11-30"), ("to", "2026-11-01")]).await;
    assert_eq!(response.status(), 400, "a reversed range is refused");

    // Nobody else sees Alice's money.
    let bob = call_ok(&app, &app.signed_in("bob").await, "my_wallet", &[]).await;
    assert_eq!(bob["history"], serde_json::json!([]));
    assert_eq!(app.call(&smith, "my_wallet", &[]).await.status(), 403);
    let _ = alice_id;
    assert_reconciles(&app).await;
}

#[tokio::test]
async fn a_doctor_withdraws_earnings_only_after_an_admin_approves_and_never_more_than_earned() {
    let (app, clock) = spawn_seeded_app_at(NOW).await;
    let smith_id = app.user_id("dr_smith").await;
    let (alice, smith) = (app.signed_in("alice").await, app.signed_in("dr_smith").await);
    let id = book(&app, &alice, smith_id, MONDAY_10AM, "").await;
    assert_eq!(change(&app, &smith, id, "accept", "").await.status(), 200);
    clock.advance(chrono::Duration::days(4));
    let (alice, smith) = (app.signed_in("alice").await, app.signed_in("dr_smith").await);
    assert_eq!(change(&app, &smith, id, "complete", "").await.status(), 200);
    let earned = balance_of(&app, "earnings", Some(smith_id)).await;
    assert!(earned > 0);
    let earnings = call_ok(&app, &smith, "my_earnings", &[]).await;
    assert_eq!(earnings["lines"].as_array().map(Vec::len), Some(1));
    assert_eq!(earnings["months"][0]["month"], "2026-11");
    assert_eq!(earnings["months"][0]["net"]["minor"], earned);

    let too_much = format!("{}", earned / 100 + 1);
    let response =
        app.call(&smith, "request_withdrawal", &[("amount", &too_much), ("currency", "USD")]).await;
    assert_eq!(error_of(response).await, AppError::InsufficientEarnings);
    let half = format!("{}.{:02}", earned / 2 / 100, earned / 2 % 100);
    let first =
        call_ok(&app, &smith, "request_withdrawal", &[("amount", &half), ("currency", "USD")])
            .await;
    let response =
        app.call(&smith, "request_withdrawal", &[("amount", &too_much), ("currency", "USD")]).await;
    assert_eq!(error_of(response).await, AppError::InsufficientEarnings, "requests count");
    for (amount, currency) in [("-1", "USD"), ("0", "USD"), ("1.001", "USD"), ("1", "ZZZ")] {
        let response = app
            .call(&smith, "request_withdrawal", &[("amount", amount), ("currency", currency)])
            .await;
        assert_eq!(response.status(), 400, "{amount} {currency}");
    }
    assert_eq!(
        app.call(&alice, "request_withdrawal", &[("amount", "1"), ("currency", "USD")])
            .await
            .status(),
        403
    );

    let request_id = first.as_i64().expect("id").to_string();
    let admin = app.signed_in(ADMIN).await;
    assert_eq!(
        app.call(&smith, "decide_withdrawal", &[("id", &request_id), ("decision", "approve")])
            .await
            .status(),
        403,
        "doctors do not approve their own"
    );
    let response =
        app.call(&admin, "decide_withdrawal", &[("id", &request_id), ("decision", "reject")]).await;
    assert_eq!(response.status(), 400, "a rejection needs a reason");
    let approved =
        call_ok(&app, &admin, "decide_withdrawal", &[("id", &request_id), ("decision", "approve")])
            .await;
    assert_eq!(approved, "approved");
    let again = call_ok(
        &app,
        &admin,
        "decide_withdrawal",
        &[("id", &request_id), ("decision", "reject"), ("note", "x")],
    )
    .await;
    assert_eq!(again, "approved", "decided once");
    assert_eq!(balance_of(&app, "earnings", Some(smith_id)).await, earned - earned / 2);

    let audit = call_ok(&app, &admin, "admin_ledger", &[]).await;
    assert_eq!(audit["reconciliation"]["clean"], true);
    assert_eq!(audit["reconciliation"]["pending"], 0);
    let kinds: Vec<&str> = audit["transactions"]
        .as_array()
        .expect("rows")
        .iter()
        .map(|t| t["kind"].as_str().unwrap_or(""))
        .collect();
    assert_eq!(kinds, vec!["withdrawal", "settlement", "payment"]);
    assert_eq!(app.call(&smith, "admin_ledger", &[]).await.status(), 403);
    assert_reconciles(&app).await;
}

#[tokio::test]
async fn paying_while_a_cancellation_races_ends_paid_then_refunded_or_not_paid_never_lost() {
    let (app, _clock) = spawn_seeded_app_at(NOW).await;
    let doctors = [app.user_id("dr_smith").await, app.user_id("dr_brown").await];
    let patients = [app.signed_in("alice").await, app.signed_in("bob").await];
    deposit(&app, &patients[0], "5000", "race-deposit-001").await;
    deposit(&app, &patients[1], "5000", "race-deposit-002").await;
    let app = Arc::new(app);
    let starts = [MONDAY_10AM, MONDAY_11AM, MONDAY_2PM, MONDAY_3PM];
    let mut round = 0;
    // Each patient with one doctor (a patient cannot be with two doctors at once).
    for (doctor, alice) in doctors.into_iter().zip(patients) {
        for start in starts {
            round += 1;
            let held = call_ok(
                &app,
                &alice,
                "hold_slot",
                &[("doctor_id", &doctor.to_string()), ("start", start)],
            )
            .await;
            let id = held["appointment_id"].as_i64().expect("id");
            let method = if round % 2 == 0 { "wallet" } else { "card" };
            let book = {
                let (app, alice) = (app.clone(), alice.clone());
                tokio::spawn(async move {
                    let id = id.to_string();
                    let key = format!("race-book-{id}");
                    let mut form = vec![
                        ("appointment_id", id.as_str()),
                        ("reason", ""),
                        ("idempotency_key", key.as_str()),
                        ("payment_method", method),
                    ];
                    form.extend(PAY_BY_CARD.into_iter().skip(1));
                    app.call(&alice, "book_held_slot", &form).await.status()
                })
            };
            let release = {
                let (app, alice) = (app.clone(), alice.clone());
                tokio::spawn(async move {
                    app.call(&alice, "release_hold", &[("appointment_id", &id.to_string())])
                        .await
                        .status()
                })
            };
            let cancel = {
                let (app, alice) = (app.clone(), alice.clone());
                tokio::spawn(async move {
                    change(&app, &alice, id, "cancel", "Changed my mind").await.status()
                })
            };
            let _ = (book.await, release.await, cancel.await);
        }
    }
    // Every appointment: active with its fee in escrow, or ended with nothing left in escrow
    // (never paid, or paid and then refunded in full).
    let rows: Vec<(i64, String, i64, i64, i64)> = sqlx::query_as(
        "SELECT ap.id, ap.status, ap.fee_minor, \
         (SELECT COUNT(*) FROM ledger_transactions t WHERE t.appointment_id = ap.id AND t.kind = 'payment' AND t.status = 'posted'), \
         ifnull((SELECT sum(e.minor) FROM ledger_entries e JOIN ledger_accounts a ON a.id = e.account_id AND a.kind = 'escrow' \
                 JOIN ledger_transactions t ON t.id = e.transaction_id WHERE t.appointment_id = ap.id), 0) \
         FROM appointments ap",
    )
    .fetch_all(&app.state.db)
    .await
    .expect("rows");
    assert_eq!(rows.len(), 8);
    let mut refunded_wallet = 0;
    for (id, status, fee, paid, escrow) in &rows {
        match status.as_str() {
            "pending" | "confirmed" => {
                assert_eq!((paid, escrow), (&1, fee), "#{id} active and paid")
            }
            "released" | "cancelled" => {
                assert_eq!(*escrow, 0, "#{id} {status}: nothing left in escrow");
                if *paid == 1 {
                    refunded_wallet += 1;
                }
            }
            other => panic!("#{id} unexpected {other}"),
        }
    }
    // Whatever the interleaving, money only moved between the wallets, escrow and the cards.
    let wallet_now = balance_of(&app, "wallet", None).await;
    let outside: i64 = balance_of(&app, "outside", None).await;
    let escrow = balance_of(&app, "escrow", None).await;
    assert_eq!(wallet_now + escrow + outside, 0, "money only moved, none created or lost");
    let statuses: Vec<&str> = rows.iter().map(|r| r.1.as_str()).collect();
    println!("race outcomes: {statuses:?}; {refunded_wallet} paid then refunded");
    assert_reconciles(&app).await;
}

#[tokio::test]
async fn moving_a_late_visit_further_out_never_buys_a_full_refund() {
    let (app, clock) = spawn_seeded_app_at(NOW).await;
    let smith_id = app.user_id("dr_smith").await;
    let (alice, smith) = (app.signed_in("alice").await, app.signed_in("dr_smith").await);
    deposit(&app, &alice, "1000", "cutoff-deposit-1").await;
    let start = wallet(&app, "alice").await;
    let (id, response) =
        book_from_wallet(&app, &alice, smith_id, MONDAY_2PM, "cutoff-key-0001").await;
    assert_eq!(response.status(), 200);
    assert_eq!(change(&app, &smith, id, "accept", "").await.status(), 200);
    let fee = start - wallet(&app, "alice").await;
    clock.advance(chrono::Duration::days(3)); // Monday 12:00 UTC: 7 hours before 14:00 NY
    let alice = app.signed_in("alice").await;

    // Inside the late window, Alice moves the visit to Friday, four days out…
    let moved = app
        .call(
            &alice,
            "reschedule_appointment",
            &[("appointment_id", &id.to_string()), ("start", "2026-11-27T19:00:00Z")],
        )
        .await;
    assert_eq!(moved.status(), 200, "{}", moved.text().await.expect("body"));
    let earliest: Option<i64> =
        sqlx::query_scalar("SELECT earliest_start_at FROM appointments WHERE id = ?1")
            .bind(id)
            .fetch_one(&app.state.db)
            .await
            .expect("earliest");
    assert_eq!(
        earliest,
        Some(chrono::DateTime::parse_from_rfc3339(MONDAY_2PM).expect("t").timestamp())
    );

    // …then cancels: the cut-off still counts from Monday, so only half comes back.
    assert_eq!(change(&app, &alice, id, "cancel", "Changed my mind").await.status(), 200);
    assert_eq!(wallet(&app, "alice").await, start - fee + fee / 2, "late: half back");

    // SQLite refuses to make the earliest start later, whatever code writes.
    let later = sqlx::query(
        "UPDATE appointments SET earliest_start_at = earliest_start_at + 86400 WHERE id = ?1",
    )
    .bind(id)
    .execute(&app.state.writer)
    .await
    .expect_err("refused");
    assert!(later.to_string().contains("MB_EARLIEST_START_KEPT"));
    app.stop().await;
}

#[tokio::test]
async fn every_amount_is_understood_exactly_or_refused_at_its_field_never_rescaled() {
    let (app, _clock) = spawn_seeded_app_at(NOW).await;
    let alice = app.signed_in("alice").await;
    let before = wallet(&app, "alice").await;
    // (typed, minor units credited, or the field error)
    let sweep: [(&str, Result<i64, &str>); 11] = [
        ("10,00", Err("amount:decimal_comma")),
        ("1.000,00", Err("amount:decimal_comma")),
        ("1,0,0", Err("amount:invalid_format")),
        ("1,000.5", Ok(100_050)),
        (" 10 ", Ok(1_000)),
        ("১০", Err("amount:invalid_format")),
        ("+10", Err("amount:invalid_format")),
        ("10.", Err("amount:invalid_format")),
        (".5", Err("amount:invalid_format")),
        ("1,000.00", Ok(100_000)),
        ("10,000", Ok(1_000_000)),
    ];
    let mut expected = before;
    for (n, (typed, outcome)) in sweep.into_iter().enumerate() {
        let key = format!("amount-sweep-{n:02}");
        let response = app.call(&alice, "deposit", &deposit_form(typed, GOOD_CARD, &key)).await;
        match outcome {
            Ok(minor) => {
                assert_eq!(response.status(), 200, "{typed:?}");
                expected += minor;
            }
            Err(field) => {
                assert_eq!(response.status(), 400, "{typed:?}");
                let error = error_of(response).await;
                let fields: Vec<String> = error
                    .to_query()
                    .into_iter()
                    .filter(|(k, _)| *k == "field_error")
                    .map(|(_, v)| v)
                    .collect();
                assert_eq!(fields, vec![field.to_owned()], "{typed:?}");
            }
        }
        assert_eq!(wallet(&app, "alice").await, expected, "after {typed:?}");
    }
    app.stop().await;
}

#[tokio::test]
async fn the_one_round_trip_wallet_booking_pays_a_covered_live_hold_and_writes_nothing_otherwise() {
    use medibook::domain::{AppointmentId, UserId};
    use medibook::server::appointments::{HoldToBook, pay_from_wallet_and_book_at_once};
    use medibook::server::clock::Clock;
    let (app, clock) = spawn_seeded_app_at(NOW).await;
    let smith = app.user_id("dr_smith").await;
    let alice = app.signed_in("alice").await;
    let alice_id = UserId(app.user_id("alice").await);
    async fn hold_of(app: &TestApp, client: &reqwest::Client, doctor: i64, start: &str) -> i64 {
        let form = [("doctor_id", doctor.to_string()), ("start", start.to_owned())];
        let form: Vec<(&str, &str)> = form.iter().map(|(k, v)| (*k, v.as_str())).collect();
        call_ok(app, client, "hold_slot", &form).await["appointment_id"].as_i64().expect("id")
    }
    let book = |appointment: AppointmentId, now| HoldToBook {
        appointment,
        patient: alice_id,
        reason: "",
        idempotency_key: "one-round-trip",
        now,
    };
    // An empty wallet: nothing written, so the step-by-step path can say why.
    let first = AppointmentId(hold_of(&app, &alice, smith, MONDAY_10AM).await);
    let rows_before = app.count("ledger_transactions").await;
    let answer = pay_from_wallet_and_book_at_once(&app.state.writer, &book(first, clock.now()))
        .await
        .expect("runs");
    assert_eq!(answer, None);
    assert_eq!(app.count("ledger_transactions").await, rows_before);

    deposit(&app, &alice, "500.00", "one-round-trip-deposit").await;
    let answer = pay_from_wallet_and_book_at_once(&app.state.writer, &book(first, clock.now()))
        .await
        .expect("runs");
    assert!(answer.is_some(), "a covered live hold is paid and booked in one script");
    let (reason, entries): (String, i64) = sqlx::query_as(
        "SELECT t.reason, (SELECT COUNT(*) FROM ledger_entries e WHERE e.transaction_id = t.id) \
         FROM ledger_transactions t WHERE t.appointment_id = ?1 AND t.kind = 'payment' \
         AND t.status = 'posted'",
    )
    .bind(first.0)
    .fetch_one(&app.state.db)
    .await
    .expect("the posted payment");
    assert_eq!((reason.as_str(), entries), ("fee_from_wallet", 2));
    // Once booked, running it again writes nothing.
    let again = pay_from_wallet_and_book_at_once(&app.state.writer, &book(first, clock.now()))
        .await
        .expect("runs");
    assert_eq!(again, None);
    // A lapsed hold is not paid.
    let second = AppointmentId(hold_of(&app, &alice, smith, MONDAY_2PM).await);
    let later = clock.now() + chrono::Duration::minutes(11);
    let lapsed = pay_from_wallet_and_book_at_once(&app.state.writer, &book(second, later))
        .await
        .expect("runs");
    assert_eq!(lapsed, None);
    assert_reconciles(&app).await;
    app.stop().await;
}
