//! After the messages: a few typos fixed by their authors, reactions from people at work, and
//! everything sorted into the order a store replays it.

use chrono::{DateTime, Duration, Utc};
use hallway_domain::{Invalid, MessageBody, Reaction};

use crate::conversation::Generator;
use crate::history::{DemoChange, DemoChangeKind, DemoMessage};

/// Typos people make and fix: (correct, as typed).
const TYPOS: [(&str, &str); 8] = [
    (" the ", " teh "),
    (" because ", " becuase "),
    (" definitely ", " definately "),
    (" tomorrow", " tommorow"),
    (" which ", " whcih "),
    (" really ", " realy "),
    (" thanks", " thansk"),
    (" with ", " wiht "),
];

/// A change before sorting: the draft it belongs to, who, what, when.
struct Pending {
    draft: usize,
    person: usize,
    kind: DemoChangeKind,
    at: DateTime<Utc>,
}

/// Adds edits and reactions, then sorts messages and changes by time.
pub(crate) fn finish(mut g: Generator<'_>) -> Result<(Vec<DemoMessage>, Vec<DemoChange>), Invalid> {
    let mut pending = edits(&mut g)?;
    pending.extend(reactions(&mut g)?);

    let mut order: Vec<usize> = (0..g.drafts.len()).collect();
    order.sort_by_key(|&i| (g.drafts[i].at, i));
    let mut position = vec![0; g.drafts.len()];
    for (sorted, &draft) in order.iter().enumerate() {
        position[draft] = sorted;
    }
    let messages = order
        .iter()
        .map(|&i| {
            let d = &g.drafts[i];
            Ok(DemoMessage {
                room: d.room,
                author: d.author,
                body: MessageBody::parse(&d.body)?,
                reply_to: d.reply_to.map(|r| position[r]),
                at: d.at,
            })
        })
        .collect::<Result<Vec<_>, Invalid>>()?;
    let mut changes: Vec<DemoChange> = pending
        .into_iter()
        .map(|p| DemoChange {
            message: position[p.draft],
            person: p.person,
            kind: p.kind,
            at: p.at,
        })
        .collect();
    changes.sort_by_key(|c| (c.at, c.message));
    Ok((messages, changes))
}

/// About one generated message in twenty is posted with a typo that its author fixes within
/// minutes, while still at work.
fn edits(g: &mut Generator<'_>) -> Result<Vec<Pending>, Invalid> {
    let mut out = Vec::new();
    for index in 0..g.drafts.len() {
        if g.drafts[index].scripted || !g.rng.chance(5) {
            continue;
        }
        let draft = &g.drafts[index];
        let padded = format!(" {} ", draft.body);
        let Some((right, wrong)) = TYPOS.iter().find(|(right, _)| padded.contains(right)) else {
            continue;
        };
        let minutes = 1 + i64::try_from(g.rng.below(6)).unwrap_or(0);
        let at = draft.at + Duration::minutes(minutes) + Duration::seconds(17);
        if at >= g.now || !g.cast.available(draft.author, at) {
            continue;
        }
        let typed = padded.replacen(right, wrong, 1);
        let correct = MessageBody::parse(&draft.body)?;
        let author = draft.author;
        g.drafts[index].body = typed.trim().to_owned();
        out.push(Pending {
            draft: index,
            person: author,
            kind: DemoChangeKind::Edit(correct),
            at,
        });
    }
    Ok(out)
}

/// Reactions a story asks for, and random ones: thread openers get them more often.
fn reactions(g: &mut Generator<'_>) -> Result<Vec<Pending>, Invalid> {
    let mut out = Vec::new();
    for index in 0..g.drafts.len() {
        let (room, author, at) = (
            g.drafts[index].room,
            g.drafts[index].author,
            g.drafts[index].at,
        );
        let mut given: Vec<(usize, &'static str)> = Vec::new();
        let mut wanted = g.drafts[index].reactions.clone();
        let chance = if g.drafts[index].opener { 35 } else { 12 };
        if g.rng.chance(chance) {
            for _ in 0..=g.rng.below(3) {
                let Some(&who) = g.rng.pick(&g.entrants[room]) else {
                    break;
                };
                if let Some(&emoji) = g.rng.pick(g.drafts[index].emojis) {
                    wanted.push((who, emoji));
                }
            }
        }
        for (who, emoji) in wanted {
            if who == author || given.contains(&(who, emoji)) || !g.entrants[room].contains(&who) {
                continue;
            }
            let minutes = 1 + i64::try_from(g.rng.below(90)).unwrap_or(0);
            let earliest = at + Duration::minutes(minutes);
            let Some(when) = g
                .cast
                .next(who, earliest)
                .filter(|t| *t < g.now && *t < earliest + Duration::hours(20))
            else {
                continue;
            };
            given.push((who, emoji));
            out.push(Pending {
                draft: index,
                person: who,
                kind: DemoChangeKind::React(Reaction::parse(emoji)?),
                at: when,
            });
        }
    }
    Ok(out)
}
