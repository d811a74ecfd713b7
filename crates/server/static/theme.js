// Applies this browser's saved theme before the first paint. A classic script in <head>
// (not a module), so it runs before the body is drawn and the page never flashes the wrong
// theme; without a saved choice the system's light or dark preference applies (app.css).
(function () {
  var root = document.documentElement;
  root.classList.add("js");
  try {
    var theme = window.localStorage.getItem("hallway-theme");
    if (theme === "light" || theme === "dark") root.setAttribute("data-theme", theme);
  } catch (_) {
    // Storage may be blocked; the system theme applies.
  }
})();
