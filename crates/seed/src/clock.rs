//! Working hours on the real calendar: whether a person is at work at an instant, and when
//! they next are. Local times go through the person's IANA zone, so DST is handled by chrono-tz.

use chrono::{
    DateTime, Datelike, Duration, LocalResult, NaiveDate, NaiveDateTime, TimeZone, Timelike, Utc,
};
use chrono_tz::Tz;
use hallway_domain::{Invalid, TimeZoneName, WorkingHours};

/// Parses a checked zone name into chrono-tz's zone.
pub(crate) fn zone(name: &TimeZoneName) -> Result<Tz, Invalid> {
    name.as_str().parse::<Tz>().map_err(|_| {
        Invalid::new(
            "time_zone",
            format!("{:?} is not an IANA time zone", name.as_str()),
        )
    })
}

/// Whether `at` falls inside one of the person's working intervals, in their local time.
pub fn is_working(hours: &WorkingHours, tz: Tz, at: DateTime<Utc>) -> bool {
    let local = at.with_timezone(&tz);
    let weekday = local.weekday().num_days_from_monday() as usize;
    // hour < 24 and minute < 60, so this fits in u16.
    let minute = (local.hour() * 60 + local.minute()) as u16;
    hours
        .day(weekday)
        .iter()
        .any(|i| i.start_minute <= minute && minute < i.end_minute)
}

/// The first instant at or after `after` when the person is working, within the next 8 days.
pub(crate) fn next_working(
    hours: &WorkingHours,
    tz: Tz,
    after: DateTime<Utc>,
) -> Option<DateTime<Utc>> {
    let first = after.with_timezone(&tz).date_naive();
    for offset in 0..8 {
        let date = first + Duration::days(offset);
        let weekday = date.weekday().num_days_from_monday() as usize;
        for interval in hours.day(weekday) {
            let (Some(start), Some(end)) = (
                utc_of(tz, date, interval.start_minute),
                utc_of(tz, date, interval.end_minute),
            ) else {
                continue;
            };
            let candidate = start.max(after);
            if candidate < end && is_working(hours, tz, candidate) {
                return Some(candidate);
            }
        }
    }
    None
}

/// The instant of a local date and minute (1440 is the next midnight). A time skipped by a DST
/// change moves forward to the first valid quarter hour; a repeated one takes the earlier.
fn utc_of(tz: Tz, date: NaiveDate, minute: u16) -> Option<DateTime<Utc>> {
    let midnight: NaiveDateTime = date.and_hms_opt(0, 0, 0)?;
    let local = midnight + Duration::minutes(i64::from(minute));
    (0..=8).find_map(|quarter| {
        match tz.from_local_datetime(&(local + Duration::minutes(15 * quarter))) {
            LocalResult::Single(t) | LocalResult::Ambiguous(t, _) => Some(t.with_timezone(&Utc)),
            LocalResult::None => None,
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(text: &str) -> DateTime<Utc> {
        text.parse().unwrap()
    }

    #[test]
    fn working_time_follows_the_local_zone() {
        let hours = WorkingHours::parse_week([
            "10:00-13:00, 14:00-19:00",
            "10:00-13:00, 14:00-19:00",
            "",
            "",
            "",
            "",
            "",
        ])
        .unwrap();
        let kolkata: Tz = "Asia/Kolkata".parse().unwrap();
        // Monday 2024-03-04 10:00 in Kolkata is 04:30 UTC.
        assert!(is_working(&hours, kolkata, at("2024-03-04T04:30:00Z")));
        assert!(!is_working(&hours, kolkata, at("2024-03-04T04:29:00Z")));
        assert!(
            !is_working(&hours, kolkata, at("2024-03-04T07:45:00Z")),
            "lunch"
        );
        assert_eq!(
            next_working(&hours, kolkata, at("2024-03-04T07:45:00Z")),
            Some(at("2024-03-04T08:30:00Z"))
        );
        // Tuesday evening: next is... nothing until the following Monday.
        assert_eq!(
            next_working(&hours, kolkata, at("2024-03-05T14:00:00Z")),
            Some(at("2024-03-11T04:30:00Z"))
        );
        assert_eq!(
            next_working(
                &WorkingHours::default(),
                kolkata,
                at("2024-03-05T14:00:00Z")
            ),
            None
        );
    }

    #[test]
    fn daylight_saving_moves_the_utc_window() {
        let hours = WorkingHours::weekdays(9 * 60, 17 * 60);
        let london: Tz = "Europe/London".parse().unwrap();
        // Before the change 09:00 is 09:00 UTC; after it, 08:00 UTC.
        assert_eq!(
            next_working(&hours, london, at("2024-03-29T00:00:00Z")),
            Some(at("2024-03-29T09:00:00Z"))
        );
        assert_eq!(
            next_working(&hours, london, at("2024-04-01T00:00:00Z")),
            Some(at("2024-04-01T08:00:00Z"))
        );
    }
}
