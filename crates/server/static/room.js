// A room page: live messages (with resume after reconnects), the message box, threads, edits,
// deletes, reactions, typing, presence, voice and the abandoned-draft rescue.

import { bindStatus, connectLive } from "./live.js";
import { MessageList } from "./messages.js";
import { Voice } from "./voice.js";
import { DraftRescue, setMemoryFinder } from "./draft.js";
import { answerInto } from "./ask.js";
import { Composer } from "./composer.js";
import { ThreadView } from "./thread.js";

const TYPING_SHOWN_MS = 5000;

const root = document.getElementById("room");
const room = Number(root.dataset.room);
const me = Number(root.dataset.me);
const names = JSON.parse(root.dataset.people || "{}");
const nameOf = (id) => (names[id] && names[id].name) || "Someone";
const $ = (id) => document.getElementById(id);

const live = connectLive();
bindStatus(live, $("live-status"));

const scroller = $("messages");
let composer = null;
let thread = null;

function showError(text) {
  (thread && thread.isOpen ? thread.composer : composer).showError(text);
}

// The thread panel, when open, edits its own messages in its own box.
function editIn(id) {
  return thread && thread.shows(id) ? thread.composer : composer;
}

const list = new MessageList($("message-list"), {
  me,
  names,
  timeZone: names[me] && names[me].zone,
  handlers: {
    onThread: (parent, focusComposer) => thread.open(parent, focusComposer),
    onEdit: (id, body) => editIn(id).edit(id, body),
    onDelete: (id) => {
      if (!window.confirm("Delete this message for everyone?")) return;
      live.request({ type: "delete", room, message: id }).catch((e) => showError(e.message));
    },
    onReact: (id, emoji, on) => {
      live.request({ type: "react", room, message: id, emoji, on }).catch((e) => showError(e.message));
    },
  },
  onChange: (changed) => thread && thread.changed(changed),
});

// On a wide screen the message list scrolls; on a phone the page does (the box stays at the
// bottom of the screen).
function scrolling() {
  return getComputedStyle(scroller).overflowY === "auto" ? scroller : document.scrollingElement;
}
function nearBottom() {
  const box = scrolling();
  return box.scrollHeight - box.scrollTop - box.clientHeight < 80;
}
function toBottom() {
  const box = scrolling();
  box.scrollTop = box.scrollHeight;
}
// A room always opens at its newest messages, also on reload.
if ("scrollRestoration" in history) history.scrollRestoration = "manual";
toBottom();
window.addEventListener("load", () => {
  if (!location.hash.startsWith("#m-")) toBottom();
}, { once: true });

// The message boxes: the room's and the thread's.
composer = new Composer({
  form: $("composer"),
  live,
  room,
  list,
  onSent: () => {
    draft.sent();
    toBottom();
  },
});
thread = new ThreadView({
  panel: $("thread"),
  list,
  live,
  room,
  load: (id) => loadUntil(`m-${id}`),
});

// Voice.
const voice = new Voice(live, room, JSON.parse(root.dataset.iceServers || "[]"));
let voiceList = [];
function renderVoice() {
  $("voice-join").hidden = voice.joined;
  $("voice-leave").hidden = !voice.joined;
  $("voice-mute").hidden = !voice.joined;
  $("voice-mute").textContent = voice.muted ? "Unmute" : "Mute";
  $("voice-mute").setAttribute("aria-pressed", String(voice.muted));
  const people = $("voice-people");
  people.replaceChildren(...voiceList.map((o) => {
    const li = document.createElement("li");
    const speaking = voice.isSpeaking(o) && !o.muted;
    li.className = speaking ? "speaking" : "";
    const peer = voice.peers.get(o.connection);
    const state = peer ? ` (${peer.pc.connectionState})` : "";
    li.textContent = `${nameOf(o.person)}${o.person === me && o.connection === live.connection ? " (you)" : ""}`
      + `${o.muted ? " · muted" : ""}${speaking ? " · speaking" : ""}${voice.joined ? state : ""}`;
    return li;
  }));
}
voice.addEventListener("change", renderVoice);
voice.addEventListener("problem", (e) => {
  $("voice-status").textContent = e.detail;
});
$("voice-join").addEventListener("click", async () => {
  $("voice-status").textContent = "Joining voice…";
  await voice.join();
  if (voice.joined) $("voice-status").textContent = "You are in voice.";
});
$("voice-leave").addEventListener("click", () => {
  voice.leave();
  $("voice-status").textContent = "You left voice.";
});
$("voice-mute").addEventListener("click", () => voice.setMuted(!voice.muted));

// `?voice=1` (the hallway tile's "Join voice"): join voice once the room is joined. The
// parameter is taken off the address so a reload does not join again.
if (new URLSearchParams(location.search).get("voice") === "1") {
  history.replaceState(null, "", location.pathname + location.hash);
  const joinOnce = (e) => {
    if (Number(e.detail.room) !== room) return;
    live.removeEventListener("room_state", joinOnce);
    if (!voice.joined) $("voice-join").click();
  };
  live.addEventListener("room_state", joinOnce);
}

// The draft rescue.
const textarea = $("message");
const draft = new DraftRescue({
  room,
  textarea,
  card: $("draft-card"),
  paused: () => composer && composer.editing !== null,
  sayItOutLoud: () => $("voice-join").click(),
});
// The rescue's third choice: only the author's click sends the draft, to the finder alone.
setMemoryFinder((text) => answerInto($("draft-ask-card"), text));

