//! When a circle's round is due: cycles start on Mondays (`hallway_rounds::starts_a_cycle`),
//! and the round for a cycle is announced on the announce day of the week before, or on any
//! later day up to the cycle's start (so a node that was down on the announce day catches up).

use anyhow::bail;
use chrono::{Datelike, Days, NaiveDate, Weekday};
use hallway_domain::Cadence;

/// The cycle whose round is due on `today`, if any.
pub fn due_cycle(cadence: Cadence, announce: Weekday, today: NaiveDate) -> Option<NaiveDate> {
    let ahead = 7 - u64::from(today.weekday().num_days_from_monday());
    let next_monday = today.checked_add_days(Days::new(ahead))?;
    let announce_on =
        next_monday.checked_sub_days(Days::new(7 - u64::from(announce.num_days_from_monday())))?;
    (today >= announce_on && hallway_rounds::starts_a_cycle(cadence, next_monday))
        .then_some(next_monday)
}

/// The `rounds_announce_day` setting as a weekday.
pub fn announce_weekday(name: &str) -> anyhow::Result<Weekday> {
    match name.trim().parse::<Weekday>() {
        Ok(day) => Ok(day),
        Err(_) => bail!("rounds_announce_day: {name:?} is not a weekday like \"friday\""),
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn a_weekly_round_is_due_from_the_announce_day_until_the_cycle_starts() {
        // 2026-11-27 is a Friday; the next cycle starts Monday 2026-11-30.
        let monday = Some(day(2026, 11, 30));
        assert_eq!(
            due_cycle(Cadence::Weekly, Weekday::Fri, day(2026, 11, 26)),
            None
        );
        assert_eq!(
            due_cycle(Cadence::Weekly, Weekday::Fri, day(2026, 11, 27)),
            monday
        );
        assert_eq!(
            due_cycle(Cadence::Weekly, Weekday::Fri, day(2026, 11, 29)),
            monday
        );
        assert_eq!(
            due_cycle(Cadence::Weekly, Weekday::Fri, day(2026, 11, 30)),
            None,
            "on Monday the next announce day is days away"
        );
        assert_eq!(
            due_cycle(Cadence::Weekly, Weekday::Mon, day(2026, 11, 30)),
            Some(day(2026, 12, 7))
        );
    }

    #[test]
    fn slower_cadences_skip_weeks() {
        let fridays: Vec<NaiveDate> = (0..8)
            .map(|w| day(2026, 11, 6) + Days::new(7 * w))
            .collect();
        let due = |cadence| {
            fridays
                .iter()
                .filter(|d| due_cycle(cadence, Weekday::Fri, **d).is_some())
                .count()
        };
        assert_eq!(due(Cadence::Weekly), 8);
        assert_eq!(due(Cadence::EveryTwoWeeks), 4);
        assert_eq!(due(Cadence::Monthly), 2);
    }

    #[test]
    fn the_announce_day_setting_names_the_problem() {
        assert_eq!(announce_weekday("Friday").unwrap(), Weekday::Fri);
        let error = announce_weekday("someday").unwrap_err().to_string();
        assert!(error.contains("rounds_announce_day"), "{error}");
    }
}
