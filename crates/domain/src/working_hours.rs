//! Working hours: for each weekday, zero or more non-overlapping local-time intervals.
//!
//! Written as `09:00-12:00, 13:00-17:30` per day in forms and as `{"mon": ["09:00-17:00"]}` in
//! JSON. Times are local to the person's time zone; `24:00` may end a day.

use std::collections::BTreeMap;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::Invalid;

/// The weekdays in order, as used in JSON keys and form fields.
pub const WEEKDAYS: [&str; 7] = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"];

/// A half-open interval of minutes after local midnight: `start < end <= 1440`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Interval {
    pub start_minute: u16,
    pub end_minute: u16,
}

impl Interval {
    pub fn minutes(&self) -> u16 {
        self.end_minute - self.start_minute
    }
}

impl std::fmt::Display for Interval {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let hm = |m: u16| format!("{:02}:{:02}", m / 60, m % 60);
        write!(f, "{}-{}", hm(self.start_minute), hm(self.end_minute))
    }
}

/// A person's weekly working hours, Monday first.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct WorkingHours {
    days: [Vec<Interval>; 7],
}

fn parse_time(day: &str, text: &str) -> Result<u16, Invalid> {
    let bad = || {
        Invalid::new(
            "working_hours",
            format!("{day}: {text:?} is not a time like 09:00"),
        )
    };
    let (h, m) = text.trim().split_once(':').ok_or_else(bad)?;
    let h: u16 = h.trim().parse().map_err(|_| bad())?;
    let m: u16 = m.trim().parse().map_err(|_| bad())?;
    if m >= 60 || h > 24 || (h == 24 && m != 0) {
        return Err(bad());
    }
    Ok(h * 60 + m)
}

impl WorkingHours {
    /// Parses one weekday's intervals, e.g. `09:00-12:00, 13:00-17:00`; empty means a day off.
    pub fn parse_day(day: &str, text: &str) -> Result<Vec<Interval>, Invalid> {
        let mut intervals = Vec::new();
        for part in text.split(',').filter(|p| !p.trim().is_empty()) {
            let (start, end) = part.split_once('-').ok_or_else(|| {
                Invalid::new(
                    "working_hours",
                    format!("{day}: {:?} should look like 09:00-17:00", part.trim()),
                )
            })?;
            let start_minute = parse_time(day, start)?;
            let end_minute = parse_time(day, end)?;
            if end_minute <= start_minute {
                return Err(Invalid::new(
                    "working_hours",
                    format!("{day}: {} ends before it starts", part.trim()),
                ));
            }
            intervals.push(Interval {
                start_minute,
                end_minute,
            });
        }
        intervals.sort();
        for pair in intervals.windows(2) {
            if pair[1].start_minute < pair[0].end_minute {
                return Err(Invalid::new(
                    "working_hours",
                    format!("{day}: {} overlaps {}", pair[0], pair[1]),
                ));
            }
        }
        Ok(intervals)
    }

    /// Builds from seven day texts, Monday first.
    pub fn parse_week(days: [&str; 7]) -> Result<Self, Invalid> {
        let mut hours = WorkingHours::default();
        for (index, text) in days.iter().enumerate() {
            hours.days[index] = Self::parse_day(WEEKDAYS[index], text)?;
        }
        Ok(hours)
    }

    /// Monday-to-Friday with the same hours each day.
    pub fn weekdays(start_minute: u16, end_minute: u16) -> Self {
        let mut hours = WorkingHours::default();
        for day in hours.days.iter_mut().take(5) {
            day.push(Interval {
                start_minute,
                end_minute,
            });
        }
        hours
    }

    /// Intervals of a weekday (0 = Monday).
    pub fn day(&self, weekday: usize) -> &[Interval] {
        self.days.get(weekday).map(Vec::as_slice).unwrap_or(&[])
    }

    /// A weekday's intervals as typed in a form.
    pub fn day_text(&self, weekday: usize) -> String {
        self.day(weekday)
            .iter()
            .map(Interval::to_string)
            .collect::<Vec<_>>()
            .join(", ")
    }

    pub fn total_minutes(&self) -> u32 {
        self.days
            .iter()
            .flatten()
            .map(|i| u32::from(i.minutes()))
            .sum()
    }
}

impl Serialize for WorkingHours {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let map: BTreeMap<usize, (&str, Vec<String>)> = (0..7)
            .map(|d| {
                (
                    d,
                    (
                        WEEKDAYS[d],
                        self.days[d].iter().map(|i| i.to_string()).collect(),
                    ),
                )
            })
            .collect();
        serializer.collect_map(map.into_values())
    }
}

impl<'de> Deserialize<'de> for WorkingHours {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let map: BTreeMap<String, Vec<String>> = BTreeMap::deserialize(deserializer)?;
        let mut hours = WorkingHours::default();
        for (key, intervals) in &map {
            let index = WEEKDAYS.iter().position(|d| d == key).ok_or_else(|| {
                serde::de::Error::custom(format!(
                    "working_hours: unknown weekday {key:?}; use mon, tue, wed, thu, fri, sat, sun"
                ))
            })?;
            hours.days[index] = WorkingHours::parse_day(WEEKDAYS[index], &intervals.join(","))
                .map_err(serde::de::Error::custom)?;
        }
        Ok(hours)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_split_days_and_round_trips_through_json() {
        let hours = WorkingHours::parse_week([
            "09:00-12:00, 13:00-17:30",
            "09:00-17:00",
            "",
            "",
            "",
            "",
            "",
        ])
        .unwrap();
        assert_eq!(hours.day_text(0), "09:00-12:00, 13:00-17:30");
        let json = serde_json::to_string(&hours).unwrap();
        let back: WorkingHours = serde_json::from_str(&json).unwrap();
        assert_eq!(back, hours);
        assert_eq!(hours.total_minutes(), 3 * 60 + 4 * 60 + 30 + 8 * 60);
    }

    #[test]
    fn rejects_inverted_overlapping_and_malformed_hours() {
        let inverted = WorkingHours::parse_day("mon", "17:00-09:00").unwrap_err();
        assert!(
            inverted.message.contains("ends before it starts"),
            "{inverted}"
        );
        let overlap = WorkingHours::parse_day("tue", "09:00-12:00, 11:00-13:00").unwrap_err();
        assert!(overlap.message.contains("overlaps"), "{overlap}");
        let junk = WorkingHours::parse_day("wed", "9 to 5").unwrap_err();
        assert!(junk.message.starts_with("wed:"), "{junk}");
        assert!(WorkingHours::parse_day("thu", "09:00-24:30").is_err());
        assert!(serde_json::from_str::<WorkingHours>(r#"{"funday": []}"#).is_err());
    }
}
