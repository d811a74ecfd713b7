// The abandoned-draft rescue. When someone types a message of a few words (4 or more) and then
// clears it, leaves it unsent for about 20 seconds, or leaves the room with it unsent, they
// alone see a quiet card offering to say it out loud (join this room's voice), to ask the
// finder "Who has been here before?" with it, or to keep it as a draft (restored into the box
// next time).
//
// Privacy: the draft text leaves this browser only when its author clicks "Who has been here
// before?", and then only as that one question to the finder. Otherwise it lives in the text
// box, in this module's memory and, when its author asks, in localStorage. No fetch, XHR, beacon
// or WebSocket frame carries it (typing frames carry no text).

const MIN_WORDS = 4;
const IDLE_MS = 20000;

const words = (text) => text.trim().split(/\s+/).filter(Boolean).length;

/// The page gives the memory finder ("Who has been here before?") as a function taking the
/// draft text (room.js, with ask.js); the card then shows the third choice. Only the author's
/// click on that choice may send the text anywhere.
let memoryFinder = null;
export function setMemoryFinder(find) {
  memoryFinder = find;
  for (const b of document.querySelectorAll("#draft-ask")) b.hidden = !find;
}

export class DraftRescue {
  /// `sayItOutLoud()` joins the room's voice; `paused()` is true while editing a message.
  constructor({ room, textarea, card, sayItOutLoud, paused }) {
    this.textarea = textarea;
    this.card = card;
    this.sayItOutLoud = sayItOutLoud;
    this.paused = paused || (() => false);
    this.keptKey = `hallway.draft.${room}`;
    this.leftKey = `hallway.draft.left.${room}`;
    this.remembered = "";
    this.offered = "";
    this.idleTimer = null;
    this.text = card.querySelector("#draft-text");
    card.querySelector("#draft-voice").addEventListener("click", () => this.choose("voice"));
    card.querySelector("#draft-keep").addEventListener("click", () => this.choose("keep"));
    card.querySelector("#draft-dismiss").addEventListener("click", () => this.choose("dismiss"));
    const ask = card.querySelector("#draft-ask");
    ask.hidden = !memoryFinder;
    ask.addEventListener("click", () => {
      if (memoryFinder) memoryFinder(this.offered);
      this.hide();
    });
    textarea.addEventListener("input", () => this.typed());
    window.addEventListener("pagehide", () => this.leaving());
    this.restore();
  }

  restore() {
    const kept = this.load(this.keptKey);
    const left = this.load(this.leftKey);
    if (kept && !this.textarea.value) {
      this.textarea.value = kept;
      this.forget(this.keptKey);
    } else if (left) {
      this.forget(this.leftKey);
      this.offer(left, "left");
    }
  }

  load(key) {
    try {
      return localStorage.getItem(key) || "";
    } catch (_) {
      return "";
    }
  }

  save(key, value) {
    try {
      localStorage.setItem(key, value);
    } catch (_) {
      // Storage is full or disabled; the draft stays only in the box.
    }
  }

  forget(key) {
    try {
      localStorage.removeItem(key);
    } catch (_) {
      // Nothing kept.
    }
  }

  typed() {
    clearTimeout(this.idleTimer);
    if (this.paused()) return;
    const value = this.textarea.value;
    if (words(value) >= MIN_WORDS) {
      this.remembered = value;
      if (!this.card.hidden && this.mode === "idle") this.hide();
      this.idleTimer = setTimeout(() => this.idle(), IDLE_MS);
    } else if (!value.trim() && this.remembered) {
      const cleared = this.remembered;
      this.remembered = "";
      this.offer(cleared, "cleared");
    } else if (!value.trim()) {
      this.remembered = "";
    }
  }

  idle() {
    const value = this.textarea.value;
    if (!this.paused() && words(value) >= MIN_WORDS && value === this.remembered) {
      this.offer(value, "idle");
    }
  }

  /// The message was sent: nothing to rescue.
  sent() {
    clearTimeout(this.idleTimer);
    this.remembered = "";
    this.forget(this.keptKey);
    this.hide();
  }

  /// Leaving the room with an unsent message: offer the rescue next time.
  leaving() {
    const value = this.textarea.value;
    if (!this.paused() && words(value) >= MIN_WORDS) this.save(this.leftKey, value);
  }

  offer(text, mode) {
    this.offered = text;
    this.mode = mode;
    this.text.textContent = text;
    this.card.dataset.mode = mode;
    this.card.hidden = false;
  }

  hide() {
    this.card.hidden = true;
    this.offered = "";
    this.text.textContent = "";
  }

  choose(choice) {
    const text = this.offered;
    if (choice === "keep" && text) {
      this.save(this.keptKey, text);
      if (this.mode === "left" && !this.textarea.value) this.textarea.value = text;
    }
    this.hide();
    if (choice === "voice") this.sayItOutLoud();
    this.textarea.focus();
  }
}
