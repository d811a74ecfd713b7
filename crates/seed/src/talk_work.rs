//! Work talk: questions with answers, and heads-ups about changes. The nouns come from a
//! team's [`crate::vocab::Topic`]; these are the sentences around them.

use crate::vocab::Shape;

/// A question, answers from people who know, the asker's follow-up and remarks.
pub(crate) const QUESTION: Shape = Shape {
    openers: &[
        "Has anyone seen {symptom} on {subject}? Started this morning and I can't line it up with a deploy.",
        "Quick sanity check: {subject} is showing {symptom}. Does this ring a bell before I go down the rabbit hole?",
        "I'm stuck on {symptom} in {subject}. Already tried {command}, nothing obvious. Ideas?",
        "Is {symptom} on {subject} a known thing? Asking before I open a ticket.",
        "Who knows {subject} well? Seeing {symptom} and the docs don't mention it.",
        "Weird one: {symptom}, but only on {subject}. Anyone been here before?",
        "Before I spend my afternoon on it: has anyone debugged {symptom} in {subject}?",
        "Help wanted: {subject} keeps giving us {symptom}. Logs are quiet.",
        "Second day chasing {symptom} on {subject}. I'd love a second pair of eyes.",
        "Possibly silly question: why would {subject} show {symptom}? Nothing changed on our side.",
    ],
    answers: &[
        "@{op} I hit exactly that last month: it was {cause}. {fix}.",
        "My money is on {cause}. Run {command} and see.",
        "Yes! It's {cause}. {fix} and it goes away. Notes: {link}",
        "@{op} check {command} first. Last time this was {cause}.",
        "Seen it. {fix}. There's a write-up here: {link}",
        "Probably {cause}. Happy to pair on it for {minutes} minutes if you like.",
        "Not sure, but {command} would tell us. Can you paste the output?",
        "Ah, this one. Short version: {cause}. Longer version: {link}",
        "@{op} I'd bet on {cause}. {fix} is the quick fix; the proper one is in {pr_link}.",
        "We had this on {subject} before. {fix}, and keep an eye on it for a day.",
    ],
    follow_ups: &[
        "That was it, thanks @{prev} 🙏",
        "Confirmed: {cause}. {fix}, and it's fine again.",
        "{command} shows it clearly now. Thanks!",
        "Still seeing {symptom} after that. Will dig more tomorrow and report back.",
        "Perfect, fixed. I'll add it to {link} so the next person finds it.",
        "Ha, of course it was {cause}. Thanks @{prev}!",
        "@{prev} yes please, can we pair after lunch my time?",
        "Fixed in {pr_link}, would love a review.",
        "Good call. Turns out it was {cause} after all.",
    ],
    extras: &[
        "Good to know. I'll check whether {subject} on our side has the same problem.",
        "Adding this to the runbook: {link}",
        "This bit me too once. {fix} is the right call.",
        "Bookmarking this thread.",
        "Could we add an alert for {symptom}? Happy to take it.",
        "Nice debugging on {subject}, both of you 👏",
        "For the record, {command} is my favourite first step for anything like this.",
        "Reviewed {pr_link}, looks good to me.",
        "I wonder if {cause} also explains what we saw last week.",
    ],
    emojis: &["👍", "🙏", "👀", "✅", "🚀", "💯", "🧠"],
};

/// A heads-up about a change, with acknowledgements and the odd question.
pub(crate) const HEADS_UP: Shape = Shape {
    openers: &[
        "Heads up: {update}. Shout if anything looks off.",
        "FYI {update}. Details in {link}.",
        "Done: {update} 🎉",
        "Small one: {update}. No action needed.",
        "Today: {update}. Then reviews.",
        "Merged {pr_link}: {update}.",
        "Reminder that {update} this week. Questions welcome here.",
    ],
    answers: &[
        "Thanks for the heads up!",
        "Nice one @{op}!",
        "Does this affect {subject}?",
        "Great, that unblocks me.",
        "👍 noted",
        "@{op} anything we should watch out for on our side?",
        "Finally! Thank you.",
        "Will test it against {subject} this afternoon.",
    ],
    follow_ups: &[
        "Shouldn't, but I'll keep an eye on {subject}.",
        "Nothing special, just ping me if {symptom} shows up.",
        "@{prev} good question, I'll add a note to {link}.",
        "Thanks all.",
    ],
    extras: &[
        "Tested it with {subject}, all good here.",
        "Looks good from my side.",
        "Lovely, thanks.",
        "Should we mention {update} in the weekly update?",
    ],
    emojis: &["👍", "🎉", "🙌", "✅", "🚀"],
};
