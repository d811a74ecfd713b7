//! The porch: slower conversations about careers, remote work and learning.

use crate::vocab::{Pools, Shape};

/// Slower conversations: careers, remote work, what people are learning.
pub(crate) const PORCH: Shape = Shape {
    openers: &[
        "Slow question for the porch: {question}",
        "Been thinking about {theme} lately. {take}",
        "Curious how others handle {theme}. {take}",
        "Porch question of the week: {question}",
    ],
    answers: &[
        "For me it's {answer}. Took me years to learn that.",
        "@{op} {take}",
        "Good question. I'd say {answer}, but ask me again next month.",
        "Honestly, {answer}. And being kind to myself when it doesn't work.",
        "This resonates. On {theme}: {take}",
        "I don't have an answer, but I'm glad someone asked. Reading along.",
        "{answer}, mostly. And a proper lunch break.",
    ],
    follow_ups: &[
        "@{prev} that's a good one, stealing it.",
        "Thank you, this is really helpful.",
        "Love this. Maybe a show-and-tell on {theme} some time?",
        "@{prev} yes! Exactly that.",
    ],
    extras: &[
        "Reading this thread with my morning coffee. Thank you all.",
        "Adding to this: with {theme}, writing things down helped me more than anything.",
        "This is why I like the porch.",
        "Saving this thread for my next 1:1.",
    ],
    emojis: &["❤️", "🙏", "💯", "🌱", "✨"],
};

#[rustfmt::skip]
pub(crate) const PORCH_WORDS: Pools = &[
    ("question", &["what's one thing you'd tell yourself in your first week here?", "how do you switch off when home is also the office?", "what's a skill you picked up from a colleague without meaning to?", "how do you keep a friendship with someone twelve time zones away?", "what did you learn from your worst incident?", "what's the best feedback you ever got?", "how do you decide what not to do?"]),
    ("theme", &["async writing", "mentoring across time zones", "saying no to meetings", "deep work", "learning in public", "being the only person from my team in my zone", "onboarding remotely"]),
    ("take", &["I think writing a short 'why' at the top of every doc saves hours.", "The overlap hours are precious; I try to keep them for conversation, not status updates.", "I block two mornings a week for focus and it changed everything.", "Asking 'who has done this before?' early is underrated.", "I've started sending voice notes instead of long messages and people seem to like it.", "A 9-minute chat often beats a day of back-and-forth."]),
    ("answer", &["a walk right after my last call", "closing the laptop and putting it in a drawer", "asking more questions in public rooms", "pairing with someone outside my team once a week", "writing a 'done today' note before logging off", "keeping one evening a week for a hobby with no screens"]),
];
