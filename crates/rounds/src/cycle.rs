//! When cycles start: on Mondays, every week, every other week or every fourth week, counted
//! from a fixed Monday — the same for the scheduler, the circle page and `hallway pair`, so a
//! round run by hand falls on the cycle the scheduler would have run.

use chrono::{Datelike, Days, NaiveDate};
use hallway_domain::Cadence;

/// Every cadence's cycles count from this Monday.
const FIRST_MONDAY: NaiveDate = match NaiveDate::from_ymd_opt(2024, 1, 1) {
    Some(day) => day,
    None => NaiveDate::MIN,
};

/// Whether `monday` starts a cycle of `cadence`.
pub fn starts_a_cycle(cadence: Cadence, monday: NaiveDate) -> bool {
    let days = (monday - FIRST_MONDAY).num_days();
    days.rem_euclid(7) == 0 && days.div_euclid(7).rem_euclid(i64::from(cadence.days() / 7)) == 0
}

/// The first day of the first cycle of `cadence` that starts after `day`.
pub fn next_cycle_start(cadence: Cadence, day: NaiveDate) -> NaiveDate {
    let ahead = 7 - u64::from(day.weekday().num_days_from_monday());
    let mut monday = day.checked_add_days(Days::new(ahead)).unwrap_or(day);
    while !starts_a_cycle(cadence, monday) {
        monday = monday
            .checked_add_days(Days::new(7))
            .unwrap_or(NaiveDate::MAX);
    }
    monday
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    fn day(m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, m, d).unwrap()
    }

    #[test]
    fn cycles_start_on_aligned_mondays_after_the_day() {
        // Tuesday 24 November 2026: the next Monday is 30 November.
        assert_eq!(next_cycle_start(Cadence::Weekly, day(11, 24)), day(11, 30));
        assert_eq!(next_cycle_start(Cadence::Weekly, day(11, 30)), day(12, 7));
        let fortnightly = next_cycle_start(Cadence::EveryTwoWeeks, day(11, 24));
        assert!(starts_a_cycle(Cadence::EveryTwoWeeks, fortnightly));
        assert!(fortnightly == day(11, 30) || fortnightly == day(12, 7));
        let monthly = next_cycle_start(Cadence::Monthly, day(11, 24));
        assert!(monthly > day(11, 24) && monthly <= day(12, 21));
        assert_eq!(
            next_cycle_start(Cadence::Monthly, monthly),
            monthly + Days::new(28)
        );
        assert!(
            !starts_a_cycle(Cadence::Weekly, day(11, 24)),
            "not a Monday"
        );
    }
}
