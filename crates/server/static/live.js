// The live connection: one WebSocket per tab to /api/v1/live, protocol v1 (docs/protocol.md).
//
// On every (re)connect it says hello, watches the hallway if asked to, re-joins each room after
// the last sequence number it saw (so it receives exactly the events it missed), then resends
// every message not yet acknowledged with the same client_id (the server never stores a retry
// twice). A message the server could not save (`unavailable`, e.g. its database is down) is
// sent again with backoff on the same socket, and the state says so ("degraded"). Messages not
// yet acknowledged are also kept in this browser's localStorage (the author's own typed text,
// never sent anywhere else) until acknowledged, so a reload sends them again.
// Reconnects and resends back off exponentially with jitter, from 0.5 s to 10 s.
//
// Every server frame is dispatched as a DOM event named after its type ("event", "ack",
// "room_state", ...) with the frame as `detail`; "state" reports the connection's state.

const MIN_DELAY_MS = 500;
const MAX_DELAY_MS = 10000;
/// Send errors that a resend cannot fix: the message is dropped and reported.
/// Errors that answer a frame without a `ref` (a status change).
const UNNAMED_ERRORS = new Set(["invalid_field", "invalid_frame", "rate_limited", "unavailable"]);
/// `bye` codes that mean the session is gone (docs/protocol.md).
const SIGNED_OUT_CODES = new Set(["signed_out", "session_ended", "account_closed"]);
const FINAL_SEND_ERRORS = new Set([
  "invalid_field", "invalid_frame", "client_id_reused", "no_such_room", "no_such_message",
]);

/// Where a person's unacknowledged messages wait across reloads: client_id -> send frame.
const unsentKey = (person) => `hallway.unsent.v1.${person}`;

function loadUnsent(person) {
  try {
    const saved = JSON.parse(localStorage.getItem(unsentKey(person)) || "{}");
    return Object.entries(saved).filter(([, f]) => f && f.type === "send");
  } catch (_) {
    return [];
  }
}

function saveUnsent(person, unacked) {
  if (person == null) return;
  try {
    const key = unsentKey(person);
    if (unacked.size) localStorage.setItem(key, JSON.stringify(Object.fromEntries(unacked)));
    else localStorage.removeItem(key);
  } catch (_) {
    // Storage full or refused: the messages still wait in memory.
  }
}

/// A delay that doubles with each attempt, with jitter, between the bounds.
function backoff(attempt) {
  const ceiling = Math.min(MAX_DELAY_MS, MIN_DELAY_MS * 2 ** attempt);
  return ceiling / 2 + Math.random() * (ceiling / 2);
}

function liveUrl() {
  const scheme = location.protocol === "https:" ? "wss:" : "ws:";
  return `${scheme}//${location.host}/api/v1/live`;
}

/// A fresh id for a message or a request: letters, digits and '-'.
export function newId(prefix = "c") {
  if (crypto.randomUUID) return `${prefix}-${crypto.randomUUID()}`;
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return `${prefix}-${Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("")}`;
}

export class Live extends EventTarget {
  constructor(url = liveUrl()) {
    super();
    this.url = url;
    this.socket = null;
    this.ready = false;
    this.state = "connecting";
    this.connection = null;
    this.me = null;
    this.watching = false;
    /** room id -> last sequence number seen */
    this.rooms = new Map();
    /** client_id -> send frame, until acknowledged (in localStorage too, once the page
     *  named its author with restoreUnsent) */
    this.unacked = new Map();
    this.author = null;
    /** client_id -> {attempt, timer} for messages the server could not save yet */
    this.resends = new Map();
    /** ref -> {resolve, reject} for edit/delete/react/ping */
    this.waiting = new Map();
    /** waiters for frames without a ref (status): answered in order */
    this.unnamed = [];
    this.attempt = 0;
    this.retryTimer = null;
    this.beatTimer = null;
    this.heartbeatMs = 20000;
    this.lastHeard = Date.now();
    this.welcomed = 0;
    window.addEventListener("online", () => this.check(3000));
    // An open socket may linger after the network is gone without either side noticing
    // for a while: drop it, and reconnect as soon as the browser is back online.
    window.addEventListener("offline", () => this.drop());
    document.addEventListener("visibilitychange", () => {
      if (document.visibilityState === "visible") this.check(3000);
    });
  }

  start() {
    if (!this.socket && !this.retryTimer) this.open();
    return this;
  }

  open() {
    this.retryTimer = null;
    this.ready = false;
    let socket;
    try {
      socket = new WebSocket(this.url);
    } catch (_) {
      this.lost();
      return;
    }
    this.socket = socket;
    socket.addEventListener("open", () => {
      this.lastHeard = Date.now();
      socket.send(JSON.stringify({ type: "hello", v: 1 }));
    });
    socket.addEventListener("message", (message) => {
      if (this.socket !== socket) return;
      let frame;
      try {
        frame = JSON.parse(message.data);
      } catch (_) {
        return;
      }
      this.receive(frame);
    });
    socket.addEventListener("close", () => {
      if (this.socket === socket) this.lost();
    });
  }

