// The thread panel: a message and its replies beside the channel (over it at phone width),
// with its own box to reply in the thread. It paints copies of the channel's items, so edits,
// reactions and new replies show in both.

import { Composer } from "./composer.js";

export class ThreadView {
  /// `load(id)` scrolls back until message `id` is loaded and says whether it is.
  constructor({ panel, list, live, room, load, onClose }) {
    this.panel = panel;
    this.list = list;
    this.load = load;
    this.onClose = onClose || (() => {});
    this.parent = null;
    this.opener = null;
    this.items = panel.querySelector(".thread-messages");
    this.heading = panel.querySelector("h2");
    this.status = panel.querySelector(".thread-status");
    this.composer = new Composer({
      form: panel.querySelector("form"),
      live,
      room,
      list,
      replyTo: () => this.parent,
    });
    panel.querySelector(".close-thread").addEventListener("click", () => this.close());
    panel.addEventListener("keydown", (event) => {
      if (event.key === "Escape" && !event.defaultPrevented) {
        event.preventDefault();
        this.close();
      }
    });
  }

  get isOpen() {
    return this.parent !== null;
  }

  /// Whether message `id` is shown in the open thread.
  shows(id) {
    return this.isOpen && [...this.items.children].some((li) => li.dataset.id === String(id));
  }

  /// Opens the thread of `parent`; `focusComposer` puts the cursor in its box.
  async open(parent, focusComposer) {
    if (!this.isOpen || this.opener === null) this.opener = document.activeElement;
    this.parent = parent;
    this.panel.hidden = false;
    document.body.classList.add("thread-open");
    this.composer.edit(null, "");
    if (!this.list.item(parent)) {
      this.status.textContent = "Loading the thread…";
      this.items.replaceChildren();
      const found = await this.load(parent);
      if (this.parent !== parent) return;
      this.status.textContent = found ? "" : "That message is too far back to show here.";
    } else {
      this.status.textContent = "";
    }
    this.render();
    if (focusComposer) this.composer.focus();
    else this.heading.focus();
  }

  close() {
    if (!this.isOpen) return;
    const parent = this.parent;
    this.parent = null;
    this.panel.hidden = true;
    document.body.classList.remove("thread-open");
    this.items.replaceChildren();
    const opener = this.opener;
    this.opener = null;
    // The control that opened the thread may have been repainted since: then its message's.
    const fallback = document.querySelector(`#m-${parent} .thread-summary button, #m-${parent} .actions button`);
    if (opener && opener.isConnected && opener !== document.body) opener.focus();
    else if (fallback) fallback.focus();
    this.onClose();
  }

  /// Repaints when any of `changed` belongs to the open thread.
  changed(changed) {
    if (!this.isOpen) return;
    const id = String(this.parent);
    if (changed.some((li) => li.dataset.id === id || li.dataset.replyTo === id)) this.render();
  }

  render() {
    const parent = this.list.item(this.parent);
    if (!parent) return;
    const replies = this.list.repliesOf(this.parent);
    const stick = this.items.scrollHeight - this.items.scrollTop - this.items.clientHeight < 80;
    const views = [this.list.threadCopy(parent)];
    if (replies.length) {
      const divider = document.createElement("li");
      divider.className = "thread-count hint";
      divider.textContent = replies.length === 1 ? "1 reply" : `${replies.length} replies`;
      views.push(divider);
    }
    for (const reply of replies) views.push(this.list.threadCopy(reply));
    // Painting a copy keeps focus only within that copy; keep it across the whole list too.
    const active = document.activeElement;
    const focusedId = active && this.items.contains(active) && active.closest("li[data-id]")
      ? active.closest("li[data-id]").dataset.id : null;
    const label = focusedId && (active.getAttribute("aria-label") || active.textContent);
    this.items.replaceChildren(...views);
    if (focusedId) {
      const item = [...this.items.children].find((li) => li.dataset.id === focusedId);
      const again = item && [...item.querySelectorAll("button, a")]
        .find((el) => (el.getAttribute("aria-label") || el.textContent) === label);
      if (again) again.focus();
    }
    if (stick) this.items.scrollTop = this.items.scrollHeight;
  }
}
