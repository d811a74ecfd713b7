//! Configuration in layers: built-in defaults, then a TOML file, then `HALLWAY_*` environment
//! variables, then command-line flags. [`example`] prints a commented example generated from
//! [`FIELDS`]; a test keeps the checked-in `hallway.example.toml` in step with it.

use std::path::{Path, PathBuf};

use anyhow::{bail, Context};
use serde::{Deserialize, Serialize};

/// Every setting Hallway reads.
#[derive(Clone, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields, default)]
pub struct Config {
    pub bind: String,
    pub data_dir: PathBuf,
    pub database_url: String,
    pub public_url: String,
    pub log_format: String,
    pub log_level: String,
    pub session_days: i64,
    pub sign_in_failures_per_account: u64,
    pub sign_in_failures_per_ip: u64,
    pub invites_per_hour: u64,
    pub max_body_bytes: usize,
    pub nats_url: String,
    pub nats_subject_prefix: String,
    pub ice_servers: Vec<String>,
    pub turn_username: String,
    pub turn_credential: String,
    pub smtp_url: String,
    pub mail_from: String,
    pub schedule_rounds: bool,
    pub rounds_announce_day: String,
    pub schedule_check_seconds: u64,
    pub trusted_proxies: Vec<String>,
    pub sign_in_max_delay_seconds: u64,
    pub http_header_timeout_seconds: u64,
    pub http_body_timeout_seconds: u64,
    pub metrics_bind: String,
    pub metrics_token: String,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            bind: "127.0.0.1:8080".into(),
            data_dir: PathBuf::from("hallway-data"),
            database_url: String::new(),
            public_url: String::new(),
            log_format: "pretty".into(),
            log_level: "info".into(),
            session_days: 30,
            sign_in_failures_per_account: 5,
            sign_in_failures_per_ip: 20,
            invites_per_hour: 50,
            max_body_bytes: 65536,
            nats_url: String::new(),
            nats_subject_prefix: hallway_bus::DEFAULT_NATS_PREFIX.into(),
            ice_servers: Vec::new(),
            turn_username: String::new(),
            turn_credential: String::new(),
            smtp_url: String::new(),
            mail_from: "Hallway <hallway@localhost>".into(),
            schedule_rounds: true,
            rounds_announce_day: "friday".into(),
            schedule_check_seconds: 60,
            trusted_proxies: Vec::new(),
            sign_in_max_delay_seconds: 900,
            http_header_timeout_seconds: 10,
            http_body_timeout_seconds: 20,
            metrics_bind: String::new(),
            metrics_token: String::new(),
        }
    }
}

