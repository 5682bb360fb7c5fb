//! A real SMTP server on loopback (Python's aiosmtpd, installed by `scripts/bootstrap`) that
//! keeps what it receives in a Maildir.

use std::io::{BufRead, BufReader};
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};

/// A running SMTP server; stopped when dropped.
pub struct SmtpSink {
    child: Child,
    pub port: u16,
    maildir: tempfile::TempDir,
}

/// The Python that has aiosmtpd: `MEDIBOOK_TEST_PYTHON`, else the bootstrap's virtualenv.
pub fn python() -> PathBuf {
    if let Ok(path) = std::env::var("MEDIBOOK_TEST_PYTHON") {
        return path.into();
    }
    let home = std::env::var("HOME").expect("HOME");
    let path = PathBuf::from(home).join(".cache/medibook/venv/bin/python");
    assert!(
        path.exists(),
        "{} is missing: run scripts/bootstrap (it installs aiosmtpd)",
        path.display()
    );
    path
}

impl SmtpSink {
    /// Starts a server that answers the end of each message after `delay_seconds`.
    pub fn start(delay_seconds: f64) -> SmtpSink {
        let maildir = tempfile::tempdir().expect("tempdir");
        let script = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/support/smtp_sink.py");
        let mut child = Command::new(python())
            .arg(script)
            .arg(maildir.path().join("box"))
            .arg(delay_seconds.to_string())
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .spawn()
            .expect("start the SMTP server");
        let mut line = String::new();
        BufReader::new(child.stdout.take().expect("stdout"))
            .read_line(&mut line)
            .expect("ready line");
        let port = line.trim().strip_prefix("ready ").and_then(|p| p.parse().ok());
        let port = port.unwrap_or_else(|| panic!("SMTP server did not start: {line:?}"));
        SmtpSink { child, port, maildir }
    }

    /// Every message received so far, raw (headers and body).
    pub fn messages(&self) -> Vec<String> {
        let root = self.maildir.path().join("box");
        let mut out = Vec::new();
        for sub in ["new", "cur"] {
            let Ok(entries) = std::fs::read_dir(root.join(sub)) else { continue };
            for entry in entries.flatten() {
                out.push(std::fs::read_to_string(entry.path()).expect("message file"));
            }
        }
        out
    }

    /// Waits up to `seconds` for at least `count` messages; returns what arrived.
    pub async fn wait_for(&self, count: usize, seconds: u64) -> Vec<String> {
        for _ in 0..seconds * 10 {
            let messages = self.messages();
            if messages.len() >= count {
                return messages;
            }
            tokio::time::sleep(std::time::Duration::from_millis(100)).await;
        }
        self.messages()
    }
}

impl Drop for SmtpSink {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}
