//! Why the server ends a socket or takes a room away: the code that starts a `bye` frame's
//! `reason` (`"<code>: <explanation>"`), and the reason of a `left` frame.

use serde::{Deserialize, Serialize};

/// The code at the start of a `bye` reason.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ByeCode {
    /// The session this socket was opened with was signed out.
    SignedOut,
    /// The session ended elsewhere: revoked from another device, the password changed or was
    /// reset, or it expired. Sign in again.
    SessionEnded,
    /// The account was deactivated or deleted.
    AccountClosed,
    /// The server is stopping; reconnect (another node, or this one once it is back).
    ServerShutdown,
    /// The socket fell behind its bounded queue; reconnect and join with `after`.
    SlowConsumer,
    /// The person already has the most sockets one person may hold open.
    TooManyConnections,
}

impl ByeCode {
    pub fn as_str(self) -> &'static str {
        match self {
            ByeCode::SignedOut => "signed_out",
            ByeCode::SessionEnded => "session_ended",
            ByeCode::AccountClosed => "account_closed",
            ByeCode::ServerShutdown => "server_shutdown",
            ByeCode::SlowConsumer => "slow_consumer",
            ByeCode::TooManyConnections => "too_many_connections",
        }
    }

    /// The full `bye` reason: the code, then what it means for the person.
    pub fn reason(self, explanation: &str) -> String {
        format!("{}: {explanation}", self.as_str())
    }
}

/// The reason of a `left` frame when the server takes a room away.
pub const ACCESS_REVOKED: &str = "access_revoked";

/// The code of a `bye` reason (the text before the first `:`).
pub fn bye_code(reason: &str) -> &str {
    reason.split(':').next().unwrap_or(reason).trim()
}
