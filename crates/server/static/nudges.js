// Quiet nudges and 9-minute chats (docs/protocol.md: suggestion, chat_request, chat_answer).
//
// - A suggestion (colleagues who have been here before, for your own question or "working on"
//   line) shows as a dismissible card only you see; each person on it can be asked for a chat.
// - A chat request shows as a card with "Accept" (both of you go to a fresh private room,
//   voice one click away) and "Not now". Requests held while you were focusing or outside your
//   working hours arrive when that changes, or when a page loads.
// - `askForChat(person, topic)` and `chatButton(person, name)` let other pages (the ask box,
//   a profile) offer the same request.
// Text from people is inserted as text, never as HTML.

import { connectLive } from "./live.js";

function csrf() {
  const meta = document.querySelector('meta[name="csrf-token"]');
  return meta ? meta.content : "";
}

async function api(method, path, body) {
  const response = await fetch(path, {
    method,
    credentials: "same-origin",
    headers: { "Content-Type": "application/json", "X-CSRF-Token": csrf() },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const data = await response.json().catch(() => ({}));
  if (!response.ok) throw new Error(data.detail || `the server answered ${response.status}`);
  return data;
}

/// Asks `person` (an id) for a 9-minute chat; resolves to the stored request.
export function askForChat(person, topic = "") {
  return api("POST", "/api/v1/chats", { colleague: Number(person), topic });
}

function element(tag, attributes = {}, text = "") {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, value);
  if (text) node.textContent = text;
  return node;
}

/// A small form: an optional topic and "Ask for a 9-minute chat", with its outcome beside it.
export function chatButton(person, name) {
  const form = element("form", { class: "chat-ask row", "data-person": String(person) });
  const id = `chat-topic-${person}-${Math.random().toString(36).slice(2, 8)}`;
  form.append(element("label", { for: id, class: "hint" }, "Topic (optional)"));
  const topic = element("input", { id, maxlength: "120", placeholder: "e.g. certificate pinning" });
  const button = element("button", { type: "submit" }, "Ask for a 9-minute chat");
  const outcome = element("span", { class: "hint chat-outcome", role: "status" });
  form.append(topic, button, outcome);
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    button.disabled = true;
    try {
      await askForChat(person, topic.value);
      outcome.textContent = `Asked ${name || "them"}; you will hear back here.`;
      topic.value = "";
    } catch (error) {
      outcome.textContent = error.message;
      button.disabled = false;
    }
  });
  return form;
}

function tray() {
  let box = document.getElementById("nudges");
  if (!box) {
    box = element("section", { id: "nudges", "aria-label": "Nudges", "aria-live": "polite" });
    const main = document.getElementById("main") || document.body;
    main.prepend(box);
  }
  return box;
}

function card(key, title) {
  const existing = document.querySelector(`#nudges [data-key="${key}"]`);
  if (existing) existing.remove();
  const box = element("article", { class: "card nudge", "data-key": key });
  const close = element("button", { type: "button", class: "secondary dismiss" }, "Dismiss");
  close.addEventListener("click", () => box.remove());
  box.append(element("h2", {}, title), close);
  tray().prepend(box);
  return box;
}

function showSuggestion(frame) {
  const box = card("suggestion", "People who have been here before");
  box.classList.add("suggestion");
  box.append(element("p", { class: "hint about" }, `For “${frame.about}”`));
  const list = element("ul", { class: "plain" });
  for (const person of frame.people || []) {
    const item = element("li", { class: "suggested", "data-person": String(person.person) });
    const link = element("a", { href: `/people/${Number(person.person)}` }, person.name);
    item.append(link, element("span", { class: "hint" }, ` — ${person.reason}`));
    item.append(chatButton(person.person, person.name));
    list.append(item);
  }
  box.append(list);
}

function showRequest(offer) {
  const key = `chat-${Number(offer.request)}`;
  const topic = offer.topic ? `: ${offer.topic}` : "";
  const box = card(key, `${offer.name} asks for a 9-minute chat${topic}`);
  box.classList.add("chat-request");
  const accept = element("button", { type: "button", class: "accept" }, "Accept");
  const decline = element("button", { type: "button", class: "secondary decline" }, "Not now");
  const outcome = element("span", { class: "hint", role: "status" });
  accept.addEventListener("click", async () => {
    accept.disabled = decline.disabled = true;
    try {
      const answered = await api("POST", `/api/v1/chats/${Number(offer.request)}/accept`);
      location.href = `${answered.room}#voice`;
    } catch (error) {
      outcome.textContent = error.message;
    }
  });
  decline.addEventListener("click", async () => {
    accept.disabled = decline.disabled = true;
    try {
      await api("POST", `/api/v1/chats/${Number(offer.request)}/decline`);
      box.remove();
    } catch (error) {
      outcome.textContent = error.message;
    }
  });
  box.append(element("div", { class: "row" }), outcome);
  box.querySelector(".row").append(accept, decline);
}

function showAnswer(frame) {
  const key = `answer-${Number(frame.request)}`;
  if (frame.answer === "accepted" && frame.room) {
    const box = card(key, "Your 9-minute chat is ready");
    box.classList.add("chat-answer", "accepted");
    box.append(element("a", { class: "button join-chat", href: `/rooms/${Number(frame.room)}#voice` }, "Join the chat"));
  } else {
    const box = card(key, "Not now");
    box.classList.add("chat-answer", "not-now");
    box.append(element("p", { class: "hint" }, "They cannot chat now; try another time."));
  }
}

async function loadHeld() {
  try {
    const chats = await api("GET", "/api/v1/chats");
    for (const chat of chats.incoming || []) {
      showRequest({
        request: chat.id, from: chat.asker, name: chat.asker_name,
        topic: chat.topic, expires_at: chat.expires_at,
      });
    }
  } catch (_) {
    // Guests have no chats; the live frames still arrive.
  }
}

function start() {
  const live = connectLive();
  live.addEventListener("suggestion", (e) => showSuggestion(e.detail));
  live.addEventListener("chat_request", (e) => showRequest(e.detail));
  live.addEventListener("chat_answer", (e) => showAnswer(e.detail));
  loadHeld();
  // A profile page offers the request; a chat room opened from a card puts voice one click away.
  for (const mount of document.querySelectorAll("[data-chat-with]")) {
    mount.append(chatButton(Number(mount.dataset.chatWith), mount.dataset.chatName || ""));
  }
  const join = document.getElementById("voice-join");
  if (location.hash === "#voice" && join) {
    join.scrollIntoView({ block: "center" });
    join.focus();
  }
}

start();
