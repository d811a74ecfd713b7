//! Who is asking: password hashing, session tokens and cookies, the signed-in viewer, CSRF.

pub mod cookies;
pub mod csrf;
pub mod device;
pub mod password;
mod viewer;

pub use viewer::{MaybeViewer, Viewer};

use base64::Engine;
use rand::RngCore;
use sha2::{Digest, Sha256};

/// A fresh random token (256 bits, URL-safe), for sessions, invites and CSRF.
pub fn new_token() -> String {
    let mut bytes = [0u8; 32];
    rand::thread_rng().fill_bytes(&mut bytes);
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(bytes)
}

/// What the store keeps instead of a token: its SHA-256, hex-encoded.
pub fn token_hash(token: &str) -> String {
    let digest = Sha256::digest(token.as_bytes());
    digest.iter().map(|b| format!("{b:02x}")).collect()
}