/// Each setting's key and what it means, in the order the example shows them.
pub const FIELDS: &[(&str, &str)] = &[
    ("bind", "Address and port to listen on."),
    ("data_dir", "Directory for Hallway's files: the SQLite database and the memory index (memory/)."),
    ("database_url", "Empty for SQLite in data_dir; or postgres://user:password@host/db for PostgreSQL."),
    ("public_url", "The URL people use (for invite links). https:// turns on Secure, __Host- cookies.\n# Empty means http://<bind>."),
    ("log_format", "\"pretty\" for people, \"json\" for log collectors."),
    ("log_level", "Log filter, e.g. \"info\" or \"hallway_server=debug,info\" (RUST_LOG overrides)."),
    ("session_days", "Days a sign-in lasts."),
    ("sign_in_failures_per_account", "Failed sign-ins per account before further attempts must wait: 1 s, then twice as long\n# after each failure, up to sign_in_max_delay_seconds. Never a lock: a browser that signed in to\n# the account before is judged by its own failures. Failures are forgotten after 30 quiet minutes."),
    ("sign_in_failures_per_ip", "Failed sign-ins per client address before further attempts from it must wait (as above)."),
    ("invites_per_hour", "Invites one admin may create per hour."),
    ("max_body_bytes", "Largest request body accepted, in bytes."),
    ("nats_url", "Empty for one node (an in-process bus); or nats://host:4222 (tls:// for TLS) so several\n# nodes sharing one database also share live events."),
    ("nats_subject_prefix", "NATS subjects start with this; give Hallways that share a NATS server different ones."),
    ("ice_servers", "STUN/TURN servers for voice, e.g. [\"stun:stun.example.org:3478\", \"turns:turn.example.org:5349\"].\n# As HALLWAY_ICE_SERVERS: a comma-separated list."),
    ("turn_username", "Username for the turn:/turns: servers (empty: none)."),
    ("turn_credential", "Credential for the turn:/turns: servers; a secret (prefer HALLWAY_TURN_CREDENTIAL)."),
    ("smtp_url", "Empty: no mail. Otherwise where round invitations are sent: smtp://host:25 (plain, e.g. a local relay),\n# smtp://user:password@host:587?tls=required (STARTTLS) or smtps://user:password@host (prefer HALLWAY_SMTP_URL)."),
    ("mail_from", "The sender of round invitations, e.g. \"Hallway <hallway@example.org>\"."),
    ("schedule_rounds", "Run circles' rounds on schedule inside `hallway serve` (one node runs each round)."),
    ("rounds_announce_day", "The weekday a cycle's round is announced, in the week before the cycle starts on Monday."),
    ("schedule_check_seconds", "How often the scheduler looks for due rounds, in seconds."),
    ("trusted_proxies", "Reverse proxies (addresses or networks, e.g. [\"127.0.0.1\", \"10.0.0.0/8\"]) whose X-Forwarded-For or\n# Forwarded header names the client. Empty: the connecting address is the client. See the README."),
    ("sign_in_max_delay_seconds", "The longest wait between two sign-in attempts on one account or from one address."),
    ("http_header_timeout_seconds", "Seconds a client has to send a request's headers; an idle kept-alive connection is closed after as long."),
    ("http_body_timeout_seconds", "Seconds a client has to send a request's body once its headers are in."),
    ("metrics_bind", "Empty: /metrics is on the main listener. Or an address like 127.0.0.1:9090 that serves only /metrics\n# (then the main listener answers 404 there)."),
    ("metrics_token", "When set, /metrics answers only requests with `Authorization: Bearer <token>`; a secret (prefer HALLWAY_METRICS_TOKEN)."),
];

impl Config {
    /// Loads defaults, then `file` (if any), then `HALLWAY_*` variables from `env`.
    pub fn load(
        file: Option<&Path>,
        env: impl Iterator<Item = (String, String)>,
    ) -> anyhow::Result<Config> {
        let mut table = toml::Table::try_from(Config::default()).context("encoding defaults")?;
        if let Some(path) = file {
            let text = std::fs::read_to_string(path)
                .with_context(|| format!("reading the config file {}", path.display()))?;
            let from_file: toml::Table = text
                .parse()
                .with_context(|| format!("{} is not valid TOML", path.display()))?;
            for (key, value) in from_file {
                if !FIELDS.iter().any(|(k, _)| *k == key) {
                    bail!(
                        "{}: unknown setting {key:?}; see `hallway config example`",
                        path.display()
                    );
                }
                table.insert(key, value);
            }
        }
        for (name, raw) in env {
            let Some(key) = name.strip_prefix("HALLWAY_") else {
                continue;
            };
            let key = key.to_ascii_lowercase();
            // HALLWAY_CONFIG names the file; HALLWAY_TEST_* belong to the test suite.
            if key == "config" || key.starts_with("test_") {
                continue;
            }
            let Some(default) = table.get(&key) else {
                bail!("{name}: unknown setting; see `hallway config example`");
            };
            let value = match default {
                toml::Value::Boolean(_) => toml::Value::Boolean(
                    raw.trim()
                        .parse()
                        .with_context(|| format!("{name}={raw:?} is not true or false"))?,
                ),
                toml::Value::Integer(_) => toml::Value::Integer(
                    raw.trim()
                        .parse()
                        .with_context(|| format!("{name}={raw:?} is not a whole number"))?,
                ),
                toml::Value::Array(_) => toml::Value::Array(
                    raw.split(',')
                        .map(str::trim)
                        .filter(|item| !item.is_empty())
                        .map(|item| toml::Value::String(item.to_owned()))
                        .collect(),
                ),
                _ => toml::Value::String(raw),
            };
            table.insert(key, value);
        }
        let config: Config = table.try_into().context("the configuration does not fit")?;
        config.check()?;
        Ok(config)
    }

