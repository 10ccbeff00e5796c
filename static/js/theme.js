// Light/dark theme: the choice is stored in localStorage; without one, the OS preference applies.
// Loaded (not deferred) in <head> so the stored theme is set before the first paint.
(function () {
  var KEY = "devhub-theme";
  var root = document.documentElement;

  function stored() {
    try { return localStorage.getItem(KEY); } catch (e) { return null; }
  }

  function preferred() {
    var saved = stored();
    if (saved === "light" || saved === "dark") return saved;
    return window.matchMedia && window.matchMedia("(prefers-color-scheme: dark)").matches ? "dark" : "light";
  }

  function apply(theme) {
    root.setAttribute("data-theme", theme);
    document.querySelectorAll("[data-theme-toggle]").forEach(function (button) {
      var dark = theme === "dark";
      var label = button.querySelector("[data-theme-label]");
      if (label) label.textContent = dark ? "Light theme" : "Dark theme";
      button.setAttribute("title", dark ? "Switch to the light theme" : "Switch to the dark theme");
    });
  }

  apply(preferred());

  document.addEventListener("DOMContentLoaded", function () {
    apply(preferred());
    document.addEventListener("click", function (event) {
      var button = event.target.closest("[data-theme-toggle]");
      if (!button) return;
      var next = root.getAttribute("data-theme") === "dark" ? "light" : "dark";
      try { localStorage.setItem(KEY, next); } catch (e) { /* private mode: still switch */ }
      apply(next);
    });
  });
})();
