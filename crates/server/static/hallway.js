// The hallway, live: room tiles with the faces of who is there and in voice (speaking shown
// as it happens), overheard lines, rooms created or renamed since the page loaded, people
// grouped by where they are (open to chat first), their local time, and a find box.
// Text from people is inserted as text only.

import { bindStatus, connectLive } from "./live.js";
import { face, showStatus } from "./faces.js";
import { formatTime } from "./clock.js";
import { showMyStatus } from "./status.js";

const root = document.getElementById("hallway");
const me = Number(root.dataset.me);
const names = JSON.parse(root.dataset.people || "{}");
const nameOf = (id) => (names[id] && names[id].name) || "Someone";
const FACES_SHOWN = 8;
const RANK = { open_to_chat: 0, focusing: 1, away: 2, do_not_disturb: 3 };

const live = connectLive();
bindStatus(live, document.getElementById("live-status"));

/** room id -> people present; room id -> name */
const presentIn = new Map();
const roomNames = new Map();
for (const tile of document.querySelectorAll("#rooms .tile")) {
  roomNames.set(Number(tile.dataset.room), tile.querySelector(".room-name").textContent);
}

const tileOf = (id) => document.querySelector(`#rooms .tile[data-room="${Number(id)}"]`);
const personItem = (id) => document.querySelector(`#people li.person[data-person="${Number(id)}"]`);

function untilText(until) {
  return until ? ` until ${formatTime(until, { weekday: true })}` : "";
}

function updatePerson(presence) {
  const item = personItem(presence.person);
  const status = presence.status || {};
  const availability = status.availability || "open_to_chat";
  if (presence.person === me) showMyStatus(status);
  if (!item) return;
  item.dataset.connected = String(Boolean(presence.connected));
  item.dataset.availability = availability;
  item.querySelector(".connection").textContent = presence.connected ? "here" : "not here";
  showStatus(item.querySelector(".status"), availability);
  item.querySelector(".until").textContent = availability === "open_to_chat" ? "" : untilText(status.until);
  item.querySelector(".working-on").textContent = status.working_on || "";
  regroupSoon();
}

function faceItem(id, name, size = "") {
  const item = face(id, name, { size });
  const li = document.createElement("li");
  li.className = item.className;
  li.title = item.title;
  li.dataset.person = item.dataset.person;
  li.append(...item.childNodes);
  return li;
}

function fillPresent(tile, present) {
  const list = tile.querySelector(".present-list");
  const shown = present.slice(0, FACES_SHOWN).map((id) => {
    const item = faceItem(id, id === me ? `${nameOf(id)} (you)` : nameOf(id));
    return item;
  });
  if (present.length > FACES_SHOWN) {
    const more = document.createElement("li");
    more.className = "more";
    more.textContent = `+${present.length - FACES_SHOWN}`;
    shown.push(more);
  }
  list.replaceChildren(...shown);
  tile.querySelector(".who").textContent = present.length ? `${present.length} here` : "Nobody here";
  tile.dataset.busy = String(present.length > 0);
}

function fillVoice(tile, voice) {
  tile.querySelector(".voice").hidden = voice.length === 0;
  tile.querySelector(".voice-list").replaceChildren(...voice.map((o) => {
    const speaking = Boolean(o.speaking) && !o.muted;
    const label = `${nameOf(o.person)}${o.muted ? " (muted)" : ""}${speaking ? " (speaking)" : ""}`;
    const item = faceItem(o.person, label, "small");
    item.classList.toggle("speaking", speaking);
    item.classList.toggle("muted", Boolean(o.muted));
    return item;
  }));
}

function updateRoom(state) {
  const present = [...new Set(state.present || [])];
  presentIn.set(Number(state.room), present);
  const tile = tileOf(state.room);
  if (tile) {
    fillPresent(tile, present);
    fillVoice(tile, state.voice || []);
  }
  regroupSoon();
}

function overheard(frame) {
  const line = tileOf(frame.room)?.querySelector(".overheard");
  if (!line) return;
  line.querySelector(".overheard-author").textContent = nameOf(frame.author);
  line.querySelector(".overheard-text").textContent = frame.excerpt;
  line.hidden = false;
}

/// A room created or renamed since the page loaded (a `room_info` frame).
function roomInfo(info) {
  const id = Number(info.room);
  let tile = tileOf(id);
  if (!tile) {
    tile = document.getElementById("room-tile").content.firstElementChild.cloneNode(true);
    tile.dataset.room = String(id);
    for (const link of tile.querySelectorAll("a.room-name, a.enter")) link.href = `/rooms/${id}`;
    tile.querySelector("a.join-voice").href = `/rooms/${id}?voice=1`;
    tile.querySelector(".overheard").remove();
    if (info.overhearable) {
      const line = document.getElementById("room-tile").content.querySelector(".overheard");
      tile.querySelector(".voice").after(line.cloneNode(true));
    }
    insertTile(tile, info.name);
    document.getElementById("no-rooms").hidden = true;
  }
  roomNames.set(id, info.name);
  tile.querySelector(".room-name").textContent = info.name;
  tile.querySelector(".kind").textContent = info.kind;
  for (const label of tile.querySelectorAll(".tile-label")) label.textContent = ` ${info.name}`;
  tile.querySelector(".present-list").setAttribute("aria-label", `Here in ${info.name}`);
  tile.querySelector(".voice-list").setAttribute("aria-label", `In voice in ${info.name}`);
  const topic = tile.querySelector(".topic");
  topic.textContent = info.topic || "";
  topic.hidden = !info.topic;
  fillPresent(tile, presentIn.get(id) || []);
  applyFilter();
  regroupSoon();
}

