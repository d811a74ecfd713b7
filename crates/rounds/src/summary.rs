//! A planned round with names instead of ids: what the CLI prints, the circle page previews,
//! and a run reports.

use std::fmt::Write;

use chrono::{DateTime, NaiveDate, Utc};
use hallway_pairing::Unpaired;
use hallway_store::Circle;
use serde::Serialize;

use crate::{Loaded, Planned};

/// Someone by name, with a reason (could not be paired, or sits this round out).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct NamedReason {
    pub name: String,
    pub reason: String,
}

/// One planned group.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct GroupPreview {
    pub members: Vec<String>,
    pub slot_start: DateTime<Utc>,
    pub slot_end: DateTime<Utc>,
    pub reasons: String,
}

/// A round's plan in names: groups with reasons, who could not be paired and who sits out.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Preview {
    pub circle: String,
    pub cycle_start: NaiveDate,
    pub eligible: usize,
    pub already_ran: bool,
    pub groups: Vec<GroupPreview>,
    pub unpaired: Vec<NamedReason>,
    pub sitting_out: Vec<NamedReason>,
}

impl Planned {
    /// The plan with names, for showing before (or after) saving.
    pub fn preview(&self) -> Preview {
        let loaded = &self.loaded;
        Preview {
            circle: self.circle.name.to_string(),
            cycle_start: loaded.request.cycle.start,
            eligible: loaded.request.people.len(),
            already_ran: loaded.already_ran,
            groups: self
                .plan
                .groups
                .iter()
                .map(|g| GroupPreview {
                    members: g.members.iter().map(|p| loaded.name(p)).collect(),
                    slot_start: g.slot.start_utc,
                    slot_end: g.slot.end_utc,
                    reasons: crate::reasons::shown(&g.reasons),
                })
                .collect(),
            unpaired: self
                .plan
                .unpaired
                .iter()
                .map(|u| NamedReason {
                    name: loaded.name(&u.person),
                    reason: u.reason.to_string(),
                })
                .collect(),
            sitting_out: loaded
                .sitting_out
                .iter()
                .map(|(name, reason)| NamedReason {
                    name: name.clone(),
                    reason: reason.clone(),
                })
                .collect(),
        }
    }
}

/// The error text when fewer than two people can be paired, naming who is (and is not) eligible.
pub(crate) fn too_few(circle: &Circle, loaded: &Loaded, list: &[Unpaired]) -> String {
    let names: Vec<String> = loaded
        .request
        .people
        .iter()
        .map(|p| loaded.name(&p.id))
        .collect();
    let who = if names.is_empty() {
        "nobody is opted in".to_owned()
    } else {
        format!("opted in: {}", names.join(", "))
    };
    let mut text = format!(
        "fewer than two eligible people in the circle {} ({who})",
        circle.name
    );
    for u in list {
        let _ = write!(text, "; {}: {}", loaded.name(&u.person), u.reason);
    }
    text
}
