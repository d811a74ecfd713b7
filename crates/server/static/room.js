// A room page: live messages (with resume after reconnects), the message box, replies, edits,
// deletes, reactions, typing, presence, voice and the abandoned-draft rescue.

import { bindStatus, connectLive } from "./live.js";
import { MessageList } from "./messages.js";
import { Voice } from "./voice.js";
import { DraftRescue, setMemoryFinder } from "./draft.js";
import { answerInto } from "./ask.js";
import { excerpt } from "./format.js";

const TYPING_EVERY_MS = 2500;
const TYPING_SHOWN_MS = 5000;

const root = document.getElementById("room");
const room = Number(root.dataset.room);
const me = Number(root.dataset.me);
const names = JSON.parse(root.dataset.people || "{}");
const nameOf = (id) => (names[id] && names[id].name) || "Someone";
const $ = (id) => document.getElementById(id);

const live = connectLive();
bindStatus(live, $("live-status"));

const textarea = $("message");
const composer = $("composer");
const composerError = $("composer-error");
let replyTo = null;
let editing = null;

function showError(text) {
  composerError.textContent = text;
  composerError.hidden = !text;
}

function setReply(id) {
  editing = null;
  $("editing").hidden = true;
  replyTo = id;
  const target = id && document.getElementById(`m-${id}`);
  $("replying").hidden = !target;
  if (target) {
    $("replying-text").textContent =
      `Replying to ${target.querySelector(".author").textContent}: ${excerpt(target.bodyText, 60)}`;
    textarea.focus();
  }
}

function setEditing(id, body) {
  setReply(null);
  editing = id;
  $("editing").hidden = !id;
  textarea.value = id ? body : "";
  textarea.focus();
}

const list = new MessageList($("messages"), {
  me,
  names,
  timeZone: names[me] && names[me].zone,
  handlers: {
    onReply: (id) => setReply(id),
    onEdit: (id, body) => setEditing(id, body),
    onDelete: (id) => {
      if (!window.confirm("Delete this message for everyone?")) return;
      live.request({ type: "delete", room, message: id }).catch((e) => showError(e.message));
    },
    onReact: (id, emoji, on) => {
      live.request({ type: "react", room, message: id, emoji, on }).catch((e) => showError(e.message));
    },
  },
});

const scroller = $("messages");
function nearBottom() {
  return scroller.scrollHeight - scroller.scrollTop - scroller.clientHeight < 80;
}
function toBottom() {
  scroller.scrollTop = scroller.scrollHeight;
}
toBottom();

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

// The draft rescue.
const draft = new DraftRescue({
  room,
  textarea,
  card: $("draft-card"),
  paused: () => editing !== null,
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

// The message box: Enter sends, Shift+Enter adds a line.
let lastTyping = 0;
textarea.addEventListener("input", () => {
  showError("");
  if (editing !== null || !textarea.value.trim()) return;
  const now = Date.now();
  if (now - lastTyping > TYPING_EVERY_MS) {
    lastTyping = now;
    live.typing(room);
  }
});
textarea.addEventListener("keydown", (event) => {
  if (event.key === "Enter" && !event.shiftKey && !event.isComposing) {
    event.preventDefault();
    composer.requestSubmit();
  } else if (event.key === "Escape" && (editing !== null || replyTo !== null)) {
    setEditing(null, "");
  }
});
$("cancel-reply").addEventListener("click", () => setReply(null));
$("cancel-edit").addEventListener("click", () => setEditing(null, ""));

composer.addEventListener("submit", (event) => {
  event.preventDefault();
  const body = textarea.value.trim();
  if (!body) return;
  if (editing !== null) {
    const id = editing;
    live.request({ type: "edit", room, message: id, body })
      .then(() => setEditing(null, ""))
      .catch((e) => showError(e.message));
    return;
  }
  draft.sent();
  const clientId = live.send(room, body, replyTo);
  list.addPending(clientId, body, replyTo);
  textarea.value = "";
  lastTyping = 0;
  setReply(null);
  toBottom();
});

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
    const height = scroller.scrollHeight;
    for (const message of page.messages) {
      if (!list.item(message.id)) list.insert(list.build(message));
    }
    scroller.scrollTop += scroller.scrollHeight - height;
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
async function showLinked() {
  const id = location.hash.startsWith("#m-") ? location.hash.slice(1) : "";
  if (!id) return;
  for (let pages = 0; !document.getElementById(id) && pages < MAX_PAGES_TO_LINKED; pages++) {
    if (!(await loadOlder())) break;
  }
  const linked = document.getElementById(id);
  if (!linked) return;
  linked.classList.add("linked");
  linked.scrollIntoView({ block: "center" });
}
showLinked();
window.addEventListener("hashchange", showLinked);