function insertTile(tile, name) {
  const list = document.getElementById("rooms");
  const after = [...list.children].find(
    (t) => t.querySelector(".room-name").textContent.localeCompare(name) > 0,
  );
  list.insertBefore(tile, after || null);
}

// People, grouped by where they are: in a room (one the viewer may see), around, not here.
let regroupPending = false;
function regroupSoon() {
  if (regroupPending) return;
  regroupPending = true;
  requestAnimationFrame(regroup);
}

function whereIs(id) {
  for (const [room, present] of presentIn) {
    if (present.includes(id) && roomNames.has(room)) return roomNames.get(room);
  }
  return "";
}

function regroup() {
  regroupPending = false;
  const groups = { room: [], around: [], away: [] };
  for (const item of document.querySelectorAll("#people li.person")) {
    const id = Number(item.dataset.person);
    const room = item.dataset.connected === "true" ? whereIs(id) : "";
    item.querySelector(".where").textContent = room ? `in ${room}` : "";
    const group = item.dataset.connected !== "true" ? "away" : room ? "room" : "around";
    groups[group].push(item);
  }
  const key = (item) => RANK[item.dataset.availability] ?? 9;
  const byName = (item) => item.querySelector(".name").textContent;
  for (const [group, items] of Object.entries(groups)) {
    items.sort((a, b) => key(a) - key(b) || byName(a).localeCompare(byName(b)));
    const details = document.getElementById(`group-${group}`);
    const list = details.querySelector("ul.people");
    const current = [...list.children];
    if (current.length !== items.length || current.some((item, i) => item !== items[i])) {
      list.replaceChildren(...items);
    }
    details.querySelector(".count").textContent = String(items.length);
  }
  applyFilter();
}

// The find box: rooms by name or topic, people by name or what they work on.
const find = document.getElementById("find");
const folded = new Map();
function applyFilter() {
  const query = find.value.trim().toLocaleLowerCase();
  let rooms = 0;
  for (const tile of document.querySelectorAll("#rooms .tile")) {
    const text = `${tile.querySelector(".room-name").textContent} ${tile.querySelector(".topic").textContent}`;
    const match = !query || text.toLocaleLowerCase().includes(query);
    tile.dataset.filtered = match ? "in" : "out";
    if (match) rooms += 1;
  }
  document.getElementById("no-rooms-found").hidden = !query || rooms > 0;
  let people = 0;
  for (const details of document.querySelectorAll("#people details.group")) {
    let shown = 0;
    for (const item of details.querySelectorAll("li.person")) {
      const text = `${item.querySelector(".name").textContent} ${item.querySelector(".working-on").textContent}`;
      const match = !query || text.toLocaleLowerCase().includes(query);
      item.dataset.filtered = match ? "in" : "out";
      if (match) shown += 1;
    }
    people += shown;
    if (query) {
      if (!folded.has(details)) folded.set(details, details.open);
      details.open = shown > 0;
    } else if (folded.has(details)) {
      details.open = folded.get(details);
      folded.delete(details);
    }
  }
  document.getElementById("no-people-found").hidden = !query || people > 0;
}
find.addEventListener("input", applyFilter);

live.addEventListener("hallway", (e) => {
  for (const person of e.detail.people) updatePerson(person);
  const seen = new Set();
  for (const state of e.detail.rooms) {
    seen.add(state.room);
    updateRoom(state);
  }
  for (const tile of document.querySelectorAll("#rooms .tile")) {
    const id = Number(tile.dataset.room);
    if (!seen.has(id)) updateRoom({ room: id, present: [], voice: [] });
  }
  // For the benchmark (docs/benchmarks.md): when the first live picture is on screen.
  if (performance.getEntriesByName("hallway-live").length === 0) {
    requestAnimationFrame(() => performance.mark("hallway-live"));
  }
});
live.addEventListener("person", (e) => updatePerson(e.detail));
live.addEventListener("room_state", (e) => updateRoom(e.detail));
live.addEventListener("overheard", (e) => overheard(e.detail));
live.addEventListener("room_info", (e) => roomInfo(e.detail));
live.watchHallway();

// Local times in the viewer's clock format, updated at the start of every minute.
function renderClocks() {
  for (const item of document.querySelectorAll("#people time.local-time[data-zone]")) {
    item.textContent = formatTime(new Date(), { zone: item.dataset.zone, weekday: true });
  }
  for (const item of document.querySelectorAll("#people .until[data-until]")) {
    if (item.dataset.until) item.textContent = untilText(item.dataset.until);
    delete item.dataset.until;
  }
}
function tick() {
  renderClocks();
  setTimeout(tick, 60000 - (Date.now() % 60000) + 50);
}
tick();
window.addEventListener("hallway-clock", renderClocks);
