// Small enhancements shared by every page. Pages work without it.

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
