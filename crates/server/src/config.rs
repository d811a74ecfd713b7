//! What the server needs to know about how it is reached and how long things last.

/// Runtime settings for the HTTP server (the binary builds this from its layered config).
#[derive(Debug, Clone)]
pub struct ServerConfig {
    /// The address people use, e.g. `https://hallway.example.org`; `https` turns on secure
    /// cookies with the `__Host-` prefix.
    pub public_url: String,
    /// How long a sign-in lasts.
    pub session_days: i64,
    /// Failed sign-ins allowed per account within the window before it is locked for the window.
    pub sign_in_failures_per_account: u64,
    /// Failed sign-ins allowed per client IP within the window.
    pub sign_in_failures_per_ip: u64,
    /// The window for sign-in failures, in minutes.
    pub sign_in_window_minutes: i64,
    /// Invites one person may create per hour.
    pub invites_per_hour: u64,
    /// Largest request body accepted, in bytes.
    pub max_body_bytes: usize,
}

impl ServerConfig {
    pub fn for_url(public_url: impl Into<String>) -> Self {
        Self {
            public_url: public_url.into(),
            session_days: 30,
            sign_in_failures_per_account: 5,
            sign_in_failures_per_ip: 20,
            sign_in_window_minutes: 30,
            invites_per_hour: 50,
            max_body_bytes: 64 * 1024,
        }
    }

    /// Whether people reach this server over HTTPS (so cookies must be `Secure`).
    pub fn is_https(&self) -> bool {
        self.public_url.starts_with("https://")
    }

    /// The public URL without a trailing slash, for building links.
    pub fn base_url(&self) -> &str {
        self.public_url.trim_end_matches('/')
    }
}
