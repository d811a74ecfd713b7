//! Working hours turned into UTC windows on the actual dates of a cycle, so daylight-saving
//! changes (which happen on different dates in different zones) are handled by the time zone
//! database rather than by fixed offsets.
//!
//! Times are whole minutes since 00:00 UTC on the cycle's first date.

use chrono::{DateTime, Datelike, Duration, LocalResult, NaiveDateTime, TimeZone, Utc};
use chrono_tz::Tz;

use crate::model::{Cycle, WeeklyHours};

/// A half-open stretch of time `[start, end)` in minutes since the cycle anchor.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Window {
    pub start: i64,
    pub end: i64,
}

impl Window {
    pub fn minutes(&self) -> i64 {
        self.end - self.start
    }
}

/// 00:00 UTC on the first date of the cycle.
pub fn cycle_anchor(cycle: Cycle) -> DateTime<Utc> {
    cycle.start.and_time(chrono::NaiveTime::MIN).and_utc()
}

/// Minutes since the anchor back to a UTC instant.
pub fn to_utc(cycle: Cycle, minutes: i64) -> DateTime<Utc> {
    cycle_anchor(cycle) + Duration::minutes(minutes)
}

/// Resolves a local wall-clock time; in a spring-forward gap the clock moves on by the gap,
/// in a fall-back fold the earlier instant is used.
fn resolve_local(tz: Tz, local: NaiveDateTime) -> Option<DateTime<Utc>> {
    match tz.from_local_datetime(&local) {
        LocalResult::Single(t) => Some(t.with_timezone(&Utc)),
        LocalResult::Ambiguous(early, _) => Some(early.with_timezone(&Utc)),
        LocalResult::None => (1..=4).find_map(|quarter| {
            match tz.from_local_datetime(&(local + Duration::minutes(15 * quarter))) {
                LocalResult::Single(t) => Some(t.with_timezone(&Utc)),
                LocalResult::Ambiguous(early, _) => Some(early.with_timezone(&Utc)),
                LocalResult::None => None,
            }
        }),
    }
}

/// The person's working windows in UTC over the local dates of the cycle, sorted and merged.
pub fn utc_windows(tz: Tz, hours: &WeeklyHours, cycle: Cycle) -> Vec<Window> {
    let anchor = cycle_anchor(cycle);
    let mut windows = Vec::new();
    for offset in 0..i64::from(cycle.days) {
        let date = cycle.start + Duration::days(offset);
        let weekday = date.weekday().num_days_from_monday() as usize;
        let midnight = date.and_time(chrono::NaiveTime::MIN);
        for span in hours.days[weekday].iter().filter(|s| s.is_valid()) {
            let start = resolve_local(
                tz,
                midnight + Duration::minutes(i64::from(span.start_minute)),
            );
            let end = resolve_local(tz, midnight + Duration::minutes(i64::from(span.end_minute)));
            if let (Some(start), Some(end)) = (start, end) {
                let start = (start - anchor).num_minutes();
                let end = (end - anchor).num_minutes();
                if end > start {
                    windows.push(Window { start, end });
                }
            }
        }
    }
    merge(windows)
}

fn merge(mut windows: Vec<Window>) -> Vec<Window> {
    windows.sort();
    let mut merged: Vec<Window> = Vec::with_capacity(windows.len());
    for w in windows {
        match merged.last_mut() {
            Some(last) if w.start <= last.end => last.end = last.end.max(w.end),
            _ => merged.push(w),
        }
    }
    merged
}

/// All common stretches of two sorted, merged window lists.
pub fn intersect(a: &[Window], b: &[Window]) -> Vec<Window> {
    let mut out = Vec::new();
    let (mut i, mut j) = (0, 0);
    while i < a.len() && j < b.len() {
        let start = a[i].start.max(b[j].start);
        let end = a[i].end.min(b[j].end);
        if end > start {
            out.push(Window { start, end });
        }
        if a[i].end < b[j].end {
            i += 1;
        } else {
            j += 1;
        }
    }
    out
}

/// The longest common stretch of two window lists (earliest on ties), without allocating.
pub fn longest_common(a: &[Window], b: &[Window]) -> Option<Window> {
    let mut best: Option<Window> = None;
    let (mut i, mut j) = (0, 0);
    while i < a.len() && j < b.len() {
        let start = a[i].start.max(b[j].start);
        let end = a[i].end.min(b[j].end);
        if end > start && best.is_none_or(|b| end - start > b.minutes()) {
            best = Some(Window { start, end });
        }
        if a[i].end < b[j].end {
            i += 1;
        } else {
            j += 1;
        }
    }
    best
}

/// True when `[start, end)` lies inside one of the windows.
pub fn covers(windows: &[Window], start: i64, end: i64) -> bool {
    windows.iter().any(|w| w.start <= start && end <= w.end)
}

/// Distance in minutes from `[start, end)` to the nearest window (0 when covered).
pub fn distance_to(windows: &[Window], start: i64, end: i64) -> i64 {
    windows
        .iter()
        .map(|w| {
            if w.start <= start && end <= w.end {
                0
            } else {
                (w.start - start).max(0) + (end - w.end).max(0)
            }
        })
        .min()
        .unwrap_or(i64::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::LocalSpan;
    use chrono::NaiveDate;

    fn nine_to_five() -> WeeklyHours {
        WeeklyHours::weekdays(LocalSpan::hm(9, 0, 17, 0).unwrap_or_else(|| unreachable!()))
    }

    #[test]
    fn berlin_shifts_by_an_hour_across_the_autumn_change() {
        // 2026-10-25 is the EU fall-back Sunday: Friday before is UTC+2, Monday after is UTC+1.
        let cycle = Cycle {
            start: NaiveDate::from_ymd_opt(2026, 10, 23).unwrap(),
            days: 4,
        };
        let w = utc_windows(chrono_tz::Europe::Berlin, &nine_to_five(), cycle);
        assert_eq!(w.len(), 2);
        assert_eq!(w[0].start, 7 * 60); // Fri 09:00 CEST = 07:00 UTC
        assert_eq!(w[1].start, 3 * 24 * 60 + 8 * 60); // Mon 09:00 CET = 08:00 UTC
    }

    #[test]
    fn a_day_may_end_at_midnight() {
        let cycle = Cycle {
            start: NaiveDate::from_ymd_opt(2026, 6, 1).unwrap(),
            days: 1,
        };
        let late = WeeklyHours::weekdays(LocalSpan::hm(20, 0, 24, 0).unwrap());
        let w = utc_windows(chrono_tz::UTC, &late, cycle);
        assert_eq!(
            w,
            vec![Window {
                start: 20 * 60,
                end: 24 * 60
            }]
        );
    }

    #[test]
    fn intersection_finds_the_longest_stretch() {
        let a = [
            Window { start: 0, end: 100 },
            Window {
                start: 200,
                end: 400,
            },
        ];
        let b = [
            Window {
                start: 50,
                end: 250,
            },
            Window {
                start: 300,
                end: 500,
            },
        ];
        assert_eq!(intersect(&a, &b).len(), 3);
        assert_eq!(
            longest_common(&a, &b),
            Some(Window {
                start: 300,
                end: 400
            })
        );
    }
}
