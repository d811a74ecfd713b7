//! How a planned round reads on the terminal: each group with names, the slot in UTC and in
//! every member's local time, the reasons; then who could not be paired and why.

use std::fmt::Write;

use hallway_pairing::{RoundPlan, Unpaired};
use hallway_store::Circle;

use hallway_rounds::Loaded;

/// The whole plan as text.
pub fn plan(circle: &Circle, loaded: &Loaded, plan: &RoundPlan, seed: u64) -> String {
    let mut out = String::new();
    let start = loaded.request.cycle.start;
    let _ = writeln!(
        out,
        "Round for {} — cycle starting {start}, {} eligible people, seed {seed}",
        circle.name,
        loaded.request.people.len()
    );
    if loaded.already_ran {
        let _ = writeln!(out, "Note: a round for this cycle is already saved.");
    }
    for (n, group) in plan.groups.iter().enumerate() {
        let names: Vec<String> = group.members.iter().map(|p| loaded.name(p)).collect();
        let _ = writeln!(out, "\nGroup {}: {}", n + 1, names.join(", "));
        let _ = writeln!(
            out,
            "  Slot: {} – {} UTC",
            group.slot.start_utc.format("%a %Y-%m-%d %H:%M"),
            group.slot.end_utc.format("%H:%M")
        );
        for local in &group.slot.members {
            let _ = writeln!(
                out,
                "    {}: {} ({}){}",
                loaded.name(&local.person),
                local.local_start.format("%a %Y-%m-%d %H:%M"),
                local.time_zone,
                if local.off_hours {
                    " — outside working hours"
                } else {
                    ""
                }
            );
        }
        let _ = writeln!(out, "  Why: {}", group.reasons);
        let _ = writeln!(out, "  Weight: {} points", group.weight);
    }
    out.push_str(&unpaired(loaded, &plan.unpaired));
    if !loaded.sitting_out.is_empty() {
        out.push_str("\nSitting this round out:\n");
        for (name, why) in &loaded.sitting_out {
            let _ = writeln!(out, "  {name}: {why}");
        }
    }
    out
}

fn unpaired(loaded: &Loaded, list: &[Unpaired]) -> String {
    let mut out = String::new();
    if list.is_empty() {
        out.push_str("\nEveryone eligible was paired.\n");
        return out;
    }
    out.push_str("\nCould not be paired:\n");
    for u in list {
        let _ = writeln!(out, "  {}: {}", loaded.name(&u.person), u.reason);
    }
    out
}
