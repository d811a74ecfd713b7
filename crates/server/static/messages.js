// The message list of a room page: server-rendered messages are "hydrated" (formatting,
// reactions, controls) and live ones are built the same way, so both look and work alike.
// Everything people wrote is inserted as text.

import { excerpt, formatBody } from "./format.js";

const QUICK_REACTIONS = ["👍", "🎉", "❤️", "😂", "👀", "🙏"];

function button(text, className, label) {
  const b = document.createElement("button");
  b.type = "button";
  b.className = className;
  b.textContent = text;
  if (label) b.setAttribute("aria-label", label);
  return b;
}

export class MessageList {
  /// `handlers`: onReply(id), onEdit(id, body), onDelete(id), onReact(id, emoji, on).
  constructor(list, { me, names, timeZone, handlers }) {
    this.list = list;
    this.me = me;
    this.names = names;
    this.handlers = handlers;
    try {
      this.timeFormat = new Intl.DateTimeFormat([], { hour: "2-digit", minute: "2-digit", timeZone });
    } catch (_) {
      this.timeFormat = new Intl.DateTimeFormat([], { hour: "2-digit", minute: "2-digit" });
    }
    for (const item of list.querySelectorAll("li.message")) {
      item.bodyText = item.querySelector(".body").textContent;
      item.reactions = JSON.parse(item.dataset.reactions || "[]");
      this.hydrate(item);
    }
  }

  nameOf(id) {
    return (this.names[id] && this.names[id].name) || "Someone";
  }

  item(id) {
    return document.getElementById(`m-${id}`);
  }

  /// The oldest shown message's seq (for scroll-back).
  oldestSeq() {
    const first = this.list.querySelector("li.message[data-seq]");
    return first ? Number(first.dataset.seq) : 0;
  }

  /// Builds an item from a message (API shape) or a posted event.
  build(message) {
    const item = document.createElement("li");
    item.className = "message";
    item.id = `m-${message.id}`;
    item.dataset.id = message.id;
    item.dataset.seq = message.seq;
    item.dataset.author = message.author || 0;
    item.dataset.replyTo = message.reply_to || 0;
    item.dataset.edited = String(Boolean(message.edited_at));
    item.dataset.deleted = String(Boolean(message.deleted));
    item.bodyText = message.body || "";
    item.reactions = message.reactions || [];
    const meta = document.createElement("p");
    meta.className = "meta";
    const author = document.createElement("span");
    author.className = "author";
    author.textContent = this.nameOf(message.author);
    const time = document.createElement("time");
    time.dateTime = message.created_at;
    time.textContent = this.timeFormat.format(new Date(message.created_at));
    meta.append(author, " ", time);
    item.append(meta);
    if (message.reply_to) {
      const ref = document.createElement("p");
      ref.className = "reply-ref";
      const link = document.createElement("a");
      link.href = `#m-${message.reply_to}`;
      const target = this.item(message.reply_to);
      link.textContent = target
        ? `↪ ${target.querySelector(".author").textContent}: ${excerpt(target.bodyText)}`
        : "↪ an earlier message";
      ref.append(link);
      item.append(ref);
    }
    const body = document.createElement("div");
    body.className = "body";
    item.append(body);
    this.hydrate(item);
    return item;
  }

  /// Renders an item's body, reactions and controls from its state.
  hydrate(item) {
    const deleted = item.dataset.deleted === "true";
    const mine = Number(item.dataset.author) === this.me;
    item.classList.toggle("deleted", deleted);
    item.classList.toggle("mine", mine);
    const body = item.querySelector(".body");
    body.replaceChildren();
    if (deleted) {
      const gone = document.createElement("em");
      gone.textContent = "message deleted";
      body.append(gone);
    } else {
      body.append(formatBody(item.bodyText, this.names, this.me));
      if (item.dataset.edited === "true") {
        const edited = document.createElement("span");
        edited.className = "edited hint";
        edited.textContent = " (edited)";
        body.append(edited);
      }
    }
    for (const old of item.querySelectorAll(".reactions, .actions")) old.remove();
    if (!deleted) {
      item.append(this.reactionBar(item));
      if (!item.classList.contains("pending")) item.append(this.actions(item, mine));
    }
  }

  reactionBar(item) {
    const bar = document.createElement("ul");
    bar.className = "reactions";
    for (const group of item.reactions) {
      if (!group.people.length) continue;
      const on = group.people.includes(this.me);
      const who = group.people.map((p) => this.nameOf(p)).join(", ");
      const b = button(`${group.emoji} ${group.people.length}`, "reaction",
        `${group.emoji} from ${who}${on ? " (you; press to take back)" : ""}`);
      b.setAttribute("aria-pressed", String(on));
      b.title = who;
      b.addEventListener("click", () => this.handlers.onReact(Number(item.dataset.id), group.emoji, !on));
      const li = document.createElement("li");
      li.append(b);
      bar.append(li);
    }
    return bar;
  }

  actions(item, mine) {
    const id = Number(item.dataset.id);
    const who = this.nameOf(Number(item.dataset.author));
    const row = document.createElement("div");
    row.className = "actions";
    const reply = button("Reply", "link", `Reply to ${who}`);
    reply.addEventListener("click", () => this.handlers.onReply(id));
    const react = button("React", "link", `React to ${who}'s message`);
    react.setAttribute("aria-expanded", "false");
    const picker = document.createElement("span");
    picker.className = "picker";
    picker.hidden = true;
    for (const emoji of QUICK_REACTIONS) {
      const b = button(emoji, "emoji", `React with ${emoji}`);
      b.addEventListener("click", () => {
        picker.hidden = true;
        react.setAttribute("aria-expanded", "false");
        react.focus();
        const group = item.reactions.find((g) => g.emoji === emoji);
        this.handlers.onReact(id, emoji, !(group && group.people.includes(this.me)));
      });
      picker.append(b);
    }
    react.addEventListener("click", () => {
      picker.hidden = !picker.hidden;
      react.setAttribute("aria-expanded", String(!picker.hidden));
      if (!picker.hidden) picker.querySelector("button").focus();
    });
    picker.addEventListener("keydown", (event) => {
      if (event.key === "Escape") {
        picker.hidden = true;
        react.setAttribute("aria-expanded", "false");
        react.focus();
      }
    });
    row.append(reply, react, picker);
    if (mine) {
      const edit = button("Edit", "link", "Edit your message");
      edit.addEventListener("click", () => this.handlers.onEdit(id, item.bodyText));
      const remove = button("Delete", "link danger-text", "Delete your message");
      remove.addEventListener("click", () => this.handlers.onDelete(id));
      row.append(edit, remove);
    }
    return row;
  }

  /// Inserts a message in seq order (older ones from scroll-back, newer ones live).
  insert(item) {
    const seq = Number(item.dataset.seq);
    const after = [...this.list.querySelectorAll("li.message[data-seq]")]
      .find((other) => Number(other.dataset.seq) > seq);
    const firstPending = this.list.querySelector("li.pending");
    this.list.insertBefore(item, after || firstPending || null);
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
    const note = document.createElement("span");
    note.className = "sending hint";
    note.textContent = " sending…";
    item.querySelector(".meta").append(note);
    this.hydrate(item);
    this.list.append(item);
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
    item.querySelector(".sending").textContent = ` not sent: ${reason}`;
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
    this.hydrate(item);
  }
}