  /// The socket is gone: try again after a backoff with jitter.
  lost() {
    this.socket = null;
    this.ready = false;
    clearInterval(this.beatTimer);
    const dropped = new Error("the connection dropped; try again");
    for (const [ref, waiter] of this.waiting) {
      if (ref.startsWith("hb-")) continue;
      waiter.reject(dropped);
      this.waiting.delete(ref);
    }
    for (const waiter of this.unnamed.splice(0)) waiter.reject(dropped);
    this.setState(navigator.onLine === false ? "offline" : "reconnecting");
    for (const clientId of this.unacked.keys()) this.notSaved(clientId, null);
    const delay = backoff(this.attempt);
    this.attempt += 1;
    clearTimeout(this.retryTimer);
    this.retryTimer = setTimeout(() => this.open(), delay);
  }

  /// The browser went offline: close the socket; backoff retries (and "online") bring it back.
  drop() {
    const old = this.socket;
    if (!old) {
      this.setState("offline");
      return;
    }
    this.socket = null;
    old.close();
    this.lost();
  }

  /// Drops the current socket (if any) and reconnects at once.
  reconnectNow() {
    clearTimeout(this.retryTimer);
    this.retryTimer = null;
    this.attempt = 0;
    const old = this.socket;
    this.socket = null;
    if (old) old.close();
    this.open();
  }

  /// Makes sure the socket is alive: a ping must be answered within `timeoutMs`.
  check(timeoutMs) {
    if (!this.socket) {
      this.reconnectNow();
      return;
    }
    if (!this.ready) return; // a handshake is under way: it welcomes or closes
    const ref = `hb-${Date.now()}`;
    const timer = setTimeout(() => {
      this.waiting.delete(ref);
      this.reconnectNow();
    }, timeoutMs);
    this.waiting.set(ref, {
      resolve: () => clearTimeout(timer),
      reject: () => clearTimeout(timer),
    });
    this.raw({ type: "ping", ref });
  }

  setState(state) {
    if (this.state === state) return;
    this.state = state;
    this.dispatchEvent(new CustomEvent("state", { detail: state }));
  }

  raw(frame) {
    if (!this.socket || this.socket.readyState !== WebSocket.OPEN) return false;
    if (!this.ready && frame.type !== "hello") return false;
    this.socket.send(JSON.stringify(frame));
    return true;
  }

  receive(frame) {
    this.lastHeard = Date.now();
    switch (frame.type) {
      case "welcome":
        this.welcome(frame);
        break;
      case "event": {
        const last = this.rooms.get(frame.room);
        if (last !== undefined && frame.seq <= last) return; // already seen
        if (last !== undefined) this.rooms.set(frame.room, frame.seq);
        break;
      }
      case "caught_up":
        if (this.rooms.has(frame.room)) {
          this.rooms.set(frame.room, Math.max(this.rooms.get(frame.room), frame.seq));
        }
        break;
      case "ack":
        this.forget(frame.client_id);
        if (this.state === "degraded" && !this.resends.size) this.setState("live");
        break;
      case "done":
      case "pong":
        if (frame.ref) this.settle(frame.ref, (w) => w.resolve(frame));
        else if (this.unnamed.length) this.unnamed.shift().resolve(frame);
        break;
      case "error":
        this.failed(frame);
        break;
      case "bye":
        if (SIGNED_OUT_CODES.has(String(frame.reason).split(":")[0])) {
          // The session is gone: reconnecting cannot help, signing in again can.
          this.socket = null;
          location.assign("/signin");
          return;
        }
        if (this.socket) this.socket.close();
        break;
      case "left":
        // Taken away (access_revoked): never joined again on reconnect.
        this.rooms.delete(frame.room);
        break;
      default:
        break;
    }
    this.dispatchEvent(new CustomEvent(frame.type, { detail: frame }));
  }

  welcome(frame) {
    this.ready = true;
    this.attempt = 0;
    this.connection = frame.connection;
    this.me = frame.you;
    this.welcomed += 1;
    this.heartbeatMs = Math.max(5, frame.heartbeat_secs || 20) * 1000;
    clearInterval(this.beatTimer);
    // The server pings at the WebSocket level, which scripts cannot see; a quiet socket is
    // checked with a ping of our own.
    this.beatTimer = setInterval(() => {
      if (Date.now() - this.lastHeard > this.heartbeatMs) this.check(5000);
    }, this.heartbeatMs);
    this.setState("live");
    if (this.watching) this.raw({ type: "watch_hallway" });
    for (const [room, seq] of this.rooms) this.raw({ type: "join", room, after: seq });
    for (const [clientId, frame] of this.unacked) {
      this.cancelResend(clientId);
      this.raw(frame);
    }
  }

