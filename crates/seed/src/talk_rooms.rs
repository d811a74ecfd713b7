//! Show-and-tell demos, the leads' planning and the security review.

use crate::vocab::{Pools, Shape};

/// A demo of work in progress, with questions and cheers.
pub(crate) const SHOW: Shape = Shape {
    openers: &[
        "Show and tell: {demo}. Rough edges welcome, feedback very welcome! {video}",
        "Made a thing: {demo}. Two-minute video: {video}",
        "First look at {demo}. What would you change?",
        "Friday-afternoon hack: {demo}. Not on the roadmap (yet).",
        "Demo time: {demo}. Try it on staging and tell me what breaks.",
    ],
    answers: &[
        "This is lovely @{op}!",
        "How does it handle {edge}?",
        "🔥 Could we use this for {other}?",
        "Love it. One small thing: {nit}.",
        "@{op} this would have saved me a day last week.",
        "Ooh, is there a flag to try it on my account?",
        "The details on this are so good.",
    ],
    follow_ups: &[
        "Good question, not yet. Adding it to the list.",
        "@{prev} it falls back gracefully; I'll show that next week.",
        "@{prev} yes! Let's talk, I'll find a slot that works for both zones.",
        "Thanks all, this is exactly the feedback I wanted 🙏",
        "@{prev} fair point, fixing it now.",
    ],
    extras: &[
        "Show-and-tell is my favourite room.",
        "Please do a longer version at the all-hands!",
        "Shared this with my team, they love it.",
        "Agree with @{prev}.",
    ],
    emojis: &["🎉", "🔥", "👏", "😍", "🚀", "✨"],
};

#[rustfmt::skip]
pub(crate) const SHOW_WORDS: Pools = &[
    ("video", &["https://videos.demo.hallway.dev/{pr}", "(recording in the thread below)", "https://staging.demo.hallway.dev"]),
    ("edge", &["a room with 2,000 people", "a really slow connection", "right-to-left text", "someone in UTC+14", "the screen reader", "dark mode"]),
    ("other", &["the onboarding flow", "the pulse page", "the weekly digest", "the status picker", "support macros"]),
    ("nit", &["the empty state could say what to do next", "the label is a bit small on mobile", "the animation could be shorter", "I'd put the button on the right"]),
];

/// Demos by the poster's team index, as the `demo` slot.
#[rustfmt::skip]
pub(crate) const DEMOS: [Pools; 6] = [
    &[("demo", &["a flame graph of the sync engine before and after the allocator change", "`hallway doctor`, a command that checks a self-hosted install", "room history loading in 12 ms from SQLite", "a dashboard of WebSocket reconnects by region", "zero-downtime migrations on the staging cluster"])],
    &[("demo", &["the new offline banner on Android", "drop-in voice from the iOS lock screen", "the message composer with haptics", "deep links that open the right room", "the iPad layout with the hallway on the side"])],
    &[("demo", &["the dark-mode tokens", "a prototype of the 'who's around' strip", "the new empty-state illustrations", "the status picker with an 'until' time", "motion for people joining a room"])],
    &[("demo", &["a churn forecast that finally beats the naive baseline", "the experiment dashboard with guardrails", "a notebook that finds silos in the pulse data", "the metrics glossary with search", "the weekly active teams chart"])],
    &[("demo", &["help-centre search that understands error messages", "a macro that drafts replies from the docs", "the new onboarding checklist", "a tour of the troubleshooting guide", "the customer health board"])],
    &[("demo", &["the redesigned pricing page", "the annual plan calculator", "the new blog layout", "a lifecycle email that adapts to time zones", "the partner directory"])],
];

/// Leads planning: offsites, hiring, rotas.
pub(crate) const LEADS_TALK: Shape = Shape {
    openers: &[
        "Planning: {plan}. Thoughts before Thursday?",
        "Can we decide on {plan} this week? I've put options in {doc}.",
        "Update on {plan}: {progress}.",
        "Flagging early: {concern}.",
    ],
    answers: &[
        "+1, let's put it on Thursday's agenda.",
        "I'd like another week before we decide.",
        "Option B for me, the cost difference is small.",
        "@{op} agreed. Can you own the write-up?",
        "My team is stretched this month, so a later date would help.",
        "Happy with that. Let's tell everyone in the all-hands.",
    ],
    follow_ups: &[
        "Great, I'll write it up in {doc}.",
        "@{prev} noted, I'll move it.",
        "Thanks all, decided.",
    ],
    extras: &[
        "Sounds good.",
        "Late +1 from me.",
        "Let's revisit in a month.",
    ],
    emojis: &["👍", "✅", "🙏"],
};

#[rustfmt::skip]
pub(crate) const LEADS_WORDS: Pools = &[
    ("plan", &["the offsite in Lisbon", "the on-call rota over the holidays", "next quarter's hiring plan", "the Support headcount request", "the onboarding buddy rota", "moving the all-hands to a better time for APAC"]),
    ("progress", &["venue shortlisted, two options", "we have three strong candidates", "the rota covers every week but one", "the new time works for 34 of 40 people"]),
    ("concern", &["two people on Platform are close to burning out", "the APAC folks keep getting the late meetings", "we have one person who knows the billing code", "onboarding buddies are stretched thin"]),
    ("doc", &["https://docs.demo.hallway.dev/leads/planning", "the leads doc"]),
];

/// The external security review, with the consultant.
pub(crate) const SECURITY_TALK: Shape = Shape {
    openers: &[
        "Finding {n}: {finding}. Severity {severity}.",
        "Question for the team: {question}",
        "Retest of finding {n} done: {retest}.",
        "Draft report section on {area} is up for comments: {doc}",
    ],
    answers: &[
        "Agreed, we'll fix it this sprint.",
        "That one is intentional: {reason}.",
        "Fix is in review: {pr_link}",
        "@{op} thanks, can you share the request you used?",
        "We track that already, but the write-up helps.",
    ],
    follow_ups: &[
        "Makes sense. I'll note it as accepted risk.",
        "Retested, fixed on my side 👍",
        "@{prev} sent it to you directly.",
    ],
    extras: &[
        "Thanks, this review is already paying off.",
        "Adding it to the threat model.",
    ],
    emojis: &["👍", "🔒", "👀", "✅"],
};

#[rustfmt::skip]
pub(crate) const SECURITY_WORDS: Pools = &[
    ("finding", &["the session cookie lacks `SameSite=Strict` on the admin pages", "sign-in error messages reveal whether an email exists", "the CSP allows `unsafe-inline` styles", "invite tokens stay valid after the inviter is removed", "rate limits are per node, not per cluster"]),
    ("severity", &["low", "medium", "informational"]),
    ("question", &["are exports encrypted at rest?", "who can read the audit log?", "how are backups of the SQLite file protected?", "do you rotate the session secret?"]),
    ("retest", &["fixed", "fixed, with a test", "partially fixed, one path left", "fixed and documented"]),
    ("area", &["authentication", "room access", "the WebSocket protocol", "client-side encryption"]),
    ("reason", &["the email is already shown to teammates", "the header is set by the proxy in production", "those pages are read-only", "guests need that to join their room"]),
    ("doc", &["https://docs.demo.hallway.dev/security/review-draft"]),
];
