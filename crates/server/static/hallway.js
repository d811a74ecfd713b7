// The hallway, live: who is in each room and its voice, overheard lines, people's presence and
// chosen status, their local time (updated each minute), and your own status control.

import { bindStatus, connectLive } from "./live.js";

const root = document.getElementById("hallway");
const me = Number(root.dataset.me);
const names = JSON.parse(root.dataset.people || "{}");
const nameOf = (id) => (names[id] && names[id].name) || "Someone";

const LABELS = {
  open_to_chat: "Open to chat",
  focusing: "Focusing",
  away: "Away",
  do_not_disturb: "Do not disturb",
};

const live = connectLive();
bindStatus(live, document.getElementById("live-status"));

function clock(zone, withDay) {
  try {
    return new Intl.DateTimeFormat([], {
      timeZone: zone || undefined, hour: "2-digit", minute: "2-digit",
      weekday: withDay ? "short" : undefined,
    });
  } catch (_) {
    return null;
  }
}

function untilText(until) {
  if (!until) return "";
  const format = clock(names[me] && names[me].zone, false);
  return format ? ` until ${format.format(new Date(until))}` : "";
}

function personItem(id) {
  return document.querySelector(`#people li.person[data-person="${Number(id)}"]`);
}

function updatePerson(presence) {
  const item = personItem(presence.person);
  if (!item) return;
  const status = presence.status || {};
  const availability = status.availability || "open_to_chat";
  item.dataset.connected = String(Boolean(presence.connected));
  item.dataset.availability = availability;
  item.querySelector(".connection").textContent = presence.connected ? "here" : "not here";
  item.querySelector(".availability").textContent = LABELS[availability] || availability;
  item.querySelector(".until").textContent = availability === "open_to_chat" ? "" : untilText(status.until);
  item.querySelector(".working-on").textContent = status.working_on || "";
  if (presence.person === me) {
    document.getElementById("availability").value = availability;
    const working = document.getElementById("working_on");
    if (document.activeElement !== working) working.value = status.working_on || "";
  }
}

function namesOf(people) {
  return people.map((id) => (id === me ? `${nameOf(id)} (you)` : nameOf(id)));
}

function updateRoom(state) {
  const card = document.querySelector(`#rooms .room-card[data-room="${Number(state.room)}"]`);
  if (!card) return;
  const present = namesOf(state.present || []);
  card.querySelector(".present-list").textContent = present.length ? present.join(", ") : "nobody";
  card.dataset.present = (state.present || []).join(" ");
  const voice = state.voice || [];
  card.querySelector(".voice").hidden = voice.length === 0;
  card.querySelector(".voice-list").textContent = voice
    .map((o) => `${nameOf(o.person)}${o.muted ? " (muted)" : ""}${o.speaking ? " (speaking)" : ""}`)
    .join(", ");
}

function overheard(frame) {
  const card = document.querySelector(`#rooms .room-card[data-room="${Number(frame.room)}"]`);
  const line = card && card.querySelector(".overheard");
  if (!line) return;
  line.querySelector(".overheard-author").textContent = nameOf(frame.author);
  line.querySelector(".overheard-text").textContent = frame.excerpt;
  line.hidden = false;
}

live.addEventListener("hallway", (e) => {
  for (const person of e.detail.people) updatePerson(person);
  const seen = new Set();
  for (const state of e.detail.rooms) {
    seen.add(state.room);
    updateRoom(state);
  }
  for (const card of document.querySelectorAll("#rooms .room-card")) {
    const id = Number(card.dataset.room);
    if (!seen.has(id)) updateRoom({ room: id, present: [], voice: [] });
  }
});
live.addEventListener("person", (e) => updatePerson(e.detail));
live.addEventListener("room_state", (e) => updateRoom(e.detail));
live.addEventListener("overheard", (e) => overheard(e.detail));
live.watchHallway();

// Local times, updated at the start of every minute.
function tick() {
  for (const item of document.querySelectorAll("#people li.person[data-zone]")) {
    const format = clock(item.dataset.zone, true);
    if (format) item.querySelector(".local-time").textContent = format.format(new Date());
  }
  for (const item of document.querySelectorAll("#people .until[data-until]")) {
    if (item.dataset.until) item.textContent = untilText(item.dataset.until);
    delete item.dataset.until;
  }
  setTimeout(tick, 60000 - (Date.now() % 60000) + 50);
}
tick();

// Your own status.
function untilFrom(choice) {
  if (!choice) return null;
  const end = new Date();
  if (choice === "eod") {
    end.setHours(23, 59, 0, 0);
  } else {
    end.setTime(end.getTime() + Number(choice) * 60000);
  }
  return end.toISOString();
}

const form = document.getElementById("status-form");
const saved = document.getElementById("status-saved");
form.addEventListener("submit", (event) => {
  event.preventDefault();
  const frame = {
    type: "status",
    availability: form.elements.availability.value,
    working_on: form.elements.working_on.value.trim(),
  };
  const until = untilFrom(form.elements.until.value);
  if (until && frame.availability !== "open_to_chat") frame.until = until;
  saved.textContent = "Saving…";
  live.request(frame)
    .then(() => {
      saved.textContent = "Saved: everyone sees it now.";
    })
    .catch((e) => {
      saved.textContent = `Not saved: ${e.message}`;
    });
});
