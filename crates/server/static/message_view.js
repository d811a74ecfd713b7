// How one message looks: the avatar and header (hidden by CSS on the following lines of a
// group, kept for screen readers), the body, reactions and the controls. Painting again keeps
// keyboard focus on the same control. Everything people wrote is inserted as text.

const QUICK_REACTIONS = ["👍", "🎉", "❤️", "😂", "👀", "🙏"];
const AVATAR_HUES = 8;

function button(text, className, label) {
  const b = document.createElement("button");
  b.type = "button";
  b.className = className;
  b.textContent = text;
  if (label) b.setAttribute("aria-label", label);
  return b;
}

/// Initials on a colour that stays the same for a person (from their id).
export function avatar(person, name) {
  const span = document.createElement("span");
  const hue = ((Number(person) || 0) * 7) % AVATAR_HUES;
  span.className = `avatar hue-${hue}`;
  span.setAttribute("aria-hidden", "true");
  const words = (name || "?").split(/\s+/).filter(Boolean);
  const initials = words.length > 1 ? words[0][0] + words[words.length - 1][0] : (words[0] || "?").slice(0, 2);
  span.textContent = initials.toUpperCase();
  return span;
}

function focusKey(element) {
  return `${element.className}|${element.getAttribute("aria-label") || element.textContent}`;
}

/// Paints `target` from the message state on `source`. `options`: inThread, me, clock,
/// nameOf(id), formatted ({ fragment, mentionsMe }), parentText(), handlers.
export function paintMessage(target, source, options) {
  const { inThread, me, clock, nameOf, formatted, handlers } = options;
  const active = document.activeElement;
  const refocus = active && active !== target && target.contains(active) ? focusKey(active) : null;

  const id = Number(source.dataset.id);
  const author = Number(source.dataset.author);
  const deleted = source.dataset.deleted === "true";
  const pending = source.classList.contains("pending");
  const mine = author === me;
  const at = new Date(source.dataset.at);
  target.classList.add("message");
  target.classList.toggle("deleted", deleted);
  target.classList.toggle("mine", mine);
  target.classList.toggle("pending", pending);
  target.classList.toggle("failed", source.classList.contains("failed"));
  target.classList.toggle("mentions-me", !deleted && formatted.mentionsMe && !mine);
  if (inThread) target.classList.toggle("thread-parent", source.dataset.replyTo === "0");

  const gutter = document.createElement("div");
  gutter.className = "gutter";
  gutter.append(avatar(author, nameOf(author)));
  const shortTime = document.createElement("time");
  shortTime.className = "gutter-time";
  shortTime.setAttribute("aria-hidden", "true");
  shortTime.textContent = Number.isNaN(at.getTime()) ? "" : clock.formatTime(at);
  gutter.append(shortTime);

  const content = document.createElement("div");
  content.className = "content";
  const meta = document.createElement("p");
  meta.className = "meta";
  const name = document.createElement(author ? "a" : "span");
  name.className = "author";
  if (author) name.href = `/people/${author}`;
  name.textContent = nameOf(author);
  const time = document.createElement("time");
  if (!Number.isNaN(at.getTime())) {
    time.dateTime = source.dataset.at;
    time.textContent = clock.formatTime(at);
    time.title = clock.formatFull(at);
  }
  meta.append(name, " ", time);
  if (pending) {
    const note = document.createElement("span");
    note.className = "sending hint";
    note.textContent = source.failReason ? ` not sent: ${source.failReason}` : " sending…";
    meta.append(note);
  }
  content.append(meta);

  if (!inThread && source.classList.contains("orphan-reply")) {
    const ref = document.createElement("p");
    ref.className = "reply-ref";
    const text = options.parentText();
    const open = button(`↪ In a thread${text ? `: ${text}` : ""} · View thread`, "link");
    open.addEventListener("click", () => handlers.onThread(Number(source.dataset.replyTo), false));
    ref.append(open);
    content.append(ref);
  }

  const body = document.createElement("div");
  body.className = "body";
  if (deleted) {
    const gone = document.createElement("em");
    gone.textContent = "message deleted";
    body.append(gone);
  } else {
    body.append(formatted.fragment);
    if (source.dataset.edited === "true") {
      const edited = document.createElement("span");
      edited.className = "edited hint";
      edited.textContent = " (edited)";
      body.append(edited);
    }
  }
  content.append(body);
  if (!deleted) {
    content.append(reactionBar(source, me, nameOf, handlers));
    if (!pending) content.append(actions(source, { inThread, mine, nameOf, me, handlers }));
  }
  target.replaceChildren(gutter, content);

  if (refocus) {
    const again = [...target.querySelectorAll("button, a")].find((el) => focusKey(el) === refocus);
    if (again) again.focus();
  }
  return target;
}

function reactionBar(source, me, nameOf, handlers) {
  const bar = document.createElement("ul");
  bar.className = "reactions";
  bar.setAttribute("aria-label", "Reactions");
  for (const group of source.reactions || []) {
    if (!group.people.length) continue;
    const on = group.people.includes(me);
    const who = group.people.map((p) => nameOf(p)).join(", ");
    // The accessible name starts with the visible text ("👍 2"), then says who.
    const b = button(`${group.emoji} ${group.people.length}`, "reaction",
      `${group.emoji} ${group.people.length}, from ${who}${on ? " (you; press to take back)" : ""}`);
    b.setAttribute("aria-pressed", String(on));
    b.title = who;
    b.addEventListener("click", () => handlers.onReact(Number(source.dataset.id), group.emoji, !on));
    const li = document.createElement("li");
    li.append(b);
    bar.append(li);
  }
  return bar;
}

function actions(source, { inThread, mine, nameOf, me, handlers }) {
  const id = Number(source.dataset.id);
  const who = nameOf(Number(source.dataset.author));
  const row = document.createElement("div");
  row.className = "actions";
  const parent = Number(source.dataset.replyTo) || id;
  const reply = inThread
    ? button("Reply", "link", `Reply in this thread to ${who}`)
    : button("Reply in thread", "link", `Reply in a thread to ${who}`);
  reply.addEventListener("click", () => handlers.onThread(parent, true));
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
      const group = (source.reactions || []).find((g) => g.emoji === emoji);
      handlers.onReact(id, emoji, !(group && group.people.includes(me)));
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
      event.stopPropagation();
      picker.hidden = true;
      react.setAttribute("aria-expanded", "false");
      react.focus();
    }
  });
  row.append(reply, react, picker);
  if (mine) {
    const edit = button("Edit", "link", "Edit your message");
    edit.addEventListener("click", () => handlers.onEdit(id, source.bodyText));
    const remove = button("Delete", "link danger-text", "Delete your message");
    remove.addEventListener("click", () => handlers.onDelete(id));
    row.append(edit, remove);
  }
  return row;
}
