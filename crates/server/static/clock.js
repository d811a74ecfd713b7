// One clock for every page: times follow the viewer's locale and their 12/24-hour preference
// (localStorage "hallway.clock" = "12" | "24" | "auto"), in a time zone the caller names
// (the viewer's profile zone on the room page). Days are "Today", "Yesterday" or a full date.

const CLOCK_KEY = "hallway.clock";

/// The stored preference: "12", "24" or "auto" (the locale decides).
export function clockPreference() {
  try {
    const value = localStorage.getItem(CLOCK_KEY);
    return value === "12" || value === "24" ? value : "auto";
  } catch (_) {
    return "auto";
  }
}

export function setClockPreference(value) {
  try {
    if (value === "12" || value === "24") localStorage.setItem(CLOCK_KEY, value);
    else localStorage.removeItem(CLOCK_KEY);
  } catch (_) {
    // Storage may be off (private windows); the locale's clock is used then.
  }
}

function hourOptions() {
  const preference = clockPreference();
  if (preference === "12") return { hourCycle: "h12" };
  if (preference === "24") return { hourCycle: "h23" };
  return {};
}

/// An Intl.DateTimeFormat in `timeZone`, falling back to the browser's zone when it is unknown.
function formatter(options, timeZone) {
  try {
    return new Intl.DateTimeFormat([], { ...options, timeZone });
  } catch (_) {
    return new Intl.DateTimeFormat([], options);
  }
}

/// Formats times, days and full date-times in one zone, reading the preference once.
export class Clock {
  constructor(timeZone) {
    const hours = hourOptions();
    this.time = formatter({ hour: "numeric", minute: "2-digit", ...hours }, timeZone);
    this.full = formatter({ dateStyle: "full", timeStyle: "short", ...hours }, timeZone);
    this.short = formatter({ month: "short", day: "numeric", hour: "numeric", minute: "2-digit", ...hours }, timeZone);
    this.date = formatter({ weekday: "long", day: "numeric", month: "long", year: "numeric" }, timeZone);
    // A stable key for "which day is this, in this zone" (digits and calendar of en-CA).
    this.keyFormat = new Intl.DateTimeFormat("en-CA", {
      year: "numeric", month: "2-digit", day: "2-digit", timeZone: this.time.resolvedOptions().timeZone,
    });
  }

  /// "14:05" or "2:05 PM".
  formatTime(date) {
    return this.time.format(date);
  }

  /// "Monday, 7 December 2026 at 14:05" in the locale, for `title` attributes.
  formatFull(date) {
    return this.full.format(date);
  }

  /// "Dec 4, 14:05": a time on another day, compactly.
  formatShort(date) {
    return this.short.format(date);
  }

  /// The calendar day of `date` in the clock's zone, e.g. "2026-12-07".
  dayKey(date) {
    return this.keyFormat.format(date);
  }

  /// "Today", "Yesterday" or the full date.
  dayLabel(date, now = new Date()) {
    const key = this.dayKey(date);
    if (key === this.dayKey(now)) return "Today";
    const yesterday = new Date(now.getTime() - 86400000);
    // Around a DST change "24 h ago" can still be today; step back another hour then.
    const previous = this.dayKey(yesterday) === this.dayKey(now)
      ? this.dayKey(new Date(yesterday.getTime() - 3600000))
      : this.dayKey(yesterday);
    if (key === previous) return "Yesterday";
    return this.date.format(date);
  }
}
