//! The two cookies Hallway sets: the session and the CSRF token. Both `HttpOnly`; over HTTPS
//! both are `Secure` with the `__Host-` prefix.

use axum::http::{header, HeaderMap};

use crate::ServerConfig;

pub fn session_cookie_name(config: &ServerConfig) -> &'static str {
    if config.is_https() {
        "__Host-hallway_session"
    } else {
        "hallway_session"
    }
}

pub fn csrf_cookie_name(config: &ServerConfig) -> &'static str {
    if config.is_https() {
        "__Host-hallway_csrf"
    } else {
        "hallway_csrf"
    }
}

/// The value of a cookie in the request, if present.
pub fn read(headers: &HeaderMap, name: &str) -> Option<String> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|value| value.to_str().ok())
        .flat_map(|value| value.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(key, _)| *key == name)
        .map(|(_, value)| value.to_owned())
}

fn attributes(config: &ServerConfig, same_site: &str, max_age: Option<i64>) -> String {
    let mut attrs = format!("; Path=/; HttpOnly; SameSite={same_site}");
    if config.is_https() {
        attrs.push_str("; Secure");
    }
    if let Some(seconds) = max_age {
        attrs.push_str(&format!("; Max-Age={seconds}"));
    }
    attrs
}

/// `Set-Cookie` value that starts a session.
pub fn session(config: &ServerConfig, token: &str) -> String {
    let name = session_cookie_name(config);
    let max_age = config.session_days * 24 * 3600;
    format!("{name}={token}{}", attributes(config, "Lax", Some(max_age)))
}

/// `Set-Cookie` value that ends the session in this browser.
pub fn clear_session(config: &ServerConfig) -> String {
    let name = session_cookie_name(config);
    format!("{name}={}", attributes(config, "Lax", Some(0)))
}

/// `Set-Cookie` value for the CSRF token (lives as long as the browser session).
pub fn csrf(config: &ServerConfig, token: &str) -> String {
    let name = csrf_cookie_name(config);
    format!("{name}={token}{}", attributes(config, "Strict", None))
}