// Presence and typing.
const typers = new Map();
let typingTimer = null;
function renderTyping() {
  const now = Date.now();
  for (const [person, until] of typers) if (until <= now) typers.delete(person);
  const who = [...typers.keys()].map(nameOf);
  const text = who.length === 0 ? ""
    : who.length === 1 ? `${who[0]} is typing…`
      : who.length === 2 ? `${who[0]} and ${who[1]} are typing…`
        : "Several people are typing…";
  // Only touch the line when its text changes, so it never flickers.
  if ($("typing").textContent !== text) $("typing").textContent = text;
  clearTimeout(typingTimer);
  if (typers.size) {
    const next = Math.min(...typers.values()) - now;
    typingTimer = setTimeout(renderTyping, Math.max(50, next));
  }
}

function renderPresent(present) {
  $("present").replaceChildren(...present.map((person) => {
    const li = document.createElement("li");
    li.textContent = person === me ? `${nameOf(person)} (you)` : nameOf(person);
    li.dataset.person = person;
    return li;
  }));
}

live.addEventListener("room_state", (e) => {
  if (e.detail.room !== room) return;
  renderPresent(e.detail.present);
  voiceList = e.detail.voice;
  voice.roomState(voiceList);
  renderVoice();
});
live.addEventListener("typing", (e) => {
  if (e.detail.room !== room || e.detail.person === me) return;
  typers.set(e.detail.person, Date.now() + TYPING_SHOWN_MS);
  renderTyping();
});
live.addEventListener("event", (e) => {
  if (e.detail.room !== room) return;
  const stick = nearBottom();
  list.apply(e.detail);
  const kind = e.detail.kind;
  if (kind.type === "posted") {
    const empty = $("empty-room");
    if (empty) empty.remove();
    if (typers.delete(kind.author)) renderTyping();
    if (stick || kind.author === me) toBottom();
  }
});
live.addEventListener("left", (e) => {
  if (e.detail.room !== room) return;
  textarea.disabled = true;
  showError("You no longer have access to this room.");
});
live.addEventListener("send_failed", (e) => {
  list.failed(e.detail.ref, e.detail.message);
  showError(`Not sent: ${e.detail.message}`);
});
// Messages not saved yet stay on the page, marked, and are sent again until the server has
// them; those left unsaved by an earlier visit (kept in this browser) come back and go out.
live.addEventListener("not_saved", (e) => list.notSaved(e.detail.client_id));
live.addEventListener("ack", (e) => {
  if (e.detail.room === room) list.acknowledged(e.detail);
});
live.restoreUnsent(me);
for (const frame of live.unsentIn(room)) {
  list.addPending(frame.client_id, frame.body, frame.reply_to).classList.add("unsaved");
  list.notSaved(frame.client_id);
}
live.join(room, Number(root.dataset.lastSeq));

// Scroll-back through the API. Returns whether older messages remain.
const older = $("load-older");
async function loadOlder() {
  if (!older || !older.isConnected) return false;
  older.disabled = true;
  try {
    const before = Number(older.dataset.before) || list.oldestSeq();
    const response = await fetch(`/api/v1/rooms/${room}/messages?before=${before}&limit=50`, {
      headers: { Accept: "application/json" },
    });
    if (!response.ok) throw new Error(`could not load (${response.status})`);
    const page = await response.json();
    const box = scrolling();
    const height = box.scrollHeight;
    for (const message of page.messages) {
      if (!list.item(message.id)) list.insert(list.build(message));
    }
    list.regroup();
    box.scrollTop += box.scrollHeight - height;
    if (page.before) older.dataset.before = page.before;
    else older.remove();
  } catch (e) {
    showError(e.message);
    return false;
  } finally {
    older.disabled = false;
  }
  return older.isConnected;
}
if (older) older.addEventListener("click", loadOlder);

// A link to one message (#m-ID, e.g. from "Who has been here before?"): scroll back until it
// is loaded (at most 40 pages), then show it.
const MAX_PAGES_TO_LINKED = 40;
async function loadUntil(id) {
  for (let pages = 0; !document.getElementById(id) && pages < MAX_PAGES_TO_LINKED; pages++) {
    if (!(await loadOlder())) break;
  }
  return document.getElementById(id) !== null;
}
async function showLinked() {
  const id = location.hash.startsWith("#m-") ? location.hash.slice(1) : "";
  if (!id || !(await loadUntil(id))) return;
  const linked = document.getElementById(id);
  if (linked.hidden) {
    // A reply: it is shown in its thread.
    await thread.open(Number(linked.dataset.replyTo), false);
    const copy = [...$("thread").querySelectorAll("li[data-id]")].find((li) => li.dataset.id === linked.dataset.id);
    if (copy) {
      copy.classList.add("linked");
      copy.scrollIntoView({ block: "center" });
    }
    return;
  }
  linked.classList.add("linked");
  linked.scrollIntoView({ block: "center" });
}
showLinked();
window.addEventListener("hashchange", showLinked);

// On touch screens a message's controls show when it is tapped.
for (const messages of [$("message-list"), $("thread").querySelector(".thread-messages")]) {
  messages.addEventListener("click", (event) => {
    if (event.target.closest("a, button, pre, textarea")) return;
    const item = event.target.closest("li.message");
    if (item) item.classList.toggle("show-actions");
  });
}
