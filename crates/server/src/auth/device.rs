//! The "known device" cookie: set at each successful sign-in, it lets this browser keep signing
//! in to that account while outsiders' guesses slow the account down (see
//! `accounts::throttle`). Its value is `nonce.mac`: a random nonce and an HMAC-SHA256 over the
//! account's email and the nonce, keyed by the account's stored password hash. So the cookie
//! names nobody, cannot be made for an account without the server's secret, and stops working
//! when the password changes.

use base64::Engine;
use hmac::{Hmac, Mac};
use sha2::Sha256;
use subtle::ConstantTimeEq;

use super::new_token;
use crate::ServerConfig;

/// How long a browser stays known: 400 days, the most browsers keep a cookie.
const MAX_AGE_SECONDS: i64 = 400 * 24 * 3600;

pub fn cookie_name(config: &ServerConfig) -> &'static str {
    if config.is_https() {
        "__Host-hallway_device"
    } else {
        "hallway_device"
    }
}

fn mac(password_hash: &str, email: &str, nonce: &str) -> Option<String> {
    let mut mac = Hmac::<Sha256>::new_from_slice(password_hash.as_bytes()).ok()?;
    mac.update(b"hallway known device v1\n");
    mac.update(email.as_bytes());
    mac.update(b"\n");
    mac.update(nonce.as_bytes());
    let tag = mac.finalize().into_bytes();
    Some(base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(tag))
}

/// A fresh cookie value for this account.
pub fn value_for(password_hash: &str, email: &str) -> Option<String> {
    let nonce = new_token();
    let tag = mac(password_hash, email, &nonce)?;
    Some(format!("{nonce}.{tag}"))
}

/// The `Set-Cookie` value that makes this browser known to the account.
pub fn set_cookie(config: &ServerConfig, value: &str) -> String {
    let mut cookie = format!(
        "{}={value}; Path=/; HttpOnly; SameSite=Strict; Max-Age={MAX_AGE_SECONDS}",
        cookie_name(config)
    );
    if config.is_https() {
        cookie.push_str("; Secure");
    }
    cookie
}

/// The cookie's nonce, when `value` was made for this account with its current password.
pub fn verify(value: &str, password_hash: &str, email: &str) -> Option<String> {
    let (nonce, tag) = value.split_once('.')?;
    let expected = mac(password_hash, email, nonce)?;
    let same = expected.len() == tag.len() && bool::from(expected.as_bytes().ct_eq(tag.as_bytes()));
    same.then(|| nonce.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_device_value_holds_only_for_its_account_and_password() {
        let value = value_for("$argon2id$hash-one", "ada@example.org").unwrap();
        assert!(!value.contains("ada"));
        assert!(verify(&value, "$argon2id$hash-one", "ada@example.org").is_some());
        assert!(verify(&value, "$argon2id$hash-two", "ada@example.org").is_none());
        assert!(verify(&value, "$argon2id$hash-one", "bob@example.org").is_none());
        assert!(verify("nonce.forged", "$argon2id$hash-one", "ada@example.org").is_none());
        assert!(verify("no-dot", "$argon2id$hash-one", "ada@example.org").is_none());
    }
}
