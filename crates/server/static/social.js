// Waves and knocks (docs/protocol.md: wave, wave_sent, knock, knock_sent, let_in).
//
// - A "Wave" button on every person marked `data-wave-person` (the person page) and on every
//   `[data-person]` inside a `[data-wave-list]` (the hallway's people), except yourself.
// - A "Knock" button on every `[data-room]` inside a `[data-knock-list]` (the hallway's room
//   tiles) while someone is in that room's voice.
// - Incoming waves and knocks show as small cards in `#waves` (made if the page has none):
//   "Wave back", "Drop into #room with them" (or a 9-minute chat when they are in no room),
//   "Let in"; the knocker's card then links to the room's voice.
// The server holds waves and knocks while you focus or are outside your working hours.
// Text from people is inserted as text, never as HTML.

import { connectLive } from "./live.js";

const live = connectLive();
/** The button whose frame awaits an answer (waves and knocks answer without a ref). */
let pending = null;

function element(tag, attributes = {}, text = "") {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, value);
  if (text) node.textContent = text;
  return node;
}

function tray() {
  let box = document.getElementById("waves");
  if (!box) {
    box = element("section", { id: "waves", class: "waves", "aria-live": "polite", "aria-label": "Waves and knocks" });
    const main = document.getElementById("main") || document.body;
    main.prepend(box);
  }
  return box;
}

function card(key, title) {
  const old = tray().querySelector(`[data-key="${key}"]`);
  if (old) old.remove();
  const box = element("article", { class: "wave-card", "data-key": key });
  box.append(element("p", { class: "wave-title" }, title));
  const actions = element("div", { class: "row wave-actions" });
  const close = element("button", { type: "button", class: "secondary dismiss" }, "Dismiss");
  close.addEventListener("click", () => box.remove());
  box.append(actions);
  actions.append(close);
  tray().prepend(box);
  return { box, actions, close };
}

function send(frame, button, outcome) {
  pending = { button, outcome };
  if (button) button.disabled = true;
  if (!live.raw(frame)) {
    if (outcome) outcome.textContent = "Not connected right now; try again in a moment.";
    if (button) button.disabled = false;
    pending = null;
  }
}

function waveButton(person, name) {
  const wrap = element("span", { class: "wave-with" });
  const button = element("button", { type: "button", class: "secondary wave", "data-wave": String(person) }, "Wave");
  button.setAttribute("aria-label", `Wave at ${name || "them"}`);
  const outcome = element("span", { class: "hint wave-outcome", role: "status" });
  button.addEventListener("click", () => send({ type: "wave", person: Number(person) }, button, outcome));
  wrap.append(button, outcome);
  return wrap;
}

function nameOf(node) {
  const named = node.querySelector(".name");
  return node.dataset.waveName || (named ? named.textContent.replace(/\s*\(you\)$/, "") : "");
}

function me() {
  const hallway = document.getElementById("hallway");
  return live.me || (hallway ? Number(hallway.dataset.me) : 0);
}

function mountWaves() {
  for (const mine of document.querySelectorAll(`[data-person="${me()}"] .wave-with`)) mine.remove();
  const targets = [
    ...document.querySelectorAll("[data-wave-person]"),
    ...document.querySelectorAll("[data-wave-list] [data-person]"),
  ];
  for (const node of targets) {
    const person = Number(node.dataset.wavePerson || node.dataset.person);
    if (!person || person === me() || node.querySelector(".wave-with")) continue;
    node.append(waveButton(person, nameOf(node)));
  }
}

function knockButton(room, node) {
  const wrap = element("span", { class: "knock-with" });
  const link = node.querySelector("a");
  const name = link ? link.textContent : "this room";
  const button = element("button", { type: "button", class: "secondary knock" }, "Knock");
  button.setAttribute("aria-label", `Knock on ${name}: ask the people in its voice to let you in`);
  const outcome = element("span", { class: "hint knock-outcome", role: "status" });
  button.addEventListener("click", () => send({ type: "knock", room }, button, outcome));
  wrap.append(button, outcome);
  return wrap;
}

