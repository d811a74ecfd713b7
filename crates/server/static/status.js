// The header's compact status control: your status as shape + colour + word, and a small
// form to change it (availability, until when, working on). Saving goes over the tab's live
// connection (opened on first use on pages that have none). The hallway calls
// `showMyStatus` when your status changes elsewhere (another tab, another device).

import { connectLive } from "./live.js";
import { showStatus } from "./faces.js";

const control = document.getElementById("status-control");
const form = document.getElementById("status-form");
const saved = document.getElementById("status-saved");

/// Shows `status` ({availability, working_on}) in the header control and its form.
export function showMyStatus(status) {
  if (!control) return;
  const availability = (status && status.availability) || "open_to_chat";
  showStatus(document.getElementById("my-status"), availability);
  form.elements.availability.value = availability;
  const working = form.elements.working_on;
  if (document.activeElement !== working) working.value = (status && status.working_on) || "";
}

function untilFrom(choice) {
  if (!choice) return null;
  const end = new Date();
  if (choice === "eod") {
    end.setHours(23, 59, 0, 0);
  } else {
    end.setTime(end.getTime() + Number(choice) * 60000);
  }
  return end.toISOString();
}

if (control && form) {
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const frame = {
      type: "status",
      availability: form.elements.availability.value,
      working_on: form.elements.working_on.value.trim(),
    };
    const until = untilFrom(form.elements.until.value);
    if (until && frame.availability !== "open_to_chat") frame.until = until;
    saved.textContent = "Saving…";
    connectLive().request(frame)
      .then(() => {
        saved.textContent = "Saved: everyone sees it now.";
        showMyStatus(frame);
      })
      .catch((e) => {
        saved.textContent = `Not saved: ${e.message}`;
      });
  });
  control.addEventListener("keydown", (event) => {
    if (event.key === "Escape" && control.open) {
      control.open = false;
      control.querySelector("summary").focus();
    }
  });
  document.addEventListener("click", (event) => {
    if (control.open && !control.contains(event.target)) control.open = false;
  });
}
