// The profile editor: use this device's time zone, copy Monday's hours to the other weekdays.

const zoneInput = document.getElementById("time_zone");
const zoneButton = document.getElementById("use-browser-zone");
let deviceZone = "";
try {
  deviceZone = Intl.DateTimeFormat().resolvedOptions().timeZone || "";
} catch (_) {
  deviceZone = "";
}
if (zoneInput && zoneButton && deviceZone && zoneInput.value !== deviceZone) {
  zoneButton.hidden = false;
  zoneButton.textContent = `Use ${deviceZone}`;
  zoneButton.addEventListener("click", () => {
    zoneInput.value = deviceZone;
    zoneButton.hidden = true;
  });
}

const copyButton = document.getElementById("copy-monday");
const monday = document.getElementById("hours-mon");
if (copyButton && monday) {
  copyButton.hidden = false;
  copyButton.addEventListener("click", () => {
    for (const day of ["tue", "wed", "thu", "fri"]) {
      const input = document.getElementById(`hours-${day}`);
      if (input) input.value = monday.value;
    }
  });
}
