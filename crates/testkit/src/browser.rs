//! Real headless Chromium, driven over WebDriver by a chromedriver this helper starts.
//!
//! When Chromium is missing, tests skip with a loud message — except under CI (`CI` set), where
//! a missing browser fails the run. `scripts/test` installs Debian's `chromium` and
//! `chromium-driver` when they are missing.

use std::path::PathBuf;
use std::process::Stdio;
use std::time::{Duration, Instant};

use fantoccini::wd::WebDriverCompatibleCommand;
use fantoccini::{Client, ClientBuilder};
use serde_json::json;
use tokio::process::{Child, Command};

const CHROMIUM: &str = "/usr/bin/chromium";
const CHROMEDRIVER: &str = "/usr/bin/chromedriver";

/// A running chromedriver; each [`Browser::session`] is a separate browser with its own cookies.
pub struct Browser {
    driver: Child,
    port: u16,
}

/// Where tests put screenshots and other artefacts: `<workspace>/test-output/<area>/`.
pub fn output_dir(area: &str) -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../test-output")
        .join(area);
    std::fs::create_dir_all(&dir).expect("creating the test output directory");
    dir
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .expect("finding a free port")
}

impl Browser {
    /// Starts chromedriver, or returns `None` (with a loud message) when Chromium is not
    /// installed outside CI.
    pub async fn start() -> Option<Browser> {
        let installed =
            std::path::Path::new(CHROMIUM).exists() && std::path::Path::new(CHROMEDRIVER).exists();
        if !installed {
            if std::env::var_os("CI").is_some() {
                panic!("Chromium is not installed ({CHROMIUM}, {CHROMEDRIVER}); scripts/test installs it");
            }
            eprintln!("\n*** SKIPPING browser test: Chromium is not installed; run scripts/test to install it ***\n");
            return None;
        }
        let port = free_port();
        let driver = Command::new(CHROMEDRIVER)
            .arg(format!("--port={port}"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .kill_on_drop(true)
            .spawn()
            .expect("starting chromedriver");
        let deadline = Instant::now() + Duration::from_secs(20);
        while tokio::net::TcpStream::connect(("127.0.0.1", port))
            .await
            .is_err()
        {
            assert!(
                Instant::now() < deadline,
                "chromedriver did not start listening within 20 s"
            );
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        Some(Browser { driver, port })
    }

    /// A new headless browser window with an empty profile.
    pub async fn session(&self) -> Client {
        self.session_with_args(&[]).await
    }

    /// A new browser with extra Chromium flags (e.g. fake media devices).
    pub async fn session_with_args(&self, extra: &[&str]) -> Client {
        let profile = tempfile::tempdir().expect("a profile directory").keep();
        let mut args = vec![
            "--headless=new".to_owned(),
            "--no-sandbox".to_owned(),
            "--disable-gpu".to_owned(),
            "--disable-dev-shm-usage".to_owned(),
            "--disable-background-networking".to_owned(),
            "--disable-component-update".to_owned(),
            "--disable-sync".to_owned(),
            "--disable-quic".to_owned(),
            "--no-first-run".to_owned(),
            "--window-size=1280,900".to_owned(),
            format!("--user-data-dir={}", profile.display()),
        ];
        args.extend(extra.iter().map(|a| a.to_string()));
        let capabilities = json!({
            "browserName": "chrome",
            "goog:chromeOptions": {"binary": CHROMIUM, "args": args}
        });
        let serde_json::Value::Object(capabilities) = capabilities else {
            unreachable!("a JSON object literal")
        };
        ClientBuilder::native()
            .capabilities(capabilities)
            .connect(&format!("http://127.0.0.1:{}", self.port))
            .await
            .expect("opening a Chromium session through chromedriver")
    }
}

impl Drop for Browser {
    fn drop(&mut self) {
        let _ = self.driver.start_kill();
    }
}

/// chromedriver's network emulation (`POST /session/{id}/chromium/network_conditions`).
#[derive(Debug)]
struct NetworkConditions {
    offline: bool,
}

impl WebDriverCompatibleCommand for NetworkConditions {
    fn endpoint(
        &self,
        base_url: &url::Url,
        session_id: Option<&str>,
    ) -> Result<url::Url, url::ParseError> {
        base_url.join(&format!(
            "session/{}/chromium/network_conditions",
            session_id.unwrap_or_default()
        ))
    }

    fn method_and_body(&self, _url: &url::Url) -> (http::Method, Option<String>) {
        let conditions = json!({"network_conditions": {
            "offline": self.offline,
            "latency": 0,
            "download_throughput": -1,
            "upload_throughput": -1,
        }});
        (http::Method::POST, Some(conditions.to_string()))
    }
}

/// Takes one browser off the network (or back on), as DevTools' "Offline" does: new
/// connections fail and `navigator.onLine` turns false; Chromium decides what happens to
/// sockets already open.
pub async fn set_offline(page: &Client, offline: bool) {
    page.issue_cmd(NetworkConditions { offline })
        .await
        .expect("setting network conditions through chromedriver");
}

/// Signs a browser in with a session token (made in the store) by setting the session cookie
/// on the app's origin, then opens `path`.
pub async fn open_signed_in(page: &Client, app_url: &str, token: &str, path: &str) {
    page.goto(&format!("{app_url}/healthz"))
        .await
        .expect("opening the app");
    let host = url::Url::parse(app_url)
        .ok()
        .and_then(|u| u.host_str().map(str::to_owned))
        .expect("the app's host");
    // Spelled out in full: fantoccini sends SameSite=None unless told, which Chromium refuses
    // without Secure, and a cookie without a domain.
    let cookie = fantoccini::cookies::Cookie::parse(format!(
        "hallway_session={token}; Path=/; Domain={host}; HttpOnly; SameSite=Lax"
    ))
    .expect("a session cookie");
    page.add_cookie(cookie)
        .await
        .expect("setting the session cookie");
    page.goto(&format!("{app_url}{path}"))
        .await
        .expect("opening the page");
}

/// Waits until the JavaScript expression `condition` is truthy in the page, failing with
/// `what` after `within`. Polls every 100 ms.
pub async fn wait_for_js(page: &Client, condition: &str, within: Duration, what: &str) {
    let deadline = Instant::now() + within;
    let script = format!("try {{ return Boolean({condition}); }} catch (e) {{ return false; }}");
    loop {
        let value = page
            .execute(&script, Vec::new())
            .await
            .expect("running a script in the page");
        if value == serde_json::Value::Bool(true) {
            return;
        }
        assert!(
            Instant::now() < deadline,
            "waited {within:?} for {what} ({condition})"
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}
