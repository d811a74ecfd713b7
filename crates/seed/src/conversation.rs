//! Weeks of conversation: threads started by whoever is at work, answered by whoever is at
//! work next (people who know the topic first), in every room's own pace and vocabulary.

use chrono::{DateTime, Duration, Utc};
use hallway_domain::Invalid;

use crate::cast::Cast;
use crate::history::{DemoChange, DemoMessage, HISTORY_DAYS};
use crate::org::DemoOrg;
use crate::rng::Rng;
use crate::rooms::{person, RoomPlan, Style};
use crate::stories::STORIES;
use crate::talk_kitchen::{KITCHEN, KITCHEN_WORDS};
use crate::talk_rooms::{
    DEMOS, LEADS_TALK, LEADS_WORDS, SECURITY_TALK, SECURITY_WORDS, SHOW, SHOW_WORDS,
};
use crate::talk_social::{PORCH, PORCH_WORDS};
use crate::talk_work::{HEADS_UP, QUESTION};
use crate::topics_org::topics;
use crate::vocab::{Pools, Shape, Slots, COMMON};

/// A message before the history is sorted: replies point at draft indices.
pub(crate) struct Draft {
    pub room: usize,
    pub author: usize,
    pub body: String,
    pub reply_to: Option<usize>,
    pub at: DateTime<Utc>,
    /// Reactions a story asks for: (person, emoji).
    pub reactions: Vec<(usize, &'static str)>,
    /// The emojis people use in this kind of thread.
    pub emojis: &'static [&'static str],
    /// Whether the message opened a thread.
    pub opener: bool,
    /// Whether it is a line of a handwritten story (never edited).
    pub scripted: bool,
}

/// What a thread is about and who knows it best.
struct Talk {
    shape: &'static Shape,
    pools: Vec<Pools>,
    tag: Option<&'static str>,
    team: Option<usize>,
}

/// Who speaks next in a thread: someone answering, the opener following up, or anyone.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Turn {
    Answer,
    FollowUp,
    Extra,
}

const TURNS: [Turn; 7] = [
    Turn::Answer,
    Turn::FollowUp,
    Turn::Extra,
    Turn::Answer,
    Turn::FollowUp,
    Turn::Extra,
    Turn::Extra,
];

pub(crate) struct Generator<'a> {
    pub org: &'a DemoOrg,
    pub cast: Cast,
    pub plans: &'a [RoomPlan],
    /// Per room, the people who may enter it.
    pub entrants: Vec<Vec<usize>>,
    pub rng: Rng,
    pub start: DateTime<Utc>,
    pub now: DateTime<Utc>,
    pub drafts: Vec<Draft>,
}

/// Rooms' messages (sorted by time) and the edits and reactions that follow them.
pub(crate) fn generate(
    org: &DemoOrg,
    plans: &[RoomPlan],
    now: DateTime<Utc>,
    seed: u64,
) -> Result<(Vec<DemoMessage>, Vec<DemoChange>), Invalid> {
    let entrants = plans
        .iter()
        .map(|p| {
            (0..org.people.len())
                .filter(|&i| p.room.admits(org, i))
                .collect()
        })
        .collect();
    let mut generator = Generator {
        org,
        cast: Cast::new(org, now)?,
        plans,
        entrants,
        rng: Rng::new(seed),
        start: now - Duration::days(HISTORY_DAYS),
        now,
        drafts: Vec::new(),
    };
    generator.stories();
    for (room, plan) in plans.iter().enumerate() {
        for _ in 0..plan.threads {
            generator.thread(room);
        }
    }
    crate::changes::finish(generator)
}

