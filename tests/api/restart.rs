//! Killing the server while it sends mail: after a restart every queued mail is delivered
//! exactly once, and a message possibly handed to SMTP is never sent twice.
use crate::server_process::{ServerProcess, fresh_database, migrate};
use crate::smtp_sink::SmtpSink;
use medibook::domain::otp::OtpPurpose;
use medibook::server::jobs::{INTERRUPTED_SMTP, enqueue_mail};
use medibook::server::mail::MailTemplate;
use sqlx::SqlitePool;
use sqlx::sqlite::SqliteConnectOptions;
use std::path::Path;
use std::time::Duration;

async fn pool(db: &Path) -> SqlitePool {
    SqlitePool::connect_with(
        SqliteConnectOptions::new().filename(db).busy_timeout(Duration::from_secs(5)),
    )
    .await
    .expect("database")
}

/// Queues `count` code mails, to user0@example.com, user1@example.com, ….
async fn enqueue_codes(db: &Path, count: usize) {
    let pool = pool(db).await;
    let mut tx = pool.begin().await.expect("tx");
    for n in 0..count {
        let template = MailTemplate::Code {
            purpose: OtpPurpose::VerifyEmail,
            to: format!("user{n}@example.com"),
            name: format!("User {n}"),
            code: format!("{:06}", n),
            minutes: 10,
        };
        let epoch = chrono::DateTime::UNIX_EPOCH;
        enqueue_mail(&mut tx, &template, epoch, epoch).await.expect("enqueue");
    }
    tx.commit().await.expect("commit");
    pool.close().await;
}

async fn count(db: &Path, sql: &str) -> i64 {
    let pool = pool(db).await;
    let n = sqlx::query_scalar(sql).fetch_one(&pool).await.expect("count");
    pool.close().await;
    n
}

/// Waits up to `seconds` until `sql` counts at least `at_least`; returns the last count. Polls
/// every 2 ms on one connection, so a fast worker is caught mid-way.
async fn wait_for_count(db: &Path, sql: &str, at_least: i64, seconds: u64) -> i64 {
    let pool = pool(db).await;
    let mut last = 0;
    for _ in 0..seconds * 500 {
        last = sqlx::query_scalar(sql).fetch_one(&pool).await.expect("count");
        if last >= at_least {
            break;
        }
        tokio::time::sleep(Duration::from_millis(2)).await;
    }
    pool.close().await;
    last
}

#[tokio::test]
async fn a_server_killed_while_delivering_to_the_outbox_delivers_each_mail_exactly_once_after_restart()
 {
    const MAILS: i64 = 5000;
    let (_dir, db) = fresh_database();
    migrate(&db);
    enqueue_codes(&db, MAILS as usize).await;

    // Not waiting for the server to answer: its worker starts delivering before that.
    let server = ServerProcess::spawn(&db, &[]);
    let before_kill = wait_for_count(&db, "SELECT COUNT(*) FROM mail_outbox", 50, 60).await;
    server.kill();
    let at_kill = count(&db, "SELECT COUNT(*) FROM mail_outbox").await;
    assert!(before_kill >= 50 && at_kill < MAILS, "killed mid-way: {at_kill} of {MAILS} delivered");

    let _server = ServerProcess::start(&db, &[]).await;
    let done =
        wait_for_count(&db, "SELECT COUNT(*) FROM jobs WHERE status = 'done'", MAILS, 120).await;
    assert_eq!(done, MAILS, "every job finished after the restart");
    assert_eq!(count(&db, "SELECT COUNT(*) FROM mail_outbox").await, MAILS, "one mail per job");
    assert_eq!(
        count(&db, "SELECT COUNT(DISTINCT to_address) FROM mail_outbox").await,
        MAILS,
        "nobody got two"
    );
    assert_eq!(count(&db, "SELECT COUNT(*) FROM jobs WHERE status <> 'done'").await, 0);
}

#[tokio::test]
async fn a_server_killed_while_handing_a_mail_to_smtp_never_sends_it_twice() {
    let sink = SmtpSink::start(4.0);
    let smtp = [
        ("MEDIBOOK_MAIL_TRANSPORT", "smtp".to_owned()),
        ("MEDIBOOK_MAIL_SMTP_HOST", "127.0.0.1".to_owned()),
        ("MEDIBOOK_MAIL_SMTP_PORT", sink.port.to_string()),
        ("MEDIBOOK_MAIL_SMTP_SECURITY", "none".to_owned()),
    ];
    let (_dir, db) = fresh_database();
    migrate(&db);
    enqueue_codes(&db, 2).await;

    let server = ServerProcess::start(&db, &smtp).await;
    assert_eq!(sink.wait_for(1, 20).await.len(), 1, "the first message reached the SMTP server");
    server.kill();
    let status: String = {
        let pool = pool(&db).await;
        sqlx::query_scalar("SELECT status FROM jobs WHERE id = 1")
            .fetch_one(&pool)
            .await
            .expect("job")
    };
    assert_eq!(status, "sending", "killed before the server's answer was recorded");

    let _server = ServerProcess::start(&db, &smtp).await;
    let done =
        wait_for_count(&db, "SELECT COUNT(*) FROM jobs WHERE id = 2 AND status = 'done'", 1, 30)
            .await;
    assert_eq!(done, 1, "the queued mail went out after the restart");
    tokio::time::sleep(Duration::from_millis(500)).await;
    let messages = sink.messages();
    assert_eq!(messages.len(), 2, "one message per job, the interrupted one not repeated");
    assert_eq!(messages.iter().filter(|m| m.contains("To: user0@example.com")).count(), 1);
    assert_eq!(messages.iter().filter(|m| m.contains("To: user1@example.com")).count(), 1);
    let pool = pool(&db).await;
    let (status, error): (String, String) =
        sqlx::query_as("SELECT status, last_error FROM jobs WHERE id = 1")
            .fetch_one(&pool)
            .await
            .expect("job");
    assert_eq!((status.as_str(), error.as_str()), ("failed", INTERRUPTED_SMTP), "left to an admin");
    let overview =
        medibook::server::mail::admin_overview::overview(&pool, "").await.expect("overview");
    assert_eq!(
        overview.failed_jobs.iter().map(|j| j.id).collect::<Vec<_>>(),
        vec![1],
        "admins see it"
    );
    assert_eq!(overview.failed_jobs[0].kind, "verification code to user0@example.com");
}
