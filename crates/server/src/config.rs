//! What the server needs to know about how it is reached and how long things last.

use std::time::Duration;

use ipnet::IpNet;

/// Runtime settings for the HTTP server (the binary builds this from its layered config).
/// `Debug` hides the TURN credential.
#[derive(Clone)]
pub struct ServerConfig {
    /// The address people use, e.g. `https://hallway.example.org`; `https` turns on secure
    /// cookies with the `__Host-` prefix.
    pub public_url: String,
    /// How long a sign-in lasts.
    pub session_days: i64,
    /// Failed sign-ins per account before further attempts are spaced out (never locked).
    pub sign_in_failures_per_account: u64,
    /// Failed sign-ins per client address before further attempts are spaced out.
    pub sign_in_failures_per_ip: u64,
    /// Failures are forgotten after this many quiet minutes.
    pub sign_in_window_minutes: i64,
    /// Invites one person may create per hour.
    pub invites_per_hour: u64,
    /// Largest request body accepted, in bytes.
    pub max_body_bytes: usize,
    /// STUN/TURN servers handed to browsers for voice (`stun:`, `turn:` or `turns:` URLs).
    pub ice_servers: Vec<String>,
    /// The username browsers use with the `turn:`/`turns:` servers.
    pub turn_username: Option<String>,
    /// The credential for the TURN servers: a secret, never logged.
    pub turn_credential: Option<String>,
    /// Mails the invitations of rounds run from the circle pages; `None` when mail is off.
    pub mailer: Option<hallway_mail::Mailer>,
    /// The wait after the first failure past the free ones; each further failure doubles it.
    pub sign_in_first_delay: Duration,
    /// The longest wait between two sign-in attempts on one account or address.
    pub sign_in_max_delay: Duration,
    /// Reverse proxies whose `X-Forwarded-For` / `Forwarded` headers say who the client is.
    pub trusted_proxies: Vec<IpNet>,
    /// Time a client has to send a request's headers, from the moment the server waits for
    /// them: also how long an idle kept-alive connection stays open.
    pub header_timeout: Duration,
    /// Time a client has to send a request's whole body once its headers are in.
    pub body_timeout: Duration,
    /// Whether `/metrics` is served on the public listener (off when it has its own).
    pub metrics_on_public_listener: bool,
    /// When set, `/metrics` answers only `Authorization: Bearer <token>`; a secret.
    pub metrics_token: Option<String>,
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
            ice_servers: Vec::new(),
            turn_username: None,
            turn_credential: None,
            mailer: None,
            sign_in_first_delay: Duration::from_secs(1),
            sign_in_max_delay: Duration::from_secs(15 * 60),
            trusted_proxies: Vec::new(),
            header_timeout: Duration::from_secs(10),
            body_timeout: Duration::from_secs(20),
            metrics_on_public_listener: true,
            metrics_token: None,
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

impl std::fmt::Debug for ServerConfig {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ServerConfig")
            .field("public_url", &self.public_url)
            .field("session_days", &self.session_days)
            .field(
                "sign_in_failures_per_account",
                &self.sign_in_failures_per_account,
            )
            .field("sign_in_failures_per_ip", &self.sign_in_failures_per_ip)
            .field("sign_in_window_minutes", &self.sign_in_window_minutes)
            .field("invites_per_hour", &self.invites_per_hour)
            .field("max_body_bytes", &self.max_body_bytes)
            .field("ice_servers", &self.ice_servers)
            .field("turn_username", &self.turn_username)
            .field(
                "turn_credential",
                &self.turn_credential.as_ref().map(|_| "***"),
            )
            .field("mail", &self.mailer.is_some())
            .field("sign_in_first_delay", &self.sign_in_first_delay)
            .field("sign_in_max_delay", &self.sign_in_max_delay)
            .field("trusted_proxies", &self.trusted_proxies)
            .field("header_timeout", &self.header_timeout)
            .field("body_timeout", &self.body_timeout)
            .field(
                "metrics_on_public_listener",
                &self.metrics_on_public_listener,
            )
            .field("metrics_token", &self.metrics_token.as_ref().map(|_| "***"))
            .finish()
    }
}

#[cfg(test)]
mod tests {
    use super::ServerConfig;

    #[test]
    fn the_turn_credential_stays_out_of_debug_output() {
        let mut config = ServerConfig::for_url("http://127.0.0.1:8080");
        config.turn_credential = Some("s3cret".into());
        let shown = format!("{config:?}");
        assert!(!shown.contains("s3cret"), "{shown}");
        assert!(shown.contains("turn_credential: Some(\"***\")"), "{shown}");
    }
}
