//! Handwritten conversations the demo needs to be true: the client-side encryption requirement
//! explained in an open room, two niche problems solved (a flaky TLS handshake and a Postgres
//! vacuum starved by an idle transaction), and newcomers welcomed. The memory finder's demo
//! question, "who knows about the client-side encryption requirement?", finds its evidence here.

/// One message of a story: who (email local part), how many minutes after the previous line at
/// the earliest (later if they are not working then), which earlier line it answers.
pub(crate) struct Line {
    pub who: &'static str,
    pub minutes: i64,
    pub reply_to: Option<usize>,
    pub text: &'static str,
    /// Reactions from people (email local parts) shortly after.
    pub reactions: &'static [(&'static str, &'static str)],
}

pub(crate) struct Story {
    pub room: &'static str,
    /// When it starts: the first line is at its author's first working moment after this.
    pub days_ago: i64,
    pub lines: &'static [Line],
}

const fn line(
    who: &'static str,
    minutes: i64,
    reply_to: Option<usize>,
    text: &'static str,
) -> Line {
    Line {
        who,
        minutes,
        reply_to,
        text,
        reactions: &[],
    }
}

const fn liked(
    who: &'static str,
    minutes: i64,
    reply_to: Option<usize>,
    text: &'static str,
    reactions: &'static [(&'static str, &'static str)],
) -> Line {
    Line {
        who,
        minutes,
        reply_to,
        text,
        reactions,
    }
}

/// The phrase the finder's demo question looks for.
pub const ENCRYPTION_PHRASE: &str = "client-side encryption requirement";