  failed(frame) {
    const ref = frame.ref;
    if (ref && this.unacked.has(ref)) {
      if (frame.code === "rate_limited") {
        this.resendLater(ref, frame.retry_after_ms || 1000);
      } else if (FINAL_SEND_ERRORS.has(frame.code)) {
        this.forget(ref);
        this.dispatchEvent(new CustomEvent("send_failed", { detail: frame }));
      } else {
        // Not saved (the server's store is unavailable, or another passing problem): the
        // socket is up but the message is not kept yet. Say so, and try again with backoff.
        if (frame.code === "unavailable") this.setState("degraded");
        const attempt = (this.resends.get(ref) || { attempt: 0 }).attempt;
        this.resendLater(ref, backoff(attempt), attempt + 1);
      }
    }
    const problem = Object.assign(new Error(frame.message), { frame });
    if (ref) this.settle(ref, (w) => w.reject(problem));
    else if (this.unnamed.length && UNNAMED_ERRORS.has(frame.code)) this.unnamed.shift().reject(problem);
    if (frame.code === "future_sequence") {
      // Our idea of a room is ahead of the server's: take its newest state instead.
      for (const room of this.rooms.keys()) this.raw({ type: "join", room });
    }
  }

  /// Sends an unacknowledged message again after `delay` ms (same client_id: never stored
  /// twice), and tells the page it is not saved yet.
  resendLater(clientId, delay, attempt = 0) {
    this.cancelResend(clientId);
    const timer = setTimeout(() => {
      const entry = this.resends.get(clientId);
      const frame = this.unacked.get(clientId);
      if (!entry || entry.timer !== timer || !frame) return;
      this.raw(frame);
    }, delay);
    this.resends.set(clientId, { attempt, timer });
    this.notSaved(clientId, delay);
  }

  cancelResend(clientId) {
    const entry = this.resends.get(clientId);
    if (entry) clearTimeout(entry.timer);
  }

  /// The message is acknowledged (or refused for good): it no longer waits anywhere.
  forget(clientId) {
    this.cancelResend(clientId);
    this.resends.delete(clientId);
    if (this.unacked.delete(clientId)) saveUnsent(this.author, this.unacked);
  }

  /// "not_saved" {client_id, retry_in_ms}: the page shows the message as not saved yet.
  notSaved(clientId, retryInMs) {
    this.dispatchEvent(new CustomEvent("not_saved", {
      detail: { client_id: clientId, retry_in_ms: retryInMs },
    }));
  }

  /// Takes back `person`'s messages that a page left unacknowledged (e.g. before a reload):
  /// they are sent again on the next welcome (at once, if the socket is up).
  restoreUnsent(person) {
    this.author = person;
    for (const [clientId, frame] of loadUnsent(person)) {
      if (this.unacked.has(clientId)) continue;
      this.unacked.set(clientId, frame);
      this.raw(frame);
    }
  }

  /// The unacknowledged messages for `room` (kept across reloads), oldest first.
  unsentIn(room) {
    return [...this.unacked.values()].filter((frame) => frame.room === room);
  }

  settle(ref, how) {
    const waiter = ref && this.waiting.get(ref);
    if (!waiter) return;
    this.waiting.delete(ref);
    how(waiter);
  }

  watchHallway() {
    this.watching = true;
    this.raw({ type: "watch_hallway" });
  }

  /// Joins a room, receiving every event after `after` (the newest seq already shown).
  join(room, after) {
    this.rooms.set(room, after);
    this.raw({ type: "join", room, after });
  }

  leave(room) {
    this.rooms.delete(room);
    this.raw({ type: "leave", room });
  }

  /// Posts a message; it is resent after every reconnect until acknowledged.
  send(room, body, replyTo) {
    const clientId = newId("m");
    const frame = { type: "send", room, client_id: clientId, body };
    if (replyTo) frame.reply_to = replyTo;
    this.unacked.set(clientId, frame);
    saveUnsent(this.author, this.unacked);
    if (!this.raw(frame)) this.notSaved(clientId, null);
    return clientId;
  }

  /// Sends a frame with a `ref` and resolves with the `done` answer (rejects on `error`).
  /// A status frame has no `ref`; its answer is the next `done` without one.
  request(frame) {
    const named = frame.type !== "status";
    const ref = newId("r");
    return new Promise((resolve, reject) => {
      if (!this.raw(named ? { ...frame, ref } : frame)) {
        reject(new Error("not connected right now; try again in a moment"));
        return;
      }
      if (named) this.waiting.set(ref, { resolve, reject });
      else this.unnamed.push({ resolve, reject });
    });
  }

  typing(room) {
    this.raw({ type: "typing", room });
  }
}

let shared = null;

/// The tab's one connection, started on first use.
export function connectLive() {
  if (!shared) {
    shared = new Live().start();
    window.hallwayLive = shared;
  }
  return shared;
}

const STATE_TEXT = {
  connecting: "Connecting…",
  live: "Live",
  reconnecting: "Reconnecting… messages you send wait here until they are saved",
  degraded: "Connected, but messages cannot be saved right now; retrying",
  offline: "Offline: we will catch up when you are back",
};

/// Shows the connection state in an element (a role="status" line).
export function bindStatus(live, element) {
  if (!element) return;
  const show = () => {
    element.textContent = STATE_TEXT[live.state] || live.state;
    element.dataset.state = live.state;
  };
  live.addEventListener("state", show);
  show();
}
