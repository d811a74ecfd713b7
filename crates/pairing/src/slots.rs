//! Choosing a meeting slot for a group: inside everyone's working hours when the group has a
//! common window, otherwise the time that leaves the fewest people off-hours, putting the burden
//! on whoever has carried the fewest off-hours slots so far.

use crate::availability::{covers, distance_to, intersect, to_utc, Window};
use crate::model::Cycle;
use crate::plan::{MemberTime, Slot};
use crate::roster::Roster;

/// Slot starts are aligned to this many minutes (UTC) when the window allows it.
const ALIGN: i64 = 30;

/// A chosen start (minutes since the cycle anchor) and who is off-hours at that time.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SlotChoice {
    pub start: i64,
    pub off_hours: Vec<bool>,
}

/// The common working windows of all members.
pub fn common_windows(roster: &Roster, members: &[u32]) -> Vec<Window> {
    let mut iter = members.iter();
    let Some(&first) = iter.next() else {
        return Vec::new();
    };
    let mut common = roster.members[first as usize].windows.clone();
    for &m in iter {
        common = intersect(&common, &roster.members[m as usize].windows);
    }
    common
}

/// A start in the middle of the window, aligned when possible; `None` if it is too short.
fn place_in(window: Window, length: i64) -> Option<i64> {
    if window.minutes() < length {
        return None;
    }
    let middle = window.start + (window.minutes() - length) / 2;
    let aligned_down = middle.div_euclid(ALIGN) * ALIGN;
    let aligned_up = aligned_down + ALIGN;
    [aligned_down, aligned_up, window.start]
        .into_iter()
        .find(|&s| s >= window.start && s + length <= window.end)
}

/// The in-hours start for everyone, if the group has a long enough common window.
pub fn in_hours_start(roster: &Roster, members: &[u32], length: i64) -> Option<i64> {
    common_windows(roster, members)
        .into_iter()
        .filter(|w| w.minutes() >= length)
        .max_by_key(|w| (w.minutes(), -w.start))
        .and_then(|w| place_in(w, length))
}

/// Picks the slot for a group (see the module docs).
pub fn choose_slot(roster: &Roster, members: &[u32], length: i64) -> Option<SlotChoice> {
    if let Some(start) = in_hours_start(roster, members, length) {
        return Some(SlotChoice {
            start,
            off_hours: vec![false; members.len()],
        });
    }
    let mut starts: Vec<i64> = Vec::new();
    for &m in members {
        for w in &roster.members[m as usize].windows {
            starts.push(w.start);
            starts.push(w.end - length);
        }
    }
    starts.sort_unstable();
    starts.dedup();
    starts
        .into_iter()
        .map(|start| {
            let off: Vec<bool> = members
                .iter()
                .map(|&m| !covers(&roster.members[m as usize].windows, start, start + length))
                .collect();
            let off_count = off.iter().filter(|&&o| o).count();
            let burden: u64 = members
                .iter()
                .zip(&off)
                .filter(|(_, &o)| o)
                .map(|(&m, _)| u64::from(roster.members[m as usize].off_hours_total))
                .sum();
            let distance: i64 = members
                .iter()
                .map(|&m| distance_to(&roster.members[m as usize].windows, start, start + length))
                .sum();
            ((off_count, burden, distance, start), off)
        })
        .min_by_key(|(key, _)| *key)
        .map(|((_, _, _, start), off_hours)| SlotChoice { start, off_hours })
}

/// The slot as the output shows it: UTC and each member's local time.
pub fn render_slot(
    roster: &Roster,
    cycle: Cycle,
    members: &[u32],
    choice: &SlotChoice,
    length: i64,
) -> Slot {
    let start_utc = to_utc(cycle, choice.start);
    let end_utc = to_utc(cycle, choice.start + length);
    let members = members
        .iter()
        .zip(&choice.off_hours)
        .map(|(&m, &off_hours)| {
            let member = &roster.members[m as usize];
            MemberTime {
                person: member.id.clone(),
                time_zone: member.tz.name().to_owned(),
                local_start: start_utc.with_timezone(&member.tz).naive_local(),
                off_hours,
            }
        })
        .collect();
    Slot {
        start_utc,
        end_utc,
        members,
    }
}