#[rustfmt::skip]
pub(crate) const STORIES: &[Story] = &[
    Story { room: "help-desk", days_ago: 11, lines: &[
        liked("liam.oconnor", 0, None, "Question from an enterprise prospect (Northwind Health, ticket SUP-4412): their security team has a client-side encryption requirement. Message bodies and attachments must be encrypted in the browser, and our servers may only ever see ciphertext. Do we support that, or is it on the roadmap? Who knows about this?", &[("noa.levi", "👀")]),
        liked("priya.raghunathan", 12, Some(0), "@Liam yes, I can explain. A client-side encryption requirement usually means three things: (1) keys are generated and kept on the client, (2) the server stores ciphertext only, (3) key recovery never goes through us. We have (1) and (2) in the sync engine behind the `e2ee_rooms` flag: each room has a content key, wrapped for every member with their device key (X25519 + XChaCha20-Poly1305).", &[("liam.oconnor", "🙏"), ("ada", "💯")]),
        line("priya.raghunathan", 4, Some(0), "The catch is (3) and search: the server can't index encrypted rooms, so the memory finder only sees what the client indexes locally. Design notes: https://docs.demo.hallway.dev/security/client-side-encryption"),
        liked("noa.levi", 25, Some(1), "Adding the threat-model side: with client-side encryption a compromised server still sees metadata (who talks to whom, when, room names). Northwind's questionnaire will ask about that too, so say it up front. The answers we gave the last customer with this requirement: https://docs.demo.hallway.dev/security/questionnaire-answers#encryption", &[("priya.raghunathan", "👍")]),
        line("liam.oconnor", 15, Some(1), "This is exactly what I needed, thank you both. Is key rotation covered? Their requirement says keys must rotate when someone leaves a room."),
        liked("priya.raghunathan", 20, Some(4), "Yes: removing a member rotates the room key and re-wraps it for everyone left; old messages stay readable with the old key. Rotation is `O(members)`, fine for rooms under a few thousand people.", &[("liam.oconnor", "✅")]),
        line("marcus.webb", 90, Some(0), "Commercial side: if Northwind needs this in the contract, loop me in. We priced client-side encryption as an Enterprise add-on last quarter."),
        liked("ada", 30, Some(3), "+1 to Noa. @Priya could you turn this thread into a one-pager for Support? The client-side encryption requirement keeps coming up, and you two are the people who know it best.", &[("noa.levi", "❤️")]),
        line("priya.raghunathan", 60, Some(7), "On it: https://docs.demo.hallway.dev/security/client-side-encryption-faq, draft by the end of the week."),
    ]},
    Story { room: "help-desk", days_ago: 18, lines: &[
        liked("diego.hernandez", 0, None, "Flaky one: about 2% of Android sign-ins fail with `javax.net.ssl.SSLHandshakeException: Chain validation failed`, only on older devices (Android 7 and below) and only since Tuesday. iOS and web are fine. Has anyone seen a TLS handshake fail only on old Androids?", &[("lukas.novak", "👀")]),
        line("freya.thompson", 20, Some(0), "@Diego Tuesday is when the certificate renewed. Can you run `openssl s_client -connect api.demo.hallway.dev:443 -showcerts`? I bet we're serving the leaf without the intermediate."),
        line("diego.hernandez", 15, Some(1), "You're right, only one certificate in the chain. Newer Androids fetch the missing intermediate themselves (AIA fetching), Android 7 doesn't: hence the flaky TLS handshake on old devices only."),
        liked("kwame.mensah", 30, Some(2), "Ugh, that's the cert-manager change: the ingress secret got `cert.pem` instead of `fullchain.pem`. Fixing it now, and adding a check to the synthetic probe so an incomplete chain pages us: https://github.com/hallway-demo/infra/pull/612", &[("diego.hernandez", "🙏"), ("jonas.becker", "👍")]),
        line("kwame.mensah", 25, Some(0), "Deployed. `openssl s_client` now shows the full chain (leaf + intermediate)."),
        liked("diego.hernandez", 30, Some(4), "Sign-in failures back to zero on the old devices 🎉 Thanks @Kwame and @Freya.", &[("kwame.mensah", "🎉"), ("freya.thompson", "🎉")]),
        line("jonas.becker", 60, Some(3), "Good catch. I've added 'TLS handshake flaky on one platform: check the served certificate chain first' to the on-call runbook: https://docs.demo.hallway.dev/runbooks/tls"),
    ]},
    Story { room: "data", days_ago: 8, lines: &[
        line("rohan.iyer", 0, None, "The analytics replica's disk went from 180 GB to 240 GB in a week and `events` queries got slow, but the row count barely changed. Is this normal? Still learning our Postgres setup."),
        line("fatima.elamrani", 20, Some(0), "Not normal. Sounds like bloat. @Mateus has fought this one before."),
        liked("mateus.oliveira", 30, Some(0), "Classic autovacuum starvation. Check `SELECT pid, state, xact_start FROM pg_stat_activity WHERE state = 'idle in transaction';`. My bet is a BI session holding an old snapshot, so vacuum can't remove the dead tuples.", &[("rohan.iyer", "🙏")]),
        line("rohan.iyer", 20, Some(2), "Found it: a dashboard connection idle in transaction since last Monday. `n_dead_tup` on `events` is 310 million 😬"),
        liked("mateus.oliveira", 10, Some(3), "Kill it with `pg_terminate_backend(pid)`, then set `idle_in_transaction_session_timeout = '15min'` for the `bi_reader` role so it can't happen again. For `events`, also lower `autovacuum_vacuum_scale_factor` to 0.01: the default 0.2 is far too lazy for a table that size.", &[("fatima.elamrani", "💯")]),
        line("mateus.oliveira", 5, Some(4), "A plain `VACUUM (VERBOSE) events;` makes the space reusable; you only get disk back with `pg_repack`, which we can run on Sunday night."),
        liked("rohan.iyer", 120, Some(5), "Done: vacuum finished and queries are back to normal. Wrote it up: https://docs.demo.hallway.dev/runbooks/postgres-vacuum", &[("mateus.oliveira", "🎉"), ("fatima.elamrani", "👏")]),
        line("olivia.brown", 60, Some(6), "Thank you! That also explains why the churn dashboard timed out on Monday."),
    ]},
    Story { room: "kitchen", days_ago: 11, lines: &[
        liked("grace.mwangi", 0, None, "Everyone, please welcome @Rohan, who joins Data from Bengaluru via a fintech! His onboarding buddy is @Mateus. Say hi and tell him the one thing you wish you'd known in week one.", &[("fatima.elamrani", "🎉"), ("ada", "🎉")]),
        line("fatima.elamrani", 20, Some(0), "Welcome Rohan! Week-one tip: ask in #help-desk early, someone has always been there before."),
        line("rohan.iyer", 30, Some(0), "Thank you all! Excited to be here. Already lost in the dbt project, so expect questions 😄"),
        line("keiko.tanaka", 240, Some(0), "Welcome! Tip from Sydney: check someone's local time on the hallway before you ping them."),
    ]},
    Story { room: "kitchen", days_ago: 4, lines: &[
        liked("grace.mwangi", 0, None, "Please welcome @Tariq to Growth! He's in Dubai and will build our reseller partnerships in the Gulf. First week, so go easy on the acronyms.", &[("marcus.webb", "🎉"), ("aisha.bello", "👋")]),
        line("tariq.haddad", 30, Some(0), "Hello everyone! Happy to be here. If you have ever talked to a reseller, I'd love to buy you a virtual coffee."),
        line("aisha.bello", 45, Some(1), "Welcome Tariq! I did the partner onboarding deck last year, happy to walk you through it."),
    ]},
];