    /// Rejects settings that cannot work, naming the setting.
    pub fn check(&self) -> anyhow::Result<()> {
        self.bind.parse::<std::net::SocketAddr>().with_context(|| {
            format!(
                "bind: {:?} is not an address like 127.0.0.1:8080",
                self.bind
            )
        })?;
        if !self.public_url.is_empty()
            && !self.public_url.starts_with("http://")
            && !self.public_url.starts_with("https://")
        {
            bail!(
                "public_url: {:?} must start with http:// or https://",
                self.public_url
            );
        }
        if !matches!(self.log_format.as_str(), "pretty" | "json") {
            bail!(
                "log_format: {:?} must be \"pretty\" or \"json\"",
                self.log_format
            );
        }
        if !(1..=100).contains(&self.sign_in_failures_per_account) {
            bail!("sign_in_failures_per_account: must be between 1 and 100");
        }
        if self.sign_in_failures_per_ip < 1 {
            bail!("sign_in_failures_per_ip: must be at least 1");
        }
        if !(1..=86_400).contains(&self.sign_in_max_delay_seconds) {
            bail!("sign_in_max_delay_seconds: must be between 1 and 86400");
        }
        self.check_edge()?;
        if self.session_days < 1 {
            bail!("session_days: must be at least 1");
        }
        if self.max_body_bytes < 1024 {
            bail!("max_body_bytes: must be at least 1024");
        }
        self.check_live()?;
        crate::schedule::announce_weekday(&self.rounds_announce_day)?;
        if self.schedule_check_seconds < 1 {
            bail!("schedule_check_seconds: must be at least 1");
        }
        crate::mail::Mailer::from_settings(&self.smtp_url, &self.mail_from, "http://localhost")?;
        Ok(())
    }

    /// The settings of the HTTP edge: proxies, timeouts, the metrics listener.
    fn check_edge(&self) -> anyhow::Result<()> {
        hallway_server::parse_proxies(&self.trusted_proxies)
            .map_err(|problem| anyhow::anyhow!("trusted_proxies: {problem}"))?;
        for (key, seconds) in [
            (
                "http_header_timeout_seconds",
                self.http_header_timeout_seconds,
            ),
            ("http_body_timeout_seconds", self.http_body_timeout_seconds),
        ] {
            if !(1..=3600).contains(&seconds) {
                bail!("{key}: must be between 1 and 3600");
            }
        }
        if !self.metrics_bind.is_empty() {
            self.metrics_bind
                .parse::<std::net::SocketAddr>()
                .with_context(|| {
                    format!(
                        "metrics_bind: {:?} is not an address like 127.0.0.1:9090",
                        self.metrics_bind
                    )
                })?;
            if self.metrics_bind == self.bind {
                bail!("metrics_bind: must differ from bind");
            }
        }
        Ok(())
    }

    /// The settings for several nodes and for voice.
    fn check_live(&self) -> anyhow::Result<()> {
        let nats = self.nats_url.trim();
        if !nats.is_empty() && !nats.starts_with("nats://") && !nats.starts_with("tls://") {
            bail!(
                "nats_url: {:?} must start with nats:// or tls:// (or be empty for one node)",
                hallway_bus::redact_nats_url(nats)
            );
        }
        if hallway_bus::check_subject(&self.nats_subject_prefix).is_err() {
            bail!(
                "nats_subject_prefix: {:?} must be dot-separated words of letters, digits, '-' and '_'",
                self.nats_subject_prefix
            );
        }
        for server in &self.ice_servers {
            let rest = ["stun:", "turn:", "turns:"]
                .iter()
                .find_map(|scheme| server.strip_prefix(scheme));
            let fine = rest.is_some_and(|rest| {
                !rest.trim_start_matches('/').is_empty()
                    && !rest.contains(|c: char| c.is_whitespace() || c == ',')
            });
            if !fine {
                bail!("ice_servers: {server:?} must be a stun:, turn: or turns: URL with a host");
            }
        }
        if self.turn_username.is_empty() != self.turn_credential.is_empty() {
            bail!("turn_username and turn_credential: give both or neither");
        }
        Ok(())
    }