impl Generator<'_> {
    /// Places the handwritten stories whose room and people exist.
    fn stories(&mut self) {
        for story in STORIES {
            let Some(room) = self
                .plans
                .iter()
                .position(|p| p.room.name.as_str() == story.room)
            else {
                continue;
            };
            let Some(authors) = story
                .lines
                .iter()
                .map(|l| person(self.org, l.who))
                .collect::<Option<Vec<_>>>()
            else {
                continue;
            };
            let mut at = self.now - Duration::days(story.days_ago);
            let mut posted: Vec<usize> = Vec::new();
            for (line, &author) in story.lines.iter().zip(&authors) {
                let earliest = at + Duration::minutes(line.minutes.max(1));
                let Some(when) = self.cast.next(author, earliest).filter(|t| *t < self.now) else {
                    break;
                };
                let reactions = line
                    .reactions
                    .iter()
                    .filter_map(|(who, emoji)| Some((person(self.org, who)?, *emoji)))
                    .collect();
                self.drafts.push(Draft {
                    room,
                    author,
                    body: line.text.to_owned(),
                    reply_to: line.reply_to.and_then(|i| posted.get(i).copied()),
                    at: when,
                    reactions,
                    emojis: QUESTION.emojis,
                    opener: posted.is_empty(),
                    scripted: true,
                });
                posted.push(self.drafts.len() - 1);
                at = when;
            }
        }
    }

    /// One generated thread in `room`, if someone is around to start it.
    fn thread(&mut self, room: usize) {
        let Some((op, at)) = self.opener(room) else {
            return;
        };
        let talk = self.talk(room, op);
        let mut slots = Slots::new(talk.pools.clone());
        let Some(root) = self.say(room, op, at, None, talk.shape.openers, &mut slots, (op, op))
        else {
            return;
        };
        self.drafts[root].opener = true;
        self.drafts[root].emojis = talk.shape.emojis;
        let style = self.plans[room].style;
        let (least, most) = replies(style);
        let count = least + self.rng.below(most - least + 1);
        let (mut prev, mut prev_at, mut prev_msg) = (op, at, root);
        for turn in TURNS.iter().cycle().take(count) {
            let mut turn = *turn;
            if turn == Turn::FollowUp && prev == op {
                turn = Turn::Extra;
            }
            let after = prev_at + self.delay(style);
            let found = match turn {
                Turn::FollowUp => self.cast.next(op, after).map(|t| (op, t)),
                Turn::Answer => self.responder(room, after, &[op, prev], &talk),
                Turn::Extra => self.responder(room, after, &[prev], &talk),
            };
            let Some((who, when)) = found else {
                return;
            };
            let loose = matches!(style, Style::Kitchen | Style::Porch) && self.rng.chance(40);
            let reply_to = match turn {
                Turn::FollowUp => Some(prev_msg),
                Turn::Answer if !loose => Some(root),
                Turn::Extra if !loose && self.rng.chance(60) => Some(root),
                _ => None,
            };
            let templates = match turn {
                Turn::Answer => talk.shape.answers,
                Turn::FollowUp => talk.shape.follow_ups,
                Turn::Extra => talk.shape.extras,
            };
            let Some(index) =
                self.say(room, who, when, reply_to, templates, &mut slots, (op, prev))
            else {
                return;
            };
            self.drafts[index].emojis = talk.shape.emojis;
            (prev, prev_at, prev_msg) = (who, when, index);
        }
    }

    /// Someone at work in the room at a random moment of the history.
    fn opener(&mut self, room: usize) -> Option<(usize, DateTime<Utc>)> {
        let span = (self.now - self.start - Duration::hours(3))
            .num_minutes()
            .max(1);
        for _ in 0..40 {
            let minutes = i64::try_from(self.rng.below(usize::try_from(span).ok()?)).ok()?;
            let at = self.start + Duration::minutes(minutes) + Duration::seconds(self.seconds());
            let here: Vec<usize> = self.entrants[room]
                .iter()
                .copied()
                .filter(|&p| self.cast.available(p, at))
                .collect();
            if let Some(&who) = self.rng.pick(&here) {
                return Some((who, at));
            }
        }
        None
    }

    /// The next speaker after `after`: someone who knows the topic if one is at work, else
    /// anyone at work, else whoever comes online first among a random few.
    fn responder(
        &mut self,
        room: usize,
        after: DateTime<Utc>,
        exclude: &[usize],
        talk: &Talk,
    ) -> Option<(usize, DateTime<Utc>)> {
        let candidates: Vec<usize> = self.entrants[room]
            .iter()
            .copied()
            .filter(|p| !exclude.contains(p) && self.cast.joined(*p, after))
            .collect();
        let working: Vec<usize> = candidates
            .iter()
            .copied()
            .filter(|&p| self.cast.available(p, after))
            .collect();
        let knows = |p: &usize| self.cast.knows(*p, talk.tag, talk.team);
        let experts: Vec<usize> = working.iter().copied().filter(knows).collect();
        if !experts.is_empty() && self.rng.chance(75) {
            return self.rng.pick(&experts).map(|&p| (p, after));
        }
        let absent: Vec<usize> = candidates.iter().copied().filter(knows).collect();
        if talk.tag.is_some() && !absent.is_empty() && self.rng.chance(35) {
            let who = *self.rng.pick(&absent)?;
            return self.cast.next(who, after).map(|t| (who, t));
        }
        if let Some(&who) = self.rng.pick(&working) {
            return Some((who, after));
        }
        let who = *self.rng.pick(&candidates)?;
        self.cast.next(who, after).map(|t| (who, t))
    }

    /// Writes a message from a template; `None` once the history would reach `now`.
    #[allow(clippy::too_many_arguments)]
    fn say(
        &mut self,
        room: usize,
        author: usize,
        at: DateTime<Utc>,
        reply_to: Option<usize>,
        templates: &'static [&'static str],
        slots: &mut Slots,
        (op, prev): (usize, usize),
    ) -> Option<usize> {
        if at >= self.now - Duration::minutes(1) {
            return None;
        }
        slots.set("op", self.cast.first(op));
        slots.set("prev", self.cast.first(prev));
        slots.set("city", self.cast.city(author));
        slots.set("weekday", self.cast.weekday(author, at));
        let template = self.rng.pick(templates)?;
        let body = capitalised(&slots.fill(template, &mut self.rng));
        self.drafts.push(Draft {
            room,
            author,
            body,
            reply_to,
            at,
            reactions: Vec::new(),
            emojis: &[],
            opener: false,
            scripted: false,
        });
        Some(self.drafts.len() - 1)
    }

    /// What a thread in `room` started by `op` is about.
    fn talk(&mut self, room: usize, op: usize) -> Talk {
        let social = |shape, pools: Pools| Talk {
            shape,
            pools: vec![pools, COMMON],
            tag: None,
            team: None,
        };
        match self.plans[room].style {
            Style::Kitchen => {
                let shape = &KITCHEN[self.rng.below(KITCHEN.len())];
                social(shape, KITCHEN_WORDS)
            }
            Style::Porch => social(&PORCH, PORCH_WORDS),
            Style::Leads => social(&LEADS_TALK, LEADS_WORDS),
            Style::Security => social(&SECURITY_TALK, SECURITY_WORDS),
            Style::ShowAndTell => {
                let team = self.org.people[op]
                    .team_indices
                    .first()
                    .copied()
                    .unwrap_or(0);
                let mut talk = social(&SHOW, SHOW_WORDS);
                talk.pools.insert(0, DEMOS[team % DEMOS.len()]);
                talk
            }
            Style::HelpDesk => {
                // Platform questions are the most common at a help desk.
                let team = [0, 0, 1, 2, 3, 4, 5][self.rng.below(7)] % self.org.teams.len().max(1);
                self.work(team, &QUESTION)
            }
            Style::Team(team) => {
                let shape = if self.rng.chance(65) {
                    &QUESTION
                } else {
                    &HEADS_UP
                };
                self.work(team, shape)
            }
        }
    }

    fn work(&mut self, team: usize, shape: &'static Shape) -> Talk {
        let list = topics(team);
        let topic = &list[self.rng.below(list.len())];
        Talk {
            shape,
            pools: vec![topic.pools, COMMON],
            tag: Some(topic.tag),
            team: Some(team),
        }
    }

    /// How long until the next message of a thread, by the room's pace.
    fn delay(&mut self, style: Style) -> Duration {
        let (least, most) = match style {
            Style::Kitchen => (1, 25),
            Style::Porch => (15, 240),
            Style::ShowAndTell => (5, 120),
            Style::Leads | Style::Security => (10, 180),
            Style::HelpDesk | Style::Team(_) => (2, 75),
        };
        let minutes = least + self.rng.below(most - least);
        Duration::minutes(i64::try_from(minutes).unwrap_or(1)) + Duration::seconds(self.seconds())
    }

    fn seconds(&mut self) -> i64 {
        i64::try_from(self.rng.below(60)).unwrap_or(0)
    }
}

/// How many replies a thread gets, at least and at most, by the room's pace.
fn replies(style: Style) -> (usize, usize) {
    match style {
        Style::Kitchen => (1, 6),
        Style::Porch => (2, 5),
        Style::ShowAndTell => (2, 6),
        Style::HelpDesk => (2, 6),
        Style::Team(_) => (0, 5),
        Style::Leads | Style::Security => (1, 4),
    }
}

/// The body with its first letter in upper case, as people type at the start of a message.
fn capitalised(body: &str) -> String {
    let mut chars = body.chars();
    match chars.next() {
        Some(first) if first.is_lowercase() => first.to_uppercase().chain(chars).collect(),
        _ => body.to_owned(),
    }
}
