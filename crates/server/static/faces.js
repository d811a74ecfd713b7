// Faces and status badges, the same as the server draws them (pages/faces.rs): initials on a
// colour fixed per person, and a status as shape + colour + word. Names go in as text only.

export const STATUS_LABELS = {
  open_to_chat: "Open to chat",
  focusing: "Focusing",
  away: "Away",
  do_not_disturb: "Do not disturb",
};

/// Up to two letters: the first of the first word and of the last word, upper-cased.
export function initials(name) {
  const words = String(name || "").trim().split(/\s+/).filter(Boolean);
  if (words.length === 0) return "?";
  const first = (word) => Array.from(word)[0].toUpperCase();
  return words.length > 1 ? first(words[0]) + first(words[words.length - 1]) : first(words[0]);
}

export function hueClass(id) {
  return `hue-${(((Number(id) * 5) % 12) + 12) % 12}`;
}

/// A face: `href` makes it a link; the name is the accessible text and the tooltip.
export function face(id, name, { size = "", href = "" } = {}) {
  const element = document.createElement(href ? "a" : "span");
  if (href) element.href = href;
  element.className = `face ${hueClass(id)}${size ? ` ${size}` : ""}`;
  element.title = name;
  element.dataset.person = String(Number(id));
  const letters = document.createElement("span");
  letters.setAttribute("aria-hidden", "true");
  letters.textContent = initials(name);
  const label = document.createElement("span");
  label.className = "visually-hidden";
  label.textContent = name;
  element.append(letters, label);
  return element;
}

/// Sets a `.status` element to an availability: its shape and colour (CSS) and its word.
export function showStatus(element, availability) {
  const value = STATUS_LABELS[availability] ? availability : "open_to_chat";
  element.dataset.availability = value;
  const word = element.querySelector(".status-word") || element;
  word.textContent = STATUS_LABELS[value];
}
