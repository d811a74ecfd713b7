// Small enhancements shared by every page. Pages work without it.

import { clockPreference, renderTimes, setClockPreference } from "./clock.js";

// Ask before destructive form submissions marked with data-confirm.
for (const form of document.querySelectorAll("form[data-confirm]")) {
  form.addEventListener("submit", (event) => {
    if (!window.confirm(form.dataset.confirm)) event.preventDefault();
  });
}

// Fill an empty time-zone field from this device's zone.
for (const input of document.querySelectorAll("input[data-detect-zone]")) {
  if (!input.value) {
    try {
      input.value = Intl.DateTimeFormat().resolvedOptions().timeZone || "";
    } catch (_) {
      // Leave it empty; the server falls back to UTC.
    }
  }
}

// Copy buttons: data-copy names the input whose value to copy.
for (const button of document.querySelectorAll("button[data-copy]")) {
  const source = document.getElementById(button.dataset.copy);
  if (!source || !navigator.clipboard) continue;
  button.hidden = false;
  button.addEventListener("click", async () => {
    await navigator.clipboard.writeText(source.value);
    button.textContent = "Copied";
  });
}

// The menu button at phone width shows and hides the navigation.
const header = document.querySelector("header.top");
const menu = document.getElementById("menu-button");
if (header && menu) {
  menu.addEventListener("click", () => {
    const open = !header.classList.contains("open");
    header.classList.toggle("open", open);
    menu.setAttribute("aria-expanded", String(open));
  });
}

// The theme switch: system → light → dark, saved in this browser (theme.js applies it early).
const THEMES = ["system", "light", "dark"];
const THEME_TEXT = { system: "Theme: system", light: "Theme: light", dark: "Theme: dark" };
const themeButton = document.getElementById("theme-switch");
function savedTheme() {
  try {
    return window.localStorage.getItem("hallway-theme") || "system";
  } catch (_) {
    return "system";
  }
}
function applyTheme(theme) {
  const root = document.documentElement;
  if (theme === "system") root.removeAttribute("data-theme");
  else root.setAttribute("data-theme", theme);
  themeButton.textContent = THEME_TEXT[theme];
}
if (themeButton) {
  themeButton.hidden = false;
  applyTheme(THEMES.includes(savedTheme()) ? savedTheme() : "system");
  themeButton.addEventListener("click", () => {
    const next = THEMES[(THEMES.indexOf(savedTheme()) + 1) % THEMES.length];
    try {
      window.localStorage.setItem("hallway-theme", next);
    } catch (_) {
      // Not saved; it still applies to this page.
    }
    applyTheme(next);
  });
}

// The clock switch: the locale's own clock, 12-hour or 24-hour, for every time on every page.
const CLOCK_TEXT = { auto: "Clock: auto", 12: "Clock: 12 h", 24: "Clock: 24 h" };
const clockButton = document.getElementById("clock-switch");
if (clockButton) {
  clockButton.hidden = false;
  clockButton.textContent = CLOCK_TEXT[clockPreference()];
  clockButton.addEventListener("click", () => {
    const order = ["auto", "12", "24"];
    const next = order[(order.indexOf(clockPreference()) + 1) % order.length];
    setClockPreference(next);
    clockButton.textContent = CLOCK_TEXT[next];
  });
}
renderTimes();
