//! The pieces of a synthetic Slack export that are not its layout: a small seeded random
//! generator (so every run writes the same bytes) and message text with Slack's markup.

use std::fmt::Write as _;

/// SplitMix64: tiny, seeded, good enough to spread synthetic data.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Self {
        Self(seed)
    }

    pub fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform in `0..n` (`n > 0`).
    pub fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    /// Uniform in `(0, 1]`.
    pub fn unit(&mut self) -> f64 {
        ((self.next() >> 11) + 1) as f64 / (1u64 << 53) as f64
    }

    /// True with probability `p`.
    pub fn chance(&mut self, p: f64) -> bool {
        self.unit() <= p
    }

    pub fn pick<'a>(&mut self, list: &[&'a str]) -> &'a str {
        list[self.below(list.len())]
    }
}

pub const FIRST: &[&str] = &[
    "Ada", "Ben", "Chloé", "Dmitri", "Esther", "Farid", "Grace", "Hiro", "Ines", "Jonas", "Kemi",
    "Lars", "Maya", "Nikhil", "Olga", "Pablo", "Quinn", "Rosa", "Sven", "Tariq", "Uma", "Vera",
    "Wei", "Ximena", "Yusuf", "Zoë",
];

pub const LAST: &[&str] = &[
    "Abara",
    "Berg",
    "Castro",
    "Dubois",
    "Eriksen",
    "Fischer",
    "García",
    "Haddad",
    "Ivanova",
    "Jensen",
    "Kowalski",
    "Lindqvist",
    "Moreau",
    "Nakamura",
    "Okafor",
    "Patel",
    "Rossi",
    "Schmidt",
    "Tanaka",
    "Usman",
    "Virtanen",
    "Wójcik",
    "Yilmaz",
    "Zhang",
];

pub const TOPICS: &[&str] = &[
    "deploys", "billing", "search", "mobile", "infra", "design", "sales", "support", "data",
    "security", "hiring", "oncall", "release", "android", "ios", "payments", "growth", "docs",
];

const WORDS: &[&str] = &[
    "the",
    "a",
    "we",
    "should",
    "could",
    "deploy",
    "cache",
    "build",
    "pipeline",
    "review",
    "PR",
    "merge",
    "rollback",
    "latency",
    "p99",
    "dashboard",
    "alert",
    "incident",
    "customer",
    "ticket",
    "migration",
    "schema",
    "index",
    "query",
    "timeout",
    "retry",
    "flaky",
    "test",
    "staging",
    "prod",
    "release",
    "notes",
    "roadmap",
    "quarter",
    "meeting",
    "tomorrow",
    "today",
    "after",
    "lunch",
    "standup",
    "design",
    "doc",
    "draft",
    "feedback",
    "looks",
    "good",
    "to",
    "me",
    "is",
    "still",
    "broken",
    "fixed",
    "in",
    "on",
    "for",
    "with",
    "and",
    "but",
    "not",
    "sure",
    "why",
    "how",
    "about",
    "config",
    "feature",
    "flag",
    "metrics",
    "logs",
    "trace",
    "budget",
    "invoice",
    "contract",
    "onboarding",
    "laptop",
    "VPN",
    "certificate",
    "expired",
    "again",
    "thanks",
    "please",
    "can",
    "someone",
    "take",
    "a",
    "look",
    "I",
    "think",
    "it's",
    "the",
    "DNS",
];

const EMOJI: &[&str] = &[
    "thumbsup",
    "+1",
    "eyes",
    "tada",
    "white_check_mark",
    "pray",
    "joy",
    "heart",
    "fire",
    "rocket",
    "100",
    "thinking_face",
    "raised_hands",
    "sob",
    "ok_hand",
];

/// Text of 3–40 words, sometimes with a mention, a channel link, a URL, `<!here>` or an
/// escaped `&`/`<`; `mention` is a user id to mention, `channel` a `(id, name)` to link.
pub fn text(rng: &mut Rng, mention: &str, channel: (&str, &str)) -> String {
    let words = 3 + rng.below(12) + if rng.chance(0.2) { rng.below(26) } else { 0 };
    let mut out = String::with_capacity(words * 7 + 40);
    for w in 0..words {
        if w > 0 {
            out.push(' ');
        }
        out.push_str(rng.pick(WORDS));
    }
    if rng.chance(0.12) {
        let _ = write!(out, " cc <@{mention}>");
    }
    if rng.chance(0.03) {
        let _ = write!(out, " see <#{}|{}>", channel.0, channel.1);
    }
    if rng.chance(0.04) {
        let _ = write!(
            out,
            " <https://example.org/wiki/{}|the {} page>",
            rng.below(10_000),
            rng.pick(TOPICS)
        );
    }
    if rng.chance(0.02) {
        out.insert_str(0, "<!here> ");
    }
    if rng.chance(0.05) {
        out.push_str(" (build &amp; deploy &lt;3)");
    }
    out
}

/// `,"reactions":[…]` on about one message in seven, else nothing; `member` gives the
/// reacting users' ids.
pub fn reactions(rng: &mut Rng, member: &mut dyn FnMut(&mut Rng) -> String) -> String {
    if !rng.chance(0.15) {
        return String::new();
    }
    let mut out = String::from(r#","reactions":["#);
    for r in 0..1 + rng.below(3) {
        let count = 1 + rng.below(6);
        let users: Vec<String> = (0..count).map(|_| format!("\"{}\"", member(rng))).collect();
        let sep = if r == 0 { "" } else { "," };
        let _ = write!(
            out,
            r#"{sep}{{"name":"{}","users":[{}],"count":{count}}}"#,
            rng.pick(EMOJI),
            users.join(",")
        );
    }
    out.push(']');
    out
}

/// A JSON string literal body (the generated names and words need no more than this).
pub fn escaped(text: &str) -> String {
    text.replace('\\', "\\\\").replace('"', "\\\"")
}
