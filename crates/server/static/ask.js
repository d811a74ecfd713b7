// "Who has been here before?": asks the finder (POST /api/v1/ask) and shows up to three
// colleagues, each with a one-line reason and the evidence behind it, linked to the original
// message or note. Used by the hallway's ask box and by the draft rescue's third choice.
// Everything people wrote goes into the page as text (textContent), never as HTML.

const LIMIT = 3;

const csrf = () => {
  const meta = document.querySelector('meta[name="csrf-token"]');
  return meta ? meta.content : "";
};

/// The finder's answer for `question`, or an Error whose message a person can read.
export async function askFinder(question) {
  let response;
  try {
    response = await fetch("/api/v1/ask", {
      method: "POST",
      credentials: "same-origin",
      headers: { "Content-Type": "application/json", "X-CSRF-Token": csrf() },
      body: JSON.stringify({ question, limit: LIMIT }),
    });
  } catch (_) {
    throw new Error("Could not reach Hallway. Check your connection and try again.");
  }
  const body = await response.json().catch(() => ({}));
  if (!response.ok) throw new Error(body.detail || `The finder answered ${response.status}.`);
  return body;
}

const el = (tag, className, text) => {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
};

/// The excerpt with the parts matching the question in <mark>; ranges are UTF-8 byte offsets.
function excerptNode(excerpt, ranges) {
  const q = el("q", "excerpt");
  const bytes = new TextEncoder().encode(excerpt);
  const decode = (from, to) => new TextDecoder().decode(bytes.slice(from, to));
  let at = 0;
  for (const [start, end] of [...(ranges || [])].sort((a, b) => a[0] - b[0])) {
    if (start < at || end > bytes.length || end <= start) continue;
    if (start > at) q.append(decode(at, start));
    q.append(el("mark", "", decode(start, end)));
    at = end;
  }
  if (at < bytes.length) q.append(decode(at, bytes.length));
  return q;
}

function where(snippet) {
  const date = (snippet.at || "").slice(0, 10);
  if (snippet.kind === "message") return `#${snippet.room ? snippet.room.name : "a room"}, ${date}`;
  if (snippet.kind === "note") return `Note “${snippet.title || ""}”, ${date}`;
  return "Ask me about";
}

function personItem(found) {
  const li = el("li", "card ask-person");
  li.dataset.person = found.person;
  const heading = el("h3");
  const name = el("a", "ask-name", found.name);
  name.href = `/people/${found.person}`;
  heading.append(name);
  if (!found.active) heading.append(el("span", "hint", " (not signed up yet)"));
  li.append(heading, el("p", "ask-reason", found.reason));
  const snippets = el("ul", "snippets");
  for (const snippet of found.evidence || []) {
    const item = el("li", "snippet");
    item.dataset.kind = snippet.kind;
    const link = el("a", "snippet-link", where(snippet));
    link.href = snippet.link;
    item.append(link, ": ", excerptNode(snippet.excerpt, snippet.highlighted));
    snippets.append(item);
  }
  li.append(snippets);
  return li;
}

/// Shows `answer` in `list` (an <ol>), replacing what was there; says so when nobody fits.
export function renderAnswer(list, status, answer) {
  list.replaceChildren(...answer.people.map(personItem));
  status.textContent = answer.people.length
    ? ""
    : "Nobody has been here before, as far as the rooms and notes you can read show.";
}

/// Asks `question` and shows the outcome in `card` (its `.ask-results` list, its `.ask-status`
/// line and its `.ask-error` alert).
export async function answerInto(card, question) {
  const list = card.querySelector(".ask-results");
  const status = card.querySelector(".ask-status");
  const error = card.querySelector(".ask-error");
  card.hidden = false;
  error.textContent = "";
  error.hidden = true;
  list.replaceChildren();
  if (!question.trim()) {
    status.textContent = "";
    error.textContent = "Type a question first, e.g. “who knows about certificate pinning?”";
    error.hidden = false;
    return;
  }
  status.textContent = "Asking…";
  card.dataset.state = "asking";
  try {
    renderAnswer(list, status, await askFinder(question));
    card.dataset.state = "answered";
  } catch (problem) {
    status.textContent = "";
    error.textContent = problem.message;
    error.hidden = false;
    card.dataset.state = "failed";
  }
}

/// The hallway's ask box: a form with a question field, answered in `card`.
export function mountAskBox(form, card) {
  const input = form.querySelector("input, textarea");
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    answerInto(card, input.value).then(() => {
      if (!card.querySelector(".ask-error").hidden) input.setAttribute("aria-invalid", "true");
      else input.removeAttribute("aria-invalid");
    });
  });
}

// On the hallway page, the ask box mounts itself.
const hallwayBox = document.getElementById("ask-form");
if (hallwayBox) mountAskBox(hallwayBox, document.getElementById("ask-card"));
