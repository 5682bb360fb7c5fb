//! Real calendar servers on loopback for the calendar tests: a plain HTTP server with ETags
//! (`tests/support/ics_server.py`) and Radicale, the CalDAV server (both from the bootstrap's
//! Python virtualenv).

use crate::smtp_sink::python;
use std::io::{BufRead, BufReader};
use std::process::{Child, Command, Stdio};
use std::time::Duration;

/// A folder served over HTTP; stopped when dropped.
pub struct IcsServer {
    child: Child,
    pub port: u16,
    pub folder: tempfile::TempDir,
}

impl IcsServer {
    pub fn start() -> IcsServer {
        let folder = tempfile::tempdir().expect("tempdir");
        let script = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/support/ics_server.py");
        let mut child = Command::new(python())
            .arg(script)
            .arg(folder.path())
            .stdout(Stdio::piped())
            .spawn()
            .expect("start the ICS server");
        let mut line = String::new();
        BufReader::new(child.stdout.take().expect("stdout")).read_line(&mut line).expect("ready");
        let port = line.trim().strip_prefix("ready ").and_then(|p| p.parse().ok());
        IcsServer { child, port: port.unwrap_or_else(|| panic!("ICS server: {line:?}")), folder }
    }

    /// Writes `name` with `text`.
    pub fn put(&self, name: &str, text: &str) {
        std::fs::write(self.folder.path().join(name), text).expect("write");
    }

    pub fn url(&self, name: &str) -> String {
        format!("http://127.0.0.1:{}/{name}", self.port)
    }

    /// What it answered so far: "<status> <path>".
    pub async fn log(&self) -> Vec<String> {
        reqwest::get(self.url("_log")).await.expect("log").json().await.expect("json")
    }
}

impl Drop for IcsServer {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Radicale with one user (`doctor` / `PASSWORD`), its storage in a temporary folder.
pub struct Radicale {
    child: Child,
    pub port: u16,
    _dir: tempfile::TempDir,
}

pub const CALDAV_USER: &str = "doctor";
pub const CALDAV_PASSWORD: &str = "app-password-1";

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0").expect("bind").local_addr().expect("addr").port()
}

impl Radicale {
    pub async fn start() -> Radicale {
        let dir = tempfile::tempdir().expect("tempdir");
        let users = dir.path().join("users");
        std::fs::write(&users, format!("{CALDAV_USER}:{CALDAV_PASSWORD}\n")).expect("users");
        let port = free_port();
        let child = Command::new(python())
            .args(["-m", "radicale", "--server-hosts"])
            .arg(format!("127.0.0.1:{port}"))
            .args(["--storage-filesystem-folder"])
            .arg(dir.path().join("collections"))
            .args(["--auth-type", "htpasswd", "--auth-htpasswd-encryption", "plain"])
            .arg("--auth-htpasswd-filename")
            .arg(&users)
            .args(["--rights-type", "owner_only", "--logging-level", "error"])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("start Radicale");
        for _ in 0..100 {
            if tokio::net::TcpStream::connect(("127.0.0.1", port)).await.is_ok() {
                return Radicale { child, port, _dir: dir };
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        panic!("Radicale did not start on port {port}");
    }

    pub fn calendar_url(&self) -> String {
        format!("http://127.0.0.1:{}/{CALDAV_USER}/clinic-busy/", self.port)
    }

    async fn send(&self, method: &str, url: &str, body: Option<String>) -> reqwest::Response {
        let method = reqwest::Method::from_bytes(method.as_bytes()).expect("method");
        let mut request = reqwest::Client::new()
            .request(method, url)
            .basic_auth(CALDAV_USER, Some(CALDAV_PASSWORD));
        if let Some(body) = body {
            request = request.header("content-type", "text/calendar; charset=utf-8").body(body);
        }
        request.send().await.expect("Radicale answers")
    }

    /// Makes the calendar collection.
    pub async fn make_calendar(&self) {
        let answer = self.send("MKCALENDAR", &self.calendar_url(), None).await;
        assert!(answer.status().is_success(), "MKCALENDAR: {}", answer.status());
    }

    /// Stores (or replaces) event object `name` with `ics`.
    pub async fn put(&self, name: &str, ics: &str) {
        let url = format!("{}{name}", self.calendar_url());
        let answer = self.send("PUT", &url, Some(ics.to_owned())).await;
        assert!(answer.status().is_success(), "PUT {name}: {}", answer.status());
    }

    /// Deletes event object `name`.
    pub async fn delete(&self, name: &str) {
        let url = format!("{}{name}", self.calendar_url());
        assert!(self.send("DELETE", &url, None).await.status().is_success());
    }
}

impl Drop for Radicale {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Radicale {
    /// Event object `name` as Radicale keeps it: `None` when there is none.
    pub async fn get(&self, name: &str) -> Option<String> {
        let url = format!("{}{name}", self.calendar_url());
        let answer = self.send("GET", &url, None).await;
        if answer.status().as_u16() == 404 {
            return None;
        }
        assert!(answer.status().is_success(), "GET {name}: {}", answer.status());
        Some(answer.text().await.expect("body"))
    }
}