    /// The public URL, defaulting to `http://<bind>`.
    pub fn effective_public_url(&self) -> String {
        if self.public_url.is_empty() {
            format!("http://{}", self.bind)
        } else {
            self.public_url.trim_end_matches('/').to_owned()
        }
    }

    /// The server's settings, with its mailer when `smtp_url` is set.
    pub fn server_config(&self) -> anyhow::Result<hallway_server::ServerConfig> {
        let mut server = hallway_server::ServerConfig::for_url(self.effective_public_url());
        server.session_days = self.session_days;
        server.sign_in_failures_per_account = self.sign_in_failures_per_account;
        server.sign_in_failures_per_ip = self.sign_in_failures_per_ip;
        server.invites_per_hour = self.invites_per_hour;
        server.max_body_bytes = self.max_body_bytes;
        server.ice_servers = self.ice_servers.clone();
        server.turn_username = non_empty(&self.turn_username);
        server.turn_credential = non_empty(&self.turn_credential);
        server.trusted_proxies = hallway_server::parse_proxies(&self.trusted_proxies)
            .map_err(|problem| anyhow::anyhow!("trusted_proxies: {problem}"))?;
        server.sign_in_max_delay = std::time::Duration::from_secs(self.sign_in_max_delay_seconds);
        server.header_timeout = std::time::Duration::from_secs(self.http_header_timeout_seconds);
        server.body_timeout = std::time::Duration::from_secs(self.http_body_timeout_seconds);
        server.metrics_on_public_listener = self.metrics_bind.is_empty();
        server.metrics_token = non_empty(&self.metrics_token);
        server.mailer = crate::mail::Mailer::from_settings(
            &self.smtp_url,
            &self.mail_from,
            &self.effective_public_url(),
        )?;
        Ok(server)
    }
}

impl std::fmt::Debug for Config {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Config")
            .field("bind", &self.bind)
            .field("data_dir", &self.data_dir)
            .field("database_url", &redact_url(&self.database_url))
            .field("public_url", &self.public_url)
            .field("nats_url", &hallway_bus::redact_nats_url(&self.nats_url))
            .field("nats_subject_prefix", &self.nats_subject_prefix)
            .field("ice_servers", &self.ice_servers)
            .field("turn_username", &self.turn_username)
            .field("smtp_url", &redact_url(&self.smtp_url))
            .field("mail_from", &self.mail_from)
            .field("trusted_proxies", &self.trusted_proxies)
            .field("metrics_bind", &self.metrics_bind)
            .field(
                "metrics_token",
                &if self.metrics_token.is_empty() {
                    ""
                } else {
                    "***"
                },
            )
            .field(
                "turn_credential",
                &if self.turn_credential.is_empty() {
                    ""
                } else {
                    "***"
                },
            )
            .finish_non_exhaustive()
    }
}

fn non_empty(text: &str) -> Option<String> {
    (!text.is_empty()).then(|| text.to_owned())
}

/// A database URL with any password replaced, safe for logs.
pub fn redact_url(url: &str) -> String {
    match (url.find("://"), url.rfind('@')) {
        (Some(scheme), Some(at)) if at > scheme => {
            let userinfo = &url[scheme + 3..at];
            match userinfo.split_once(':') {
                Some((user, _)) => format!("{}{user}:***{}", &url[..scheme + 3], &url[at..]),
                None => url.to_owned(),
            }
        }
        _ => url.to_owned(),
    }
}

/// The commented example configuration, generated from the defaults and [`FIELDS`].
pub fn example() -> String {
    let defaults = toml::Table::try_from(Config::default()).unwrap_or_default();
    let mut out = String::from(
        "# Hallway configuration. Every setting is optional; shown with its default.\n\
         # Order of precedence: flags > HALLWAY_* environment variables > this file > defaults.\n\
         # Each setting can also be given as HALLWAY_<NAME>, e.g. HALLWAY_BIND=0.0.0.0:8080.\n",
    );
    for (key, doc) in FIELDS {
        let value = defaults
            .get(*key)
            .map(|v| v.to_string())
            .unwrap_or_default();
        out.push_str(&format!("\n# {doc}\n# {key} = {value}\n"));
    }
    out
}

#[cfg(test)]
mod tests;
