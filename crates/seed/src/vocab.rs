//! Templates with `{slots}`, and the slot filler that keeps a conversation coherent: a slot is
//! chosen once per thread, so everyone in it talks about the same table, city or biscuit.

use crate::rng::Rng;

/// Named pools of words: `{key}` in a template is filled from the pool named `key`.
pub(crate) type Pools = &'static [(&'static str, &'static [&'static str])];

/// A cluster of related problems a team talks about, and who tends to know it.
pub(crate) struct Topic {
    /// The "ask me about" tag of the people who answer best.
    pub tag: &'static str,
    /// `subject`, `symptom`, `cause`, `fix`, `command`, `link` and `update`.
    pub pools: Pools,
}

/// How one kind of thread goes: an opener, answers from others, the opener's follow-ups and
/// extra remarks from anyone.
pub(crate) struct Shape {
    pub openers: &'static [&'static str],
    pub answers: &'static [&'static str],
    pub follow_ups: &'static [&'static str],
    pub extras: &'static [&'static str],
    pub emojis: &'static [&'static str],
}

/// Slots drawn together: a topic lists its symptoms, causes and fixes in matching order, so a
/// thread's fix is the fix for its cause.
const LINKED: [&str; 3] = ["symptom", "cause", "fix"];

/// Slot values for one thread: per-message facts (`city`, `op`, `prev`, `weekday`) and the
/// values drawn so far.
pub(crate) struct Slots {
    pools: Vec<Pools>,
    fixed: Vec<(&'static str, String)>,
    chosen: Vec<(String, String)>,
    /// The index drawn for the linked slots, once one of them is drawn.
    linked: Option<usize>,
}

impl Slots {
    pub(crate) fn new(pools: Vec<Pools>) -> Self {
        Self {
            pools,
            fixed: Vec::new(),
            chosen: Vec::new(),
            linked: None,
        }
    }

    /// Sets a per-message value, replacing the previous one.
    pub(crate) fn set(&mut self, key: &'static str, value: &str) {
        self.fixed.retain(|(k, _)| *k != key);
        self.fixed.push((key, value.to_owned()));
    }

    /// Fills every `{key}` of `template`. Unknown keys stay as they are (the tests look for
    /// leftover braces).
    pub(crate) fn fill(&mut self, template: &str, rng: &mut Rng) -> String {
        self.fill_depth(template, rng, 0)
    }

    fn fill_depth(&mut self, template: &str, rng: &mut Rng, depth: u8) -> String {
        let mut out = String::with_capacity(template.len() + 32);
        let mut rest = template;
        while let Some(open) = rest.find('{') {
            out.push_str(&rest[..open]);
            let after = &rest[open + 1..];
            let Some(close) = after.find('}') else {
                out.push_str(&rest[open..]);
                return out;
            };
            let key = &after[..close];
            match self.value(key, rng, depth) {
                Some(value) => out.push_str(&value),
                None => out.push_str(&rest[open..open + close + 2]),
            }
            rest = &after[close + 1..];
        }
        out.push_str(rest);
        out
    }

    fn value(&mut self, key: &str, rng: &mut Rng, depth: u8) -> Option<String> {
        if let Some((_, v)) = self.fixed.iter().find(|(k, _)| *k == key) {
            return Some(v.clone());
        }
        if let Some((_, v)) = self.chosen.iter().find(|(k, _)| k == key) {
            return Some(v.clone());
        }
        let value = match number(key, rng) {
            Some(n) => n.to_string(),
            None => {
                let pool = self
                    .pools
                    .iter()
                    .find_map(|pools| pools.iter().find(|(k, _)| *k == key))?;
                let raw = self.draw(key, pool.1, rng)?;
                if depth < 3 {
                    self.fill_depth(raw, rng, depth + 1)
                } else {
                    (*raw).to_owned()
                }
            }
        };
        self.chosen.push((key.to_owned(), value.clone()));
        Some(value)
    }
}

impl Slots {
    /// One value of a pool; linked slots share their index.
    fn draw(
        &mut self,
        key: &str,
        pool: &'static [&'static str],
        rng: &mut Rng,
    ) -> Option<&'static str> {
        if pool.is_empty() {
            return None;
        }
        let index = if LINKED.contains(&key) {
            *self.linked.get_or_insert_with(|| rng.below(pool.len()))
        } else {
            rng.below(pool.len())
        };
        pool.get(index % pool.len()).copied()
    }
}

/// Numeric slots: pull requests, tickets, small counts and percentages.
fn number(key: &str, rng: &mut Rng) -> Option<usize> {
    let (low, high) = match key {
        "pr" => (1180, 2650),
        "ticket" => (4100, 9800),
        "n" => (2, 9),
        "pct" => (3, 40),
        "minutes" => (10, 45),
        _ => return None,
    };
    Some(low + rng.below(high - low))
}

/// Someone's city from their zone: `America/Los_Angeles` is "Los Angeles".
pub(crate) fn city(zone: &str) -> String {
    zone.rsplit('/').next().unwrap_or(zone).replace('_', " ")
}

/// The name people use in a mention: the first word of the display name.
pub(crate) fn first_name(display: &str) -> &str {
    display.split_whitespace().next().unwrap_or(display)
}

/// Links everyone uses; topics add their own.
pub(crate) const COMMON: Pools = &[
    (
        "pr_link",
        &["https://github.com/hallway-demo/hallway/pull/{pr}"],
    ),
    ("ticket_id", &["SUP-{ticket}"]),
];

#[cfg(test)]
mod tests {
    use super::*;

    const POOLS: Pools = &[
        ("drink", &["tea", "coffee"]),
        ("link", &["https://x.test/{pr}"]),
        ("cause", &["c0", "c1", "c2", "c3"]),
        ("fix", &["f0", "f1", "f2", "f3"]),
    ];

    #[test]
    fn slots_are_chosen_once_per_thread() {
        let mut rng = Rng::new(1);
        let mut slots = Slots::new(vec![POOLS]);
        slots.set("op", "Ada");
        let a = slots.fill("@{op} more {drink}? {link} {unknown}", &mut rng);
        let b = slots.fill("{drink} it is", &mut rng);
        let drink = a.split(' ').nth(2).unwrap().trim_end_matches('?');
        assert!(b.starts_with(drink), "{a} / {b}");
        assert!(a.starts_with("@Ada "));
        assert!(a.contains("https://x.test/") && !a.contains("{pr}"));
        assert!(a.ends_with("{unknown}"));
        for seed in 0..20 {
            let mut rng = Rng::new(seed);
            let mut slots = Slots::new(vec![POOLS]);
            let pair = slots.fill("{fix} {cause}", &mut rng);
            assert_eq!(pair[1..2], pair[4..5], "{pair}");
        }
        assert_eq!(city("America/Los_Angeles"), "Los Angeles");
        assert_eq!(first_name("Jae-won Park"), "Jae-won");
    }
}
