// A message box: Enter sends, Shift+Enter adds a line, typing is signalled (never its text),
// and one of my messages can be edited in it. The room's box posts to the channel; the
// thread panel's box replies to the thread's parent.

const TYPING_EVERY_MS = 2500;

export class Composer {
  /// `form` holds a textarea, a `.composer-error` line and optionally an `.editing` note with
  /// a `.cancel-edit` button. `replyTo()` is the parent to reply to (or null); `onSent()` runs
  /// after a post leaves the box.
  constructor({ form, live, room, list, replyTo = () => null, onSent = () => {} }) {
    this.form = form;
    this.textarea = form.querySelector("textarea");
    this.error = form.querySelector(".composer-error");
    this.editingNote = form.querySelector(".editing");
    this.live = live;
    this.room = room;
    this.list = list;
    this.replyTo = replyTo;
    this.onSent = onSent;
    this.editing = null;
    this.lastTyping = 0;

    this.textarea.addEventListener("input", () => {
      this.showError("");
      if (this.editing !== null || !this.textarea.value.trim()) return;
      const now = Date.now();
      if (now - this.lastTyping > TYPING_EVERY_MS) {
        this.lastTyping = now;
        live.typing(room);
      }
    });
    this.textarea.addEventListener("keydown", (event) => {
      if (event.key === "Enter" && !event.shiftKey && !event.isComposing) {
        event.preventDefault();
        form.requestSubmit();
      } else if (event.key === "Escape" && this.editing !== null) {
        event.stopPropagation();
        this.edit(null, "");
      }
    });
    const cancel = form.querySelector(".cancel-edit");
    if (cancel) cancel.addEventListener("click", () => this.edit(null, ""));
    form.addEventListener("submit", (event) => {
      event.preventDefault();
      this.submit();
    });
  }

  showError(text) {
    this.error.textContent = text;
    this.error.hidden = !text;
  }

  /// Starts editing message `id` (or stops, with null).
  edit(id, body) {
    this.editing = id;
    if (this.editingNote) this.editingNote.hidden = id === null;
    this.textarea.value = id === null ? "" : body;
    this.textarea.focus();
  }

  focus() {
    this.textarea.focus();
  }

  submit() {
    const body = this.textarea.value.trim();
    if (!body) return;
    if (this.editing !== null) {
      const id = this.editing;
      this.live.request({ type: "edit", room: this.room, message: id, body })
        .then(() => this.edit(null, ""))
        .catch((e) => this.showError(e.message));
      return;
    }
    const replyTo = this.replyTo();
    const clientId = this.live.send(this.room, body, replyTo);
    this.list.addPending(clientId, body, replyTo);
    this.textarea.value = "";
    this.lastTyping = 0;
    this.onSent();
  }
}
