//! Working-hour patterns in local time, Monday first, as typed in the profile form.

use hallway_domain::{Invalid, WorkingHours};

/// A week of day texts, Monday first; empty means a day off.
pub(crate) type Week = [&'static str; 7];

const NINE_TO_FIVE: &str = "09:00-17:00";

/// Monday to Friday, 09:00-17:00.
pub(crate) const STANDARD: Week = day5(NINE_TO_FIVE);
/// Early starters: 08:00-16:00.
pub(crate) const EARLY: Week = day5("08:00-16:00");
/// Late starters: 10:00-18:30.
pub(crate) const LATE: Week = day5("10:00-18:30");
/// A long lunch: 09:00-12:00 and 13:00-17:30.
pub(crate) const SPLIT: Week = day5("09:00-12:00, 13:00-17:30");
/// A Spanish-style day: 09:00-14:00 and 16:00-19:00.
pub(crate) const SIESTA: Week = day5("09:00-14:00, 16:00-19:00");
/// A common Indian office day with a lunch hour: 10:00-13:00 and 14:00-19:00.
pub(crate) const IST_OFFICE: Week = day5("10:00-13:00, 14:00-19:00");
/// Part-time: Monday, Tuesday and Thursday mornings.
pub(crate) const PART_TIME: Week = ["09:00-13:00", "09:00-13:00", "", "09:00-13:00", "", "", ""];
/// Four long days, Friday off.
pub(crate) const FOUR_DAY: Week = [
    "08:30-17:30",
    "08:30-17:30",
    "08:30-17:30",
    "08:30-17:30",
    "",
    "",
    "",
];
/// A short Friday.
pub(crate) const SHORT_FRIDAY: Week = [
    NINE_TO_FIVE,
    NINE_TO_FIVE,
    NINE_TO_FIVE,
    NINE_TO_FIVE,
    "09:00-13:00",
    "",
    "",
];
/// Sunday to Thursday, as in Israel.
pub(crate) const SUN_THU: Week = [
    NINE_TO_FIVE,
    NINE_TO_FIVE,
    NINE_TO_FIVE,
    NINE_TO_FIVE,
    "",
    "",
    NINE_TO_FIVE,
];

/// Patterns for generated people, weighted by repetition (the standard day is the most common).
pub(crate) const COMMON: [Week; 12] = [
    STANDARD,
    STANDARD,
    STANDARD,
    STANDARD,
    EARLY,
    EARLY,
    LATE,
    SPLIT,
    SPLIT,
    SHORT_FRIDAY,
    FOUR_DAY,
    PART_TIME,
];

const fn day5(text: &'static str) -> Week {
    [text, text, text, text, text, "", ""]
}

/// Checks a pattern through the domain parser.
pub(crate) fn parse(week: Week) -> Result<WorkingHours, Invalid> {
    WorkingHours::parse_week(week)
}

/// The usual week in a time zone: Sunday to Thursday where that is the norm, else `fallback`.
pub(crate) fn for_zone(zone: &str, fallback: Week) -> Week {
    if zone == "Asia/Jerusalem" {
        SUN_THU
    } else {
        fallback
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_pattern_parses() {
        for week in COMMON.iter().chain(&[SIESTA, IST_OFFICE, SUN_THU]) {
            let hours = parse(*week).unwrap();
            assert!(hours.total_minutes() >= 12 * 60, "{week:?}");
        }
        assert_eq!(parse(SUN_THU).unwrap().day_text(6), "09:00-17:00");
        assert!(parse(SUN_THU).unwrap().day(4).is_empty());
    }
}
