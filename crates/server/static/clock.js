// One clock format everywhere: the viewer's locale, with their 12/24-hour choice (saved in
// this browser; "auto" follows the locale). Pages format every time through here, and
// `<time data-clock>` elements rendered by the server are re-rendered with it.

const KEY = "hallway.clock";
export const CLOCK_CHOICES = ["auto", "12", "24"];

export function clockPreference() {
  try {
    const saved = window.localStorage.getItem(KEY);
    return CLOCK_CHOICES.includes(saved) ? saved : "auto";
  } catch (_) {
    return "auto";
  }
}

/// Saves the choice and tells the page (a "hallway-clock" event on window) to redraw times.
export function setClockPreference(choice) {
  const value = CLOCK_CHOICES.includes(choice) ? choice : "auto";
  try {
    window.localStorage.setItem(KEY, value);
  } catch (_) {
    // Not saved; it still applies to this page.
  }
  current = value;
  window.dispatchEvent(new CustomEvent("hallway-clock", { detail: value }));
}

let current = clockPreference();
const cache = new Map();

function formatter({ zone, weekday = false, date = false } = {}) {
  const key = `${current}|${zone || ""}|${weekday}|${date}`;
  let format = cache.get(key);
  if (!format) {
    const options = { hour: "numeric", minute: "2-digit" };
    if (current !== "auto") options.hour12 = current === "12";
    if (zone) options.timeZone = zone;
    if (weekday) options.weekday = "short";
    if (date) Object.assign(options, { day: "numeric", month: "short" });
    try {
      format = new Intl.DateTimeFormat(undefined, options);
    } catch (_) {
      delete options.timeZone;
      format = new Intl.DateTimeFormat(undefined, options);
    }
    cache.set(key, format);
  }
  return format;
}

/// A time of day, e.g. "14:05" or "2:05 PM"; `zone` (IANA) for someone else's local time,
/// `weekday` to prefix the day ("Tue 14:05"), `date` for the day and month ("3 Dec, 14:05").
export function formatTime(when, options = {}) {
  const instant = when instanceof Date ? when : new Date(when);
  if (Number.isNaN(instant.getTime())) return "";
  return formatter(options).format(instant);
}

/// Re-renders `<time datetime=… data-clock="time|weekday|date" data-zone=…>` under `root`.
export function renderTimes(root = document) {
  for (const element of root.querySelectorAll("time[data-clock]")) {
    const mode = element.dataset.clock;
    const text = formatTime(element.getAttribute("datetime") || Date.now(), {
      zone: element.dataset.zone,
      weekday: mode === "weekday",
      date: mode === "date",
    });
    if (text) element.textContent = text;
  }
}

window.addEventListener("hallway-clock", () => {
  cache.clear();
  renderTimes();
});


function hourOptions() {
  const preference = clockPreference();
  if (preference === "12") return { hourCycle: "h12" };
  if (preference === "24") return { hourCycle: "h23" };
  return {};
}

/// An Intl.DateTimeFormat in `timeZone`, falling back to the browser's zone when it is unknown.
function zonedFormatter(options, timeZone) {
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
    this.time = zonedFormatter({ hour: "numeric", minute: "2-digit", ...hours }, timeZone);
    this.full = zonedFormatter({ dateStyle: "full", timeStyle: "short", ...hours }, timeZone);
    this.short = zonedFormatter({ month: "short", day: "numeric", hour: "numeric", minute: "2-digit", ...hours }, timeZone);
    this.date = zonedFormatter({ weekday: "long", day: "numeric", month: "long", year: "numeric" }, timeZone);
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
