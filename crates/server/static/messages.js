// The message list of a room page. Each message's state lives on its channel item (`li`):
// `dataset` (id, seq, author, replyTo, at, edited, deleted), `bodyText` and `reactions`.
// Items are painted from that state, in the channel and (as copies) in the thread panel, so
// server-rendered, live and pending messages look and work alike. Messages are grouped by
// author (avatar, name and time once per group), days get a heading, and a message's replies
// live in its thread: the channel shows "N replies" under the parent instead.
// Everything people wrote is inserted as text.

import { excerpt, formatMessage } from "./format.js";
import { Clock } from "./clock.js";
import { paintMessage } from "./message_view.js";

/// Messages by one author this close together share one header.
const GROUP_WINDOW_MS = 5 * 60 * 1000;

export class MessageList {
  /// `handlers`: onThread(parentId, focusComposer), onEdit(id, body), onDelete(id),
  /// onReact(id, emoji, on). `onChange(ids)` hears about every repaint.
  constructor(list, { me, names, timeZone, handlers, onChange }) {
    this.list = list;
    this.me = me;
    this.names = names;
    this.handlers = handlers;
    this.onChange = onChange || (() => {});
    this.clock = new Clock(timeZone);
    for (const item of list.querySelectorAll("li.message")) {
      item.bodyText = item.querySelector(".body").textContent;
      item.reactions = JSON.parse(item.dataset.reactions || "[]");
      delete item.dataset.reactions;
      this.paint(item, item);
    }
    this.ready = true;
    this.regroup();
  }

  nameOf(id) {
    return (this.names[id] && this.names[id].name) || "Someone";
  }

  item(id) {
    return document.getElementById(`m-${id}`);
  }

  /// Every message item of the channel, in order (replies included).
  items() {
    return [...this.list.querySelectorAll(":scope > li.message")];
  }

  /// The replies to `id` that are loaded, in order.
  repliesOf(id) {
    return this.items().filter((li) => li.dataset.replyTo === String(id));
  }

  /// The oldest shown message's seq (for scroll-back).
  oldestSeq() {
    const first = this.list.querySelector("li.message[data-seq]");
    return first ? Number(first.dataset.seq) : 0;
  }

  /// Builds a channel item from a message (API shape) or a posted event.
  build(message) {
    const item = document.createElement("li");
    item.id = `m-${message.id}`;
    item.dataset.id = message.id;
    item.dataset.seq = message.seq;
    item.dataset.author = message.author || 0;
    item.dataset.replyTo = message.reply_to || 0;
    item.dataset.at = message.created_at;
    item.dataset.edited = String(Boolean(message.edited_at));
    item.dataset.deleted = String(Boolean(message.deleted));
    item.bodyText = message.body || "";
    item.reactions = message.reactions || [];
    this.paint(item, item);
    return item;
  }

  /// Paints `target` from the state on `source` (the channel item); `inThread` for the copy
  /// in the thread panel.
  paint(target, source, inThread = false) {
    const formatted = formatMessage(source.bodyText, this.names, this.me);
    paintMessage(target, source, {
      inThread,
      me: this.me,
      clock: this.clock,
      nameOf: (id) => this.nameOf(id),
      formatted,
      parentText: () => this.parentText(source),
      handlers: this.handlers,
    });
    if (!inThread && this.ready) {
      target.threadSignature = null;
      this.summarise(target, this.repliesOf(target.dataset.id));
    }
  }

  /// "Ada Lovelace: the first line…" of the message `source` replies to, when loaded.
  parentText(source) {
    const parent = this.item(source.dataset.replyTo);
    if (!parent) return "";
    if (parent.dataset.deleted === "true") return "a deleted message";
    return `${this.nameOf(Number(parent.dataset.author))}: ${excerpt(parent.bodyText, 60)}`;
  }

  /// A copy of a channel item for the thread panel.
  threadCopy(source) {
    const copy = document.createElement("li");
    copy.dataset.id = source.dataset.id;
    this.paint(copy, source, true);
    return copy;
  }

  /// Day headings, author groups, which replies the channel hides (those whose parent is
  /// loaded: they are in its thread) and each parent's reply summary.
  regroup() {
    for (const divider of this.list.querySelectorAll(":scope > li.day-divider")) divider.remove();
    const items = this.items();
    const loaded = new Set(items.map((li) => li.dataset.id));
    const replies = new Map();
    const now = new Date();
    let previous = null;
    let day = null;
    for (const li of items) {
      const parent = li.dataset.replyTo;
      const isReply = parent !== "0" && parent !== "" && parent !== undefined;
      if (isReply && loaded.has(parent)) {
        if (!replies.has(parent)) replies.set(parent, []);
        replies.get(parent).push(li);
        li.hidden = true;
        continue;
      }
      li.hidden = false;
      li.classList.toggle("orphan-reply", isReply);
      const at = new Date(li.dataset.at);
      const key = this.clock.dayKey(at);
      if (key !== day) {
        this.list.insertBefore(this.dayDivider(at, now), li);
        day = key;
        previous = null;
      }
      const continued = previous !== null && !isReply
        && previous.dataset.author === li.dataset.author
        && !previous.classList.contains("orphan-reply")
        && at - new Date(previous.dataset.at) < GROUP_WINDOW_MS;
      li.classList.toggle("continued", continued);
      previous = li;
    }
    for (const li of items) this.summarise(li, replies.get(li.dataset.id) || []);
  }

  dayDivider(at, now) {
    const li = document.createElement("li");
    li.className = "day-divider";
    const heading = document.createElement("h3");
    const time = document.createElement("time");
    time.dateTime = this.clock.dayKey(at);
    time.textContent = this.clock.dayLabel(at, now);
    time.title = this.clock.date.format(at);
    heading.append(time);
    li.append(heading);
    return li;
  }

