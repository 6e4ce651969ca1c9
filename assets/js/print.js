// The report's print button: shown only where a script can print, since the
// browser's own print command (Ctrl+P) does the same without it.
"use strict";
document.querySelectorAll("[data-print]").forEach((button) => {
  button.hidden = false;
  button.addEventListener("click", () => window.print());
});
