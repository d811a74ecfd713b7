//! The hub's limits and timings.

use std::time::Duration;

#[derive(Debug, Clone)]
pub struct LiveConfig {
    /// Frames that may wait for one slow socket before it is disconnected.
    pub outbound_queue: usize,
    /// Seconds between WebSocket pings from the server (clients are told in `welcome`).
    pub ping_every: Duration,
    /// A socket that answers no ping for this long is closed.
    pub ping_timeout: Duration,
    /// How often a node tells the others about all its connections.
    pub node_heartbeat: Duration,
    /// A node not heard from for this long is forgotten, with its connections.
    pub node_expiry: Duration,
    /// Presence changes are gathered and sent at most this often.
    pub presence_flush: Duration,
    /// Messages (and edits, deletes, reactions) one person may send at once...
    pub messages_burst: u32,
    /// ...and per second on average.
    pub messages_per_second: f64,
    /// A person's typing is relayed at most this often per room.
    pub typing_relay_every: Duration,
    /// Typing frames beyond this burst (refilled at one per second) are refused as a flood.
    pub typing_burst: u32,
    /// Joins (with their replays), hallway watches and voice joins and leaves one socket may
    /// make at once...
    pub joins_burst: u32,
    /// ...and per second on average.
    pub joins_per_second: f64,
    /// Most people in one room's voice (a mesh).
    pub voice_limit: usize,
    /// Voice signals one connection may send at once, and per second.
    pub signals_burst: u32,
    pub signals_per_second: f64,
    /// A person gets at most one quiet suggestion this often.
    pub suggestion_every: Duration,
    /// Every socket's session is checked against the store this often (the backstop for
    /// changes no bus announces, such as a password reset from the CLI, and for expiry).
    pub session_check_every: Duration,
    /// Most sockets one person may hold open on one node (a tab each).
    pub sockets_per_person: usize,
    /// Waves, knocks and let-ins one person may send at once...
    pub social_burst: u32,
    /// ...and per second on average (0.1: six a minute).
    pub social_per_second: f64,
}

impl Default for LiveConfig {
    fn default() -> Self {
        Self {
            outbound_queue: 1024,
            ping_every: Duration::from_secs(20),
            ping_timeout: Duration::from_secs(60),
            node_heartbeat: Duration::from_secs(5),
            node_expiry: Duration::from_secs(15),
            presence_flush: Duration::from_millis(100),
            messages_burst: 20,
            messages_per_second: 5.0,
            typing_relay_every: Duration::from_secs(2),
            typing_burst: 15,
            joins_burst: 20,
            joins_per_second: 2.0,
            voice_limit: 8,
            signals_burst: 200,
            signals_per_second: 50.0,
            suggestion_every: Duration::from_secs(600),
            session_check_every: Duration::from_secs(5),
            sockets_per_person: 8,
            social_burst: 6,
            social_per_second: 0.1,
        }
    }
}
