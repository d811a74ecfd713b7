//! Eligibility of a pair and its explainable weight, in whole points, with the reasons as text.
//!
//! A pair is eligible when their working hours share at least the minimum on one day of the
//! cycle, neither excluded the other, and they have not met within the cooldown.

use crate::availability::{longest_common, to_utc, Window};
use crate::model::{CircleSettings, Cycle};
use crate::roster::{pair_key, Roster};

/// The outcome of checking one pair.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PairCheck {
    NoOverlap,
    Excluded,
    RecentlyMet,
    Eligible { points: i64, window: Window },
}

/// True unless the pair is on a don't-pair list or met within the cooldown — the hard rules
/// that hold for every two people in any group, whatever their hours.
pub fn allowed_together(roster: &Roster, settings: &CircleSettings, a: u32, b: u32) -> bool {
    let key = pair_key(a, b);
    let cooling = roster
        .met
        .get(&key)
        .is_some_and(|m| m.days_ago < i64::from(settings.cooldown_days));
    !cooling && !roster.excluded.contains(&key)
}

/// Checks a pair of members and, when eligible, weighs it.
pub fn check_pair(roster: &Roster, settings: &CircleSettings, a: u32, b: u32) -> PairCheck {
    let (ma, mb) = (&roster.members[a as usize], &roster.members[b as usize]);
    let window = match longest_common(&ma.windows, &mb.windows) {
        Some(w) if w.minutes() >= i64::from(settings.min_overlap_minutes.max(1)) => w,
        _ => return PairCheck::NoOverlap,
    };
    let key = pair_key(a, b);
    if !roster.excluded.is_empty() && roster.excluded.contains(&key) {
        return PairCheck::Excluded;
    }
    let met = if roster.met.is_empty() {
        None
    } else {
        roster.met.get(&key)
    };
    if met.is_some_and(|m| m.days_ago < i64::from(settings.cooldown_days)) {
        return PairCheck::RecentlyMet;
    }
    let w = &settings.weights;
    let mut points = novelty(settings, met.map(|m| (m.days_ago, m.times)));
    if ma.team != mb.team {
        points += w.different_teams;
        if let Some(boost) = roster.team_boosts.get(&pair_key(ma.team, mb.team)) {
            points += boost;
        }
    }
    let shared = shared_tags(&ma.tags, &mb.tags).count() as i64;
    if shared > 0 {
        points += w.shared_tag + (shared - 1).min(2) * (w.shared_tag / 3);
    }
    points += person_points(roster, settings, a) + person_points(roster, settings, b);
    points += (window.minutes() / 60).min(4) * w.overlap_per_hour;
    PairCheck::Eligible {
        points: points.max(1),
        window,
    }
}

/// The part of every weight that belongs to one person whoever their partner is (newcomer,
/// fairness debt, pulse boost). It decides who gets paired when not everyone can be, but not
/// with whom: in a matching that pairs everyone it adds the same total to every choice.
pub fn person_points(roster: &Roster, settings: &CircleSettings, x: u32) -> i64 {
    let w = &settings.weights;
    let m = &roster.members[x as usize];
    i64::from(m.newcomer) * w.newcomer
        + i64::from(m.left_out.min(3)) * w.left_out_debt
        + i64::from(m.off_hours_excess.min(5)) * w.off_hours_debt
        + m.boost
}

fn novelty(settings: &CircleSettings, met: Option<(i64, u32)>) -> i64 {
    let full = settings.weights.never_met;
    match met {
        None => full,
        Some((days_ago, times)) => {
            let half = f64::from(settings.weights.history_half_life_days.max(1));
            let recovered = 1.0 - 0.5f64.powf(days_ago.max(0) as f64 / half);
            (full as f64 * recovered / f64::from(times.max(1))).round() as i64
        }
    }
}

/// Tags two sorted tag lists share.
pub fn shared_tags<'a>(a: &'a [u32], b: &'a [u32]) -> impl Iterator<Item = u32> + 'a {
    a.iter()
        .copied()
        .filter(move |t| b.binary_search(t).is_ok())
}

/// "2 h", "1 h 30 min", "45 min".
pub fn format_duration(minutes: i64) -> String {
    match (minutes / 60, minutes % 60) {
        (0, m) => format!("{m} min"),
        (h, 0) => format!("{h} h"),
        (h, m) => format!("{h} h {m} min"),
    }
}

/// "2 h overlap Tue 15:00-17:00 UTC".
pub fn describe_window(cycle: Cycle, window: Window) -> String {
    let start = to_utc(cycle, window.start);
    let end = to_utc(cycle, window.end);
    format!(
        "{} overlap {} {}-{} UTC",
        format_duration(window.minutes()),
        start.format("%a"),
        start.format("%H:%M"),
        end.format("%H:%M")
    )
}

/// The reasons of an eligible pair, most telling first. Pulse's boosts weigh in the matching
/// but never appear here: the line is shown to the pair, and what pulse infers about a person
/// (or a small team) is theirs alone.
pub fn pair_reasons(roster: &Roster, cycle: Cycle, a: u32, b: u32, window: Window) -> Vec<String> {
    let (ma, mb) = (&roster.members[a as usize], &roster.members[b as usize]);
    let mut reasons = Vec::new();
    if ma.team != mb.team {
        reasons.push("different teams".to_owned());
    } else {
        reasons.push("same team".to_owned());
    }
    reasons.push(describe_window(cycle, window));
    let shared: Vec<&str> = shared_tags(&ma.tags, &mb.tags)
        .map(|t| roster.tag_names[t as usize].as_str())
        .collect();
    if !shared.is_empty() {
        reasons.push(format!("both ask-me-about {}", shared.join(", ")));
    }
    reasons.push(match roster.met.get(&pair_key(a, b)) {
        None => "never met".to_owned(),
        Some(m) if m.times == 1 => format!("met once, {} days ago", m.days_ago),
        Some(m) => format!("met {} times, last {} days ago", m.times, m.days_ago),
    });
    let newcomers = usize::from(ma.newcomer) + usize::from(mb.newcomer);
    if newcomers > 0 {
        reasons.push(if newcomers == 1 {
            "welcomes a newcomer".to_owned()
        } else {
            "two newcomers".to_owned()
        });
    }
    if ma.left_out > 0 || mb.left_out > 0 {
        reasons.push("makes up for a recently missed round".to_owned());
    }
    if ma.off_hours_excess > 0 || mb.off_hours_excess > 0 {
        reasons.push("in-hours slot after off-hours ones".to_owned());
    }
    reasons
}
