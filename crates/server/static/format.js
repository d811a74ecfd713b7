// Light formatting for message bodies: ``` fenced code blocks ```, `code`, links and
// @mentions. It builds DOM nodes from text (never HTML), so nothing a person writes can become
// markup. Line breaks are kept by CSS.

const URL_PATTERN = /\bhttps?:\/\/[^\s<>"]+/gi;
const TRAILING = /[.,;:!?'"*_]$/;
const CLOSERS = { ")": "(", "]": "[", "}": "{" };
// A fence opens at the start of a line and closes with ``` on a line of its own (or the end).
const FENCE = /(^|\n)```([^\n`]*)\n([\s\S]*?)(?:\n```[ \t]*(?=\n|$)|$)/g;

function count(text, char) {
  let n = 0;
  for (const c of text) if (c === char) n += 1;
  return n;
}

/// The link part of a matched URL: trailing punctuation stays outside, and so does a closing
/// bracket the URL did not open (so "(see https://x.org/a_(b))." links "https://x.org/a_(b)").
export function trimUrl(url) {
  for (;;) {
    const last = url[url.length - 1];
    if (TRAILING.test(last)) {
      url = url.slice(0, -1);
    } else if (CLOSERS[last] && count(url, last) > count(url, CLOSERS[last])) {
      url = url.slice(0, -1);
    } else {
      return url;
    }
  }
}

/// Appends `text` with links to `parent`.
function appendLinks(parent, text, mention) {
  let last = 0;
  for (const match of text.matchAll(URL_PATTERN)) {
    const url = trimUrl(match[0]);
    if (url.length <= "https://".length) continue;
    mention(parent, text.slice(last, match.index));
    const link = document.createElement("a");
    link.href = url;
    link.textContent = url;
    link.rel = "noopener noreferrer nofollow";
    link.target = "_blank";
    parent.append(link);
    last = match.index + url.length;
  }
  mention(parent, text.slice(last));
}

function escapeRegExp(text) {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/// A function appending text with @mentions highlighted; mentions of `me` (by full name, or
/// by first name with or without @) get the "me" class and set `found.me`.
function mentioner(names, me, found) {
  // Longest names first, so "@Ada Lovelace" wins over "@Ada".
  const known = Object.entries(names)
    .map(([id, person]) => ({ id: Number(id), name: person.name || "" }))
    .filter((p) => p.name)
    .sort((a, b) => b.name.length - a.name.length);
  const myName = (names[me] && names[me].name) || "";
  const first = myName.split(/\s+/)[0] || "";
  // The viewer's first name as a whole word, e.g. "Ada, can you look?" (not "Adam").
  const bare = first.length >= 2
    ? new RegExp(`(^|[^\\p{L}\\p{N}_@])(${escapeRegExp(first)})(?![\\p{L}\\p{N}_])`, "gu")
    : null;
  const highlight = (parent, text, mine) => {
    const span = document.createElement("span");
    span.className = mine ? "mention me" : "mention";
    span.textContent = text;
    parent.append(span);
    if (mine) found.me = true;
  };
  const plainWithFirstName = (parent, text) => {
    if (!bare || !text) {
      parent.append(text);
      return;
    }
    let last = 0;
    for (const match of text.matchAll(bare)) {
      const start = match.index + match[1].length;
      parent.append(text.slice(last, start));
      highlight(parent, match[2], true);
      last = start + match[2].length;
    }
    parent.append(text.slice(last));
  };
  return (parent, text) => {
    let plain = "";
    let i = 0;
    while (i < text.length) {
      const boundary = i === 0 || /\s|[(\[]/.test(text[i - 1]);
      if (text[i] === "@" && boundary) {
        const rest = text.slice(i + 1).toLowerCase();
        const person = known.find((p) => rest.startsWith(p.name.toLowerCase()));
        let length = person ? person.name.length : 0;
        let mine = Boolean(person && person.id === me);
        if (!person) {
          const word = rest.match(/^[\p{L}\p{N}_.-]+/u);
          if (word) {
            length = word[0].replace(/[.-]+$/, "").length;
            mine = Boolean(first) && word[0].slice(0, length) === first.toLowerCase();
          }
        }
        if (length > 0) {
          plainWithFirstName(parent, plain);
          plain = "";
          highlight(parent, text.slice(i, i + 1 + length), mine);
          i += 1 + length;
          continue;
        }
      }
      plain += text[i];
      i += 1;
    }
    plainWithFirstName(parent, plain);
  };
}

/// Inline formatting: `code` (and ```code``` on one line) is literal, the rest gets links and
/// mentions.
function appendInline(parent, text, mention) {
  for (const part of text.split(/(```[^\n]+?```|`[^`\n]+`)/)) {
    const ticks = part.startsWith("```") && part.length > 6 ? 3 : 1;
    if (part.length > 2 * ticks && part.startsWith("`") && part.endsWith("`")) {
      const code = document.createElement("code");
      code.textContent = part.slice(ticks, -ticks);
      parent.append(code);
    } else if (part) {
      appendLinks(parent, part, mention);
    }
  }
}

/// The formatted body as a fragment, and whether it mentions the viewer:
/// `{ fragment, mentionsMe }`.
export function formatMessage(text, names = {}, me = 0) {
  const fragment = document.createDocumentFragment();
  const found = { me: false };
  const mention = mentioner(names, me, found);
  let last = 0;
  for (const match of text.matchAll(FENCE)) {
    const start = match.index + match[1].length;
    appendInline(fragment, text.slice(last, start), mention);
    const pre = document.createElement("pre");
    pre.tabIndex = 0;
    const code = document.createElement("code");
    const language = match[2].trim();
    if (/^[\w+#.-]{1,20}$/.test(language)) {
      code.dataset.language = language;
      pre.setAttribute("aria-label", `${language} code`);
    } else {
      pre.setAttribute("aria-label", "code");
    }
    code.textContent = match[3];
    pre.append(code);
    fragment.append(pre);
    last = match.index + match[0].length;
    // The line break after a closing fence belongs to the block.
    if (text[last] === "\n") last += 1;
  }
  appendInline(fragment, text.slice(last), mention);
  return { fragment, mentionsMe: found.me };
}

/// The formatted body alone (see `formatMessage`).
export function formatBody(text, names = {}, me = 0) {
  return formatMessage(text, names, me).fragment;
}

/// The first line of a body, shortened, for reply references.
export function excerpt(text, max = 80) {
  const line = (text || "").split("\n").find((l) => l.trim() && !l.startsWith("```")) || "";
  return line.length > max ? `${line.slice(0, max)}…` : line;
}
