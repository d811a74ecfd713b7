//! Page audits in real Chromium: screen emulation (a phone's viewport, the dark or light
//! colour scheme) through chromedriver's DevTools bridge, axe-core's accessibility rules, and
//! whether a page scrolls sideways.
//!
//! axe-core comes from npm: `scripts/test` installs it into `.test-node/` (git-ignored). Without
//! it, audits skip with a loud message outside CI and fail under CI.

use std::path::PathBuf;

use fantoccini::wd::WebDriverCompatibleCommand;
use fantoccini::Client;
use serde_json::{json, Value};

/// A DevTools command through chromedriver (`POST /session/{id}/goog/cdp/execute`).
#[derive(Debug)]
struct Cdp {
    cmd: &'static str,
    params: Value,
}

impl WebDriverCompatibleCommand for Cdp {
    fn endpoint(
        &self,
        base_url: &url::Url,
        session_id: Option<&str>,
    ) -> Result<url::Url, url::ParseError> {
        base_url.join(&format!(
            "session/{}/goog/cdp/execute",
            session_id.unwrap_or_default()
        ))
    }

    fn method_and_body(&self, _url: &url::Url) -> (http::Method, Option<String>) {
        let body = json!({"cmd": self.cmd, "params": self.params});
        (http::Method::POST, Some(body.to_string()))
    }
}

async fn cdp(page: &Client, cmd: &'static str, params: Value) -> Value {
    page.issue_cmd(Cdp { cmd, params })
        .await
        .unwrap_or_else(|e| panic!("DevTools {cmd} through chromedriver: {e}"))
}

/// How a page is looked at: a viewport and a colour scheme.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Screen {
    /// Short name for screenshots and messages, e.g. "phone-dark".
    pub name: &'static str,
    pub width: u32,
    pub height: u32,
    /// A phone: touch, no hover, the mobile viewport.
    pub mobile: bool,
    pub dark: bool,
}

impl Screen {
    pub const DESKTOP: Screen = Screen::new("desktop", 1280, 900, false, false);
    pub const DESKTOP_DARK: Screen = Screen::new("desktop-dark", 1280, 900, false, true);
    pub const PHONE: Screen = Screen::new("phone", 390, 844, true, false);
    pub const PHONE_DARK: Screen = Screen::new("phone-dark", 390, 844, true, true);
    /// The narrowest phone we promise no sideways scrolling on.
    pub const NARROW: Screen = Screen::new("narrow", 360, 740, true, false);
    pub const ALL: [Screen; 5] = [
        Screen::DESKTOP,
        Screen::DESKTOP_DARK,
        Screen::PHONE,
        Screen::PHONE_DARK,
        Screen::NARROW,
    ];

    pub const fn new(
        name: &'static str,
        width: u32,
        height: u32,
        mobile: bool,
        dark: bool,
    ) -> Screen {
        Screen {
            name,
            width,
            height,
            mobile,
            dark,
        }
    }
}

/// Makes the browser look like `screen` (until changed again; it survives navigation).
pub async fn emulate(page: &Client, screen: Screen) {
    cdp(
        page,
        "Emulation.setDeviceMetricsOverride",
        json!({"width": screen.width, "height": screen.height, "deviceScaleFactor": 1,
               "mobile": screen.mobile}),
    )
    .await;
    cdp(
        page,
        "Emulation.setTouchEmulationEnabled",
        json!({"enabled": screen.mobile, "maxTouchPoints": if screen.mobile { 5 } else { 1 }}),
    )
    .await;
    let scheme = if screen.dark { "dark" } else { "light" };
    cdp(
        page,
        "Emulation.setEmulatedMedia",
        json!({"features": [{"name": "prefers-color-scheme", "value": scheme}]}),
    )
    .await;
}

/// axe-core's browser script, installed by `scripts/test` from npm; `None` (with a loud
/// message) when it is missing outside CI.
pub fn axe_source() -> Option<String> {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../.test-node/node_modules/axe-core/axe.min.js");
    match std::fs::read_to_string(&path) {
        Ok(source) => Some(source),
        Err(error) => {
            if std::env::var_os("CI").is_some() {
                panic!(
                    "axe-core is missing ({}: {error}); scripts/test installs it",
                    path.display()
                );
            }
            eprintln!(
                "\n*** SKIPPING accessibility audit: axe-core is not installed ({}); run scripts/test ***\n",
                path.display()
            );
            None
        }
    }
}

/// Runs axe-core on the page as it is now and returns its serious and critical violations,
/// each as readable lines (rule, impact, what to fix, and the elements).
pub async fn axe_violations(page: &Client, axe: &str) -> Vec<String> {
    let loaded = page
        .execute("return typeof window.axe === 'object';", Vec::new())
        .await
        .expect("asking whether axe is loaded");
    if loaded != Value::Bool(true) {
        page.execute(axe, Vec::new())
            .await
            .expect("loading axe-core into the page");
    }
    let script = "return axe.run(document, { resultTypes: ['violations'] }).then(r => \
        r.violations.filter(v => v.impact === 'serious' || v.impact === 'critical').map(v => \
        ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.slice(0, 8).map(n => \
        ({ target: n.target.join(' '), html: n.html.slice(0, 160), why: n.failureSummary })) })));";
    let found = page
        .execute(script, Vec::new())
        .await
        .expect("running axe-core");
    found
        .as_array()
        .map(|violations| violations.iter().map(describe).collect())
        .unwrap_or_default()
}

fn describe(violation: &Value) -> String {
    let text = |v: &Value| v.as_str().unwrap_or_default().to_owned();
    let mut out = format!(
        "[{}] {}: {}",
        text(&violation["impact"]),
        text(&violation["id"]),
        text(&violation["help"])
    );
    for node in violation["nodes"].as_array().into_iter().flatten() {
        let why = text(&node["why"]).replace('\n', " ");
        out.push_str(&format!(
            "\n      at {}  {}\n         {}",
            text(&node["target"]),
            text(&node["html"]),
            why
        ));
    }
    out
}

/// How far the page scrolls sideways (0 when it fits), and the widest offenders.
pub async fn sideways_overflow(page: &Client) -> (i64, Vec<String>) {
    let script = "const w = document.documentElement.clientWidth; \
        const over = document.documentElement.scrollWidth - w; \
        const wide = over <= 0 ? [] : [...document.querySelectorAll('body *')] \
          .filter(e => e.getBoundingClientRect().right > w + 1 && getComputedStyle(e).position !== 'fixed') \
          .filter(e => !e.closest('.visually-hidden, [hidden]')) \
          .slice(-6).map(e => e.tagName.toLowerCase() + (e.id ? '#' + e.id : '') + \
            (e.className && typeof e.className === 'string' ? '.' + e.className.trim().split(/\\s+/).join('.') : '') + \
            ' right=' + Math.round(e.getBoundingClientRect().right)); \
        return [over, wide];";
    let value = page
        .execute(script, Vec::new())
        .await
        .expect("measuring the page width");
    let over = value[0].as_i64().unwrap_or_default();
    let wide = value[1]
        .as_array()
        .map(|a| {
            a.iter()
                .filter_map(|v| v.as_str().map(str::to_owned))
                .collect()
        })
        .unwrap_or_default();
    (over, wide)
}
