// Light formatting for message bodies: links, `code` and @mentions. It builds DOM nodes from
// text (never HTML), so nothing a person writes can become markup. Line breaks are kept by CSS.

const URL_PATTERN = /\bhttps?:\/\/[^\s<>"]+/gi;
const TRAILING = /[.,;:!?)\]}'"]+$/;

/// Appends `text` with links to `parent`.
function appendLinks(parent, text, mention) {
  let last = 0;
  for (const match of text.matchAll(URL_PATTERN)) {
    let url = match[0];
    const trailing = url.match(TRAILING);
    if (trailing) url = url.slice(0, -trailing[0].length);
    if (!url) continue;
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

/// A function appending text with @mentions of the given people highlighted.
function mentioner(names, me) {
  // Longest names first, so "@Ada Lovelace" wins over "@Ada".
  const known = Object.entries(names)
    .map(([id, person]) => ({ id: Number(id), name: person.name || "" }))
    .filter((p) => p.name)
    .sort((a, b) => b.name.length - a.name.length);
  return (parent, text) => {
    let plain = "";
    let i = 0;
    while (i < text.length) {
      const boundary = i === 0 || /\s|[(\[]/.test(text[i - 1]);
      if (text[i] === "@" && boundary) {
        const rest = text.slice(i + 1).toLowerCase();
        let found = known.find((p) => rest.startsWith(p.name.toLowerCase()));
        let length = found ? found.name.length : 0;
        if (!found) {
          const word = rest.match(/^[\p{L}\p{N}_.-]+/u);
          if (word) length = word[0].length;
        }
        if (length > 0) {
          parent.append(plain);
          plain = "";
          const span = document.createElement("span");
          span.className = found && found.id === me ? "mention me" : "mention";
          span.textContent = text.slice(i, i + 1 + length);
          parent.append(span);
          i += 1 + length;
          continue;
        }
      }
      plain += text[i];
      i += 1;
    }
    parent.append(plain);
  };
}

/// The formatted body as a fragment: `code` spans are literal, the rest gets links and mentions.
export function formatBody(text, names = {}, me = 0) {
  const fragment = document.createDocumentFragment();
  const mention = mentioner(names, me);
  const parts = text.split(/(`[^`\n]+`)/);
  for (const part of parts) {
    if (part.length > 2 && part.startsWith("`") && part.endsWith("`")) {
      const code = document.createElement("code");
      code.textContent = part.slice(1, -1);
      fragment.append(code);
    } else if (part) {
      appendLinks(fragment, part, mention);
    }
  }
  return fragment;
}

/// The first line of a body, shortened, for reply references.
export function excerpt(text, max = 80) {
  const line = (text || "").split("\n")[0];
  return line.length > max ? `${line.slice(0, max)}…` : line;
}
