//! The mail worker claims and delivers due jobs in batches: each message stored once, secrets
//! erased, and a message that cannot be stored does not hold back the rest of its batch.
use crate::helpers::spawn_app;
use medibook::domain::otp::OtpPurpose;
use medibook::server::jobs::{StepOutcome, enqueue_mail, run_batch};
use medibook::server::mail::MailTemplate;

/// Queues a verification-code mail to `to`, due now; returns its job id.
async fn queue_code(app: &crate::helpers::TestApp, to: &str) -> i64 {
    let template = MailTemplate::Code {
        purpose: OtpPurpose::VerifyEmail,
        to: to.to_owned(),
        name: "Someone".to_owned(),
        code: "123456".to_owned(),
        minutes: 10,
    };
    let now = chrono::DateTime::UNIX_EPOCH;
    let mut conn = app.state.writer.acquire().await.expect("writer");
    enqueue_mail(&mut conn, &template, now, now).await.expect("enqueue")
}

async fn count(app: &crate::helpers::TestApp, sql: &str) -> i64 {
    sqlx::query_scalar(sql).fetch_one(&app.state.db).await.expect("count")
}

#[tokio::test]
async fn one_batch_delivers_every_due_mail_once_and_erases_their_codes() {
    let app = spawn_app().await;
    app.run_jobs().await;
    let mut jobs = Vec::new();
    for n in 0..5 {
        jobs.push(queue_code(&app, &format!("batch{n}@example.com")).await);
    }

    let outcomes = run_batch(&app.state, app.state.mailer.batch_size()).await.expect("batch");
    let done: Vec<StepOutcome> = jobs.iter().map(|&job| StepOutcome::Done { job }).collect();
    assert_eq!(outcomes, done, "all five in one batch, earliest first");
    assert!(
        run_batch(&app.state, app.state.mailer.batch_size()).await.expect("batch").is_empty(),
        "nothing left"
    );

    for n in 0..5 {
        let mails = app.mails_to(&format!("batch{n}@example.com")).await;
        assert_eq!(mails.len(), 1, "exactly one message to each");
        assert!(mails[0].0.ends_with("123456"), "{}", mails[0].0);
    }
    let erased = "SELECT COUNT(*) FROM jobs WHERE status = 'done' AND payload = '{}' \
                  AND kind = 'mail' AND id >= (SELECT MIN(job_id) FROM mail_outbox \
                  WHERE to_address LIKE 'batch%')";
    assert_eq!(count(&app, erased).await, 5, "the codes are gone from the queue");
}

#[tokio::test]
async fn a_batch_takes_at_most_its_size_and_leaves_the_rest_queued() {
    let app = spawn_app().await;
    app.run_jobs().await;
    for n in 0..5 {
        queue_code(&app, &format!("limit{n}@example.com")).await;
    }
    assert_eq!(run_batch(&app.state, 3).await.expect("batch").len(), 3);
    let queued = "SELECT COUNT(*) FROM jobs WHERE status = 'queued'";
    assert_eq!(count(&app, queued).await, 2, "two wait for the next batch");
    assert_eq!(run_batch(&app.state, 3).await.expect("batch").len(), 2);
    assert_eq!(count(&app, "SELECT COUNT(*) FROM jobs WHERE status = 'sending'").await, 0);
}

#[tokio::test]
async fn a_message_that_cannot_be_stored_is_retried_alone_while_the_rest_are_delivered() {
    let app = spawn_app().await;
    app.run_jobs().await;
    let first = queue_code(&app, "first@example.com").await;
    let poisoned = queue_code(&app, "poisoned@example.com").await;
    let last = queue_code(&app, "last@example.com").await;
    // An earlier, finished job's message already holds the Message-ID the poisoned job's
    // message would get.
    let earlier: i64 = sqlx::query_scalar(
        "INSERT INTO jobs (kind, payload, run_at, status, created_at, finished_at) \
         VALUES ('mail', '{}', 0, 'done', 0, 0) RETURNING id",
    )
    .fetch_one(&app.state.writer)
    .await
    .expect("earlier job");
    sqlx::query(
        "INSERT INTO mail_outbox (job_id, to_address, subject, text_body, html_body, message_id, \
         created_at) VALUES (?1, 'other@example.com', 'Other', '', '', ?2, 0)",
    )
    .bind(earlier)
    .bind(format!("<job-{poisoned}@medibook.invalid>"))
    .execute(&app.state.writer)
    .await
    .expect("clash");

    let outcomes = run_batch(&app.state, app.state.mailer.batch_size()).await.expect("batch");
    assert_eq!(outcomes[0], StepOutcome::Done { job: first });
    assert!(
        matches!(outcomes[1], StepOutcome::Retrying { job, .. } if job == poisoned),
        "{outcomes:?}"
    );
    assert_eq!(outcomes[2], StepOutcome::Done { job: last });
    assert_eq!(app.mails_to("first@example.com").await.len(), 1);
    assert_eq!(app.mails_to("last@example.com").await.len(), 1);
    assert!(app.mails_to("poisoned@example.com").await.is_empty());
    let status: String = sqlx::query_scalar("SELECT status FROM jobs WHERE id = ?1")
        .bind(poisoned)
        .fetch_one(&app.state.db)
        .await
        .expect("job");
    assert_eq!(status, "queued", "queued again for a later attempt");
}
