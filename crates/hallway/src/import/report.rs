//! What an import did, as the operator reads it: counts per kind and what was skipped or
//! changed, and why.

use std::collections::BTreeMap;
use std::time::Duration;

use hallway_import::Skipped;
use hallway_store::ImportHow;

use crate::output::line;

/// Skipped items listed one by one; past this only their reasons are counted.
const LISTED: usize = 20;

#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Counts {
    pub created: u64,
    pub matched: u64,
    pub already: u64,
    /// People whose mapped accounts were deleted since an earlier import.
    pub forgotten: u64,
}

impl Counts {
    pub fn count(&mut self, how: ImportHow) {
        self.add(how, 1);
    }

    pub fn add(&mut self, how: ImportHow, n: u64) {
        match how {
            ImportHow::Created => self.created += n,
            ImportHow::Matched => self.matched += n,
            ImportHow::Already => self.already += n,
        }
    }
}

#[derive(Debug, Default)]
pub struct Report {
    pub people: Counts,
    pub rooms: Counts,
    pub messages: Counts,
    pub skipped: Vec<Skipped>,
    pub read: Duration,
    pub write: Duration,
    /// Recording the imported replies and mentions for pulse.
    pub pulse: Duration,
    pub index: Option<Duration>,
}

impl Report {
    pub fn print(&self, source: &str, path: &str) {
        let (p, r, m) = (&self.people, &self.rooms, &self.messages);
        line(format_args!("Imported {source} history from {path}:"));
        let forgotten = if p.forgotten > 0 {
            format!(", {} whose accounts were deleted (left out)", p.forgotten)
        } else {
            String::new()
        };
        line(format_args!(
            "  people:   {} new (inactive until they sign up), {} matched by email, {} already imported{forgotten}",
            p.created, p.matched, p.already
        ));
        line(format_args!(
            "  rooms:    {} new, {} matched by name, {} already imported",
            r.created, r.matched, r.already
        ));
        line(format_args!(
            "  messages: {} added, {} already imported",
            m.created, m.already
        ));
        let index = match self.index {
            Some(took) => format!(", index {:.1} s", took.as_secs_f64()),
            None => ", indexed by the running server".to_owned(),
        };
        line(format_args!(
            "  took:     read {:.1} s, write {:.1} s, pulse {:.1} s{index}",
            self.read.as_secs_f64(),
            self.write.as_secs_f64(),
            self.pulse.as_secs_f64()
        ));
        self.print_skipped();
    }

    fn print_skipped(&self) {
        if self.skipped.is_empty() {
            line(format_args!("Nothing was skipped."));
            return;
        }
        line(format_args!(
            "Skipped or changed {} item(s):",
            self.skipped.len()
        ));
        for item in self.skipped.iter().take(LISTED) {
            line(format_args!("  {}: {}", item.location, item.reason));
        }
        if self.skipped.len() > LISTED {
            let mut reasons: BTreeMap<&str, usize> = BTreeMap::new();
            for item in &self.skipped[LISTED..] {
                *reasons.entry(item.reason.as_str()).or_default() += 1;
            }
            line(format_args!(
                "  … and {} more:",
                self.skipped.len() - LISTED
            ));
            for (reason, count) in reasons {
                line(format_args!("    {count} × {reason}"));
            }
        }
    }
}
