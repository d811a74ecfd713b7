// "What are you working on?" — a gentle prompt on the hallway at the start of your working day
// (your first visit inside your working hours that day, in your own time zone) to set or
// refresh your "working on" line. Never required: "Not today" dismisses it until tomorrow and
// "Don't ask me again" turns it off. Which day you were asked, and whether you turned it off,
// stay in this browser (localStorage); nothing about your visits is sent or stored.

import { connectLive } from "./live.js";

const ASKED = "hallway.workday.asked";
const OFF = "hallway.workday.off";

function element(tag, attributes = {}, text = "") {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, value);
  if (text) node.textContent = text;
  return node;
}

/// The date, weekday and minute of the day in `zone` now.
function localNow(zone) {
  const parts = new Intl.DateTimeFormat("en-CA", {
    timeZone: zone, year: "numeric", month: "2-digit", day: "2-digit",
    weekday: "short", hour: "2-digit", minute: "2-digit", hourCycle: "h23",
  }).formatToParts(new Date());
  const part = (type) => (parts.find((p) => p.type === type) || {}).value || "";
  return {
    date: `${part("year")}-${part("month")}-${part("day")}`,
    weekday: part("weekday").slice(0, 3).toLowerCase(),
    minute: Number(part("hour")) * 60 + Number(part("minute")),
  };
}

function minutes(text) {
  const [h, m] = text.split(":").map(Number);
  return h * 60 + m;
}

/// Whether `hours` ({mon: ["09:00-17:00"], …}) include this minute; no hours means always.
function insideHours(hours, now) {
  const all = Object.values(hours || {}).flat();
  if (!all.length) return true;
  return (hours[now.weekday] || []).some((span) => {
    const [start, end] = span.split("-");
    return minutes(start) <= now.minute && now.minute < minutes(end);
  });
}

function showPrompt(live, me, mine, today) {
  const first = (me.profile.display_name || "").split(" ")[0];
  const box = element("section", { id: "workday", class: "card workday", "aria-labelledby": "workday-heading" });
  box.append(element("h2", { id: "workday-heading" }, `Hello${first ? `, ${first}` : ""}: what are you working on today?`));
  box.append(element("p", { class: "hint" }, "One line colleagues see next to your name. Optional; change it any time."));
  const form = element("form", { class: "row", id: "workday-form" });
  form.append(element("label", { for: "workday-line", class: "visually-hidden" }, "Working on"));
  const input = element("input", { id: "workday-line", maxlength: "140", placeholder: "e.g. the TLS rollout" });
  input.value = mine.working_on || "";
  const share = element("button", { type: "submit" }, mine.working_on ? "Keep it up to date" : "Share it");
  const later = element("button", { type: "button", class: "secondary", id: "workday-later" }, "Not today");
  const never = element("button", { type: "button", class: "link", id: "workday-off" }, "Don't ask me again");
  const outcome = element("span", { class: "hint", role: "status" });
  form.append(input, share, later, never, outcome);
  box.append(form);
  const done = () => {
    localStorage.setItem(ASKED, today);
    box.remove();
  };
  later.addEventListener("click", done);
  never.addEventListener("click", () => {
    localStorage.setItem(OFF, "1");
    done();
  });
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    share.disabled = true;
    try {
      await live.request({
        type: "status",
        availability: mine.availability || "open_to_chat",
        until: mine.until && new Date(mine.until) > new Date() ? mine.until : null,
        working_on: input.value.trim(),
      });
      localStorage.setItem(ASKED, today);
      outcome.textContent = "Shared.";
      setTimeout(() => box.remove(), 1500);
    } catch (error) {
      outcome.textContent = error.message;
      share.disabled = false;
    }
  });
  const main = document.getElementById("main") || document.body;
  const waves = document.getElementById("waves");
  if (waves) waves.after(box);
  else main.prepend(box);
}

async function start() {
  if (localStorage.getItem(OFF)) return;
  const response = await fetch("/api/v1/me", { credentials: "same-origin" });
  if (!response.ok) return;
  const me = await response.json();
  const now = localNow(me.profile.time_zone || "UTC");
  if (localStorage.getItem(ASKED) === now.date || !insideHours(me.profile.working_hours, now)) return;
  const live = connectLive();
  live.addEventListener("hallway", (e) => {
    if (document.getElementById("workday")) return;
    const mine = (e.detail.people || []).find((p) => p.person === me.id);
    showPrompt(live, me, (mine && mine.status) || {}, now.date);
  }, { once: true });
}

start().catch(() => {});