/// Shows "Knock" on a room tile while someone else is in its voice.
function updateKnock(state) {
  for (const node of document.querySelectorAll(`[data-knock-list] [data-room="${Number(state.room)}"]`)) {
    const others = (state.voice || []).some((o) => o.person !== live.me);
    const mine = (state.voice || []).some((o) => o.person === live.me);
    let wrap = node.querySelector(".knock-with");
    if (others && !mine && !wrap) {
      wrap = knockButton(Number(state.room), node);
      node.append(wrap);
    } else if ((!others || mine) && wrap) {
      wrap.remove();
    }
  }
}

function showWave(wave) {
  const title = wave.back ? `${wave.name} waved back 👋` : `${wave.name} waved at you 👋`;
  const { box, actions, close } = card(`wave-${Number(wave.from)}`, title);
  const outcome = element("span", { class: "hint", role: "status" });
  if (!wave.back) {
    const back = element("button", { type: "button", class: "wave-back" }, "Wave back");
    back.addEventListener("click", () => send({ type: "wave", person: Number(wave.from) }, back, outcome));
    actions.insertBefore(back, close);
  }
  if (wave.room) {
    const drop = element("a", { class: "button drop-in", href: `/rooms/${Number(wave.room)}` },
      `Drop into #${wave.room_name || "their room"} with ${wave.name}`);
    actions.insertBefore(drop, close);
  } else {
    const chat = element("button", { type: "button", class: "secondary chat-instead" }, "Ask for a 9-minute chat");
    chat.addEventListener("click", async () => {
      chat.disabled = true;
      try {
        const { askForChat } = await import("./nudges.js");
        await askForChat(wave.from, "");
        outcome.textContent = `Asked ${wave.name}; you will hear back here.`;
      } catch (error) {
        outcome.textContent = error.message;
        chat.disabled = false;
      }
    });
    actions.insertBefore(chat, close);
  }
  box.append(outcome);
}

function showKnock(knock) {
  const key = `knock-${Number(knock.room)}-${Number(knock.from)}`;
  const { box, actions, close } = card(key, `${knock.name} knocks on #${knock.room_name}`);
  box.classList.add("knock-card");
  const outcome = element("span", { class: "hint", role: "status" });
  const letIn = element("button", { type: "button", class: "let-in" }, "Let in");
  letIn.addEventListener("click", () => {
    if (live.raw({ type: "let_in", room: Number(knock.room), person: Number(knock.from) })) {
      letIn.disabled = true;
      outcome.textContent = `${knock.name} is on their way.`;
    }
  });
  close.textContent = "Not now";
  actions.insertBefore(letIn, close);
  box.append(outcome);
}

function showLetIn(frame) {
  const { actions, close } = card(`let-in-${Number(frame.room)}`, `${frame.name} lets you into #${frame.room_name}`);
  const go = element("a", { class: "button join-voice", href: `/rooms/${Number(frame.room)}#voice` }, "Join the voice");
  actions.insertBefore(go, close);
}

function answered(text) {
  if (!pending) return;
  if (pending.outcome) pending.outcome.textContent = text;
  pending = null;
}

live.addEventListener("welcome", mountWaves);
live.addEventListener("wave", (e) => showWave(e.detail));
live.addEventListener("knock", (e) => showKnock(e.detail));
live.addEventListener("let_in", (e) => showLetIn(e.detail));
live.addEventListener("room_state", (e) => updateKnock(e.detail));
live.addEventListener("hallway", (e) => (e.detail.rooms || []).forEach(updateKnock));
live.addEventListener("wave_sent", (e) => {
  answered(e.detail.held ? "Waved; they will see it when they are back." : "Waved 👋");
});
live.addEventListener("knock_sent", (e) => {
  if (pending && pending.button) pending.button.disabled = false;
  answered(e.detail.held && !e.detail.told ? "Knocked; they will see it in a moment." : "Knocked; wait for them to let you in.");
});
live.addEventListener("error", (e) => {
  const code = e.detail.code;
  if (!pending || !["rate_limited", "no_such_person", "not_in_voice", "no_such_room"].includes(code)) return;
  if (pending.button) pending.button.disabled = false;
  answered(e.detail.message);
});

mountWaves();
// Lists that are rendered again (live updates) get their buttons back, once per frame.
let queued = false;
const remount = () => {
  if (queued) return;
  queued = true;
  requestAnimationFrame(() => {
    queued = false;
    mountWaves();
  });
};
for (const list of document.querySelectorAll("[data-wave-list]")) {
  new MutationObserver(remount).observe(list, { childList: true, subtree: true });
}