  /// The "N replies" line under a parent, repainted only when it changes.
  summarise(li, replies) {
    const shown = replies.filter((r) => r.dataset.deleted !== "true");
    const last = shown[shown.length - 1];
    const signature = shown.length ? `${shown.length}|${last.dataset.at}` : "";
    if (li.threadSignature === signature) return;
    li.threadSignature = signature;
    li.replyCount = shown.length;
    const old = li.querySelector(".thread-summary");
    if (old) old.remove();
    if (!shown.length) return;
    const line = document.createElement("p");
    line.className = "thread-summary";
    const open = document.createElement("button");
    open.type = "button";
    open.className = "link";
    open.textContent = shown.length === 1 ? "1 reply" : `${shown.length} replies`;
    const who = this.nameOf(Number(li.dataset.author));
    open.setAttribute("aria-label", `${open.textContent} to ${who}: open the thread`);
    open.addEventListener("click", () => this.handlers.onThread(Number(li.dataset.id), false));
    const when = document.createElement("span");
    when.className = "hint";
    const lastAt = new Date(last.dataset.at);
    const lastDay = this.clock.dayLabel(lastAt);
    const lastShown = lastDay === "Today" ? this.clock.formatTime(lastAt)
      : lastDay === "Yesterday" ? `yesterday ${this.clock.formatTime(lastAt)}` : this.clock.formatShort(lastAt);
    when.textContent = ` last reply ${lastShown}`;
    when.title = this.clock.formatFull(lastAt);
    line.append(open, when);
    const content = li.querySelector(".content");
    content.insertBefore(line, content.querySelector(":scope > .actions"));
  }

  /// Inserts a message in seq order (older ones from scroll-back, newer ones live); call
  /// `regroup` after a batch.
  insert(item) {
    const seq = Number(item.dataset.seq);
    const after = this.items().find((other) => other.dataset.seq && Number(other.dataset.seq) > seq);
    const firstPending = this.list.querySelector(":scope > li.pending");
    let before = after || firstPending || null;
    // Keep a day heading with the message it introduces.
    if (before && before.previousElementSibling && before.previousElementSibling.classList.contains("day-divider")) {
      before = before.previousElementSibling;
    }
    this.list.insertBefore(item, before);
  }

  /// A message of mine, shown at once and marked as sending until the server has it.
  addPending(clientId, body, replyTo) {
    const item = this.build({
      id: `pending-${clientId}`, seq: "", author: this.me, body, reply_to: replyTo,
      created_at: new Date().toISOString(), reactions: [],
    });
    delete item.dataset.seq;
    item.classList.add("pending");
    item.dataset.clientId = clientId;
    this.paint(item, item);
    this.list.append(item);
    this.regroup();
    this.onChange([item]);
    return item;
  }

  pending(clientId) {
    return this.list.querySelector(`li.pending[data-client-id="${CSS.escape(clientId)}"]`);
  }

  /// A message of mine the server has not saved yet: it stays, marked, and is sent again.
  notSaved(clientId) {
    const item = this.pending(clientId);
    if (!item || item.classList.contains("failed")) return;
    item.classList.add("unsaved");
    item.querySelector(".sending").textContent = " not saved yet — retrying";
  }

  /// The server saved a message of mine: the pending item becomes the stored message (or
  /// goes, when the stored one is already shown, e.g. after a reload).
  acknowledged(ack) {
    const item = this.pending(ack.client_id);
    if (!item) return;
    item.remove();
    if (this.item(ack.message)) return;
    item.classList.remove("pending", "unsaved");
    delete item.dataset.clientId;
    item.id = `m-${ack.message}`;
    item.dataset.id = ack.message;
    item.dataset.seq = ack.seq;
    item.querySelector(".sending").remove();
    this.hydrate(item);
    this.insert(item);
  }

  failed(clientId, reason) {
    const item = this.list.querySelector(`li.pending[data-client-id="${CSS.escape(clientId)}"]`);
    if (!item) return;
    item.classList.add("failed");
    item.failReason = reason;
    this.paint(item, item);
    this.onChange([item]);
  }

  /// Applies one room event; applying one twice changes nothing.
  apply(frame) {
    const kind = frame.kind;
    if (kind.type === "posted") {
      if (this.item(kind.message)) return;
      const item = this.build({
        id: kind.message, seq: frame.seq, author: kind.author, body: kind.body,
        reply_to: kind.reply_to, created_at: frame.at, reactions: [],
      });
      const pending = kind.author === this.me && kind.client_id
        && this.list.querySelector(`li.pending[data-client-id="${CSS.escape(kind.client_id)}"]`);
      if (pending) pending.remove();
      this.insert(item);
      this.regroup();
      this.onChange([item]);
      return;
    }
    const item = this.item(kind.message);
    if (!item) return;
    if (kind.type === "edited") {
      item.bodyText = kind.body;
      item.dataset.edited = "true";
    } else if (kind.type === "deleted") {
      item.bodyText = "";
      item.dataset.deleted = "true";
    } else if (kind.type === "reacted") {
      let group = item.reactions.find((g) => g.emoji === kind.emoji);
      if (!group) {
        group = { emoji: kind.emoji, people: [] };
        item.reactions.push(group);
      }
      const has = group.people.includes(kind.person);
      if (kind.on && !has && kind.person != null) group.people.push(kind.person);
      if (!kind.on && has) group.people = group.people.filter((p) => p !== kind.person);
    }
    this.paint(item, item);
    // A changed parent changes its replies' references; a deleted reply changes the count.
    for (const reply of this.repliesOf(kind.message)) this.paint(reply, reply);
    if (kind.type === "deleted") this.regroup();
    this.onChange([item]);
  }
}
