//! Minimum group size and complementary suppression.
//!
//! Every figure about people is computed over a group. A group smaller than k people is
//! suppressed, and so many more groups are suppressed with it that the suppressed groups
//! together hold at least k people: subtracting the shown groups from a shown total then
//! still only reveals an aggregate over k people or more. Suppressed cells render as
//! "not enough people to show this", never as zero.

use std::fmt;

use serde::{Deserialize, Serialize};

/// What a suppressed cell says wherever it is shown.
pub const SUPPRESSED_TEXT: &str = "not enough people to show this";

/// A figure that is either shown or withheld because too few people stand behind it.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(tag = "status", content = "value", rename_all = "snake_case")]
pub enum Cell<T> {
    Shown(T),
    Suppressed,
}

impl<T> Cell<T> {
    /// The figure, when shown.
    pub fn shown(&self) -> Option<&T> {
        match self {
            Cell::Shown(value) => Some(value),
            Cell::Suppressed => None,
        }
    }

    /// Whether the figure is withheld.
    pub fn is_suppressed(&self) -> bool {
        matches!(self, Cell::Suppressed)
    }

    /// Transforms a shown figure; a suppressed one stays suppressed.
    pub fn map<U>(self, f: impl FnOnce(T) -> U) -> Cell<U> {
        match self {
            Cell::Shown(value) => Cell::Shown(f(value)),
            Cell::Suppressed => Cell::Suppressed,
        }
    }

    /// Shows `value` only if `people` reaches the minimum group size.
    pub fn for_group(people: usize, k: usize, value: T) -> Self {
        if people >= k {
            Cell::Shown(value)
        } else {
            Cell::Suppressed
        }
    }
}

impl<T: fmt::Display> fmt::Display for Cell<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Cell::Shown(value) => value.fmt(f),
            Cell::Suppressed => f.write_str(SUPPRESSED_TEXT),
        }
    }
}

/// A group's size and its figure; present only when the group may be shown.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Figures<T> {
    pub people: usize,
    pub value: T,
}

/// One labelled group in a table.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct GroupRow<T> {
    pub label: String,
    pub figures: Cell<Figures<T>>,
}

/// Groups that partition a population, with the population's total, after suppression.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct GroupTable<T> {
    pub rows: Vec<GroupRow<T>>,
    pub total: Cell<Figures<T>>,
}

/// A group before suppression.
#[derive(Debug, Clone)]
pub struct Group<T> {
    pub label: String,
    pub people: usize,
    pub value: T,
}

impl<T> GroupTable<T> {
    /// Builds a table from groups that partition the population of `total`, suppressing
    /// small groups and enough complementary groups that no subtraction singles anyone out.
    pub fn build(groups: Vec<Group<T>>, total: Group<T>, k: usize) -> Self {
        let populations: Vec<usize> = groups.iter().map(|g| g.people).collect();
        let hidden = suppression_mask(&populations, k);
        let rows = groups
            .into_iter()
            .zip(hidden)
            .map(|(group, hide)| GroupRow {
                label: group.label,
                figures: if hide {
                    Cell::Suppressed
                } else {
                    Cell::Shown(Figures {
                        people: group.people,
                        value: group.value,
                    })
                },
            })
            .collect();
        let total = Cell::for_group(
            total.people,
            k,
            Figures {
                people: total.people,
                value: total.value,
            },
        );
        Self { rows, total }
    }

    /// Shown population of the total and of each row (None where suppressed), for audits.
    pub fn populations(&self) -> (Option<usize>, Vec<Option<usize>>) {
        let rows = self
            .rows
            .iter()
            .map(|row| row.figures.shown().map(|f| f.people))
            .collect();
        (self.total.shown().map(|f| f.people), rows)
    }

    /// The row with this label, if any.
    pub fn row(&self, label: &str) -> Option<&GroupRow<T>> {
        self.rows.iter().find(|row| row.label == label)
    }
}

/// Which groups to hide: every group under k people, then the smallest remaining groups
/// until the hidden groups together hold 0 or at least k people.
pub fn suppression_mask(populations: &[usize], k: usize) -> Vec<bool> {
    let mut hidden: Vec<bool> = populations.iter().map(|&people| people < k).collect();
    let mut hidden_people: usize = populations
        .iter()
        .zip(&hidden)
        .filter(|(_, hide)| **hide)
        .map(|(people, _)| *people)
        .sum();
    let mut by_size: Vec<usize> = (0..populations.len()).collect();
    by_size.sort_by_key(|&index| (populations[index], index));
    let candidates: Vec<usize> = by_size
        .into_iter()
        .filter(|&index| !hidden[index])
        .collect();
    let mut candidates = candidates.into_iter();
    while hidden_people > 0 && hidden_people < k {
        match candidates.next() {
            Some(index) => {
                hidden[index] = true;
                hidden_people += populations[index];
            }
            None => break,
        }
    }
    hidden
}

/// For ordered buckets (ties per person, weeks since joining): merges neighbouring buckets
/// until each holds at least k people, so the whole distribution can be shown instead of
/// suppressed. Returns index ranges of the fine buckets; one range when the total is under k.
pub fn merge_ordered(populations: &[usize], k: usize) -> Vec<std::ops::Range<usize>> {
    let mut ranges: Vec<std::ops::Range<usize>> = Vec::new();
    let (mut start, mut people) = (0, 0);
    for (index, &count) in populations.iter().enumerate() {
        people += count;
        if people >= k {
            ranges.push(start..index + 1);
            start = index + 1;
            people = 0;
        }
    }
    if start < populations.len() {
        match ranges.last_mut() {
            Some(last) => last.end = populations.len(),
            None => ranges.push(0..populations.len()),
        }
    }
    ranges
}

/// Whether a table passes the audit: every shown group has at least k people, and the
/// people in suppressed groups (the shown total less the shown groups) are 0 or at least k.
pub fn table_is_safe(total: Option<usize>, rows: &[Option<usize>], k: usize) -> bool {
    if rows.iter().flatten().any(|&people| people < k) {
        return false;
    }
    match total {
        Some(total) if total < k => false,
        Some(total) => {
            let shown: usize = rows.iter().flatten().sum();
            let hidden = total.saturating_sub(shown);
            hidden == 0 || hidden >= k
        }
        None => rows.iter().all(Option::is_none),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_lone_small_group_pulls_a_second_group_into_suppression() {
        let mask = suppression_mask(&[3, 12, 8, 20], 5);
        assert_eq!(mask, vec![true, false, true, false]);
    }

    #[test]
    fn small_neighbouring_buckets_merge_until_each_reaches_k() {
        assert_eq!(merge_ordered(&[1, 2, 3, 40, 2, 1], 5), vec![0..3, 3..6]);
        assert_eq!(merge_ordered(&[1, 2], 5), vec![0..2]);
        assert_eq!(merge_ordered(&[5, 0, 6], 5), vec![0..1, 1..3]);
    }

    #[test]
    fn groups_at_k_are_shown() {
        assert_eq!(suppression_mask(&[5, 6], 5), vec![false, false]);
    }

    #[test]
    fn suppressed_cells_never_read_as_zero() {
        let cell: Cell<usize> = Cell::for_group(2, 5, 0);
        assert_eq!(cell.to_string(), SUPPRESSED_TEXT);
        let json = serde_json::to_string(&cell).unwrap_or_default();
        assert_eq!(json, r#"{"status":"suppressed"}"#);
    }
}
